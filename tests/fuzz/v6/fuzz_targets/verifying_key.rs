#![no_main]
//! Verifying keys: decoding, then the verification of a real proof of the fibonacci guest
//! against the decoded key (which hashes it).

use libfuzzer_sys::fuzz_target;
use sp1_wasm_fuzz_v6::fibonacci_proof;
use sp1_wasm_v6::verify;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(vk) = verify::verifying_key_from_bytes(bytes) {
        let _ = verify::verify_proof(fibonacci_proof(), &vk);
    }
});
