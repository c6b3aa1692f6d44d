mod compress;
mod extend;

pub(crate) use compress::sha256_compress;
pub(crate) use extend::sha256_extend;
