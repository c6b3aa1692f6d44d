//! Values crossing into JS: coded errors, plain result objects, stdin chunks, the memory's size.

use js_sys::{Array, Uint8Array, WebAssembly};
use wasm_bindgen::{prelude::*, JsCast};

/// A JS `Error` with `name` "SP1WasmError" and `code` set to one of the web package's
/// `ErrorCode` strings.
pub fn coded_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("SP1WasmError");
    set(&error, "code", &code.into());
    error.into()
}

/// Sets `object[key]`; on a plain object this cannot fail.
pub fn set(object: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(object, &key.into(), value);
}

/// Converts a result object for JS: maps become plain objects.
pub fn to_js<T: serde::Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .expect("results are plain data")
}

/// What both provers' `execute` takes: `{ maxCycles? }`.
#[derive(Default, serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ExecuteOptions {
    /// Execution stops with an error after this many cycles.
    pub max_cycles: Option<u64>,
}

/// Reads an options object; `undefined` or `null` gives the defaults, anything it cannot read
/// is `INVALID_OPTIONS`.
pub fn options_from_js<T: serde::de::DeserializeOwned + Default>(
    value: JsValue,
) -> Result<T, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| coded_error("INVALID_OPTIONS", &format!("invalid options: {e}")))
}

/// Stdin from `Uint8Array[]`, one chunk per guest `read`; anything else is `INVALID_STDIN`.
pub fn stdin_chunks(chunks: &Array) -> Result<Vec<Vec<u8>>, JsValue> {
    chunks
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            chunk.dyn_into::<Uint8Array>().map(|bytes| bytes.to_vec()).map_err(|_| {
                coded_error("INVALID_STDIN", &format!("stdin chunk {i} is not a Uint8Array"))
            })
        })
        .collect()
}

/// The wasm linear memory's current size in bytes: it only grows, so this is also its peak.
pub fn memory_bytes() -> f64 {
    let memory: WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer: js_sys::Object = memory.buffer().unchecked_into();
    js_sys::Reflect::get(&buffer, &"byteLength".into())
        .ok()
        .and_then(|length| length.as_f64())
        .unwrap_or(0.0)
}

/// A progress sink calling `callback` (if any) with `progress` as a plain object, plus
/// `memoryBytes`, the memory's size. A callback that throws is ignored: progress must not abort
/// a proof.
pub fn progress_reporter<P: serde::Serialize>(callback: Option<js_sys::Function>) -> impl FnMut(P) {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct ProgressEvent<P> {
        #[serde(flatten)]
        progress: P,
        memory_bytes: f64,
    }
    move |progress| {
        if let Some(callback) = &callback {
            let event = ProgressEvent { progress, memory_bytes: memory_bytes() };
            let _ = callback.call1(&JsValue::NULL, &to_js(&event));
        }
    }
}
