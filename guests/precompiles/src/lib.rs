//! Keccak-256 and SHA-256 through SP1's precompiles (`keccak_permute`, `sha256_extend`,
//! `sha256_compress`): the padding and absorbing run as ordinary guest code, each permutation or
//! compression as one precompile call.
#![no_std]
extern crate alloc;

use alloc::vec::Vec;
use sp1_zkvm::syscalls::{syscall_keccak_permute, syscall_sha256_compress, syscall_sha256_extend};

/// Keccak-256's rate: 1088 bits.
const KECCAK_RATE: usize = 136;
const SHA256_BLOCK: usize = 64;
const SHA256_IV: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// Keccak-256 (Ethereum's: padding 0x01 ... 0x80, not SHA-3's 0x06).
pub fn keccak256(data: &[u8]) -> [u8; 32] {
    let mut state = [0u64; 25];
    let mut padded = data.to_vec();
    padded.push(0x01);
    padded.resize(padded.len().div_ceil(KECCAK_RATE) * KECCAK_RATE, 0);
    *padded.last_mut().unwrap() |= 0x80;
    for block in padded.chunks_exact(KECCAK_RATE) {
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

/// SHA-256 (FIPS 180-4).
pub fn sha256(data: &[u8]) -> [u8; 32] {
    let mut padded: Vec<u8> = data.to_vec();
    padded.push(0x80);
    padded.resize(
        (padded.len() + 8).div_ceil(SHA256_BLOCK) * SHA256_BLOCK - 8,
        0,
    );
    padded.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    let mut state = SHA256_IV;
    for block in padded.chunks_exact(SHA256_BLOCK) {
        let mut w = [0u32; 64];
        for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
            *word = u32::from_be_bytes(bytes.try_into().unwrap());
        }
        syscall_sha256_extend(&mut w);
        syscall_sha256_compress(&mut w, &mut state);
    }
    let mut digest = [0u8; 32];
    for (out, word) in digest.chunks_exact_mut(4).zip(state) {
        out.copy_from_slice(&word.to_be_bytes());
    }
    digest
}
