use p3_poseidon2::DiffusionPermutation;
use p3_symmetric::Permutation;

use crate::{
    DiffusionMatrixBabyBear, PackedBabyBearWasmSimd128,
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
    state: &mut [PackedBabyBearWasmSimd128; WIDTH],
    shifts: &[u8],
) {
    // The other elements' sum first: only `state[0]` has just left the S-box, so the rounds wait
    // on one addition after it rather than on a chain of `WIDTH - 1`.
    let sum = state[0] + state[1..].iter().copied().sum::<PackedBabyBearWasmSimd128>();
    let sum_scaled = sum.div_2exp(32);
    state[0] = sum_scaled - state[0].div_2exp(31);
    for (element, &shift) in state[1..].iter_mut().zip(shifts) {
        *element = sum_scaled + element.div_2exp(32 - shift as u32);
    }
}

impl Permutation<[PackedBabyBearWasmSimd128; 16]> for DiffusionMatrixBabyBear {
    fn permute_mut(&self, state: &mut [PackedBabyBearWasmSimd128; 16]) {
        internal_layer(state, &POSEIDON2_INTERNAL_MATRIX_DIAG_16_MONTY_SHIFTS);
    }
}

impl DiffusionPermutation<PackedBabyBearWasmSimd128, 16> for DiffusionMatrixBabyBear {}

impl Permutation<[PackedBabyBearWasmSimd128; 24]> for DiffusionMatrixBabyBear {
    fn permute_mut(&self, state: &mut [PackedBabyBearWasmSimd128; 24]) {
        internal_layer(state, &POSEIDON2_INTERNAL_MATRIX_DIAG_24_MONTY_SHIFTS);
    }
}

impl DiffusionPermutation<PackedBabyBearWasmSimd128, 24> for DiffusionMatrixBabyBear {}

#[cfg(test)]
mod tests {
    use p3_field::AbstractField;
    use p3_poseidon2::{Poseidon2, Poseidon2ExternalMatrixGeneral};
    use p3_symmetric::Permutation;
    use rand::Rng;

    use crate::{BabyBear, DiffusionMatrixBabyBear, PackedBabyBearWasmSimd128};

    type F = BabyBear;
    const D: u64 = 7;
    type Perm16 = Poseidon2<F, Poseidon2ExternalMatrixGeneral, DiffusionMatrixBabyBear, 16, D>;
    type Perm24 = Poseidon2<F, Poseidon2ExternalMatrixGeneral, DiffusionMatrixBabyBear, 24, D>;

    /// Test that the output is the same as the scalar version on a random input.
    #[test]
    fn test_wasm_simd128_poseidon2_width_16() {
        let mut rng = rand::thread_rng();

        // Our Poseidon2 implementation.
        let poseidon2 = Perm16::new_from_rng_128(
            Poseidon2ExternalMatrixGeneral,
            DiffusionMatrixBabyBear,
            &mut rng,
        );

        let input: [F; 16] = rng.gen();

        let mut expected = input;
        poseidon2.permute_mut(&mut expected);

        let mut packed_input = input.map(PackedBabyBearWasmSimd128::from_f);
        poseidon2.permute_mut(&mut packed_input);

        let packed_output = packed_input.map(|x| x.0[0]);

        assert_eq!(packed_output, expected);
    }

    /// Test that the output is the same as the scalar version on a random input.
    #[test]
    fn test_wasm_simd128_poseidon2_width_24() {
        let mut rng = rand::thread_rng();

        // Our Poseidon2 implementation.
        let poseidon2 = Perm24::new_from_rng_128(
            Poseidon2ExternalMatrixGeneral,
            DiffusionMatrixBabyBear,
            &mut rng,
        );

        let input: [F; 24] = rng.gen();

        let mut expected = input;
        poseidon2.permute_mut(&mut expected);

        let mut packed_input = input.map(PackedBabyBearWasmSimd128::from_f);
        poseidon2.permute_mut(&mut packed_input);

        let packed_output = packed_input.map(|x| x.0[0]);

        assert_eq!(packed_output, expected);
    }
}
