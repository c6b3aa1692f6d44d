#![allow(clippy::disallowed_types)]
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
