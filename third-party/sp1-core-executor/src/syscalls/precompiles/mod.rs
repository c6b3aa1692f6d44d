pub mod edwards;
pub mod fptower;
pub mod keccak256;
pub mod sha256;
pub mod u256x2048_mul;
pub mod uint256;
pub mod weierstrass;
