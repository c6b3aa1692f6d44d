mod columns;
mod trace;

pub use columns::*;
