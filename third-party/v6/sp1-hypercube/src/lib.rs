//! STARK-based primitives for proof generation and verification over AIRs.

#![warn(clippy::pedantic)]
#![allow(clippy::similar_names)]
#![allow(clippy::cast_possible_wrap)]
#![allow(clippy::cast_possible_truncation)]
#![allow(clippy::cast_sign_loss)]
#![allow(clippy::module_name_repetitions)]
#![allow(clippy::needless_range_loop)]
#![allow(clippy::cast_lossless)]
#![allow(clippy::bool_to_int_with_if)]
#![allow(clippy::should_panic_without_expect)]
#![allow(clippy::field_reassign_with_default)]
#![allow(clippy::manual_assert)]
#![allow(clippy::unreadable_literal)]
#![allow(clippy::match_wildcard_for_single_variants)]
#![allow(clippy::missing_panics_doc)]
#![allow(clippy::missing_errors_doc)]
#![allow(clippy::explicit_iter_loop)]
#![allow(clippy::if_not_else)]
#![warn(missing_docs)]

// sp1-wasm: on wasm32 `num_cpus::get()` is always 1, and the trace generators chunk their rows
// by it; the shim gives them the Rayon pool's size. This puts it in every module's scope under
// the same name, so no call site changes.
#[cfg(target_arch = "wasm32")]
extern crate sp1_wasm_num_cpus as num_cpus;

pub mod air;
mod chip;
mod debug;
mod folder;
pub mod ir;
mod logup_gkr;
mod lookup;
mod machine;
pub mod operations;
pub mod prover;
mod record;
pub mod septic_curve;
pub mod septic_digest;
pub mod septic_extension;
pub mod shape;
mod util;
mod verifier;
mod word;
pub use chip::*;
pub use debug::{debug_constraints, debug_constraints_all_chips, DebugConstraintBuilder};
pub use folder::*;
pub use logup_gkr::*;
pub use lookup::*;
pub use machine::*;
pub use record::*;
pub use util::*;
pub use verifier::*;
pub use word::*;
