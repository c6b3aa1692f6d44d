#![allow(clippy::disallowed_types)]

// sp1-wasm: on wasm32 `num_cpus::get()` is always 1, and this crate chunks its parallel work by
// it; the shim gives the Rayon pool's size. This puts it in every module's scope under the same
// name, so no call site changes.
#[cfg(target_arch = "wasm32")]
extern crate sp1_wasm_num_cpus as num_cpus;

mod base;
mod eval;
mod fold;
mod lagrange;
mod mle;
mod padded;
mod pcs;
mod point;
mod restrict;
mod virtual_geq;

pub use base::*;
pub use eval::*;
pub use fold::*;
pub use lagrange::*;
pub use mle::*;
pub use padded::*;
pub use pcs::*;
pub use point::*;
pub use restrict::*;
pub use virtual_geq::*;
