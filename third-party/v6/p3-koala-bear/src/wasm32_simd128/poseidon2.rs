use p3_poseidon2::DiffusionPermutation;
use p3_symmetric::Permutation;

use crate::{
    DiffusionMatrixKoalaBear, PackedKoalaBearWasmSimd128,
    POSEIDON2_INTERNAL_MATRIX_DIAG_16_MONTY_SHIFTS, POSEIDON2_INTERNAL_MATRIX_DIAG_24_MONTY_SHIFTS,
};

// The internal layer is `R^-1 (1 + D)` with R = 2^32 and D = diag(-2, 2^k_1, 2^k_2, ...): the
// scalar layer (`poseidon2.rs`) adds `sum + s_i 2^k_i` in 64 bits and takes one Montgomery
// reduction. Linear in the Montgomery-form values, it is also
// `s'_0 = sum 2^-32 - s_0 2^-31` and `s'_i = sum 2^-32 + s_i 2^(k_i - 32)`: multiplications by
// powers of two below one, which `div_2exp` computes with shifts and additions in 32-bit lanes,
// where a Montgomery multiplication needs four widening products and their shuffles. The same
// field values, in canonical form: bit-identical to the scalar layer.
#[inline]
fn internal_layer<const WIDTH: usize>(
    state: &mut [PackedKoalaBearWasmSimd128; WIDTH],
    shifts: &[u8],
) {
    // The other elements' sum first: only `state[0]` has just left the S-box, so the rounds wait
    // on one addition after it rather than on a chain of `WIDTH - 1`.
    let sum = state[0] + state[1..].iter().copied().sum::<PackedKoalaBearWasmSimd128>();
    let sum_scaled = sum.div_2exp(32);
    state[0] = sum_scaled - state[0].div_2exp(31);
    for (element, &shift) in state[1..].iter_mut().zip(shifts) {
        *element = sum_scaled + element.div_2exp(32 - shift as u32);
    }
}

impl Permutation<[PackedKoalaBearWasmSimd128; 16]> for DiffusionMatrixKoalaBear {
    fn permute_mut(&self, state: &mut [PackedKoalaBearWasmSimd128; 16]) {
        internal_layer(state, &POSEIDON2_INTERNAL_MATRIX_DIAG_16_MONTY_SHIFTS);
    }
}

impl DiffusionPermutation<PackedKoalaBearWasmSimd128, 16> for DiffusionMatrixKoalaBear {}

impl Permutation<[PackedKoalaBearWasmSimd128; 24]> for DiffusionMatrixKoalaBear {
    fn permute_mut(&self, state: &mut [PackedKoalaBearWasmSimd128; 24]) {
        internal_layer(state, &POSEIDON2_INTERNAL_MATRIX_DIAG_24_MONTY_SHIFTS);
    }
}

impl DiffusionPermutation<PackedKoalaBearWasmSimd128, 24> for DiffusionMatrixKoalaBear {}

#[cfg(test)]
mod tests {
    use p3_poseidon2::{Poseidon2, Poseidon2ExternalMatrixGeneral};
    use p3_symmetric::Permutation;
    use rand::distributions::{Distribution, Standard};
    use rand::Rng;

    use crate::{DiffusionMatrixKoalaBear, KoalaBear, PackedKoalaBearWasmSimd128};

    type F = KoalaBear;
    // SP1 6's KoalaBear Poseidon2 (slop-koala-bear) has S-box degree 3.
    const D: u64 = 3;

    /// Four different random states in the four lanes, many times over: each lane's output must
    /// be the scalar permutation's.
    fn packed_equals_scalar<const WIDTH: usize>()
    where
        DiffusionMatrixKoalaBear: Permutation<[F; WIDTH]>
            + Permutation<[PackedKoalaBearWasmSimd128; WIDTH]>
            + p3_poseidon2::DiffusionPermutation<F, WIDTH>
            + p3_poseidon2::DiffusionPermutation<PackedKoalaBearWasmSimd128, WIDTH>,
        Standard: Distribution<[F; WIDTH]>,
    {
        let mut rng = rand::thread_rng();
        let poseidon2 = Poseidon2::<F, _, _, WIDTH, D>::new_from_rng_128(
            Poseidon2ExternalMatrixGeneral,
            DiffusionMatrixKoalaBear,
            &mut rng,
        );
        for _ in 0..2500 {
            let lanes: [[F; WIDTH]; 4] = core::array::from_fn(|_| rng.gen());
            let mut packed: [PackedKoalaBearWasmSimd128; WIDTH] = core::array::from_fn(|i| {
                PackedKoalaBearWasmSimd128(core::array::from_fn(|lane| lanes[lane][i]))
            });
            poseidon2.permute_mut(&mut packed);
            for (lane, input) in lanes.into_iter().enumerate() {
                let expected = poseidon2.permute(input);
                let got: [F; WIDTH] = core::array::from_fn(|i| packed[i].0[lane]);
                assert_eq!(got, expected, "lane {lane}");
            }
        }
    }

    #[test]
    fn test_wasm_simd128_poseidon2_width_16() {
        packed_equals_scalar::<16>();
    }

    #[test]
    fn test_wasm_simd128_poseidon2_width_24() {
        packed_equals_scalar::<24>();
    }
}
