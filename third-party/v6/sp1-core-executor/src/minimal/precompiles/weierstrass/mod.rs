mod add;
mod decompress;
mod double;

pub(crate) use add::weierstrass_add_assign_syscall;
pub(crate) use decompress::weierstrass_decompress_syscall;
pub(crate) use double::weierstrass_double_assign_syscall;
