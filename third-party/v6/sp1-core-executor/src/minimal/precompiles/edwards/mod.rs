pub mod add;
pub mod decompress;

pub(crate) use add::edwards_add;
pub(crate) use decompress::edwards_decompress_syscall;
