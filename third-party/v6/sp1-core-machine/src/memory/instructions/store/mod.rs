pub mod store_byte;
pub mod store_double;
pub mod store_half;
pub mod store_word;
