mod auipc;
mod branch;
mod jump;

pub use auipc::*;
pub use branch::*;
pub use jump::*;
