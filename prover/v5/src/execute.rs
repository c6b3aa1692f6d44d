//! Execution without proving.

use js_sys::Array;
use sp1_wasm_boundary::{executed, options_from_js, ExecuteOptions};
use wasm_bindgen::prelude::*;

use crate::{core_prover::prover, error::js_error, stdin::stdin_from_js};

/// Runs `elf` on `stdin` (`Uint8Array[]`), for at most `options.maxCycles`: `{ cycles,
/// publicValues: Uint8Array, publicValuesHex }`.
#[wasm_bindgen]
pub fn execute(elf: &[u8], stdin: &Array, options: JsValue) -> Result<JsValue, JsValue> {
    let options: ExecuteOptions = options_from_js(options)?;
    let execution =
        prover().execute(elf, &stdin_from_js(stdin)?, options.max_cycles).map_err(js_error)?;
    Ok(executed(execution.cycles, execution.public_values.as_slice()))
}
