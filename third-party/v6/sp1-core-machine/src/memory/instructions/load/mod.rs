pub mod load_byte;
pub mod load_double;
pub mod load_half;
pub mod load_word;
pub mod load_x0;
