use p3_poseidon2::DiffusionPermutation;
use p3_symmetric::Permutation;

use crate::{
    monty_reduce, BabyBear, DiffusionMatrixBabyBear, PackedBabyBearWasmSimd128, MONTY_INVERSE,
    POSEIDON2_INTERNAL_MATRIX_DIAG_16_BABYBEAR_MONTY,
    POSEIDON2_INTERNAL_MATRIX_DIAG_24_BABYBEAR_MONTY,
};

// The diagonal matrices are the Montgomery form of (1 + D(v)), so the generic internal layer
// (`matmul_internal`, as the NEON and AVX2 packings use it) is followed by a multiplication of
// every element by MONTY_INVERSE: `(D_i s_i + sum) MONTY_INVERSE`. The same value, computed as
// `D'_i s_i + sum MONTY_INVERSE` with `D'_i = D_i MONTY_INVERSE` folded at compile time, takes
// WIDTH + 1 multiplications instead of 2 WIDTH. Field arithmetic is exact and every result is
// canonical, so the output is bit-identical.

/// `diag` times MONTY_INVERSE, element by element, as `BabyBear`'s `Mul` computes it.
const fn fold_monty_inverse<const WIDTH: usize>(diag: [BabyBear; WIDTH]) -> [BabyBear; WIDTH] {
    let mut folded = diag;
    let mut i = 0;
    while i < WIDTH {
        folded[i] = BabyBear { value: monty_reduce(diag[i].value as u64 * MONTY_INVERSE.value as u64) };
        i += 1;
    }
    folded
}

const DIAG_16_FOLDED: [BabyBear; 16] =
    fold_monty_inverse(POSEIDON2_INTERNAL_MATRIX_DIAG_16_BABYBEAR_MONTY);
const DIAG_24_FOLDED: [BabyBear; 24] =
    fold_monty_inverse(POSEIDON2_INTERNAL_MATRIX_DIAG_24_BABYBEAR_MONTY);

#[inline]
fn internal_layer<const WIDTH: usize>(
    state: &mut [PackedBabyBearWasmSimd128; WIDTH],
    diag_folded: &[BabyBear; WIDTH],
) {
    let sum: PackedBabyBearWasmSimd128 = state.iter().copied().sum();
    let sum_folded = sum * MONTY_INVERSE;
    for (element, diag) in state.iter_mut().zip(diag_folded) {
        *element = *element * *diag + sum_folded;
    }
}

impl Permutation<[PackedBabyBearWasmSimd128; 16]> for DiffusionMatrixBabyBear {
    fn permute_mut(&self, state: &mut [PackedBabyBearWasmSimd128; 16]) {
        internal_layer(state, &DIAG_16_FOLDED);
    }
}

impl DiffusionPermutation<PackedBabyBearWasmSimd128, 16> for DiffusionMatrixBabyBear {}

impl Permutation<[PackedBabyBearWasmSimd128; 24]> for DiffusionMatrixBabyBear {
    fn permute_mut(&self, state: &mut [PackedBabyBearWasmSimd128; 24]) {
        internal_layer(state, &DIAG_24_FOLDED);
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
