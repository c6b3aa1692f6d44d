mod compress;
mod extend;

pub use compress::*;
pub use extend::*;
