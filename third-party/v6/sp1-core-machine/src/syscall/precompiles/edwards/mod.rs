mod ed_add;
mod ed_decompress;

pub use ed_add::*;
pub use ed_decompress::*;
