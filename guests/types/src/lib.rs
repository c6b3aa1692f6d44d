//! Input and output types shared by the guest programs and the host that feeds them.
//!
//! The guests read these with `sp1_zkvm::io::read` and commit them with `sp1_zkvm::io::commit`,
//! both bincode; the host writes them into `SP1Stdin` and decodes public values with the same types.
#![no_std]
extern crate alloc;

use alloc::{string::String, vec::Vec};
use serde::{Deserialize, Serialize};

/// Input of the `keccak` guest: hash `data`, then hash the digest again, `rounds` times in all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeccakInput {
    pub data: Vec<u8>,
    pub rounds: u32,
}

/// Public output of the `keccak` guest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeccakOutput {
    pub rounds: u32,
    pub digest: [u8; 32],
}

/// Input of the `stats` guest: a named series of numbers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dataset {
    pub name: String,
    pub values: Vec<i64>,
}

/// Public output of the `stats` guest: summary statistics of a [`Dataset`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub name: String,
    pub count: u32,
    pub min: i64,
    pub max: i64,
    pub sum: i64,
    /// The lower median of the sorted values.
    pub median: i64,
}

impl Summary {
    /// Summarises `dataset`; `None` when it has no values. Guest and host share this function so
    /// the host can check what the guest committed.
    pub fn of(dataset: &Dataset) -> Option<Self> {
        let mut sorted = dataset.values.clone();
        sorted.sort_unstable();
        Some(Self {
            name: dataset.name.clone(),
            count: sorted.len() as u32,
            min: *sorted.first()?,
            max: *sorted.last()?,
            sum: sorted.iter().sum(),
            median: sorted[(sorted.len() - 1) / 2],
        })
    }
}

/// Input of the `hashes` guest: a seed for its 256-byte buffer, and the number of rounds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashesInput {
    pub data: Vec<u8>,
    pub rounds: u32,
}

/// Public output of the `hashes` guest: the last round's SHA-256 digest and the checksum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HashesOutput {
    pub rounds: u32,
    pub digest: [u8; 32],
    pub checksum: u64,
}

/// The bytes each round of the `hashes` guest hashes: 8 Keccak blocks, 17 SHA-256 blocks.
pub const HASHES_BUFFER_LEN: usize = 1024;
/// The words each round of the `hashes` guest draws, sorts and folds.
const HASHES_MIX_WORDS: usize = 32;

/// The `hashes` guest between rounds, and its ordinary (non-precompile) code. Guest and host share
/// it so the host can check what the guest committed, with its own hash functions.
pub struct HashesState {
    pub buffer: [u8; HASHES_BUFFER_LEN],
    digest: [u8; 32],
    checksum: u64,
}

impl HashesState {
    /// The buffer holds the seed repeated (zeros for an empty seed).
    pub fn new(seed: &[u8]) -> Self {
        let mut buffer = [0u8; HASHES_BUFFER_LEN];
        if !seed.is_empty() {
            for (byte, seed_byte) in buffer.iter_mut().zip(seed.iter().cycle()) {
                *byte = *seed_byte;
            }
        }
        Self { buffer, digest: [0; 32], checksum: 0 }
    }

    /// One round's ordinary code: 32 words drawn (splitmix64) from the two digests of the buffer,
    /// sorted, folded into the checksum with 64-bit multiply and remainder, and mixed into the
    /// buffer for the next round.
    pub fn mix(&mut self, keccak: &[u8; 32], sha256: &[u8; 32]) {
        let digest_words: Vec<u64> = keccak
            .chunks_exact(8)
            .chain(sha256.chunks_exact(8))
            .map(|bytes| u64::from_le_bytes(bytes.try_into().unwrap()))
            .collect();
        let mut words = [0u64; HASHES_MIX_WORDS];
        let mut x = self.checksum;
        for (i, word) in words.iter_mut().enumerate() {
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = x ^ digest_words[i % digest_words.len()];
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            *word = z ^ (z >> 31);
        }
        words.sort_unstable();
        for word in words {
            // The largest 64-bit prime as modulus: a remainder the guest computes in software.
            self.checksum = (self.checksum.rotate_left(5) ^ word)
                .wrapping_mul(0x0000_0100_0000_01b3)
                % 0xffff_ffff_ffff_ffc5;
        }
        let word_bytes: Vec<u8> = words.iter().flat_map(|word| word.to_le_bytes()).collect();
        for (i, byte) in self.buffer.iter_mut().enumerate() {
            *byte ^= word_bytes[i % word_bytes.len()].rotate_left((i / word_bytes.len()) as u32);
        }
        self.digest = *sha256;
    }

    pub fn output(&self, rounds: u32) -> HashesOutput {
        HashesOutput { rounds, digest: self.digest, checksum: self.checksum }
    }
}

/// The fibonacci guest's function, shared with the host for checking: the n-th Fibonacci number
/// modulo 7919 (the modulus keeps the numbers small, as in SP1's own example).
pub fn fibonacci(n: u32) -> u32 {
    let (mut a, mut b) = (0u32, 1u32);
    for _ in 0..n {
        let c = (a + b) % 7919;
        a = b;
        b = c;
    }
    a
}
