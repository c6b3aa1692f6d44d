#![no_main]
//! Proof files: decoding, then every check of verification against the default guest's key.
//! Seeded with a real proof, so mutants get past the decoder.

use libfuzzer_sys::fuzz_target;
use sp1_wasm::SP1ProofWithPublicValues;
use sp1_wasm_fuzz::{fibonacci_keys, prover};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(proof) = SP1ProofWithPublicValues::from_bytes(bytes) {
        let _ = prover().verify(&proof, &fibonacci_keys().vk);
    }
});
