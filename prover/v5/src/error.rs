//! Errors cross the boundary as JS `Error`s with a stable `code` property.

use sp1_wasm_boundary::coded_error;
use wasm_bindgen::prelude::*;

/// A JS `Error` with `name` "SP1WasmError" and `code` set to one of the `ErrorCode` strings.
pub(crate) fn js_error(error: sp1_wasm::Error) -> JsValue {
    coded_error(error.code().as_str(), &error.to_string())
}
