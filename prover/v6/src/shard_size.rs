//! The shard size of an SP1 6 proof and its peak memory, chosen once the program has run and
//! before anything is traced, so that a page that cannot hold a proof refuses it up front
//! (`OUT_OF_MEMORY`) instead of trapping halfway, and a page that can proves in as few shards as
//! fit.
//!
//! Each shard costs a fixed time whatever its trace (it hashes codewords of the verifying key's
//! stacking height), so fewer, larger shards are faster: fibonacci at 1.2M cycles took 137.2 s in
//! 6 shards of 2^24 trace elements and 107.7 s in 3 shards of 3 x 2^23 (docs/sp1-v6.md). A small
//! program proves at stock's size: at 2^24 its memory finalization gets a shard of its own
//! (fibonacci 19k cycles: 2 shards, 42.9 s, against 1 shard, 27.0 s). The proof is streamed shard
//! by shard, so its peak is set by the largest shard, not by the program.
//!
//! The wasm memory's peak in Chromium (docs/sp1-v6.md), 2 threads, over a first proof and a second
//! one in the same worker (whose allocations find the memory fragmented), is bounded by
//! `max(FLOOR, BASE + BYTES_PER_ELEMENT * elements)` for a shard of `elements` trace elements: the
//! line through 2.17 GiB at 2^24 and 3.98 GiB at 2^25 (fibonacci, 1.2M cycles, full shards), over
//! 2.32 GiB at 3 x 2^23; one shard of a small program peaks at about 0.8 GiB (fibonacci 19k
//! cycles), which setup and the fixed-height codewords set. A shard holds at most the threshold's
//! elements, and at most `ELEMENTS_PER_CYCLE` per cycle of the program.

use sp1_core_executor::{
    rv64im_costs, Program, RiscvAirId, SP1CoreOpts, BYTE_NUM_ROWS, RANGE_NUM_ROWS,
};

const GIB: u64 = 1 << 30;
/// What a one-shard proof of a small program peaks at.
const FLOOR_BYTES: u64 = GIB;
/// The line through the two full-shard peaks: 2.17 GiB at 2^24 elements, 3.98 GiB at 2^25.
const BASE_BYTES: u64 = 368 << 20;
const BYTES_PER_ELEMENT: u64 = 116;
/// Fibonacci's trace has 77 elements per cycle (120k cycles: 9.2 x 10^6).
const ELEMENTS_PER_CYCLE: u64 = 80;
/// For more threads' scratch and programs whose chips weigh more per cycle than fibonacci's.
const MARGIN_PERCENT: u64 = 15;

/// Programs of up to this many cycles prove at stock's shard size: in one shard, besides the
/// shards stock gives precompile events (120k cycles in one shard peaked at 1.15 GiB).
pub const ONE_SHARD_MAX_CYCLES: u64 = 1 << 17;
/// The shard sizes a larger program proves at, largest first: 3 x 2^23 proves 1.2M cycles in
/// about 2.3 GiB and fits wasm32's 4 GiB by the estimate (2^25 does not: 4 GiB on a second
/// proof); 2^24 fits a page allowed 3 GiB, and 2^23 one allowed about 2.3 GiB.
pub const ELEMENT_THRESHOLDS: [u64; 3] = [3 << 23, 1 << 24, 1 << 23];

/// The smallest shard size taken: below it stock's sharding runs out of room for the fixed
/// tables (the Program, Byte and Range chips; sp1-core-executor's `SplitOpts::new` asserts).
pub const MIN_ELEMENT_THRESHOLD: u64 = 1 << 22;

/// Why no shard size was chosen.
#[derive(Debug, PartialEq, Eq)]
pub enum ShardSizeError {
    /// A size stock's sharding does not take.
    Invalid(String),
    /// Past the memory limit, with a size that fits if there is one.
    OutOfMemory(String),
}

/// The shard size to prove `cycles` of `program` at: `requested` if it fits the memory limit,
/// else the largest that does (`fitted_element_threshold`).
pub fn element_threshold(
    program: &Program,
    cycles: u64,
    requested: Option<u64>,
    memory_limit_bytes: Option<u64>,
) -> Result<u64, ShardSizeError> {
    if let Some(threshold) = requested {
        let minimum = MIN_ELEMENT_THRESHOLD.max(2 * fixed_trace_area(program));
        if !(minimum..=u32::MAX as u64).contains(&threshold) {
            return Err(ShardSizeError::Invalid(format!(
                "elementThreshold must be from {minimum} to 2^32 - 1 for this program, \
                 got {threshold}"
            )));
        }
    }
    let stock = SP1CoreOpts::default().sharding_threshold.element_threshold;
    fitted_element_threshold(cycles, stock, requested, memory_limit_bytes)
        .map_err(ShardSizeError::OutOfMemory)
}

/// The trace elements every shard of `program` spends on fixed tables, as sp1-core-executor's
/// `SplitOpts::new` counts them.
fn fixed_trace_area(program: &Program) -> u64 {
    let costs = rv64im_costs();
    let area = program.instructions.len().next_multiple_of(32) * costs[&RiscvAirId::Program]
        + BYTE_NUM_ROWS as usize * costs[&RiscvAirId::Byte]
        + RANGE_NUM_ROWS as usize * costs[&RiscvAirId::Range];
    area as u64
}

/// Estimated peak wasm memory of proving `cycles` in shards of at most `element_threshold`
/// trace elements.
pub fn estimate_peak_bytes(cycles: u64, element_threshold: u64) -> u64 {
    let elements = element_threshold.min(cycles.saturating_mul(ELEMENTS_PER_CYCLE));
    let shard = BASE_BYTES + BYTES_PER_ELEMENT * elements;
    shard.max(FLOOR_BYTES) * (100 + MARGIN_PERCENT) / 100
}

/// The shard size of a proof of `cycles`: the one asked for if it fits `memory_limit_bytes`,
/// else the largest that does of stock's (`stock_threshold`, for programs of up to
/// `ONE_SHARD_MAX_CYCLES`) and `ELEMENT_THRESHOLDS`; an error naming what would fit otherwise.
pub fn fitted_element_threshold(
    cycles: u64,
    stock_threshold: u64,
    requested: Option<u64>,
    memory_limit_bytes: Option<u64>,
) -> Result<u64, String> {
    let fits = |threshold| {
        memory_limit_bytes.map_or(true, |limit| estimate_peak_bytes(cycles, threshold) <= limit)
    };
    let stock = (cycles <= ONE_SHARD_MAX_CYCLES).then_some(stock_threshold);
    let largest_fitting =
        stock.into_iter().chain(ELEMENT_THRESHOLDS).find(|&threshold| fits(threshold));
    match (requested, largest_fitting) {
        (Some(threshold), _) if fits(threshold) => Ok(threshold),
        (None, Some(threshold)) => Ok(threshold),
        (requested, fitting) => {
            let threshold = requested.unwrap_or(ELEMENT_THRESHOLDS[ELEMENT_THRESHOLDS.len() - 1]);
            let advice = match fitting {
                Some(fitting) => format!("an elementThreshold of {fitting} would fit"),
                None => "no shard size fits; allow more memory".to_string(),
            };
            Err(format!(
                "{cycles} cycles in shards of {threshold} trace elements need about {} of \
                 memory, more than the limit of {}: {advice}",
                format_gib(estimate_peak_bytes(cycles, threshold)),
                format_gib(memory_limit_bytes.unwrap_or(u64::MAX)),
            ))
        }
    }
}

fn format_gib(bytes: u64) -> String {
    format!("{:.2} GiB", bytes as f64 / GIB as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    const STOCK: u64 = (1 << 28) + (1 << 27);

    /// Peaks measured in Chromium (docs/sp1-v6.md): the estimate must bound every one.
    #[test]
    fn bounds_the_measured_peaks() {
        // (cycles, element threshold, peak bytes)
        let measured = [
            (18_927, STOCK, 824_442_880),          // fibonacci 19k, one shard (0.77 GiB)
            (31_584, STOCK, 902_823_936),          // precompiles, 4 shards (0.84 GiB)
            (119_727, STOCK, 1_234_239_488),       // fibonacci 120k, one shard (1.15 GiB)
            (270_020, 1 << 25, 1_976_238_080),     // stats 1850 values, 2 shards (1.84 GiB)
            (1_166_927, 1 << 24, 2_331_246_592),   // fibonacci 1.2M, 6 shards (2.17 GiB)
            (1_166_927, 3 << 23, 2_500_000_000),   // the same, 3 shards (2.32 GiB)
            (1_166_927, 1 << 25, 4_268_425_216),   // the same, 2 shards (3.98 GiB)
        ];
        for (cycles, threshold, peak) in measured {
            let estimate = estimate_peak_bytes(cycles, threshold);
            assert!(estimate >= peak, "{cycles} at {threshold}: {peak}");
        }
    }

    #[test]
    fn picks_the_largest_shards_that_fit() {
        let fitted =
            |cycles, requested, limit| fitted_element_threshold(cycles, STOCK, requested, limit);
        assert_eq!(fitted(20_000, None, Some(4 * GIB)), Ok(STOCK));
        assert_eq!(fitted(20_000, None, Some(3 * GIB)), Ok(STOCK));
        assert_eq!(fitted(1_200_000, None, None), Ok(3 << 23));
        assert_eq!(fitted(1_200_000, None, Some(4 * GIB)), Ok(3 << 23));
        assert_eq!(fitted(1_200_000, None, Some(3 * GIB)), Ok(1 << 24));
        assert_eq!(fitted(1_200_000, None, Some(2 * GIB + GIB / 4)), Ok(1 << 23));
        assert_eq!(fitted(1_200_000, Some(1 << 22), Some(3 * GIB)), Ok(1 << 22));
        let refused = fitted(1_200_000, Some(1 << 25), Some(4 * GIB)).unwrap_err();
        assert!(refused.contains("an elementThreshold of 25165824 would fit"), "{refused}");
        let refused = fitted(20_000, None, Some(GIB)).unwrap_err();
        assert!(refused.contains("no shard size fits"), "{refused}");
    }
}
