pub mod compress;
pub mod extend;
