//! The CLI's (`main.rs`) per-span timings for `prove --json`: the wall time spent in every
//! `tracing` span on the proving thread, summed by span name. The browser build reports the same spans
//! through tracing-web's performance measures, so the benchmark compares phases like for like.

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
    thread::{self, ThreadId},
    time::Instant,
};

use serde::Serialize;
use tracing::{span, Subscriber};
use tracing_subscriber::{layer::Context, registry::LookupSpan, Layer};

#[derive(Clone, Copy, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpanTiming {
    pub total_ms: f64,
    pub count: u64,
}

/// The timings by span name, shared with the installed layer.
#[derive(Clone, Default)]
pub struct SpanTotals(Arc<Mutex<BTreeMap<&'static str, SpanTiming>>>);

impl SpanTotals {
    /// The timings so far, starting afresh.
    pub fn take(&self) -> BTreeMap<&'static str, SpanTiming> {
        std::mem::take(&mut self.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner()))
    }
}

/// Sums the time spans are entered (as tracing-web's measures do: enter to exit) by name, on the
/// thread that built the layer. Spans of Rayon's pool threads are left out: they overlap, so their sum is not time.
pub struct SpanTimings {
    thread: ThreadId,
    totals: SpanTotals,
}

impl SpanTimings {
    pub fn on_this_thread() -> Self {
        Self { thread: thread::current().id(), totals: SpanTotals::default() }
    }

    /// A handle to read the totals while the layer is installed.
    pub fn totals(&self) -> SpanTotals {
        self.totals.clone()
    }
}

struct Entered(Instant);

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for SpanTimings {
    fn on_enter(&self, id: &span::Id, ctx: Context<'_, S>) {
        if thread::current().id() == self.thread {
            if let Some(span) = ctx.span(id) {
                span.extensions_mut().replace(Entered(Instant::now()));
            }
        }
    }

    fn on_exit(&self, id: &span::Id, ctx: Context<'_, S>) {
        if thread::current().id() != self.thread {
            return;
        }
        let Some(span) = ctx.span(id) else { return };
        let Some(Entered(entered)) = span.extensions_mut().remove::<Entered>() else { return };
        let mut totals = self.totals.0.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let timing = totals.entry(span.name()).or_default();
        timing.total_ms += entered.elapsed().as_secs_f64() * 1e3;
        timing.count += 1;
    }
}
