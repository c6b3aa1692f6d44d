mod weierstrass_add;
mod weierstrass_decompress;
mod weierstrass_double;

pub use weierstrass_add::*;
pub use weierstrass_decompress::*;
pub use weierstrass_double::*;
