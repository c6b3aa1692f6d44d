//! Errors cross the boundary as JS `Error`s with a stable `code` property.

use wasm_bindgen::prelude::*;

/// A JS `Error` with `name` "SP1WasmError" and `code` set to one of the `ErrorCode` strings.
pub(crate) fn js_error(error: sp1_wasm::Error) -> JsValue {
    coded_error(error.code().as_str(), &error.to_string())
}

pub(crate) fn coded_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("SP1WasmError");
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &"code".into(), &code.into());
    error.into()
}

/// Reads an options object; `undefined` gives the defaults.
pub(crate) fn options_from_js<T: serde::de::DeserializeOwned + Default>(value: JsValue) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| js_error(sp1_wasm::Error::InvalidOptions(e.to_string())))
}

/// Converts a result object for JS: maps become plain objects.
pub(crate) fn to_js<T: serde::Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("results are plain data")
}
