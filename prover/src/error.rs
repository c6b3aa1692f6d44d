//! Errors cross the boundary as JS `Error`s with a stable `code` property.

use sp1_wasm_boundary::coded_error;
use wasm_bindgen::prelude::*;

/// A JS `Error` with `name` "SP1WasmError" and `code` set to one of the `ErrorCode` strings.
pub(crate) fn js_error(error: sp1_wasm::Error) -> JsValue {
    coded_error(error.code().as_str(), &error.to_string())
}

/// Reads an options object; `undefined` gives the defaults.
pub(crate) fn options_from_js<T: serde::de::DeserializeOwned + Default>(value: JsValue) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| js_error(sp1_wasm::Error::InvalidOptions(e.to_string())))
}
