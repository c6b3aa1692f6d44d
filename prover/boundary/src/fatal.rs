//! Reports a dying instance to the page. A panic (panic = abort on wasm32) or a failed
//! allocation traps the thread it happens on, which may be one of the pool's workers: the
//! prover's worker, blocked inside wasm waiting for the pool, would never hear of it. So the
//! hooks post the reason on a `BroadcastChannel` the page listens to, which needs no event loop
//! of the dying instance, and the page tears the worker down.

use std::{alloc::Layout, panic::PanicHookInfo, sync::OnceLock};

use wasm_bindgen::prelude::*;
use web_sys::BroadcastChannel;

use crate::js::set;

static CHANNEL_NAME: OnceLock<String> = OnceLock::new();

/// Installs the panic and allocation-failure hooks; `channel` names the page's
/// `BroadcastChannel`. Call once, before `initThreadPool`.
#[wasm_bindgen(js_name = reportFatalErrorsTo)]
pub fn report_fatal_errors_to(channel: String) {
    let _ = CHANNEL_NAME.set(channel);
    std::panic::set_hook(Box::new(|info: &PanicHookInfo| {
        console_error_panic_hook::hook(info);
        post("WORKER_CRASHED", &format!("the wasm prover panicked: {info}"), 0);
    }));
    std::alloc::set_alloc_error_hook(|layout: Layout| {
        // No formatting: the heap is what just ran out. JS numbers and strings live outside it.
        post("OUT_OF_MEMORY", "the wasm prover ran out of memory", layout.size());
    });
}

/// `{ code, message, bytes }` to the page; `bytes` is the failed allocation's size, else 0.
fn post(code: &str, text: &str, bytes: usize) {
    let Some(name) = CHANNEL_NAME.get() else { return };
    let message = js_sys::Object::new();
    set(&message, "code", &code.into());
    set(&message, "message", &text.into());
    set(&message, "bytes", &(bytes as f64).into());
    if let Ok(channel) = BroadcastChannel::new(name) {
        let _ = channel.post_message(&message);
        channel.close();
    }
}
