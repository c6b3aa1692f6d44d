#![allow(clippy::disallowed_types)]
mod encoder;
mod fri;
mod prover;

pub use encoder::*;
pub use fri::*;
pub use prover::*;
