//! SP1 5.2.4 core proving, verifying and execution through one code path, natively and in the
//! browser: `prover/v5/` wraps this crate for wasm32, the `sp1-wasm` CLI for the terminal.
//!
//! Proofs are stock SP1's own (`SP1ProofWithPublicValues` with `SP1Proof::Core`, bincode) and use
//! the verifying key stock `sp1-sdk` derives, so they cross freely between this crate and
//! `sp1-sdk`.

mod error;
mod execute;
pub mod guests;
pub mod memory;
mod options;
mod proof;
mod proof_shape;
mod progress;
mod prove;
mod prover;
mod setup;
mod stdin;
mod verify;
mod vk;

pub use error::{Error, ErrorCode, Result};
pub use execute::Execution;
pub use options::{ProveOptions, TracePadding, DEFAULT_LOG2_SHARD_SIZE, LOG2_SHARD_SIZES};
pub use proof::{SP1ProofWithPublicValues, SP1_CIRCUIT_VERSION};
pub use progress::{Phase, Progress};
pub use prove::ProofOutput;
pub use prover::CoreProver;
pub use setup::ProgramKeys;
pub use sp1_core_machine::io::SP1Stdin;
pub use sp1_primitives::io::SP1PublicValues;
pub use stdin::stdin_from_chunks;
pub use vk::VerifyingKey;
