//! Packing deferred shards. Added by sp1-wasm (see PATCHES.md).
//!
//! Stock splits the deferred events into a shard per precompile kind and per chunk of memory
//! init/finalize events. Every shard, however few events it holds, carries the Program chip at the
//! height of stock's preprocessed shape (2^19 rows, fixed by the verifying key) and the 2^16-row
//! Byte chip, and those cost most of a small shard's proving time. Packing merges shards while
//! together they hold at most [`PACKED_SHARD_FILL`] of a shard's worth of events, counted with
//! stock's own split thresholds. Shards are only merged, never reordered, so the memory address
//! chain of the public values keeps the order the verifier checks.

use sp1_core_executor::{precompile_split_threshold, syscalls::SyscallCode, ExecutionRecord};
use sp1_stark::{MachineRecord, SP1CoreOpts};
use strum::IntoEnumIterator;

/// Half a shard: the hashes benchmark's four deferred shards become one, and keccak's two. Measured
/// in the browser (2 threads, against a quarter): hashes 58.8 to 51.5 s, keccak 68.4 to 62.8 s,
/// peak wasm memory 2358 to 2357 MiB and 2866 to 2924 MiB. (Before the Global chip's reservation
/// was fixed, in `global/mod.rs`, half a shard raised the hashes peak from 2.3 to 3.5 GiB.)
const PACKED_SHARD_FILL: f64 = 0.5;

/// The share of a shard that `record` fills: its CPU events over the shard size, per precompile
/// kind its events over the kind's split threshold, and its memory init/finalize chunk over the
/// memory threshold.
fn shard_fill(record: &ExecutionRecord, opts: &SP1CoreOpts) -> f64 {
    let split = &opts.split_opts;
    let precompiles: f64 = SyscallCode::iter()
        .filter(|code| code.should_send() == 1)
        .filter_map(|code| Some((code, record.precompile_events.get_events(code)?.len())))
        .map(|(code, events)| events as f64 / precompile_split_threshold(split, code) as f64)
        .sum();
    let memory = record
        .global_memory_initialize_events
        .len()
        .max(record.global_memory_finalize_events.len());
    record.cpu_events.len() as f64 / opts.shard_size as f64
        + precompiles
        + memory as f64 / split.memory as f64
}

fn has_memory_events(record: &ExecutionRecord) -> bool {
    !record.global_memory_initialize_events.is_empty()
        || !record.global_memory_finalize_events.is_empty()
}

/// Two shards merge when together they fill at most [`PACKED_SHARD_FILL`] and at most one of them
/// holds a memory chunk (whose address bits the merged shard's public values carry).
fn can_merge(a: &ExecutionRecord, a_fill: f64, b: &ExecutionRecord, b_fill: f64) -> bool {
    a_fill + b_fill <= PACKED_SHARD_FILL && !(has_memory_events(a) && has_memory_events(b))
}

/// Moves `from`'s events into `into`, with the address bits of its memory chunk if it has one.
fn merge(into: &mut ExecutionRecord, mut from: ExecutionRecord) {
    if has_memory_events(&from) {
        let (to, src) = (&mut into.public_values, &from.public_values);
        to.previous_init_addr_bits = src.previous_init_addr_bits;
        to.last_init_addr_bits = src.last_init_addr_bits;
        to.previous_finalize_addr_bits = src.previous_finalize_addr_bits;
        to.last_finalize_addr_bits = src.last_finalize_addr_bits;
    }
    into.append(&mut from);
}

/// Merges consecutive deferred shards, as [`ExecutionRecord::split`] returns them, while
/// [`can_merge`] allows.
pub(crate) fn pack_deferred(
    deferred: Vec<ExecutionRecord>,
    opts: &SP1CoreOpts,
) -> Vec<ExecutionRecord> {
    let mut packed: Vec<(ExecutionRecord, f64)> = Vec::with_capacity(deferred.len());
    for record in deferred {
        let fill = shard_fill(&record, opts);
        match packed.last_mut() {
            Some((last, last_fill)) if can_merge(last, *last_fill, &record, fill) => {
                *last_fill += fill;
                merge(last, record);
            }
            _ => packed.push((record, fill)),
        }
    }
    packed.into_iter().map(|(record, _)| record).collect()
}

/// At the end of execution, moves a lone packed deferred shard into the last CPU shard when
/// [`can_merge`] allows: a small program then proves in one shard, as stock already does for a
/// program without precompiles by folding its memory events into the last shard.
pub(crate) fn pack_into_last_cpu_shard(
    cpu_records: &mut [ExecutionRecord],
    deferred: &mut Vec<ExecutionRecord>,
    opts: &SP1CoreOpts,
) {
    let (Some(last_cpu), [only]) = (cpu_records.last_mut(), deferred.as_slice()) else { return };
    if can_merge(last_cpu, shard_fill(last_cpu, opts), only, shard_fill(only, opts)) {
        merge(last_cpu, deferred.pop().expect("one deferred shard"));
    }
}
