//! The vendored sp1-stark's batched `LogUp` permutation trace (one inversion per chunk of rows,
//! zero multiplicities skipped) holds the values stock sp1-stark 5.2.4 computes row by row, on
//! random traces with and without preprocessed columns, at heights that do and do not fill a
//! chunk. Equal values mean equal commitments, so proofs stay stock's byte for byte (the interop
//! suite checks that on whole proofs).
use itertools::Itertools;
use p3_air::{PairCol, VirtualPairCol};
use p3_baby_bear::BabyBear;
use p3_field::{extension::BinomialExtensionField, AbstractExtensionField, AbstractField};
use p3_matrix::{dense::RowMajorMatrix, Matrix};
use sp1_stark::{
    air::InteractionScope, generate_permutation_trace, local_permutation_trace_width, Interaction,
    InteractionKind,
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
