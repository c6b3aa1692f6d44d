//! Execution without proving.

use js_sys::Array;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{error::js_error, prove::prover, stdin::stdin_from_js};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExecutionResult {
    cycles: u64,
    public_values_hex: String,
}

/// Runs `elf` on `stdin` (`Uint8Array[]`): `{ cycles, publicValues: Uint8Array,
/// publicValuesHex }`.
#[wasm_bindgen]
pub fn execute(elf: &[u8], stdin: &Array) -> Result<JsValue, JsValue> {
    let execution = prover().execute(elf, &stdin_from_js(stdin)?).map_err(js_error)?;
    let public_values = execution.public_values.as_slice();
    let result = ExecutionResult {
        cycles: execution.cycles,
        public_values_hex: hex::encode(public_values),
    };
    let object: js_sys::Object = crate::error::to_js(&result).into();
    crate::prove::set(&object, "publicValues", &js_sys::Uint8Array::from(public_values));
    Ok(object.into())
}
