//! The JS side of a wasm prover, shared by both (`prover/v5/` for SP1 5.2.4, `prover/v6/` for SP1
//! 6.10.0), which the web package drives through the same worker protocol: errors with a stable
//! `code`, fatal-error reports on a `BroadcastChannel`, stdin as `Uint8Array[]`, progress events
//! with the memory's size, `execute`'s result, `verifyProof`'s arguments and result.
//!
//! Built with the nightly of `rust-toolchain.toml` (the alloc-error hook).

#![feature(alloc_error_hook)]

mod fatal;
mod js;
mod results;

pub use fatal::report_fatal_errors_to;
pub use js::{
    coded_error, memory_bytes, options_from_js, progress_reporter, set, stdin_chunks, to_js,
    ExecuteOptions,
};
pub use results::{executed, is_elf, verified};
