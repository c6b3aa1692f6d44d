//! Type definitions for the events emitted by the [`crate::Executor`] during execution.

mod byte;
mod global;
mod instr;
mod memory;
mod precompiles;
mod syscall;
mod utils;

pub use byte::*;
pub use global::*;
pub use instr::*;
pub use memory::*;
pub use precompiles::*;
pub use syscall::*;
pub use utils::*;
