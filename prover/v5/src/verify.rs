//! Proof verification against a verifying key or the program's ELF.

use sp1_wasm::{SP1ProofWithPublicValues, VerifyingKey};
use sp1_wasm_boundary::{is_elf, verified};
use wasm_bindgen::prelude::*;

use crate::{core_prover::prover, error::js_error};

/// Verifies `proof` (stock `SP1ProofWithPublicValues` bincode) against `vkOrElf`: a verifying
/// key (stock `SP1VerifyingKey` bincode) or the program's ELF. Returns `{ vkHash, shards,
/// publicValuesHex }`; throws an error with `code` `VERIFICATION_FAILED`, `INVALID_PROOF`, ...
#[wasm_bindgen(js_name = verifyProof)]
pub fn verify_proof(proof: &[u8], vk_or_elf: &[u8]) -> Result<JsValue, JsValue> {
    let proof = SP1ProofWithPublicValues::from_bytes(proof).map_err(js_error)?;
    let vk = if is_elf(vk_or_elf) {
        prover().setup(vk_or_elf).map_err(js_error)?.vk
    } else {
        VerifyingKey::from_bytes(vk_or_elf).map_err(js_error)?
    };
    prover().verify(&proof, &vk).map_err(js_error)?;
    let shards = proof.core_shards().map_err(js_error)?.len();
    Ok(verified(vk.bytes32(), shards, proof.public_values.as_slice()))
}
