mod config;
mod hashable_key;
mod machine;
mod proof;
mod shard;

pub use config::*;
pub use hashable_key::*;
pub use machine::*;
pub use proof::*;
pub use shard::*;
