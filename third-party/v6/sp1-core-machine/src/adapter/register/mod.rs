pub mod alu_type;
pub mod i_type;
pub mod j_type;
pub mod r_type;
