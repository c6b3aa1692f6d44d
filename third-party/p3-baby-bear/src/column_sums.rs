//! sp1-wasm: column sums of base-field rows scaled by extension-field elements, with one Montgomery
//! reduction per column and coefficient instead of one per product (PATCHES.md).

use alloc::vec;
use alloc::vec::Vec;

use p3_field::extension::BinomialExtensionField;
use p3_field::AbstractExtensionField;

use crate::baby_bear::{monty_reduce, P};
use crate::BabyBear;

/// The degree 4 extension the column sums are scaled by (SP1's challenge field).
type Extension = BinomialExtensionField<BabyBear, 4>;

/// A multiple of `P` that bounds every sum, and the bound `monty_reduce` accepts: `P << 32`.
const BOUND: u64 = (P as u64) << 32;

/// `sum_i rows[i][c] * scales[i]` for every column `c`, kept as 64-bit sums of the Montgomery forms'
/// products, each below `BOUND`: the sum of Montgomery forms `aR * bR` is `(sum ab) R^2`, so one
/// Montgomery reduction at the end gives the Montgomery form of `sum ab`, the value stock's
/// field arithmetic computes product by product.
#[derive(Clone, Debug)]
pub struct ExtensionColumnSums {
    sums: Vec<[u64; 4]>,
}

impl ExtensionColumnSums {
    /// Zero sums for `width` columns.
    pub fn new(width: usize) -> Self {
        Self { sums: vec![[0; 4]; width] }
    }

    /// Adds `rows[0] * scales[0] + rows[1] * scales[1]` to the sums. Two products below `P^2` fit
    /// on a sum below `BOUND` in 64 bits, so one bounding step follows both.
    #[inline]
    pub fn add_row_pair(&mut self, rows: [&[BabyBear]; 2], scales: [Extension; 2]) {
        let [first, second] = scales.map(coefficients);
        for ((sum, x), y) in self.sums.iter_mut().zip(rows[0]).zip(rows[1]) {
            let (x, y) = (x.value as u64, y.value as u64);
            for k in 0..4 {
                sum[k] = below_bound(sum[k] + x * first[k] + y * second[k]);
            }
        }
    }

    /// Adds `row * scale` to the sums.
    #[inline]
    pub fn add_row(&mut self, row: &[BabyBear], scale: Extension) {
        let scale = coefficients(scale);
        for (sum, x) in self.sums.iter_mut().zip(row) {
            let x = x.value as u64;
            for k in 0..4 {
                sum[k] = below_bound(sum[k] + x * scale[k]);
            }
        }
    }

    /// The sums of both, column by column.
    pub fn merge(mut self, other: Self) -> Self {
        for (sum, other) in self.sums.iter_mut().zip(other.sums) {
            for k in 0..4 {
                sum[k] = below_bound(sum[k] + other[k]);
            }
        }
        self
    }

    /// The sums as field elements.
    pub fn finish(self) -> Vec<Extension> {
        self.sums
            .into_iter()
            .map(|sum| Extension::from_base_fn(|k| BabyBear { value: monty_reduce(sum[k]) }))
            .collect()
    }
}

/// The Montgomery forms of an extension element's coefficients.
#[inline]
fn coefficients(element: Extension) -> [u64; 4] {
    let base: &[BabyBear] = element.as_base_slice();
    core::array::from_fn(|k| base[k].value as u64)
}

/// `x`, or `x - BOUND` if that is not negative: below `BOUND` for any `x` below `2 BOUND`.
#[inline]
fn below_bound(x: u64) -> u64 {
    if x >= BOUND {
        x - BOUND
    } else {
        x
    }
}
