//! What the measuring binaries share: the guests' stdin, and the figures they print.

use std::{path::Path, time::Instant};

use sp1_sdk::SP1Stdin;
use sp1_wasm_guest_types::Dataset;

/// The stdin of the guest of `elf` for its input `n`: the stats guest reads a `Dataset` of `n`
/// values (the series `web/bench/series.mjs` makes, as the browser's runs get), the others one
/// u32 (the fibonacci guest's n, the precompile guest's rounds).
pub fn stdin_of(elf: &Path, n: u32) -> SP1Stdin {
    let mut stdin = SP1Stdin::new();
    if elf.file_stem().is_some_and(|stem| stem == "stats-v6") {
        stdin.write(&Dataset { name: "series".into(), values: series(n) });
    } else {
        stdin.write(&n);
    }
    stdin
}

/// `count` pseudo-random signed 31-bit values from a linear congruential generator: the series
/// of `web/bench/series.mjs`.
fn series(count: u32) -> Vec<i64> {
    let mut state = 12345u32;
    (0..count)
        .map(|_| {
            state = state.wrapping_mul(1103515245).wrapping_add(12345);
            i64::from(state >> 1) - (1 << 30)
        })
        .collect()
}

pub fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}

/// Peak resident memory of this process in MiB, from getrusage. (The executor's child process
/// is forked from it, so its own peak counts the pages it shares with this one: not reported.)
pub fn peak_rss_mib() -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; zeroed is a valid rusage.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    usage.ru_maxrss as f64 / 1024.0
}

/// The pool size the prover's Rayon work runs on (`RAYON_NUM_THREADS`, else every core).
pub fn rayon_threads() -> usize {
    std::env::var("RAYON_NUM_THREADS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}
