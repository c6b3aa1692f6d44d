pub mod permute;

pub use permute::keccak256_permute;
