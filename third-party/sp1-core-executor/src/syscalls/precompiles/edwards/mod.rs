pub mod add;
pub mod decompress;
