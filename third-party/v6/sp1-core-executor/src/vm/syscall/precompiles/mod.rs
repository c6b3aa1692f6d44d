pub mod edwards;
pub mod fptower;
pub mod keccak256;
pub mod sha256;
pub mod weierstrass;
