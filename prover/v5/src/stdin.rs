//! Stdin from JS: an array of `Uint8Array` chunks, one per guest `read`, and an encoder for the
//! bundled guests' typed inputs.

use js_sys::{Array, Uint8Array};
use sp1_wasm::{guests::Guest, stdin_from_chunks, SP1Stdin};
use wasm_bindgen::prelude::*;

use crate::error::js_error;

/// Stdin from `Uint8Array[]`.
pub(crate) fn stdin_from_js(chunks: &Array) -> Result<SP1Stdin, JsValue> {
    Ok(stdin_from_chunks(sp1_wasm_boundary::stdin_chunks(chunks)?))
}

/// Encodes a bundled guest's input, given as JSON text, into stdin chunks for `generateProof`
/// and `execute`: fibonacci takes a number, keccak and hashes `{"data": [bytes], "rounds": n}`,
/// stats `{"name": "...", "values": [numbers]}`.
#[wasm_bindgen(js_name = encodeGuestInput)]
pub fn encode_guest_input(guest: &str, input_json: &str) -> Result<Array, JsValue> {
    let guest: Guest = guest.parse().map_err(js_error)?;
    let stdin = guest.stdin_from_json(input_json).map_err(js_error)?;
    Ok(stdin.buffer.iter().map(|chunk| Uint8Array::from(chunk.as_slice())).collect())
}

/// Decodes a bundled guest's public values into its output, as a plain object.
#[wasm_bindgen(js_name = decodeGuestOutput)]
pub fn decode_guest_output(guest: &str, public_values: &[u8]) -> Result<JsValue, JsValue> {
    let guest: Guest = guest.parse().map_err(js_error)?;
    let output = guest
        .decode_output(&sp1_wasm::SP1PublicValues::from(public_values))
        .map_err(js_error)?;
    Ok(sp1_wasm_boundary::to_js(&output))
}
