//! Common AIR operations used across SP1.

pub mod poseidon2;
