mod air;

pub use air::*;
