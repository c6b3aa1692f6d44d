#![allow(clippy::disallowed_types)]
pub mod handle;
pub mod pipeline;
pub mod queue;
pub mod rayon;
mod values;

pub use values::OwnedBorrow;
