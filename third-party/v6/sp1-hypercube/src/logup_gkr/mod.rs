mod cpu;
mod execution;
mod logup_poly;
mod proof;
mod prover;
mod verifier;

pub use cpu::*;
pub use logup_poly::*;
pub use proof::*;
pub use prover::*;
pub use verifier::*;
