#![no_main]
//! Proof files: decoding, then every check of stock's core verification against the fibonacci
//! guest's verifying key. Seeded with a real proof, so mutants get past the decoder.

use libfuzzer_sys::fuzz_target;
use sp1_wasm_fuzz_v6::fibonacci_vk;
use sp1_wasm_v6::verify;

fuzz_target!(|bytes: &[u8]| {
    let _ = verify::verify_proof(bytes, fibonacci_vk());
});
