//! The vendored p3-dft, p3-interpolation, p3-fri, p3-symmetric and p3-baby-bear, parallelised
//! where stock ran on one thread and with fewer operations where stock repeated them, compute
//! stock's values: the coset LDE equals p3-dft's sequential `Radix2Dit` (which the patch leaves
//! alone), interpolation from p3-fri's precomputed inverse denominators equals stock's
//! `interpolate_coset`, kept here verbatim, and its column sums reduced once per column equal the
//! field's own sums; p3-fri's reducer scaled by an offset sums the offset's multiples of the
//! powers, and the sponge that hashes the Merkle trees' leaves absorbs its input as stock's did.
//! Equal values mean equal commitments and opened values, so proofs stay stock's; the interop
//! suite checks whole proofs against stock's verifier.
use p3_baby_bear::{BabyBear, ExtensionColumnSums};
use p3_dft::{Radix2Dit, Radix2DitParallel, TwoAdicSubgroupDft};
use p3_field::{
    batch_multiplicative_inverse, cyclic_subgroup_coset_known_order,
    extension::BinomialExtensionField, scale_vec, two_adic_coset_zerofier, AbstractExtensionField,
    AbstractField, ExtensionField, Field, TwoAdicField,
};
use p3_fri::PowersReducer;
use p3_interpolation::interpolate_coset_with_inverses;
use p3_matrix::{bitrev::BitReversalPerm, dense::RowMajorMatrix, Matrix};
use p3_symmetric::{
    CryptographicHasher, CryptographicPermutation, PaddingFreeSponge, Permutation,
};
use p3_util::{log2_strict_usize, reverse_slice_index_bits};
use rand::{rngs::StdRng, Rng, SeedableRng};

type F = BabyBear;
type EF = BinomialExtensionField<BabyBear, 4>;

/// Stock p3-interpolation 0.2.3-succinct's `interpolate_coset`, verbatim: the reference.
fn stock_interpolate_coset<F, EF, Mat>(coset_evals: &Mat, shift: F, point: EF) -> Vec<EF>
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

    let sum = coset_evals.columnwise_dot_product(&col_scale);

    let zerofier = two_adic_coset_zerofier::<EF>(log_height, EF::from_base(shift), point);
    let denominator = F::from_canonical_usize(height) * shift.exp_u64(height as u64 - 1);
    scale_vec(zerofier * denominator.inverse(), sum)
}

fn random_matrix(rng: &mut StdRng, height: usize, width: usize) -> RowMajorMatrix<F> {
    RowMajorMatrix::new((0..height * width).map(|_| rng.gen()).collect(), width)
}

#[test]
fn parallel_coset_lde_is_stocks() {
    let mut rng = StdRng::seed_from_u64(1);
    // Heights across the tasks' chunk size (2^12 rows), widths with and without a packed remainder.
    for (log_height, width, added_bits) in [(1, 3, 1), (5, 1, 1), (12, 7, 1), (14, 16, 2), (13, 9, 0)] {
        let matrix = random_matrix(&mut rng, 1 << log_height, width);
        let shift = F::generator();
        let expected = Radix2Dit::default().coset_lde_batch(matrix.clone(), added_bits, shift);
        let parallel = Radix2DitParallel.coset_lde_batch(matrix, added_bits, shift);
        assert_eq!(
            parallel.to_row_major_matrix(),
            expected,
            "2^{log_height} x {width} matrix, {added_bits} added bits"
        );
    }
}

#[test]
fn interpolation_from_fris_inverses_is_stocks() {
    let mut rng = StdRng::seed_from_u64(2);
    let shift = F::generator();
    // p3-fri's `open`: LDE matrices on `shift <g>` in bit-reversed order, the first `height` rows
    // of which are the coset interpolated; the inverse denominators 1 / (x - point) are computed
    // once per point for the largest matrix opened there, in the same order.
    for (log_lde_height, log_blowup, width) in [(3, 1, 2), (13, 1, 5), (15, 1, 3), (14, 2, 1)] {
        let lde_height = 1 << log_lde_height;
        let lde = random_matrix(&mut rng, lde_height, width);
        let point: EF = rng.gen();
        let mut subgroup = cyclic_subgroup_coset_known_order(
            F::two_adic_generator(log_lde_height + 1),
            shift,
            lde_height << 1,
        )
        .collect::<Vec<_>>();
        reverse_slice_index_bits(&mut subgroup);
        let inverses = batch_multiplicative_inverse(
            &subgroup.iter().map(|&x| EF::from_base(x) - point).collect::<Vec<_>>(),
        );

        let (low_coset, _) = lde.split_rows(lde_height >> log_blowup);
        let coset = BitReversalPerm::new_view(low_coset);
        assert_eq!(
            interpolate_coset_with_inverses(&coset, shift, point, &inverses),
            stock_interpolate_coset(&coset, shift, point),
            "2^{log_lde_height} x {width} LDE, blowup 2^{log_blowup}"
        );
    }
}

#[test]
fn scaled_powers_reducer_scales_the_sums() {
    let mut rng = StdRng::seed_from_u64(3);
    let alpha: EF = rng.gen();
    let factor: EF = rng.gen();
    let reducer = PowersReducer::<F, EF>::new(alpha, 100);
    for width in [1, 4, 7, 16, 99, 100] {
        let row: Vec<F> = (0..width).map(|_| rng.gen()).collect();
        let openings: Vec<EF> = (0..width).map(|_| rng.gen()).collect();
        let expected: EF =
            row.iter().zip(alpha.powers()).map(|(&x, power)| power * factor * x).sum();
        let scaled = reducer.scaled(factor, width);
        assert_eq!(scaled.reduce_base(&row), expected, "width {width}");
        assert_eq!(scaled.reduce_ext(&openings), factor * reducer.reduce_ext(&openings));
    }
}

#[test]
fn column_sums_reduced_once_are_the_field_sums() {
    let mut rng = StdRng::seed_from_u64(5);
    // Montgomery form P - 1, the largest: its products meet the sums' 64-bit bound.
    let largest = -F::from_wrapped_u64(1 << 32).inverse();
    // Odd heights end on a single row; the sums of both halves are merged, as Rayon's are.
    for (height, width, extreme) in [(1, 3, false), (3, 5, false), (64, 9, false), (1001, 4, true)] {
        let mut value = || if extreme { largest } else { rng.gen() };
        let rows: Vec<Vec<F>> = (0..height).map(|_| (0..width).map(|_| value()).collect()).collect();
        let scales: Vec<EF> = (0..height).map(|_| EF::from_base_fn(|_| value())).collect();
        let expected: Vec<EF> = (0..width)
            .map(|c| rows.iter().zip(&scales).map(|(row, &scale)| scale * row[c]).sum())
            .collect();

        let sums = |rows: &[Vec<F>], scales: &[EF]| {
            let mut sums = ExtensionColumnSums::new(width);
            for (pair, scales) in rows.chunks(2).zip(scales.chunks(2)) {
                match pair {
                    [first, second] => sums.add_row_pair([first, second], [scales[0], scales[1]]),
                    [row] => sums.add_row(row, scales[0]),
                    _ => unreachable!("chunks of two"),
                }
            }
            sums
        };
        let half = height / 2;
        let merged = sums(&rows[..half], &scales[..half]).merge(sums(&rows[half..], &scales[half..]));
        assert_eq!(merged.finish(), expected, "{height} x {width}, extreme {extreme}");
    }
}

/// A permutation that mixes every element into its neighbour: a different input order or chunking
/// gives a different output.
#[derive(Clone)]
struct Mix;

impl Permutation<[F; 16]> for Mix {
    fn permute_mut(&self, state: &mut [F; 16]) {
        for i in 0..16 {
            state[(i + 1) % 16] += state[i] * F::from_canonical_usize(i + 2);
        }
    }
}

impl CryptographicPermutation<[F; 16]> for Mix {}

/// Stock p3-symmetric 0.2.3-succinct's `PaddingFreeSponge::hash_iter` body, verbatim.
fn stock_sponge_hash<const RATE: usize>(input: impl IntoIterator<Item = F>) -> [F; 8] {
    use itertools::Itertools;
    let mut state = [F::default(); 16];
    for input_chunk in &input.into_iter().chunks(RATE) {
        state.iter_mut().zip(input_chunk).for_each(|(s, i)| *s = i);
        state = Mix.permute(state);
    }
    state[..8].try_into().unwrap()
}

#[test]
fn sponge_absorbs_as_stocks() {
    let mut rng = StdRng::seed_from_u64(4);
    let sponge = PaddingFreeSponge::<Mix, 16, 8, 8>::new(Mix);
    // Empty, shorter than the rate, whole chunks and a partial last chunk.
    for len in [0, 1, 7, 8, 9, 16, 23, 24, 100] {
        let input: Vec<F> = (0..len).map(|_| rng.gen()).collect();
        assert_eq!(
            sponge.hash_iter(input.iter().copied()),
            stock_sponge_hash::<8>(input.iter().copied()),
            "{len} elements"
        );
    }
}
