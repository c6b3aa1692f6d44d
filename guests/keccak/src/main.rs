//! Keccak-256 through SP1's `keccak_permute` precompile: hashes the input, then re-hashes the
//! digest, `rounds` times in all, and commits the last digest.
#![no_main]
sp1_zkvm::entrypoint!(main);

use sp1_wasm_guest_types::{KeccakInput, KeccakOutput};
use sp1_zkvm::syscalls::syscall_keccak_permute;

/// Keccak-256's rate: 1088 bits.
const RATE: usize = 136;

fn keccak256(data: &[u8]) -> [u8; 32] {
    let mut state = [0u64; 25];
    // Keccak's padding (0x01 ... 0x80, not SHA-3's 0x06) then absorb one block per permutation.
    let mut padded = data.to_vec();
    padded.push(0x01);
    padded.resize(padded.len().div_ceil(RATE) * RATE, 0);
    *padded.last_mut().unwrap() |= 0x80;
    for block in padded.chunks_exact(RATE) {
        for (lane, bytes) in state.iter_mut().zip(block.chunks_exact(8)) {
            *lane ^= u64::from_le_bytes(bytes.try_into().unwrap());
        }
        syscall_keccak_permute(&mut state);
    }
    let mut digest = [0u8; 32];
    for (out, lane) in digest.chunks_exact_mut(8).zip(state) {
        out.copy_from_slice(&lane.to_le_bytes());
    }
    digest
}

pub fn main() {
    let input = sp1_zkvm::io::read::<KeccakInput>();
    assert!(input.rounds >= 1, "rounds must be at least 1");
    let mut digest = keccak256(&input.data);
    for _ in 1..input.rounds {
        digest = keccak256(&digest);
    }
    sp1_zkvm::io::commit(&KeccakOutput { rounds: input.rounds, digest });
}
