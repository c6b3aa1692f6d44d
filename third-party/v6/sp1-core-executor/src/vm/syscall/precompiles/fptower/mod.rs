pub mod fp;
pub mod fp2_addsub;
pub mod fp2_mul;

pub use fp::fp_op;
pub use fp2_addsub::fp2_add;
pub use fp2_mul::fp2_mul;
