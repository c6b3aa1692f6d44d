pub mod bump;
pub mod register;
pub mod state;
