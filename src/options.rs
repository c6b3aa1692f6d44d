//! Proving options, set by the caller: never read from the environment or the machine's memory
//! (stock `SP1CoreOpts::default()` reads both, which a browser has neither of).

use serde::{Deserialize, Serialize};
use sp1_stark::{SP1CoreOpts, SplitOpts};

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ProveOptions {
    /// log2 of the cycles per shard, 16 to 22.
    pub log2_shard_size: u32,
    pub trace_padding: TracePadding,
}

impl Default for ProveOptions {
    /// Stock's settings for machines with up to 32 GB: 2^19 cycles per shard.
    fn default() -> Self {
        Self { log2_shard_size: 19, trace_padding: TracePadding::default() }
    }
}

/// Stock's deferred-event split threshold, before its memory divisor.
const MAX_DEFERRED_SPLIT_THRESHOLD: usize = 1 << 15;
/// Stock divides the split thresholds by 2^3 on machines with up to 32 GB.
const SPLIT_DIVISOR: usize = 1 << 3;

impl ProveOptions {
    pub fn validate(&self) -> Result<()> {
        if !(16..=22).contains(&self.log2_shard_size) {
            return Err(Error::InvalidOptions(format!(
                "log2 shard size {} is outside 16..=22",
                self.log2_shard_size
            )));
        }
        Ok(())
    }

    /// The core options stock `SP1CoreOpts::default()` gives on a machine with up to 32 GB,
    /// with this shard size. Only the fields the in-memory pipeline reads matter; the channel
    /// and worker counts belong to stock's threaded pipeline.
    pub(crate) fn core_opts(&self) -> SP1CoreOpts {
        let mut split_opts = SplitOpts::new(MAX_DEFERRED_SPLIT_THRESHOLD);
        split_opts.deferred /= SPLIT_DIVISOR;
        split_opts.keccak /= SPLIT_DIVISOR;
        split_opts.sha_extend /= SPLIT_DIVISOR;
        split_opts.sha_compress /= SPLIT_DIVISOR;
        split_opts.memory /= SPLIT_DIVISOR;
        SP1CoreOpts {
            shard_size: 1 << self.log2_shard_size,
            shard_batch_size: 1,
            split_opts,
            trace_gen_workers: 1,
            checkpoints_channel_capacity: 1,
            records_and_traces_channel_capacity: 1,
        }
    }
}
