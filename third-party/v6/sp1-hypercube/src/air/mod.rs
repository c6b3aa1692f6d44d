//! Building blocks for defining AIRs.

mod builder;
mod extension;
mod interaction;
mod machine;
mod public_values;
mod sub_builder;

pub use builder::*;
pub use extension::*;
pub use interaction::*;
pub use machine::*;
pub use public_values::*;
pub use sub_builder::*;
