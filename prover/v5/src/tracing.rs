//! The prover's `tracing` spans as `performance.mark`/`measure` entries (tracing-web), so a page,
//! a benchmark or Chrome DevTools' Performance panel can see where the time goes.

use tracing_subscriber::{filter::LevelFilter, layer::SubscriberExt, util::SubscriberInitExt, Layer};
use tracing_web::performance_layer;
use wasm_bindgen::prelude::*;

use sp1_wasm_boundary::coded_error;

/// Records spans up to `level` ("info" for the proving phases, "debug" for per-chip detail)
/// as performance measures named `<span> [<id>]: span-measure`, in the timeline of the thread
/// that ran them. Call once per instance; later calls are errors.
#[wasm_bindgen(js_name = enableTracing)]
pub fn enable_tracing(level: &str) -> Result<(), JsValue> {
    let level: LevelFilter = level
        .parse()
        .map_err(|_| coded_error("INVALID_OPTIONS", &format!("unknown tracing level {level:?}")))?;
    tracing_subscriber::registry()
        .with(performance_layer().with_filter(level))
        .try_init()
        .map_err(|e| coded_error("INVALID_OPTIONS", &format!("tracing is already enabled: {e}")))
}
