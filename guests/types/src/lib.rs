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
