mod ec;

pub mod edwards;
pub mod fptower;
pub mod keccak;
pub mod mprotect;
pub mod poseidon2;
pub mod sha256;
pub mod sig_return;
pub mod uint256;
pub mod uint256_ops;
pub mod uint256x2048;
pub mod weierstrass;
