//! Proof verification against a verifying key or the program's ELF.

use serde::Serialize;
use sp1_wasm::{SP1ProofWithPublicValues, VerifyingKey};
use wasm_bindgen::prelude::*;

use crate::{core_prover::prover, error::js_error};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Verified {
    vk_hash: String,
    shards: usize,
    public_values_hex: String,
}

/// ELF files start with these bytes; a bincode verifying key does not.
const ELF_MAGIC: &[u8] = b"\x7fELF";

/// Verifies `proof` (stock `SP1ProofWithPublicValues` bincode) against `vkOrElf`: a verifying
/// key (stock `SP1VerifyingKey` bincode) or the program's ELF. Returns `{ vkHash, shards,
/// publicValuesHex }`; throws an error with `code` `VERIFICATION_FAILED`, `INVALID_PROOF`, ...
#[wasm_bindgen(js_name = verifyProof)]
pub fn verify_proof(proof: &[u8], vk_or_elf: &[u8]) -> Result<JsValue, JsValue> {
    let proof = SP1ProofWithPublicValues::from_bytes(proof).map_err(js_error)?;
    let vk = if vk_or_elf.starts_with(ELF_MAGIC) {
        prover().setup(vk_or_elf).map_err(js_error)?.vk
    } else {
        VerifyingKey::from_bytes(vk_or_elf).map_err(js_error)?
    };
    prover().verify(&proof, &vk).map_err(js_error)?;
    Ok(sp1_wasm_boundary::to_js(&Verified {
        vk_hash: vk.bytes32(),
        shards: proof.core_shards().map_err(js_error)?.len(),
        public_values_hex: hex::encode(proof.public_values.as_slice()),
    }))
}
