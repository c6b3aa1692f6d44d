mod add;
pub(crate) use add::edwards_add;

mod decompress;
pub(crate) use decompress::edwards_decompress;
