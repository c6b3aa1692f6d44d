//! Execution without proving.

use js_sys::Array;
use serde::{Deserialize, Serialize};
use sp1_wasm_boundary::options_from_js;
use wasm_bindgen::prelude::*;

use crate::{core_prover::prover, error::js_error, stdin::stdin_from_js};

#[derive(Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ExecuteOptions {
    max_cycles: Option<u64>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExecutionResult {
    cycles: u64,
    public_values_hex: String,
}

/// Runs `elf` on `stdin` (`Uint8Array[]`), for at most `options.maxCycles`: `{ cycles,
/// publicValues: Uint8Array, publicValuesHex }`.
#[wasm_bindgen]
pub fn execute(elf: &[u8], stdin: &Array, options: JsValue) -> Result<JsValue, JsValue> {
    let options: ExecuteOptions = options_from_js(options)?;
    let execution =
        prover().execute(elf, &stdin_from_js(stdin)?, options.max_cycles).map_err(js_error)?;
    let public_values = execution.public_values.as_slice();
    let result = ExecutionResult {
        cycles: execution.cycles,
        public_values_hex: hex::encode(public_values),
    };
    let object: js_sys::Object = sp1_wasm_boundary::to_js(&result).into();
    sp1_wasm_boundary::set(&object, "publicValues", &js_sys::Uint8Array::from(public_values));
    Ok(object.into())
}
