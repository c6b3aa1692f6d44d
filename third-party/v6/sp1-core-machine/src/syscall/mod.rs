pub mod chip;
pub mod instructions;
pub mod precompiles;
