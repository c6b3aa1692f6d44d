//! What the measuring binaries share: the guests' stdin, and the figures they print.

use std::time::Instant;

use sp1_sdk::SP1Stdin;

/// The stdin of a guest that reads one u32 (the fibonacci guest's n, the precompile guest's rounds).
pub fn stdin_of(n: u32) -> SP1Stdin {
    let mut stdin = SP1Stdin::new();
    stdin.write(&n);
    stdin
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
