mod compress;
pub(crate) use compress::sha256_compress;

mod extend;
pub(crate) use extend::sha256_extend;
