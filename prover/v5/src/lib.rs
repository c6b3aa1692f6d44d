//! SP1 5.2.4 core proving in the browser: a wasm-bindgen API over `sp1-wasm`, with Rayon across
//! Web Workers (`initThreadPool`, from wasm-bindgen-rayon).
//!
//! Built twice (see the Makefile): threaded (atomics, shared memory; needs a cross-origin
//! isolated page) and single-threaded (no atomics: any page, one core).
//!
//! Call everything from a dedicated worker, never the page's main thread: proving blocks its
//! caller, and the pool's threads wait with `Atomics.wait`, which the main thread may not use.

#![feature(thread_local)]

mod alloc;
mod core_prover;
mod error;
mod execute;
mod keys;
mod prove;
mod stdin;
mod tracing;
mod verify;

use wasm_bindgen::prelude::*;
// Selects the browser's crypto.getRandomValues for SP1's dependencies.
use getrandom_02 as _;
use getrandom_03 as _;

pub use sp1_wasm_boundary::report_fatal_errors_to;
#[cfg(target_feature = "atomics")]
pub use wasm_bindgen_rayon::init_thread_pool;

/// With threads, std's allocator serializes them on one spin lock; see `alloc`.
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
#[global_allocator]
static ALLOCATOR: alloc::ThreadCachingAllocator = alloc::ThreadCachingAllocator;

/// Runs once when the module is instantiated: panics are printed to the console with their
/// message before the instance traps.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The number of threads in the Rayon pool (1 until `initThreadPool` ran).
#[wasm_bindgen(js_name = threadCount)]
pub fn thread_count() -> usize {
    rayon::current_num_threads()
}
