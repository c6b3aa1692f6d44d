pub mod permute;
