//! Precompiles mixed with ordinary code, as real programs are: each round hashes a 1 KiB
//! buffer with Keccak-256 and SHA-256 (SP1's keccak and sha256 precompiles), then sorts and folds
//! words derived from both digests with 64-bit arithmetic (`HashesState::mix`), which also
//! rewrites the buffer for the next round. Commits the last SHA-256 digest and the checksum.
#![no_main]
sp1_zkvm::entrypoint!(main);

use sp1_wasm_guest_precompiles::{keccak256, sha256};
use sp1_wasm_guest_types::{HashesInput, HashesState};

pub fn main() {
    let input = sp1_zkvm::io::read::<HashesInput>();
    let mut state = HashesState::new(&input.data);
    for _ in 0..input.rounds {
        let (keccak, sha) = (keccak256(&state.buffer), sha256(&state.buffer));
        state.mix(&keccak, &sha);
    }
    sp1_zkvm::io::commit(&state.output(input.rounds));
}
