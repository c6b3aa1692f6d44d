//! Typed progress events of a proof, for the CLI to print and the browser to stream.

use serde::Serialize;
use sp1_core_machine::utils::ShardPhase;

/// What a proof is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    /// A first, fast run of the program: its cycle count, and bad input caught before proving.
    Execute,
    /// A checkpoint is executed again, collecting the events its shards prove.
    Checkpoint,
    GenerateTraces,
    Commit,
    /// Quotient, openings and FRI.
    Open,
    ShardProved,
    Done,
}

impl From<ShardPhase> for Phase {
    fn from(phase: ShardPhase) -> Self {
        match phase {
            ShardPhase::GenerateTraces => Self::GenerateTraces,
            ShardPhase::Commit => Self::Commit,
            ShardPhase::Open => Self::Open,
            ShardPhase::Proved => Self::ShardProved,
        }
    }
}

/// One progress event.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub phase: Phase,
    /// The shard being proven, from 1; 0 before the first.
    pub shard: usize,
    /// Shards planned so far; final once the last checkpoint has been traced.
    pub shards: usize,
    /// Cycles executed so far by the proving pipeline, of `total_cycles`.
    pub cycles: u64,
    pub total_cycles: u64,
    /// Since the proof started.
    pub elapsed_ms: f64,
}
