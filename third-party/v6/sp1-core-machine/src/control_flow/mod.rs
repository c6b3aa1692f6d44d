mod branch;
mod jal;
mod jalr;
mod trap;

pub use branch::*;
pub use jal::*;
pub use jalr::*;
pub use trap::*;
