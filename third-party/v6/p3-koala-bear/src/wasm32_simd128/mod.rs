mod packing;
mod poseidon2;

pub use packing::*;
