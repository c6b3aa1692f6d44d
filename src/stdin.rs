//! Building `SP1Stdin` from what callers have: raw byte chunks, or typed values for the guests
//! this crate knows (see [`crate::guests`]).

use crate::SP1Stdin;

/// Stdin from raw chunks: each chunk is what one `sp1_zkvm::io::read*` call in the guest
/// consumes (bincode of the value for `read::<T>()`, the bytes themselves for `read_vec()`).
pub fn stdin_from_chunks(chunks: impl IntoIterator<Item = Vec<u8>>) -> SP1Stdin {
    let mut stdin = SP1Stdin::new();
    for chunk in chunks {
        stdin.write_vec(chunk);
    }
    stdin
}
