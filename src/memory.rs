//! Peak memory of a proof, estimated before proving so a device that cannot hold it refuses up
//! front (wasm32 addresses at most 4 GiB) instead of trapping halfway. Calibrated on the wasm
//! memory's peak in Chromium, compact padding (docs/benchmarks/memory.md, `make bench-memory`).
//!
//! Two terms:
//! - Linear in the padded height of the largest CPU shard: keys, preprocessed traces (every shard
//!   carries the Program chip at stock's 2^19 rows) and the allocator's working set are a fixed
//!   base; main, permutation and quotient traces, their low-degree extensions and Merkle trees
//!   grow with the rows. Fitted on single-shard fibonacci proofs; the margin covers proofs of
//!   several shards and 1 to 8 threads (fibonacci-1M on 1 thread: 24 % over the line).
//! - A fixed term for a program that calls precompiles. Their events go to deferred shards sized
//!   by stock's per-kind split thresholds, not by the shard size, so wide precompile chips
//!   (Keccak's ~2,600 columns) weigh the same at every shard size: the keccak benchmark peaked at
//!   1529 to 1738 MiB in three runs in 2^16-cycle shards, where fibonacci peaks at 780 MiB.
//!
//! The precompile term is calibrated on programs of a few hundred calls. One that fills stock's
//! per-shard thresholds can need more; it then runs out of memory mid-proof, a typed error.

/// What the estimate reads of a program, from its execution.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProgramSize {
    pub cycles: u64,
    pub precompile_calls: u64,
}

/// The fixed part of the CPU-shard term: a 5k-cycle proof peaks at 707 MiB.
const BASE_BYTES: u64 = 700 << 20;
/// Per padded row of the largest CPU shard.
const BYTES_PER_ROW: u64 = 1_400;
const MARGIN_PERCENT: u64 = 40;
/// Added when the program calls any precompile: the keccak benchmark's peak at 2^16-cycle shards,
/// less the fibonacci line there, was 850 to 960 MiB from run to run.
const PRECOMPILE_BYTES: u64 = 1 << 30;

/// Estimated peak memory of proving `program` in shards of 2^`log2_shard_size` cycles.
pub fn estimate_peak_bytes(program: ProgramSize, log2_shard_size: u32) -> u64 {
    let rows = program.cycles.clamp(1, 1 << log2_shard_size).next_power_of_two();
    let cpu_shards = (BASE_BYTES + BYTES_PER_ROW * rows) * (100 + MARGIN_PERCENT) / 100;
    let precompiles = if program.precompile_calls > 0 { PRECOMPILE_BYTES } else { 0 };
    cpu_shards + precompiles
}

/// `1.25 GiB`, `512 MiB`.
pub(crate) fn format_bytes(bytes: u64) -> String {
    const GIB: f64 = (1u64 << 30) as f64;
    if bytes >= 1 << 30 {
        format!("{:.2} GiB", bytes as f64 / GIB)
    } else {
        format!("{} MiB", bytes >> 20)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_with_the_largest_shard_only() {
        let estimate = |cycles, log2_shard_size| {
            estimate_peak_bytes(ProgramSize { cycles, precompile_calls: 0 }, log2_shard_size)
        };
        assert!(estimate(100_000, 19) < estimate(1_000_000, 19));
        assert_eq!(estimate(4_000_000, 19), estimate(1_000_000, 19));
        assert!(estimate(1_000_000, 16) < estimate(1_000_000, 19));
    }

    /// Peaks measured in Chromium, the highest of three runs (docs/benchmarks/memory.md; fibonacci-1M
    /// on 1 thread and keccak on 8 threads, the highest of 1, 2 and 8; stats from `make bench`, 2
    /// threads): the estimate must bound every one.
    #[test]
    fn bounds_the_measured_peaks() {
        // (cycles, precompile calls, log2 shard size, peak MiB)
        let measured = [
            (4_903, 0, 19, 707),
            (40_783, 0, 16, 780),
            (76_783, 0, 17, 874),
            (172_783, 0, 18, 1_064),
            (364_783, 0, 19, 1_395),
            (1_000_783, 0, 19, 1_725),
            (397_417, 300, 16, 1_738),
            (397_417, 300, 17, 1_614),
            (397_417, 300, 18, 1_568),
            (397_417, 300, 19, 2_054),
            (377_550, 420, 16, 1_636),
            (377_550, 420, 17, 1_419),
            (377_550, 420, 18, 1_398),
            (377_550, 420, 19, 1_668),
            (401_115, 0, 19, 1_883),
        ];
        for (cycles, precompile_calls, log2_shard_size, peak_mib) in measured {
            let program = ProgramSize { cycles, precompile_calls };
            let estimate_mib = estimate_peak_bytes(program, log2_shard_size) >> 20;
            let at = format!("{program:?} in 2^{log2_shard_size}-cycle shards");
            assert!(estimate_mib >= peak_mib, "{at}: estimated {estimate_mib} MiB");
        }
    }
}
