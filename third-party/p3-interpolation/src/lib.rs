//! Tools for Lagrange interpolation.

#![no_std]

extern crate alloc;

mod baby_bear_sums;

use alloc::vec;
use alloc::vec::Vec;

use p3_field::{
    batch_multiplicative_inverse, cyclic_subgroup_coset_known_order, scale_vec,
    two_adic_coset_zerofier, ExtensionField, Field, TwoAdicField,
};
use p3_matrix::Matrix;
use p3_maybe_rayon::prelude::*;
use p3_util::{log2_strict_usize, reverse_bits_len};

/// Given evaluations of a batch of polynomials over the canonical power-of-two subgroup, evaluate
/// the polynomials at `point`.
pub fn interpolate_subgroup<F, EF, Mat>(subgroup_evals: &Mat, point: EF) -> Vec<EF>
where
    F: TwoAdicField,
    EF: ExtensionField<F> + TwoAdicField,
    Mat: Matrix<F>,
{
    interpolate_coset(subgroup_evals, F::one(), point)
}

/// Given evaluations of a batch of polynomials over the given coset of the canonical power-of-two
/// subgroup, evaluate the polynomials at `point`.
pub fn interpolate_coset<F, EF, Mat>(coset_evals: &Mat, shift: F, point: EF) -> Vec<EF>
where
    F: TwoAdicField,
    EF: ExtensionField<F> + TwoAdicField,
    Mat: Matrix<F>,
{
    // Slight variation of this approach: https://hackmd.io/@vbuterin/barycentric_evaluation

    let height = coset_evals.height();
    let log_height = log2_strict_usize(height);
    let g = F::two_adic_generator(log_height);

    let diffs: Vec<EF> = cyclic_subgroup_coset_known_order(g, shift, height)
        .map(|subgroup_i| point - subgroup_i)
        .collect();
    let diff_invs = batch_multiplicative_inverse(&diffs);

    // TODO: Make this faster

    let col_scale: Vec<_> = g
        .powers()
        .zip(diff_invs)
        .map(|(sg, diff_inv)| diff_inv * sg)
        .collect();

    evaluate_with_col_scale(coset_evals, shift, point, &col_scale)
}

/// Rows of `col_scale` computed by one task in `interpolate_coset_with_inverses`.
const ROWS_PER_TASK: usize = 1 << 12;

/// `interpolate_coset`, given the inverses it needs: `inverses_bitrev[k]` is `1 / (x_k - point)`
/// for the `k`-th element `x_k` of a coset `shift <h>` in bit-reversed order, with `<h>` at least
/// as large as `coset_evals` is high (its first `height` elements are then this coset's, in
/// bit-reversed order). These are the inverse denominators p3-fri's `open` computes once per
/// opening point.
///
/// sp1-wasm: stock p3-fri handed `interpolate_coset` only the point, so it inverted `height`
/// differences again for every matrix and point, on one thread; this takes them, and computes the
/// column scales in parallel (PATCHES.md). Same field values as `interpolate_coset`.
pub fn interpolate_coset_with_inverses<F, EF, Mat>(
    coset_evals: &Mat,
    shift: F,
    point: EF,
    inverses_bitrev: &[EF],
) -> Vec<EF>
where
    F: TwoAdicField,
    EF: ExtensionField<F> + TwoAdicField,
    Mat: Matrix<F>,
{
    let height = coset_evals.height();
    let log_height = log2_strict_usize(height);
    assert!(inverses_bitrev.len() >= height, "fewer inverses than rows");
    let g = F::two_adic_generator(log_height);

    // col_scale[i] = g^i / (point - shift g^i): the inverse is the negated one of element i.
    let mut col_scale = vec![EF::zero(); height];
    col_scale.par_chunks_mut(ROWS_PER_TASK).enumerate().for_each(|(task, chunk)| {
        let first = task * ROWS_PER_TASK;
        let powers = g.shifted_powers(g.exp_u64(first as u64));
        for ((scale, sg), i) in chunk.iter_mut().zip(powers).zip(first..) {
            *scale = -inverses_bitrev[reverse_bits_len(i, log_height)] * sg;
        }
    });

    evaluate_with_col_scale(coset_evals, shift, point, &col_scale)
}

/// The barycentric sum over the coset `shift <g>`, `col_scale[i]` being `g^i / (point - shift g^i)`.
fn evaluate_with_col_scale<F, EF, Mat>(
    coset_evals: &Mat,
    shift: F,
    point: EF,
    col_scale: &[EF],
) -> Vec<EF>
where
    F: TwoAdicField,
    EF: ExtensionField<F> + TwoAdicField,
    Mat: Matrix<F>,
{
    let height = coset_evals.height();
    let log_height = log2_strict_usize(height);
    let sum = baby_bear_sums::columnwise_dot_product(coset_evals, col_scale);

    let zerofier = two_adic_coset_zerofier::<EF>(log_height, EF::from_base(shift), point);
    let denominator = F::from_canonical_usize(height) * shift.exp_u64(height as u64 - 1);
    scale_vec(zerofier * denominator.inverse(), sum)
}

/// `x += y * s`, where `s` is a scalar.
pub fn add_scaled_base_slice_in_place<F, EF, Y>(x: &mut [EF], y: Y, s: EF)
where
    F: Field,
    EF: ExtensionField<F>,
    Y: Iterator<Item = F>,
{
    // TODO: Use PackedField
    x.iter_mut().zip(y).for_each(|(x_i, y_i)| *x_i += s * y_i);
}

#[cfg(test)]
mod tests {
    use alloc::vec;

    use p3_baby_bear::BabyBear;
    use p3_field::AbstractField;
    use p3_matrix::dense::RowMajorMatrix;

    use crate::{interpolate_coset, interpolate_subgroup};

    #[test]
    fn test_interpolate_subgroup() {
        // x^2 + 2 x + 3
        type F = BabyBear;
        let evals = [
            6, 886605102, 1443543107, 708307799, 2, 556938009, 569722818, 1874680944,
        ]
        .map(F::from_canonical_u32);
        let evals_mat = RowMajorMatrix::new(evals.to_vec(), 1);
        let point = F::from_canonical_u32(100);
        let result = interpolate_subgroup(&evals_mat, point);
        assert_eq!(result, vec![F::from_canonical_u32(10203)]);
    }

    #[test]
    fn test_interpolate_coset() {
        // x^2 + 2 x + 3
        type F = BabyBear;
        let shift = F::generator();
        let evals = [
            1026, 129027310, 457985035, 994890337, 902, 1988942953, 1555278970, 913671254,
        ]
        .map(F::from_canonical_u32);
        let evals_mat = RowMajorMatrix::new(evals.to_vec(), 1);
        let point = F::from_canonical_u32(100);
        let result = interpolate_coset(&evals_mat, shift, point);
        assert_eq!(result, vec![F::from_canonical_u32(10203)]);
    }
}
