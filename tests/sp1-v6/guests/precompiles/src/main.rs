//! Precompiles mixed with ordinary code, as real SP1 6 programs are: each round hashes a buffer
//! with Keccak-f (`keccak_permute`) and SHA-256 (`sha256_extend`, `sha256_compress`), doubles a
//! secp256k1 point (`secp256k1_double`), then sorts and folds words of the results with 64- and
//! 128-bit arithmetic, which rewrites the buffer for the next round.
//!
//! SP1 6 keeps SHA-256's events in the execution shard and moves Keccak's and the curve
//! operation's into shards of their own, which share one public-value range: a proof of this
//! program has several such shards, and a prover that loses one is caught by stock's verifier.
//! (Each shard costs a fixed ~30 s natively whatever its size, so the test keeps to these two.)
#![no_main]
sp1_zkvm::entrypoint!(main);

use sp1_zkvm::syscalls::{
    syscall_keccak_permute, syscall_secp256k1_double, syscall_sha256_compress,
    syscall_sha256_extend,
};

const SHA256_IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];
/// secp256k1's generator as the precompiles take a point: x then y, 64-bit limbs, least first.
const GENERATOR: [u64; 8] = [
    0x59f2815b16f81798,
    0x029bfcdb2dce28d9,
    0x55a06295ce870b07,
    0x79be667ef9dcbbac,
    0x9c47d08ffb10d4b8,
    0xfd17b448a6855419,
    0x5da4fbfc0e1108a8,
    0x483ada7726a3c465,
];

pub fn main() {
    let rounds = sp1_zkvm::io::read::<u32>();
    let mut buffer: Vec<u64> = (0..25u64).map(|i| i.wrapping_mul(0x9e3779b97f4a7c15)).collect();
    let mut point = GENERATOR;
    let mut checksum = 0u128;
    for _ in 0..rounds {
        let mut keccak_state: [u64; 25] = buffer[..25].try_into().unwrap();
        syscall_keccak_permute(&mut keccak_state);
        let sha = sha256_block(&keccak_state[..8]);
        syscall_secp256k1_double(&mut point);

        let mut words: Vec<u64> = keccak_state.iter().chain(&point).copied().collect();
        words.extend(sha.iter().map(|&word| u64::from(word)));
        words.sort_unstable();
        for (i, word) in words.iter().enumerate() {
            checksum = checksum.wrapping_mul(0x1_0000_0001_b3).wrapping_add(u128::from(*word) * (i as u128 + 1));
        }
        buffer = words.iter().rev().map(|word| word ^ (checksum as u64)).collect();
    }
    sp1_zkvm::io::commit(&rounds);
    sp1_zkvm::io::commit(&point);
    sp1_zkvm::io::commit(&checksum);
}

/// SHA-256's compression of one 64-byte block (the words of `block`, 8 bytes each) from the
/// initial state: the precompiles take each 32-bit word in a 64-bit slot.
fn sha256_block(block: &[u64]) -> [u32; 8] {
    let mut w = [0u64; 64];
    for (i, word) in block.iter().enumerate() {
        w[2 * i] = word >> 32;
        w[2 * i + 1] = word & 0xffff_ffff;
    }
    syscall_sha256_extend(&mut w);
    let mut state = SHA256_IV.map(u64::from);
    syscall_sha256_compress(&mut w, &mut state);
    state.map(|word| word as u32)
}
