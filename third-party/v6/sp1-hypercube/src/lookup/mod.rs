mod builder;
mod debug;
mod interaction;

pub use builder::InteractionBuilder;
pub use debug::*;
pub use interaction::*;
