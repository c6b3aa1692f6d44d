//! This crate contains some DFT implementations.

#![no_std]

extern crate alloc;

mod butterflies;
mod naive;
mod radix_2_bowers;
mod radix_2_dit;
mod radix_2_dit_parallel;
#[cfg(test)]
mod testing;
mod traits;
mod util;

pub use naive::*;
pub use radix_2_bowers::*;
pub use radix_2_dit::*;
pub use radix_2_dit_parallel::*;
pub use traits::*;
pub use util::*;
