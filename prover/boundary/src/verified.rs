//! What both provers' `verifyProof` take and return alike.

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::to_js;

/// Whether `vk_or_elf` is a program's ELF rather than a verifying key: bincode keys never start
/// with the ELF magic bytes.
pub fn is_elf(vk_or_elf: &[u8]) -> bool {
    vk_or_elf.starts_with(b"\x7fELF")
}

/// `verifyProof`'s result: `{ vkHash, shards, publicValuesHex }`.
pub fn verified(vk_hash: String, shards: usize, public_values: &[u8]) -> JsValue {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Verified {
        vk_hash: String,
        shards: usize,
        public_values_hex: String,
    }
    to_js(&Verified { vk_hash, shards, public_values_hex: hex::encode(public_values) })
}
