use crate::{
    air::{InteractionScope, MultiTableAirBuilder},
    lookup::Interaction,
};
use hashbrown::HashMap;
use itertools::Itertools;
use p3_air::{AirBuilder, ExtensionBuilder, PairBuilder};
use p3_field::{batch_multiplicative_inverse, AbstractField, ExtensionField, Field, PrimeField};
use p3_matrix::{dense::RowMajorMatrix, Matrix};
use p3_maybe_rayon::prelude::*;
use rayon_scan::ScanParallelIterator;
use std::{borrow::Borrow, ops::Mul};

/// Computes the width of the local permutation trace in terms of extension field elements.
#[must_use]
pub const fn local_permutation_trace_width(nb_interactions: usize, batch_size: usize) -> usize {
    if nb_interactions == 0 {
        return 0;
    }
    nb_interactions.div_ceil(batch_size) + 1
}

/// Rows of a chip whose `LogUp` fingerprints share one inversion (sp1-wasm).
const ROWS_PER_INVERSION: usize = 32;

/// Populates rows of the local permutation trace (sp1-wasm: batched; stock computes one row at a
/// time). Column `j` of a row holds the sum, over the `j`-th batch of interactions, of
/// `±multiplicity / fingerprint(alpha, beta)`. The same values as stock's, which divides once
/// per interaction per row, computed with fewer field operations:
/// - the fingerprints of all rows given are inverted together (Montgomery's trick: one
///   inversion, three multiplications per element);
/// - interactions with multiplicity zero, which add zero, are skipped;
/// - the powers of beta come computed (stock recomputes them per interaction per row), and the
///   base-field values multiply them as base-field elements.
#[allow(clippy::too_many_arguments)]
fn populate_local_permutation_rows<F: PrimeField, EF: ExtensionField<F>>(
    rows: &mut [EF],
    row_width: usize,
    preprocessed_rows: &[F],
    main_rows: &[F],
    interactions: &[(&Interaction<F>, bool)],
    alpha: EF,
    beta_powers: &[EF],
    batch_size: usize,
) {
    let height = rows.len() / row_width;
    let preprocessed_width = preprocessed_rows.len() / height;
    let main_width = main_rows.len() / height;
    let mut fingerprints = Vec::with_capacity(height * interactions.len());
    // Where each fingerprint's term goes in `rows`, and its signed multiplicity.
    let mut terms = Vec::with_capacity(height * interactions.len());
    for row in 0..height {
        let preprocessed_row =
            &preprocessed_rows[row * preprocessed_width..(row + 1) * preprocessed_width];
        let main_row = &main_rows[row * main_width..(row + 1) * main_width];
        for (i, (interaction, is_send)) in interactions.iter().enumerate() {
            let multiplicity = interaction.multiplicity.apply::<F, F>(preprocessed_row, main_row);
            if multiplicity.is_zero() {
                continue;
            }
            let mut fingerprint =
                alpha + beta_powers[0] * F::from_canonical_usize(interaction.argument_index());
            for (columns, beta) in interaction.values.iter().zip(&beta_powers[1..]) {
                fingerprint += *beta * columns.apply::<F, F>(preprocessed_row, main_row);
            }
            fingerprints.push(fingerprint);
            terms.push((
                row * row_width + i / batch_size,
                if *is_send { multiplicity } else { -multiplicity },
            ));
        }
    }
    for ((index, multiplicity), inverse) in
        terms.into_iter().zip(batch_multiplicative_inverse(&fingerprints))
    {
        rows[index] += inverse * multiplicity;
    }
}

/// Returns the sends, receives, and permutation trace width grouped by scope.
#[allow(clippy::type_complexity)]
pub fn scoped_interactions<F: Field>(
    sends: &[Interaction<F>],
    receives: &[Interaction<F>],
) -> (HashMap<InteractionScope, Vec<Interaction<F>>>, HashMap<InteractionScope, Vec<Interaction<F>>>)
{
    // Create a hashmap of scope -> vec<send interactions>.
    let mut sends = sends.to_vec();
    sends.sort_by_key(|k| k.scope);
    let grouped_sends: HashMap<_, _> = sends
        .iter()
        .chunk_by(|int| int.scope)
        .into_iter()
        .map(|(k, values)| (k, values.cloned().collect_vec()))
        .collect();

    // Create a hashmap of scope -> vec<receive interactions>.
    let mut receives = receives.to_vec();
    receives.sort_by_key(|k| k.scope);
    let grouped_receives: HashMap<_, _> = receives
        .iter()
        .chunk_by(|int| int.scope)
        .into_iter()
        .map(|(k, values)| (k, values.cloned().collect_vec()))
        .collect();

    (grouped_sends, grouped_receives)
}

/// Generates the permutation trace for the given chip and main trace based on a variant of `LogUp`.
#[allow(clippy::too_many_lines)]
pub fn generate_permutation_trace<F: PrimeField, EF: ExtensionField<F>>(
    sends: &[Interaction<F>],
    receives: &[Interaction<F>],
    preprocessed: Option<&RowMajorMatrix<F>>,
    main: &RowMajorMatrix<F>,
    random_elements: &[EF],
    batch_size: usize,
) -> (RowMajorMatrix<EF>, EF) {
    let empty = vec![];
    let (scoped_sends, scoped_receives) = scoped_interactions(sends, receives);
    let local_sends = scoped_sends.get(&InteractionScope::Local).unwrap_or(&empty);
    let local_receives = scoped_receives.get(&InteractionScope::Local).unwrap_or(&empty);

    let local_permutation_width =
        local_permutation_trace_width(local_sends.len() + local_receives.len(), batch_size);

    let height = main.height();
    let permutation_trace_width = local_permutation_width;
    let mut permutation_trace = RowMajorMatrix::new(
        vec![EF::zero(); permutation_trace_width * height],
        permutation_trace_width,
    );

    let mut local_cumulative_sum = EF::zero();

    let random_elements = &random_elements[0..2];
    let local_row_range = 0..local_permutation_width;

    if !local_sends.is_empty() || !local_receives.is_empty() {
        let interactions = local_sends
            .iter()
            .map(|interaction| (interaction, true))
            .chain(local_receives.iter().map(|interaction| (interaction, false)))
            .collect::<Vec<_>>();
        let max_values = interactions.iter().map(|(i, _)| i.values.len()).max().unwrap_or(0);
        let beta_powers = random_elements[1].powers().take(max_values + 1).collect::<Vec<_>>();
        let (preprocessed_values, preprocessed_width) = match preprocessed {
            Some(prep) => {
                assert_eq!(
                    prep.height(),
                    main.height(),
                    "preprocessed and main have different heights: main width = {}, preprocessed width = {}",
                    main.width(),
                    prep.width()
                );
                (prep.values.as_slice(), prep.width())
            }
            None => (&[][..], 0),
        };
        assert_eq!(
            permutation_trace.height(),
            main.height(),
            "permutation trace and main have different heights"
        );
        let preprocessed_chunk = preprocessed_width * ROWS_PER_INVERSION;
        permutation_trace
            .values
            .par_chunks_mut(permutation_trace_width * ROWS_PER_INVERSION)
            .zip_eq(main.values.par_chunks(main.width() * ROWS_PER_INVERSION))
            .enumerate()
            .for_each(|(chunk, (rows, main_rows))| {
                let start = (chunk * preprocessed_chunk).min(preprocessed_values.len());
                let end = (start + preprocessed_chunk).min(preprocessed_values.len());
                let preprocessed_rows = &preprocessed_values[start..end];
                populate_local_permutation_rows::<F, EF>(
                    rows,
                    permutation_trace_width,
                    preprocessed_rows,
                    main_rows,
                    &interactions,
                    random_elements[0],
                    &beta_powers,
                    batch_size,
                );
            });

        let zero = EF::zero();
        let local_cumulative_sums = permutation_trace
            .par_rows_mut()
            .map(|row| {
                row[local_row_range.start..local_row_range.end - 1].iter().copied().sum::<EF>()
            })
            .collect::<Vec<_>>();

        let local_cumulative_sums =
            local_cumulative_sums.into_par_iter().scan(|a, b| *a + *b, zero).collect::<Vec<_>>();

        local_cumulative_sum = *local_cumulative_sums.last().unwrap();

        permutation_trace.par_rows_mut().zip_eq(local_cumulative_sums.into_par_iter()).for_each(
            |(row, local_cumulative_sum)| {
                row[local_row_range.end - 1] = local_cumulative_sum;
            },
        );
    }

    (permutation_trace, local_cumulative_sum)
}

/// Evaluates the permutation constraints for the given chip.
///
/// In particular, the constraints checked here are:
///     - The running sum column starts at zero.
///     - That the RLC per interaction is computed correctly.
///     - The running sum column ends at the (currently) given cumulative sum.
#[allow(clippy::too_many_lines)]
pub fn eval_permutation_constraints<'a, F, AB>(
    sends: &[Interaction<F>],
    receives: &[Interaction<F>],
    batch_size: usize,
    commit_scope: InteractionScope,
    builder: &mut AB,
) where
    F: Field,
    AB::EF: ExtensionField<F>,
    AB: MultiTableAirBuilder<'a, F = F> + PairBuilder,
    AB: 'a,
{
    // sp1-wasm: this runs for every row of the quotient domain, so it borrows what stock cloned and
    // copied per row, and computes each product once; the constraints, their order and their
    // values are stock's (PATCHES.md). The local interactions, sends then receives, come in the
    // order `scoped_interactions` gives them (a stable sort by scope).
    let local_interactions = sends
        .iter()
        .map(|interaction| (interaction, true))
        .chain(receives.iter().map(|interaction| (interaction, false)))
        .filter(|(interaction, _)| interaction.scope == InteractionScope::Local)
        .collect::<Vec<_>>();

    let local_permutation_width =
        local_permutation_trace_width(local_interactions.len(), batch_size);

    let permutation_trace_width = local_permutation_width;

    let preprocessed = builder.preprocessed();
    let main = builder.main();
    let perm = builder.permutation();

    let preprocessed_local = preprocessed.row_slice(0);
    let main_local = main.row_slice(0);
    let main_local: &[AB::Var] = (*main_local).borrow();
    let perm_local = perm.row_slice(0);
    let perm_local: &[AB::VarEF] = (*perm_local).borrow();
    let perm_next = perm.row_slice(1);
    let perm_next: &[AB::VarEF] = (*perm_next).borrow();
    let perm_width = perm.width();

    // Assert that the permutation trace width is correct.
    if perm_width != permutation_trace_width {
        panic!(
            "permutation trace width is incorrect: expected {permutation_trace_width}, got {perm_width}",
        );
    }

    // Get the permutation challenge alpha (beta comes as its powers, below).
    let alpha: AB::ExprEF = builder.permutation_randomness()[0].into();
    let local_cumulative_sum = builder.local_cumulative_sum();

    if !local_interactions.is_empty() {
        // The powers of beta the fingerprints use, computed once rather than per interaction (by
        // the prover's folder, once per chip rather than per row).
        let max_values = local_interactions.iter().map(|(int, _)| int.values.len()).max();
        let betas = builder.permutation_beta_powers(max_values.unwrap_or(0) + 1);

        // Assert that the i-eth entry is equal to the sum_i m_i/rlc_i by constraints:
        // entry * \prod_i rlc_i = \sum_i m_i * \prod_{j!=i} rlc_j over all columns of the
        // permutation trace except the last column.
        for (entry, chunk) in
            perm_local[0..perm_local.len() - 1].iter().zip(local_interactions.chunks(batch_size))
        {
            // First, we calculate the random linear combinations and multiplicities with the
            // correct sign depending on wetther the interaction is a send or a receive.
            let mut rlcs: Vec<AB::ExprEF> = Vec::with_capacity(batch_size);
            let mut multiplicities: Vec<AB::Expr> = Vec::with_capacity(batch_size);
            for &(interaction, is_send) in chunk {
                // beta^0 is one: the argument index is added as it is.
                let mut rlc =
                    alpha.clone() + AB::ExprEF::from_canonical_usize(interaction.argument_index());
                for (field, beta) in interaction.values.iter().zip(&betas[1..]) {
                    let elem = field.apply::<AB::Expr, AB::Var>(&preprocessed_local, main_local);
                    rlc += beta.clone() * elem;
                }
                rlcs.push(rlc);

                let send_factor = if is_send { AB::F::one() } else { -AB::F::one() };
                multiplicities.push(
                    interaction
                        .multiplicity
                        .apply::<AB::Expr, AB::Var>(&preprocessed_local, main_local) *
                        send_factor,
                );
            }

            // Now we can calculate the numerator and denominator of the combined batch: the
            // product of all rlcs, and each product of all but one rlc as the product of the rlcs
            // before it and of those after it.
            let prefix_products = running_products(rlcs.iter().cloned());
            let mut suffix_products = running_products(rlcs.iter().rev().cloned());
            suffix_products.reverse();
            let mut numerator = AB::ExprEF::zero();
            for (i, m) in multiplicities.into_iter().enumerate() {
                let before = i.checked_sub(1).map(|j| &prefix_products[j]);
                let after = suffix_products.get(i + 1);
                let all_but_current = match (before, after) {
                    (Some(before), Some(after)) => before.clone() * after.clone(),
                    (Some(only), None) | (None, Some(only)) => only.clone(),
                    (None, None) => AB::ExprEF::one(),
                };
                numerator += all_but_current * m;
            }
            let product = prefix_products.last().unwrap().clone();

            // Finally, assert that the entry is equal to the numerator divided by the product.
            let entry: AB::ExprEF = (*entry).into();
            builder.assert_eq_ext(product * entry, numerator);
        }

        // Compute the running local and next permutation sums.
        let sum_local = perm_local[..local_permutation_width - 1]
            .iter()
            .map(|x| (*x).into())
            .sum::<AB::ExprEF>();
        let sum_next = perm_next[..local_permutation_width - 1]
            .iter()
            .map(|x| (*x).into())
            .sum::<AB::ExprEF>();
        let phi_local: AB::ExprEF = (*perm_local.last().unwrap()).into();
        let phi_next: AB::ExprEF = (*perm_next.last().unwrap()).into();

        // Assert that cumulative sum is initialized to `phi_local` on the first row.
        builder.when_first_row().assert_eq_ext(phi_local.clone(), sum_local);

        // Assert that the cumulative sum is constrained to `phi_next - phi_local` on the transition
        // rows.
        builder.when_transition().assert_eq_ext(phi_next - phi_local.clone(), sum_next);
        builder.when_last_row().assert_eq_ext(*perm_local.last().unwrap(), *local_cumulative_sum);
    }

    // Handle global cumulative sums.
    // If the chip's scope is `InteractionScope::Global`, the last row's final 14 columns is equal
    // to the global cumulative sum.
    let global_cumulative_sum = builder.global_cumulative_sum();
    if commit_scope == InteractionScope::Global {
        for i in 0..7 {
            builder
                .when_last_row()
                .assert_eq(main_local[main_local.len() - 14 + i], global_cumulative_sum.0.x.0[i]);
            builder
                .when_last_row()
                .assert_eq(main_local[main_local.len() - 7 + i], global_cumulative_sum.0.y.0[i]);
        }
    }
}

/// `[x_0, x_0 x_1, ..., x_0 x_1 ... x_{n-1}]` (sp1-wasm).
fn running_products<E: Clone + Mul<Output = E>>(factors: impl Iterator<Item = E>) -> Vec<E> {
    let mut products: Vec<E> = Vec::new();
    for factor in factors {
        let product = match products.last() {
            Some(previous) => previous.clone() * factor,
            None => factor,
        };
        products.push(product);
    }
    products
}

/// Counts the number of permutation constraints for the given chip.
///
/// IMPORTANT: This function must be manually updated if any changes are made to
/// `eval_permutation_constraints`. The current count includes:
/// - For local interactions: `local_permutation_trace_width(sends.len() + receives.len(),
///   batch_size)` + 3 local cumulative sum constraints.
/// - For global scope: 14 additional constraints for the global cumulative sum.
pub fn count_permutation_constraints<F: Field>(
    sends: &[Interaction<F>],
    receives: &[Interaction<F>],
    batch_size: usize,
    commit_scope: InteractionScope,
) -> usize {
    let mut count = 0;

    let empty = vec![];
    let (scoped_sends, scoped_receives) = scoped_interactions(sends, receives);
    let local_sends = scoped_sends.get(&InteractionScope::Local).unwrap_or(&empty);
    let local_receives = scoped_receives.get(&InteractionScope::Local).unwrap_or(&empty);

    let num_local_interactions = local_sends.len() + local_receives.len();

    if num_local_interactions > 0 {
        let local_permutation_width =
            local_permutation_trace_width(num_local_interactions, batch_size);
        // We loop over (local_permutation_width - 1) iterations with one assert per iteration.
        count += local_permutation_width - 1;

        // One assert that cumulative sum is initialized to `phi_local` on the first row.
        // Two asserts that the cumulative sum is constrained to `phi_next - phi_local` on the
        // transition rows.
        count += 3;
    }

    // If the chip's scope is `InteractionScope::Global`, 14 asserts that
    // the last row's final 14 columns is equal to the global cumulative sum.
    if commit_scope == InteractionScope::Global {
        count += 14;
    }

    count
}
