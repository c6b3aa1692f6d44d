#![allow(clippy::disallowed_types)]
pub use p3_merkle_tree::*;

mod p3;
mod tcs;

pub use p3::*;
pub use tcs::*;
