//! Key generation: a proving-key handle that stays in wasm memory, and the verifying key.

use js_sys::Uint8Array;
use sp1_wasm::ProgramKeys;
use wasm_bindgen::prelude::*;

use crate::{core_prover::prover, error::js_error};

/// A program set up for proving: its decoded ELF, proving key and verifying key. Free it with
/// `free()` when done; it holds the preprocessed traces.
#[wasm_bindgen]
pub struct ProvingKey {
    pub(crate) keys: ProgramKeys,
}

#[wasm_bindgen]
impl ProvingKey {
    /// The verifying key as stock `SP1VerifyingKey` bincode.
    #[wasm_bindgen(getter, js_name = vkBytes)]
    pub fn vk_bytes(&self) -> Uint8Array {
        Uint8Array::from(self.keys.vk.to_bytes().as_slice())
    }

    /// The vk hash as stock `vk.bytes32()`: `0x` and 64 hex digits.
    #[wasm_bindgen(getter, js_name = vkHash)]
    pub fn vk_hash(&self) -> String {
        self.keys.vk.bytes32()
    }

    /// The whole key as bytes, for a cache (`provingKeyFromBytes` reads them back).
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Uint8Array {
        Uint8Array::from(self.keys.to_bytes().as_slice())
    }
}

/// Reads a key that `toBytes` wrote; `INVALID_PROVING_KEY` if the bytes are not one. The caller
/// checks their integrity first (decoding does not catch a changed field element).
#[wasm_bindgen(js_name = provingKeyFromBytes)]
pub fn proving_key_from_bytes(bytes: &[u8]) -> Result<ProvingKey, JsValue> {
    Ok(ProvingKey { keys: ProgramKeys::from_bytes(bytes).map_err(js_error)? })
}

/// Decodes an ELF and derives its keys (stock's setup, so the vk is the one `sp1-sdk` derives).
#[wasm_bindgen]
pub fn setup(elf: &[u8]) -> Result<ProvingKey, JsValue> {
    Ok(ProvingKey { keys: prover().setup(elf).map_err(js_error)? })
}
