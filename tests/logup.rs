//! The vendored sp1-stark's batched `LogUp` permutation trace (one inversion per chunk of rows,
//! zero multiplicities skipped) holds the values stock sp1-stark 5.2.4 computes row by row, on
//! random traces with and without preprocessed columns, at heights that do and do not fill a
//! chunk. Equal values mean equal commitments, so proofs stay stock's byte for byte (the interop
//! suite checks that on whole proofs). Its permutation constraints, evaluated on random rows, fold
//! to the value stock's do, so quotients and proofs are stock's too.
use std::{borrow::Borrow, marker::PhantomData};

use itertools::Itertools;
use p3_air::{AirBuilder, ExtensionBuilder, PairBuilder, PairCol, VirtualPairCol};
use p3_baby_bear::BabyBear;
use p3_field::{
    extension::BinomialExtensionField, AbstractExtensionField, AbstractField, ExtensionField, Field,
};
use p3_matrix::{
    dense::{RowMajorMatrix, RowMajorMatrixView},
    stack::VerticalPair,
    Matrix,
};
use sp1_stark::{
    air::{InteractionScope, MultiTableAirBuilder},
    baby_bear_poseidon2::BabyBearPoseidon2,
    eval_permutation_constraints, generate_permutation_trace, local_permutation_trace_width,
    scoped_interactions,
    septic_curve::SepticCurve,
    septic_digest::SepticDigest,
    septic_extension::SepticExtension,
    Interaction, InteractionKind, VerifierConstraintFolder,
};

type F = BabyBear;
type EF = BinomialExtensionField<BabyBear, 4>;

/// Stock sp1-stark 5.2.4's `populate_local_permutation_row`, verbatim: the reference.
fn stock_populate_row(
    row: &mut [EF],
    preprocessed_row: &[F],
    main_row: &[F],
    sends: &[Interaction<F>],
    receives: &[Interaction<F>],
    random_elements: &[EF],
    batch_size: usize,
) {
    let alpha = random_elements[0];
    let betas = random_elements[1].powers();
    let interaction_chunks = &sends
        .iter()
        .map(|int| (int, true))
        .chain(receives.iter().map(|int| (int, false)))
        .chunks(batch_size);
    for (value, chunk) in row.iter_mut().zip(interaction_chunks) {
        *value = chunk
            .into_iter()
            .map(|(interaction, is_send)| {
                let mut denominator = alpha;
                let mut betas = betas.clone();
                denominator +=
                    betas.next().unwrap() * EF::from_canonical_usize(interaction.argument_index());
                for (columns, beta) in interaction.values.iter().zip(betas) {
                    denominator += beta * columns.apply::<F, F>(preprocessed_row, main_row);
                }
                let mut mult = interaction
                    .multiplicity
                    .apply::<F, F>(preprocessed_row, main_row);
                if !is_send {
                    mult = -mult;
                }
                EF::from_base(mult) / denominator
            })
            .sum();
    }
}

/// Stock sp1-stark 5.2.4's `eval_permutation_constraints`, verbatim: the reference.
#[allow(clippy::all)]
fn stock_eval_permutation_constraints<'a, F, AB>(
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
    let empty = vec![];
    let (scoped_sends, scoped_receives) = scoped_interactions(sends, receives);
    let local_sends = scoped_sends.get(&InteractionScope::Local).unwrap_or(&empty);
    let local_receives = scoped_receives
        .get(&InteractionScope::Local)
        .unwrap_or(&empty);

    let local_permutation_width =
        local_permutation_trace_width(local_sends.len() + local_receives.len(), batch_size);

    let permutation_trace_width = local_permutation_width;

    let preprocessed = builder.preprocessed();
    let main = builder.main();
    let perm = builder.permutation().to_row_major_matrix();

    let preprocessed_local = preprocessed.row_slice(0);
    let main_local = main.to_row_major_matrix();
    let main_local = main_local.row_slice(0);
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

    // Get the permutation challenges.
    let permutation_challenges = builder.permutation_randomness();
    let random_elements: Vec<AB::ExprEF> =
        permutation_challenges.iter().map(|x| (*x).into()).collect();
    let local_cumulative_sum = builder.local_cumulative_sum();

    let random_elements = &random_elements[0..2];
    let (alpha, beta) = (&random_elements[0], &random_elements[1]);
    if !local_sends.is_empty() || !local_receives.is_empty() {
        // Ensure that each batch sum m_i/f_i is computed correctly.
        let interaction_chunks = &local_sends
            .iter()
            .map(|int| (int, true))
            .chain(local_receives.iter().map(|int| (int, false)))
            .chunks(batch_size);

        // Assert that the i-eth entry is equal to the sum_i m_i/rlc_i by constraints:
        // entry * \prod_i rlc_i = \sum_i m_i * \prod_{j!=i} rlc_j over all columns of the
        // permutation trace except the last column.
        for (entry, chunk) in perm_local[0..perm_local.len() - 1]
            .iter()
            .zip(interaction_chunks)
        {
            // First, we calculate the random linear combinations and multiplicities with the
            // correct sign depending on wetther the interaction is a send or a receive.
            let mut rlcs: Vec<AB::ExprEF> = Vec::with_capacity(batch_size);
            let mut multiplicities: Vec<AB::Expr> = Vec::with_capacity(batch_size);
            for (interaction, is_send) in chunk {
                let mut rlc = alpha.clone();
                let mut betas = beta.powers();

                rlc = rlc.clone()
                    + betas.next().unwrap()
                        * AB::ExprEF::from_canonical_usize(interaction.argument_index());
                for (field, beta) in interaction.values.iter().zip(betas.clone()) {
                    let elem = field.apply::<AB::Expr, AB::Var>(&preprocessed_local, main_local);
                    rlc = rlc.clone() + beta * elem;
                }
                rlcs.push(rlc);

                let send_factor = if is_send { AB::F::one() } else { -AB::F::one() };
                multiplicities.push(
                    interaction
                        .multiplicity
                        .apply::<AB::Expr, AB::Var>(&preprocessed_local, main_local)
                        * send_factor,
                );
            }

            // Now we can calculate the numerator and denominator of the combined batch.
            let mut product = AB::ExprEF::one();
            let mut numerator = AB::ExprEF::zero();
            for (i, (m, rlc)) in multiplicities.into_iter().zip(rlcs.iter()).enumerate() {
                // Calculate the running product of all rlcs.
                product = product.clone() * rlc.clone();

                // Calculate the product of all but the current rlc.
                let mut all_but_current = AB::ExprEF::one();
                for other_rlc in rlcs
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| i != *j)
                    .map(|(_, rlc)| rlc)
                {
                    all_but_current = all_but_current.clone() * other_rlc.clone();
                }
                numerator = numerator.clone() + AB::ExprEF::from_base(m) * all_but_current;
            }

            // Finally, assert that the entry is equal to the numerator divided by the product.
            let entry: AB::ExprEF = (*entry).into();
            builder.assert_eq_ext(product.clone() * entry.clone(), numerator);
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
        builder
            .when_first_row()
            .assert_eq_ext(phi_local.clone(), sum_local);

        // Assert that the cumulative sum is constrained to `phi_next - phi_local` on the transition
        // rows.
        builder
            .when_transition()
            .assert_eq_ext(phi_next - phi_local.clone(), sum_next);
        builder
            .when_last_row()
            .assert_eq_ext(*perm_local.last().unwrap(), *local_cumulative_sum);
    }

    // Handle global cumulative sums.
    // If the chip's scope is `InteractionScope::Global`, the last row's final 14 columns is equal
    // to the global cumulative sum.
    let global_cumulative_sum = builder.global_cumulative_sum();
    if commit_scope == InteractionScope::Global {
        for i in 0..7 {
            builder.when_last_row().assert_eq(
                main_local[main_local.len() - 14 + i],
                global_cumulative_sum.0.x.0[i],
            );
            builder.when_last_row().assert_eq(
                main_local[main_local.len() - 7 + i],
                global_cumulative_sum.0.y.0[i],
            );
        }
    }
}

/// A deterministic stream of field elements, a quarter of them zero (as padding rows and
/// unused multiplicities are).
fn elements(seed: u64) -> impl Iterator<Item = F> {
    let mut state = seed;
    std::iter::repeat_with(move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let value = (state >> 33) as u32;
        F::from_canonical_u32(if value % 4 == 0 {
            0
        } else {
            value % 0x7800_0001
        })
    })
}

/// Interactions over `main_width` main and `preprocessed_width` preprocessed columns, with
/// multiplicities read from columns (often zero) and constant ones.
fn interactions(count: usize, main_width: usize, preprocessed_width: usize) -> Vec<Interaction<F>> {
    let kinds = InteractionKind::all_kinds();
    (0..count)
        .map(|i| {
            let values = (0..1 + i % 5)
                .map(|v| {
                    let column = if preprocessed_width > 0 && v % 3 == 2 {
                        PairCol::Preprocessed((i + v) % preprocessed_width)
                    } else {
                        PairCol::Main((i * 7 + v) % main_width)
                    };
                    VirtualPairCol::new(
                        vec![(column, F::from_canonical_usize(v + 1))],
                        F::from_canonical_usize(i),
                    )
                })
                .collect();
            let multiplicity = if i % 4 == 3 {
                VirtualPairCol::constant(F::from_canonical_usize(i))
            } else {
                VirtualPairCol::single_main(i % main_width)
            };
            Interaction::new(
                values,
                multiplicity,
                kinds[i % kinds.len()],
                InteractionScope::Local,
            )
        })
        .collect()
}

#[test]
fn batched_trace_equals_stock_row_by_row() {
    let random_elements = [
        EF::from_base_slice(
            &elements(1)
                .take(4)
                .map(|x| x + F::one())
                .collect::<Vec<_>>(),
        ),
        EF::from_base_slice(
            &elements(2)
                .take(4)
                .map(|x| x + F::one())
                .collect::<Vec<_>>(),
        ),
    ];
    for (height, main_width, preprocessed_width, sends, receives, batch_size) in [
        (1, 3, 0, 1, 0, 1),
        (5, 6, 2, 2, 3, 2),
        (31, 9, 0, 7, 4, 3),
        (64, 12, 3, 10, 9, 4),
        (100, 20, 0, 16, 1, 4),
        (256, 7, 4, 3, 12, 5),
    ] {
        let main = RowMajorMatrix::new(
            elements(height as u64).take(height * main_width).collect(),
            main_width,
        );
        let preprocessed = (preprocessed_width > 0).then(|| {
            RowMajorMatrix::new(
                elements(7 * height as u64)
                    .take(height * preprocessed_width)
                    .collect(),
                preprocessed_width,
            )
        });
        let sends = interactions(sends, main_width, preprocessed_width);
        let receives = interactions(receives, main_width, preprocessed_width);
        let (trace, cumulative_sum) = generate_permutation_trace(
            &sends,
            &receives,
            preprocessed.as_ref(),
            &main,
            &random_elements,
            batch_size,
        );

        let width = local_permutation_trace_width(sends.len() + receives.len(), batch_size);
        let mut expected = vec![EF::zero(); width * height];
        let mut running_sum = EF::zero();
        for (row, expected_row) in expected.chunks_mut(width).enumerate() {
            let preprocessed_row = preprocessed
                .as_ref()
                .map_or(vec![], |p| p.row_slice(row).to_vec());
            stock_populate_row(
                &mut expected_row[..width - 1],
                &preprocessed_row,
                &main.row_slice(row),
                &sends,
                &receives,
                &random_elements,
                batch_size,
            );
            running_sum += expected_row[..width - 1].iter().copied().sum::<EF>();
            expected_row[width - 1] = running_sum;
        }
        assert_eq!(
            trace.values, expected,
            "height {height}, batch size {batch_size}"
        );
        assert_eq!(cumulative_sum, running_sum);
    }
}

/// Every third interaction, from the second, in the global scope (no column in the local
/// permutation trace).
fn with_global_scopes(mut interactions: Vec<Interaction<F>>) -> Vec<Interaction<F>> {
    for interaction in interactions.iter_mut().skip(1).step_by(3) {
        interaction.scope = InteractionScope::Global;
    }
    interactions
}

fn ext_elements(seed: u64, count: usize) -> Vec<EF> {
    let base = elements(seed).take(4 * count).collect::<Vec<_>>();
    base.chunks(4).map(EF::from_base_slice).collect()
}

/// A chip's local and next rows, challenges and selectors, all random: what a verifier folder
/// evaluates constraints on.
struct RandomRows {
    preprocessed: Vec<EF>,
    main: Vec<EF>,
    permutation: Vec<EF>,
    challenges: Vec<EF>,
    selectors: Vec<EF>,
    local_cumulative_sum: EF,
    global_cumulative_sum: SepticDigest<F>,
}

impl RandomRows {
    fn new(
        seed: u64,
        preprocessed_width: usize,
        main_width: usize,
        permutation_width: usize,
    ) -> Self {
        let base_row = |seed, width| elements(seed).take(2 * width).map(EF::from_base).collect();
        let coordinate = |seed| {
            let mut values = elements(seed);
            SepticExtension(std::array::from_fn(|_| values.next().unwrap()))
        };
        Self {
            preprocessed: base_row(seed, preprocessed_width),
            main: base_row(seed + 1, main_width),
            permutation: ext_elements(seed + 2, 2 * permutation_width),
            challenges: ext_elements(seed + 3, 2),
            selectors: ext_elements(seed + 4, 4),
            local_cumulative_sum: ext_elements(seed + 5, 1)[0],
            global_cumulative_sum: SepticDigest(SepticCurve {
                x: coordinate(seed + 6),
                y: coordinate(seed + 7),
            }),
        }
    }

    /// A folder over these rows whose accumulator folds every constraint with a random alpha.
    fn folder(&self) -> VerifierConstraintFolder<'_, BabyBearPoseidon2> {
        VerifierConstraintFolder::<BabyBearPoseidon2> {
            preprocessed: local_and_next(&self.preprocessed),
            main: local_and_next(&self.main),
            perm: local_and_next(&self.permutation),
            perm_challenges: &self.challenges,
            local_cumulative_sum: &self.local_cumulative_sum,
            global_cumulative_sum: &self.global_cumulative_sum,
            is_first_row: self.selectors[0],
            is_last_row: self.selectors[1],
            is_transition: self.selectors[2],
            alpha: self.selectors[3],
            accumulator: EF::zero(),
            public_values: &[],
            _marker: PhantomData,
        }
    }
}

/// A two-row window: the first half of `values` is the local row, the second half the next.
fn local_and_next(
    values: &[EF],
) -> VerticalPair<RowMajorMatrixView<'_, EF>, RowMajorMatrixView<'_, EF>> {
    let (local, next) = values.split_at(values.len() / 2);
    VerticalPair::new(
        RowMajorMatrixView::new_row(local),
        RowMajorMatrixView::new_row(next),
    )
}

#[test]
fn permutation_constraints_equal_stock() {
    for (preprocessed_width, main_width, sends, receives, batch_size, commit_scope) in [
        (1, 14, 1, 0, 1, InteractionScope::Local),
        (2, 16, 2, 3, 2, InteractionScope::Global),
        (1, 20, 7, 4, 3, InteractionScope::Local),
        (3, 24, 10, 9, 2, InteractionScope::Global),
        (4, 30, 16, 1, 4, InteractionScope::Local),
    ] {
        let sends = with_global_scopes(interactions(sends, main_width, preprocessed_width));
        let receives = with_global_scopes(interactions(receives, main_width, preprocessed_width));
        let local_interactions = sends
            .iter()
            .chain(&receives)
            .filter(|interaction| interaction.scope == InteractionScope::Local)
            .count();
        let permutation_width = local_permutation_trace_width(local_interactions, batch_size);
        let rows = RandomRows::new(
            (main_width * 10 + batch_size) as u64,
            preprocessed_width,
            main_width,
            permutation_width,
        );

        let mut stock = rows.folder();
        stock_eval_permutation_constraints(&sends, &receives, batch_size, commit_scope, &mut stock);
        let mut vendored = rows.folder();
        eval_permutation_constraints(&sends, &receives, batch_size, commit_scope, &mut vendored);

        assert_ne!(
            stock.accumulator,
            EF::zero(),
            "random rows violate the constraints"
        );
        assert_eq!(
            vendored.accumulator, stock.accumulator,
            "{sends:?} {receives:?}, batch size {batch_size}"
        );
    }
}

/// Prints the time of the batched trace and of stock's row-by-row computation on one thread, for
/// a chip of CPU-like size (2^16 rows, 60 columns, 30 interactions, a quarter of multiplicities
/// zero). Run with `cargo test --release --test logup -- --ignored --nocapture`.
#[test]
#[ignore = "a timing, not a check"]
fn timing_batched_vs_stock() {
    let (height, main_width, batch_size) = (1 << 16, 60, 4);
    let random_elements = [EF::from_canonical_u32(7), EF::from_canonical_u32(11)];
    let main = RowMajorMatrix::new(elements(3).take(height * main_width).collect(), main_width);
    let sends = interactions(18, main_width, 0);
    let receives = interactions(12, main_width, 0);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();

    let start = std::time::Instant::now();
    pool.install(|| {
        generate_permutation_trace(&sends, &receives, None, &main, &random_elements, batch_size)
    });
    let batched = start.elapsed();

    let width = local_permutation_trace_width(sends.len() + receives.len(), batch_size);
    let mut rows = vec![EF::zero(); width * height];
    let start = std::time::Instant::now();
    for (row, values) in rows.chunks_mut(width).enumerate() {
        stock_populate_row(
            &mut values[..width - 1],
            &[],
            &main.row_slice(row),
            &sends,
            &receives,
            &random_elements,
            batch_size,
        );
    }
    let stock = start.elapsed();
    println!(
        "LogUp trace, 2^16 rows x 30 interactions, 1 thread: batched {batched:.2?} (with cumulative sums), \
         stock row by row {stock:.2?} (without): {:.1}x",
        stock.as_secs_f64() / batched.as_secs_f64()
    );
}
