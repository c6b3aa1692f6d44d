pub mod add;
pub mod decompress;
pub mod double;
