#![no_main]
//! Verifying keys: decoding, hashing, and verifying a real proof of the default guest against
//! the decoded key (from `SP1_WASM_FUZZ_PROOF`, set by `make fuzz`).

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use sp1_wasm::{SP1ProofWithPublicValues, VerifyingKey};
use sp1_wasm_fuzz::prover;

fn proof() -> Option<&'static SP1ProofWithPublicValues> {
    static PROOF: OnceLock<Option<SP1ProofWithPublicValues>> = OnceLock::new();
    PROOF
        .get_or_init(|| {
            let path = std::env::var_os("SP1_WASM_FUZZ_PROOF")?;
            Some(SP1ProofWithPublicValues::from_bytes(&std::fs::read(path).ok()?).expect("a proof file"))
        })
        .as_ref()
}

fuzz_target!(|bytes: &[u8]| {
    if let Ok(vk) = VerifyingKey::from_bytes(bytes) {
        let _ = vk.bytes32();
        if let Some(proof) = proof() {
            let _ = prover().verify(proof, &vk);
        }
    }
});
