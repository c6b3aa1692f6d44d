#![allow(clippy::disallowed_types)]

// sp1-wasm: on wasm32 `num_cpus::get()` is always 1, and this crate chunks its parallel work by
// it; the shim gives the Rayon pool's size. This puts it in every module's scope under the same
// name, so no call site changes.
#[cfg(target_arch = "wasm32")]
extern crate sp1_wasm_num_cpus as num_cpus;

mod basefold;
mod hadamard;
mod jagged_eval;
mod long;
mod poly;
mod populate;
mod prover;
mod sumcheck;
mod verifier;

pub use basefold::*;
pub use hadamard::*;
pub use jagged_eval::*;
pub use long::*;
pub use poly::*;
pub use prover::*;
pub use verifier::*;
