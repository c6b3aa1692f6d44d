//! Progress events for JS: the library's typed `Progress`, plus the wasm memory in use.

use js_sys::{Function, WebAssembly};
use serde::Serialize;
use sp1_wasm::Progress;
use wasm_bindgen::{prelude::*, JsCast};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProgressEvent {
    #[serde(flatten)]
    progress: Progress,
    /// The size of the wasm memory now, in bytes: it only grows, so this is also its peak.
    memory_bytes: f64,
}

/// The wasm linear memory's current size in bytes.
pub(crate) fn memory_bytes() -> f64 {
    let memory: WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    let buffer: js_sys::Object = memory.buffer().unchecked_into();
    js_sys::Reflect::get(&buffer, &"byteLength".into())
        .ok()
        .and_then(|length| length.as_f64())
        .unwrap_or(0.0)
}

/// A progress sink calling `callback` (if any) with plain objects. A callback that throws is
/// ignored: progress must not abort a proof.
pub(crate) fn reporter(callback: Option<Function>) -> impl FnMut(Progress) {
    move |progress| {
        if let Some(callback) = &callback {
            let event = ProgressEvent { progress, memory_bytes: memory_bytes() };
            let _ = callback.call1(&JsValue::NULL, &crate::error::to_js(&event));
        }
    }
}
