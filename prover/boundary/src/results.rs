//! What both provers' `execute` and `verifyProof` take and return alike.

use serde::Serialize;
use wasm_bindgen::JsValue;

use crate::{set, to_js};

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

/// `execute`'s result: `{ cycles, publicValues: Uint8Array, publicValuesHex }`.
pub fn executed(cycles: u64, public_values: &[u8]) -> JsValue {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Executed {
        cycles: u64,
        public_values_hex: String,
    }
    let object: js_sys::Object =
        to_js(&Executed { cycles, public_values_hex: hex::encode(public_values) }).into();
    set(&object, "publicValues", &js_sys::Uint8Array::from(public_values));
    object.into()
}
