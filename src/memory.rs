//! Peak memory of a proof, estimated before proving so a device that cannot hold it refuses up
//! front (wasm32 addresses at most 4 GiB) instead of trapping halfway.
//!
//! The model is linear in the padded trace height of the largest shard: keys, preprocessed
//! traces and the allocator's working set are a fixed base; main, permutation and quotient
//! traces, their low-degree extensions and Merkle trees grow with the rows. Calibrated on the
//! wasm memory's peak in Chromium (compact padding, fibonacci; docs/benchmarks/memory.md), with
//! a margin for precompile-heavy shards, whose wide chips (Keccak's ~2,600 columns) the row count
//! does not see: the keccak workload (397k cycles, one 2^19 shard) peaked at 3140 MiB, 35 % over
//! the fibonacci line. The margin covers it; a model from chip widths and heights would be tighter.

/// The fixed part: a 5k-cycle proof peaks at 737 MiB.
const BASE_BYTES: u64 = 720 << 20;
/// Per padded row of the largest shard.
const BYTES_PER_ROW: u64 = 3_200;
const MARGIN_PERCENT: u64 = 40;

/// Estimated peak memory of proving `cycles` cycles in shards of 2^`log2_shard_size` cycles.
pub fn estimate_peak_bytes(cycles: u64, log2_shard_size: u32) -> u64 {
    let rows = cycles.clamp(1, 1 << log2_shard_size).next_power_of_two();
    (BASE_BYTES + BYTES_PER_ROW * rows) * (100 + MARGIN_PERCENT) / 100
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
        assert!(estimate_peak_bytes(100_000, 19) < estimate_peak_bytes(1_000_000, 19));
        assert_eq!(estimate_peak_bytes(4_000_000, 19), estimate_peak_bytes(1_000_000, 19));
        assert!(estimate_peak_bytes(1_000_000, 16) < estimate_peak_bytes(1_000_000, 19));
    }
}
