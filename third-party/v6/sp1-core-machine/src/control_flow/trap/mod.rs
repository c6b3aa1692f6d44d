mod exec;
mod memory;
pub use exec::*;
pub use memory::*;
