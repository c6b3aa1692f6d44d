#![no_main]
//! Stdin: the bundled guests' typed-input encoders on arbitrary text, and each guest run on
//! arbitrary raw chunks (its own deserialization then fails inside the zkVM, not in the host).

use libfuzzer_sys::fuzz_target;
use sp1_wasm::{guests::Guest, stdin_from_chunks};
use sp1_wasm_fuzz::{prover, MAX_CYCLES};

fuzz_target!(|input: (Vec<Vec<u8>>, &str)| {
    let (chunks, json) = input;
    let stdin = stdin_from_chunks(chunks);
    for guest in Guest::ALL {
        let _ = guest.stdin_from_json(json);
        let _ = prover().execute(guest.elf(), &stdin, Some(MAX_CYCLES));
    }
});
