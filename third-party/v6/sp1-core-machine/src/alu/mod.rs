pub mod add_sub;
pub mod alu_x0;
pub mod bitwise;
pub mod divrem;
pub mod lt;
pub mod mul;
pub mod sll;
pub mod sr;

pub use add_sub::*;
pub use alu_x0::*;
pub use bitwise::*;
pub use divrem::*;
pub use lt::*;
pub use mul::*;
pub use sll::*;
pub use sr::*;
