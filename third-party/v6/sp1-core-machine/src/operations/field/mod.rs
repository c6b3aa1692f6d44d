pub mod field_den;
pub mod field_inner_product;
pub mod field_op;
pub mod field_sqrt;
pub mod range;
pub mod util_air;
