#![no_main]
//! Stdin: the fibonacci guest run on arbitrary raw chunks (its own deserialization then fails
//! inside the zkVM, not in the host), for at most `MAX_CYCLES`.

use libfuzzer_sys::fuzz_target;
use sp1_wasm_fuzz_v6::{fibonacci_elf, MAX_CYCLES};
use sp1_wasm_v6::core_proof;

fuzz_target!(|chunks: Vec<Vec<u8>>| {
    let _ = core_proof::execute_elf(fibonacci_elf(), chunks, Some(MAX_CYCLES));
});
