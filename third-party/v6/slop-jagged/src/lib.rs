#![allow(clippy::disallowed_types)]
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
