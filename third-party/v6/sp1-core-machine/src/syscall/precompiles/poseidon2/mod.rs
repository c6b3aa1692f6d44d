pub mod air;

pub use air::Poseidon2Chip;
