use p3_air::Air;
use p3_commit::PolynomialSpace;
use p3_field::{AbstractExtensionField, AbstractField, Field, PackedField, PackedValue};
use p3_matrix::{dense::RowMajorMatrixView, stack::VerticalPair, Matrix};
use p3_maybe_rayon::prelude::*;
use p3_util::log2_strict_usize;

use crate::{air::MachineAir, septic_digest::SepticDigest};

use super::{
    folder::ProverConstraintFolder, Chip, Domain, PackedChallenge, PackedVal, StarkGenericConfig,
    Val,
};

/// Computes the quotient values.
#[allow(clippy::needless_pass_by_value)]
#[allow(clippy::too_many_arguments)]
#[allow(clippy::too_many_lines)]
pub fn quotient_values<SC, A, Mat>(
    chip: &Chip<Val<SC>, A>,
    local_cumulative_sum: &SC::Challenge,
    global_cumulative_sum: &SepticDigest<Val<SC>>,
    trace_domain: Domain<SC>,
    quotient_domain: Domain<SC>,
    preprocessed_trace_on_quotient_domain: Option<Mat>,
    main_trace_on_quotient_domain: Mat,
    permutation_trace_on_quotient_domain: Mat,
    perm_challenges: &[PackedChallenge<SC>],
    powers_of_alpha: &Vec<SC::Challenge>,
    public_values: &[Val<SC>],
) -> Vec<SC::Challenge>
where
    A: for<'a> Air<ProverConstraintFolder<'a, SC>> + MachineAir<Val<SC>>,
    SC: StarkGenericConfig,
    Mat: Matrix<Val<SC>> + Sync,
{
    let quotient_size = quotient_domain.size();
    let sels = trace_domain.selectors_on_coset(quotient_domain);

    let qdb = log2_strict_usize(quotient_domain.size()) - log2_strict_usize(trace_domain.size());
    let next_step = 1 << qdb;

    assert!(
        quotient_size >= PackedVal::<SC>::WIDTH,
        "quotient size is too small: got {}, expected at least {} for chip {}",
        quotient_size,
        PackedVal::<SC>::WIDTH,
        chip.name()
    );

    // sp1-wasm: the powers of beta the permutation constraints use, once per chip rather than
    // once per row (PATCHES.md).
    let max_values = chip.sends().iter().chain(chip.receives()).map(|i| i.values.len()).max();
    let perm_beta_powers =
        perm_challenges[1].powers().take(max_values.unwrap_or(0) + 1).collect::<Vec<_>>();

    (0..quotient_size)
        .into_par_iter()
        .step_by(PackedVal::<SC>::WIDTH)
        .flat_map_iter(|i_start| {
            let i_range = i_start..i_start + PackedVal::<SC>::WIDTH;

            let is_first_row = *PackedVal::<SC>::from_slice(&sels.is_first_row[i_range.clone()]);
            let is_last_row = *PackedVal::<SC>::from_slice(&sels.is_last_row[i_range.clone()]);
            let is_transition = *PackedVal::<SC>::from_slice(&sels.is_transition[i_range.clone()]);
            let inv_zeroifier = *PackedVal::<SC>::from_slice(&sels.inv_zeroifier[i_range.clone()]);

            // sp1-wasm: each of the packed rows' rows is read once as a slice (`row_slice`), not
            // element by element (`get`), so the matrices can be the PCS's bit-reversed views of
            // the LDEs instead of row-major copies of them (PATCHES.md).
            let next_start = i_start + next_step;
            let (prep_local, prep_next) = match &preprocessed_trace_on_quotient_domain {
                Some(prep) => (
                    packed_rows(prep, i_start, quotient_size),
                    packed_rows(prep, next_start, quotient_size),
                ),
                None => (vec![PackedVal::<SC>::zero()], vec![PackedVal::<SC>::zero()]),
            };
            let local = packed_rows(&main_trace_on_quotient_domain, i_start, quotient_size);
            let next = packed_rows(&main_trace_on_quotient_domain, next_start, quotient_size);
            let perm_local = to_packed_challenges::<SC>(packed_rows(
                &permutation_trace_on_quotient_domain,
                i_start,
                quotient_size,
            ));
            let perm_next = to_packed_challenges::<SC>(packed_rows(
                &permutation_trace_on_quotient_domain,
                next_start,
                quotient_size,
            ));

            let accumulator = PackedChallenge::<SC>::zero();

            let packed_local_cumulative_sum = PackedChallenge::<SC>::from_f(*local_cumulative_sum);

            let mut folder = ProverConstraintFolder {
                preprocessed: VerticalPair::new(
                    RowMajorMatrixView::new_row(&prep_local),
                    RowMajorMatrixView::new_row(&prep_next),
                ),
                main: VerticalPair::new(
                    RowMajorMatrixView::new_row(&local),
                    RowMajorMatrixView::new_row(&next),
                ),
                perm: VerticalPair::new(
                    RowMajorMatrixView::new_row(&perm_local),
                    RowMajorMatrixView::new_row(&perm_next),
                ),
                perm_challenges,
                perm_beta_powers: &perm_beta_powers,
                local_cumulative_sum: &packed_local_cumulative_sum,
                global_cumulative_sum,
                is_first_row,
                is_last_row,
                is_transition,
                powers_of_alpha,
                accumulator,
                public_values,
                constraint_index: 0,
            };
            chip.eval(&mut folder);

            // quotient(x) = constraints(x) / Z_H(x)
            let quotient = folder.accumulator * inv_zeroifier;

            // "Transpose" D packed base coefficients into WIDTH scalar extension coefficients.
            (0..PackedVal::<SC>::WIDTH).map(move |idx_in_packing| {
                let quotient_value = (0..<SC::Challenge as AbstractExtensionField<Val<SC>>>::D)
                    .map(|coeff_idx| quotient.as_base_slice()[coeff_idx].as_slice()[idx_in_packing])
                    .collect::<Vec<_>>();
                SC::Challenge::from_base_slice(&quotient_value)
            })
        })
        .collect()
}

/// The values of the `P::WIDTH` rows from `first_row` on (wrapping at `height`), packed column by
/// column: one `P` per column. Each `P::WIDTH` x `P::WIDTH` block is read as one packed value per
/// row and transposed in place with `interleave`; the last columns, fewer than `P::WIDTH`, one by
/// one.
fn packed_rows<F, P, M>(matrix: &M, first_row: usize, height: usize) -> Vec<P>
where
    F: Field,
    P: PackedField<Scalar = F>,
    M: Matrix<F>,
{
    let rows: Vec<_> =
        (0..P::WIDTH).map(|offset| matrix.row_slice((first_row + offset) % height)).collect();
    let width = matrix.width();
    let blocks_end = width - width % P::WIDTH;
    let mut columns = Vec::with_capacity(width);
    for block_start in (0..blocks_end).step_by(P::WIDTH) {
        columns.extend(
            rows.iter().map(|row| *P::from_slice(&row[block_start..block_start + P::WIDTH])),
        );
        transpose_square(&mut columns[block_start..]);
    }
    columns.extend((blocks_end..width).map(|col| P::from_fn(|offset| rows[offset][col])));
    columns
}

/// Transposes `P::WIDTH` packed rows into `P::WIDTH` packed columns: after interleaving each pair
/// `block_len` apart with blocks of `block_len`, for `block_len` 1, 2, 4, ..., row `i` holds column
/// `i`.
fn transpose_square<P: PackedField>(block: &mut [P]) {
    let mut block_len = 1;
    while block_len < P::WIDTH {
        for i in (0..P::WIDTH).filter(|i| i & block_len == 0) {
            let (low, high) = block[i].interleave(block[i | block_len], block_len);
            block[i] = low;
            block[i | block_len] = high;
        }
        block_len *= 2;
    }
}

/// Packed base-field columns, `D` per extension element, as packed extension elements.
fn to_packed_challenges<SC: StarkGenericConfig>(
    columns: Vec<PackedVal<SC>>,
) -> Vec<PackedChallenge<SC>> {
    columns
        .chunks_exact(<SC::Challenge as AbstractExtensionField<Val<SC>>>::D)
        .map(|coefficients| PackedChallenge::<SC>::from_base_fn(|i| coefficients[i]))
        .collect()
}
