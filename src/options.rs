//! Proving options, set by the caller: never read from the environment or the machine's memory
//! (stock `SP1CoreOpts::default()` reads both, which a browser has neither of).

use serde::{Deserialize, Serialize};
use sp1_stark::{SP1CoreOpts, SplitOpts};

use crate::memory::{self, ProgramSize};
use crate::{Error, Result};

/// How shards' main traces are padded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TracePadding {
    /// Each shard padded to one of stock's fixed core shapes: proofs exactly as stock makes them,
    /// ready for stock's recursion (`compress`).
    Fixed,
    /// Main traces padded only to the next power of two, under stock's preprocessed shape (so the
    /// verifying key is still stock's): less time and memory, accepted by stock's core verifier.
    #[default]
    Compact,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ProveOptions {
    /// log2 of the cycles per shard, 16 to 22. Unset: the default (19), or the largest size up
    /// to it whose estimated peak memory fits `memory_limit_bytes`.
    pub log2_shard_size: Option<u32>,
    pub trace_padding: TracePadding,
    /// Execution stops with an error after this many cycles.
    pub max_cycles: Option<u64>,
    /// Refuse, before proving, a proof whose estimated peak memory exceeds this.
    pub memory_limit_bytes: Option<u64>,
}

/// Stock's shard size for machines with up to 32 GB: 2^19 cycles.
pub const DEFAULT_LOG2_SHARD_SIZE: u32 = 19;
pub const LOG2_SHARD_SIZES: std::ops::RangeInclusive<u32> = 16..=22;

/// Stock's deferred-event split threshold, before its memory divisor.
const MAX_DEFERRED_SPLIT_THRESHOLD: usize = 1 << 15;
/// Stock divides the split thresholds by 2^3 on machines with up to 32 GB.
const SPLIT_DIVISOR: usize = 1 << 3;

impl ProveOptions {
    pub fn validate(&self) -> Result<()> {
        match self.log2_shard_size {
            Some(size) if !LOG2_SHARD_SIZES.contains(&size) => Err(Error::InvalidOptions(format!(
                "log2 shard size {size} is outside {}..={}",
                LOG2_SHARD_SIZES.start(),
                LOG2_SHARD_SIZES.end()
            ))),
            _ => Ok(()),
        }
    }

    /// The shard size for `program`: the one asked for if its estimated peak memory fits the
    /// limit, else the largest default-or-smaller size that fits; `OutOfMemory` naming what would
    /// fit when the requested one does not, or when none does.
    pub fn fitted_log2_shard_size(&self, program: ProgramSize) -> Result<u32> {
        let Some(limit) = self.memory_limit_bytes else {
            return Ok(self.log2_shard_size.unwrap_or(DEFAULT_LOG2_SHARD_SIZE));
        };
        let fits = |size: u32| memory::estimate_peak_bytes(program, size) <= limit;
        let largest_fitting =
            (*LOG2_SHARD_SIZES.start()..=DEFAULT_LOG2_SHARD_SIZE).rev().find(|&size| fits(size));
        match (self.log2_shard_size, largest_fitting) {
            (Some(size), _) if fits(size) => Ok(size),
            (None, Some(size)) => Ok(size),
            (requested, fitting) => {
                let size = requested.unwrap_or(*LOG2_SHARD_SIZES.start());
                let advice = match fitting {
                    Some(fitting) => format!("log2 shard size {fitting} would fit"),
                    None => "no shard size fits; allow more memory".to_string(),
                };
                Err(Error::OutOfMemory(format!(
                    "proving {} cycles ({} precompile calls) with 2^{size}-cycle shards needs \
                     about {} of memory, more than the limit of {}: {advice}",
                    program.cycles,
                    program.precompile_calls,
                    memory::format_bytes(memory::estimate_peak_bytes(program, size)),
                    memory::format_bytes(limit),
                )))
            }
        }
    }
}

/// The core options stock `SP1CoreOpts::default()` gives on a machine with up to 32 GB, with the
/// given shard size. Only the fields the in-memory pipeline reads matter; the channel and worker
/// counts belong to stock's threaded pipeline.
pub(crate) fn core_opts(log2_shard_size: u32) -> SP1CoreOpts {
    let mut split_opts = SplitOpts::new(MAX_DEFERRED_SPLIT_THRESHOLD);
    split_opts.deferred /= SPLIT_DIVISOR;
    split_opts.keccak /= SPLIT_DIVISOR;
    split_opts.sha_extend /= SPLIT_DIVISOR;
    split_opts.sha_compress /= SPLIT_DIVISOR;
    split_opts.memory /= SPLIT_DIVISOR;
    SP1CoreOpts {
        shard_size: 1 << log2_shard_size,
        shard_batch_size: 1,
        split_opts,
        trace_gen_workers: 1,
        checkpoints_channel_capacity: 1,
        records_and_traces_channel_capacity: 1,
    }
}
