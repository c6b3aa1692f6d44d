use core::arch::wasm32::{self, v128};
use core::iter::{Product, Sum};
use core::mem::transmute;
use core::ops::{Add, AddAssign, Div, Mul, MulAssign, Neg, Sub, SubAssign};

use p3_field::{AbstractField, Field, PackedField, PackedValue};
use rand::distributions::{Distribution, Standard};
use rand::Rng;

use crate::KoalaBear;

const WIDTH: usize = 4;
const P: v128 = wasm32::u32x4(0x7f000001, 0x7f000001, 0x7f000001, 0x7f000001);
// MU = P^-1 mod 2^32, the same 0x81000001 as `MONTY_MU` in `koala_bear.rs`.
const MU: v128 = wasm32::u32x4(0x81000001, 0x81000001, 0x81000001, 0x81000001);

/// Vectorized WebAssembly SIMD128 implementation of `KoalaBear` arithmetic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(transparent)] // This needed to make `transmute`s safe.
pub struct PackedKoalaBearWasmSimd128(pub [KoalaBear; WIDTH]);

impl PackedKoalaBearWasmSimd128 {
    #[inline]
    #[must_use]
    /// Get an arch-specific vector representing the packed values.
    fn to_vector(self) -> v128 {
        unsafe {
            // Safety: `KoalaBear` is `repr(transparent)` so it can be transmuted to `u32`. It
            // follows that `[KoalaBear; WIDTH]` can be transmuted to `[u32; WIDTH]`, which can be
            // transmuted to `v128` (16 bytes, lanes in memory order). Finally
            // `PackedKoalaBearWasmSimd128` is `repr(transparent)` so it can be transmuted to
            // `[KoalaBear; WIDTH]`. This is a by-value transmute: `v128` is 16-byte aligned while
            // `Self` is only 4-byte aligned, so references must never be cast between the two.
            transmute::<[KoalaBear; WIDTH], v128>(self.0)
        }
    }

    #[inline]
    #[must_use]
    /// Make a packed field vector from an arch-specific vector.
    ///
    /// SAFETY: The caller must ensure that each element of `vector` represents a valid `KoalaBear`.
    /// In particular, each element of vector must be in `0..P` (canonical form).
    unsafe fn from_vector(vector: v128) -> Self {
        // Safety: It is up to the user to ensure that elements of `vector` represent valid
        // `KoalaBear` values. We must only reason about memory representations. `v128` can be
        // transmuted to `[u32; WIDTH]`, which can be transmuted to `[KoalaBear; WIDTH]` (since
        // `KoalaBear` is `repr(transparent)`). Again by value, see `to_vector`.
        Self(transmute::<v128, [KoalaBear; WIDTH]>(vector))
    }

    /// Copy `value` to all positions in a packed vector. This is the same as
    /// `From<KoalaBear>::from`, but `const`.
    #[inline]
    #[must_use]
    const fn broadcast(value: KoalaBear) -> Self {
        Self([value; WIDTH])
    }
}

impl Add for PackedKoalaBearWasmSimd128 {
    type Output = Self;
    #[inline]
    fn add(self, rhs: Self) -> Self {
        let lhs = self.to_vector();
        let rhs = rhs.to_vector();
        let res = add(lhs, rhs);
        unsafe {
            // Safety: `add` returns values in canonical form when given values in canonical form.
            Self::from_vector(res)
        }
    }
}

impl Mul for PackedKoalaBearWasmSimd128 {
    type Output = Self;
    #[inline]
    fn mul(self, rhs: Self) -> Self {
        let lhs = self.to_vector();
        let rhs = rhs.to_vector();
        let res = mul(lhs, rhs);
        unsafe {
            // Safety: `mul` returns values in canonical form when given values in canonical form.
            Self::from_vector(res)
        }
    }
}

impl Neg for PackedKoalaBearWasmSimd128 {
    type Output = Self;
    #[inline]
    fn neg(self) -> Self {
        let val = self.to_vector();
        let res = neg(val);
        unsafe {
            // Safety: `neg` returns values in canonical form when given values in canonical form.
            Self::from_vector(res)
        }
    }
}

impl Sub for PackedKoalaBearWasmSimd128 {
    type Output = Self;
    #[inline]
    fn sub(self, rhs: Self) -> Self {
        let lhs = self.to_vector();
        let rhs = rhs.to_vector();
        let res = sub(lhs, rhs);
        unsafe {
            // Safety: `sub` returns values in canonical form when given values in canonical form.
            Self::from_vector(res)
        }
    }
}

/// Add two vectors of Koala Bear field elements in canonical form.
/// If the inputs are not in canonical form, the result is undefined.
#[inline]
#[must_use]
fn add(lhs: v128, rhs: v128) -> v128 {
    //   Let `t := lhs + rhs`. We want to return `t mod P`. Recall that `lhs` and `rhs` are in
    // `0, ..., P - 1`, so `t` is in `0, ..., 2 P - 2 (< 2^32)`. It suffices to return `t` if
    // `t < P` and `t - P` otherwise.
    //   Let `u := (t - P) mod 2^32` and `r := unsigned_min(t, u)`.
    //   If `t` is in `0, ..., P - 1`, then `u` is in `(P - 1 <) 2^32 - P, ..., 2^32 - 1` and
    // `r = t`. Otherwise `t` is in `P, ..., 2 P - 2`, `u` is in `0, ..., P - 2 (< P)` and `r = u`.
    // Hence, `r` is `t` if `t < P` and `t - P` otherwise, as desired.
    let t = wasm32::i32x4_add(lhs, rhs);
    let u = wasm32::i32x4_sub(t, P);
    wasm32::u32x4_min(t, u)
}

// MONTGOMERY MULTIPLICATION
//   This is the scalar `monty_reduce` in `koala_bear.rs`, lane by lane. SIMD128 has no
// "high half of a 32 x 32-bit product" instruction, so the full 64-bit products are formed with
// the widening `i64x2_extmul_{low,high}_i32x4` (lanes 0, 1 and lanes 2, 3 respectively).
//
// Constants: P = 2^31 - 2^24 + 1
//            B = 2^32
//            μ = P^-1 mod B
// Input: -P < lhs, rhs < P, as signed 32-bit lanes (canonical values are a special case)
// Output: -P < D < P such that D = lhs rhs B^-1 (mod P)
// Algorithm:
//   1. C := lhs rhs                                (exact, |C| < P^2 < 2^62)
//   2. Q := μ C mod B = lhs (μ rhs) mod B, taken signed (-2^31 <= Q < 2^31)
//   3. D := (C - Q P) / B
//
// The division in step 3 is exact: Q P = μ C P = C (mod B), so C and Q P have the same low 32
// bits, and D = C B^-1 (mod P). Range: |C - Q P| < P^2 + 2^31 P = P (P + 2^31) < P B, so
// |D| < P. The signed output is a valid input, so a chain of products (the S-box's x^3) only
// brings its last result into canonical form: `canonical` maps D to D + P if D < 0, which is
// `unsigned_min(D, D + P)` mod 2^32: if D >= 0 then D < P <= D + P; if D < 0 then
// D mod 2^32 >= 2^32 - P + 1 > P > D + P >= 1. Canonical inputs give the value the scalar
// `monty_reduce` computes (both are the canonical representative of lhs rhs B^-1), so results
// are bit-identical.
//
// On the vectors: C and Q P fit the signed 64-bit lanes exactly. Their difference
// (`i64x2_sub`) has low half 0 and high half D, so D is just the odd 32-bit lanes.

/// `P` in every lane, hidden from the optimiser (see `monty_mul_signed`); the load is from cache.
#[inline(always)]
fn opaque_p() -> v128 {
    static P_LANES: v128 = P;
    // Safety: a read of an initialised, aligned static.
    unsafe { core::ptr::read_volatile(&P_LANES) }
}

/// Multiply by μ, mod 2^32. Split out so that products sharing a right operand share it.
#[inline]
#[must_use]
fn mulby_mu(val: v128) -> v128 {
    wasm32::i32x4_mul(val, MU)
}

/// `lhs rhs B^-1 mod P` in (-P, P), given `mu_rhs = μ rhs mod 2^32` and inputs in (-P, P).
#[inline]
#[must_use]
fn monty_mul_signed(lhs: v128, rhs: v128, mu_rhs: v128) -> v128 {
    // C = lhs rhs, full 64-bit products: lanes 0, 1 and lanes 2, 3.
    let c_01 = wasm32::i64x2_extmul_low_i32x4(lhs, rhs);
    let c_23 = wasm32::i64x2_extmul_high_i32x4(lhs, rhs);

    // Q = μ C mod B = lhs (μ rhs) mod B.
    let q = wasm32::i32x4_mul(lhs, mu_rhs);

    // Q P, full 64-bit products. P is read through a volatile load: with a constant P, LLVM turns
    // the widening multiplies into `i64x2.mul`, which engines emulate with several instructions.
    let p = opaque_p();
    let qp_01 = wasm32::i64x2_extmul_low_i32x4(q, p);
    let qp_23 = wasm32::i64x2_extmul_high_i32x4(q, p);

    // C - Q P, a multiple of B; its high halves (odd 32-bit lanes, little-endian) are D.
    let d_01 = wasm32::i64x2_sub(c_01, qp_01);
    let d_23 = wasm32::i64x2_sub(c_23, qp_23);
    wasm32::i32x4_shuffle::<1, 3, 5, 7>(d_01, d_23)
}

/// The canonical representative of `val` in (-P, P): `val + P` if `val < 0`.
#[inline]
#[must_use]
fn canonical(val: v128) -> v128 {
    wasm32::u32x4_min(val, wasm32::i32x4_add(val, P))
}

#[inline]
#[must_use]
fn mul(lhs: v128, rhs: v128) -> v128 {
    canonical(monty_mul_signed(lhs, rhs, mulby_mu(rhs)))
}

#[inline]
#[must_use]
fn cube(val: v128) -> v128 {
    // `μ val` is shared by both multiplications.
    let mu_val = mulby_mu(val);
    let val_2 = monty_mul_signed(val, val, mu_val);
    canonical(monty_mul_signed(val_2, val, mu_val))
}

// DIVISION BY A POWER OF TWO
//   P = 127 2^24 + 1, so P = 1 (mod 2^m) for m <= 24, and q := -val mod 2^m makes val + q P a
// multiple of 2^m. Then (val + q P) / 2^m = val 2^-m (mod P), and it is
// (val + q) / 2^m + 127 q 2^(24 - m), computed in 32-bit lanes (val + q < 2^31 + 2^24, and
// 127 q 2^(24 - m) = q 2^(31 - m) - q 2^(24 - m) < 2^31). For canonical val it is at most
// (P - 1 + (2^m - 1) P) / 2^m < P: canonical. No multiplication, no shuffle: Poseidon2's
// internal layer multiplies by such powers only.

/// `val 2^-m` in canonical form, for canonical `val` and 1 <= m <= 24.
#[inline]
#[must_use]
fn div_2exp_small(val: v128, m: u32) -> v128 {
    debug_assert!((1..=24).contains(&m));
    let mask = wasm32::u32x4_splat((1 << m) - 1);
    let q = wasm32::v128_and(wasm32::i32x4_neg(val), mask);
    let quotient = wasm32::u32x4_shr(wasm32::i32x4_add(val, mask), m);
    let q_127 = wasm32::i32x4_mul(q, wasm32::u32x4_splat(127 << (24 - m)));
    wasm32::i32x4_add(quotient, q_127)
}

/// `val 2^-m` in canonical form, for canonical `val` and 1 <= m <= 48.
#[inline]
#[must_use]
fn div_2exp(val: v128, m: u32) -> v128 {
    if m > 24 {
        div_2exp_small(div_2exp_small(val, 24), m - 24)
    } else {
        div_2exp_small(val, m)
    }
}

impl PackedKoalaBearWasmSimd128 {
    /// `self 2^-m`, lane by lane, for 1 <= m <= 48: shifts and additions only.
    #[inline]
    #[must_use]
    pub(crate) fn div_2exp(self, m: u32) -> Self {
        unsafe {
            // Safety: `div_2exp` returns values in canonical form when given values in canonical
            // form.
            Self::from_vector(div_2exp(self.to_vector(), m))
        }
    }
}

/// Negate a vector of Koala Bear field elements in canonical form.
/// If the inputs are not in canonical form, the result is undefined.
#[inline]
#[must_use]
fn neg(val: v128) -> v128 {
    //   We want to return (-val) mod P. This is equivalent to returning `0` if `val = 0` and
    // `P - val` otherwise, since `val` is in `0, ..., P - 1`.
    //   Let `t := P - val` and let `is_zero := (-1) mod 2^32` if `val = 0` and `0` otherwise.
    //   We return `r := t & ~is_zero`, which is `t` if `val > 0` and `0` otherwise, as desired.
    let t = wasm32::i32x4_sub(P, val);
    let is_zero = wasm32::i32x4_eq(val, wasm32::i32x4_splat(0));
    wasm32::v128_andnot(t, is_zero)
}

/// Subtract vectors of Koala Bear field elements in canonical form.
/// If the inputs are not in canonical form, the result is undefined.
#[inline]
#[must_use]
fn sub(lhs: v128, rhs: v128) -> v128 {
    // `lhs - rhs` is in (-P, P).
    canonical(wasm32::i32x4_sub(lhs, rhs))
}

impl From<KoalaBear> for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn from(value: KoalaBear) -> Self {
        Self::broadcast(value)
    }
}

impl Default for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn default() -> Self {
        KoalaBear::default().into()
    }
}

impl AddAssign for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn add_assign(&mut self, rhs: Self) {
        *self = *self + rhs;
    }
}

impl MulAssign for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn mul_assign(&mut self, rhs: Self) {
        *self = *self * rhs;
    }
}

impl SubAssign for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn sub_assign(&mut self, rhs: Self) {
        *self = *self - rhs;
    }
}

impl Sum for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn sum<I>(iter: I) -> Self
    where
        I: Iterator<Item = Self>,
    {
        iter.reduce(|lhs, rhs| lhs + rhs).unwrap_or(Self::zero())
    }
}

impl Product for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn product<I>(iter: I) -> Self
    where
        I: Iterator<Item = Self>,
    {
        iter.reduce(|lhs, rhs| lhs * rhs).unwrap_or(Self::one())
    }
}

impl AbstractField for PackedKoalaBearWasmSimd128 {
    type F = KoalaBear;

    #[inline]
    fn zero() -> Self {
        KoalaBear::zero().into()
    }

    #[inline]
    fn one() -> Self {
        KoalaBear::one().into()
    }

    #[inline]
    fn two() -> Self {
        KoalaBear::two().into()
    }

    #[inline]
    fn neg_one() -> Self {
        KoalaBear::neg_one().into()
    }

    #[inline]
    fn from_f(f: Self::F) -> Self {
        f.into()
    }

    #[inline]
    fn from_bool(b: bool) -> Self {
        KoalaBear::from_bool(b).into()
    }
    #[inline]
    fn from_canonical_u8(n: u8) -> Self {
        KoalaBear::from_canonical_u8(n).into()
    }
    #[inline]
    fn from_canonical_u16(n: u16) -> Self {
        KoalaBear::from_canonical_u16(n).into()
    }
    #[inline]
    fn from_canonical_u32(n: u32) -> Self {
        KoalaBear::from_canonical_u32(n).into()
    }
    #[inline]
    fn from_canonical_u64(n: u64) -> Self {
        KoalaBear::from_canonical_u64(n).into()
    }
    #[inline]
    fn from_canonical_usize(n: usize) -> Self {
        KoalaBear::from_canonical_usize(n).into()
    }

    #[inline]
    fn from_wrapped_u32(n: u32) -> Self {
        KoalaBear::from_wrapped_u32(n).into()
    }
    #[inline]
    fn from_wrapped_u64(n: u64) -> Self {
        KoalaBear::from_wrapped_u64(n).into()
    }

    #[inline]
    fn generator() -> Self {
        KoalaBear::generator().into()
    }

    #[inline]
    fn cube(&self) -> Self {
        let val = self.to_vector();
        let res = cube(val);
        unsafe {
            // Safety: `cube` returns values in canonical form when given values in canonical form.
            Self::from_vector(res)
        }
    }
}

impl Add<KoalaBear> for PackedKoalaBearWasmSimd128 {
    type Output = Self;
    #[inline]
    fn add(self, rhs: KoalaBear) -> Self {
        self + Self::from(rhs)
    }
}

impl Mul<KoalaBear> for PackedKoalaBearWasmSimd128 {
    type Output = Self;
    #[inline]
    fn mul(self, rhs: KoalaBear) -> Self {
        self * Self::from(rhs)
    }
}

impl Sub<KoalaBear> for PackedKoalaBearWasmSimd128 {
    type Output = Self;
    #[inline]
    fn sub(self, rhs: KoalaBear) -> Self {
        self - Self::from(rhs)
    }
}

impl AddAssign<KoalaBear> for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn add_assign(&mut self, rhs: KoalaBear) {
        *self += Self::from(rhs)
    }
}

impl MulAssign<KoalaBear> for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn mul_assign(&mut self, rhs: KoalaBear) {
        *self *= Self::from(rhs)
    }
}

impl SubAssign<KoalaBear> for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn sub_assign(&mut self, rhs: KoalaBear) {
        *self -= Self::from(rhs)
    }
}

impl Sum<KoalaBear> for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn sum<I>(iter: I) -> Self
    where
        I: Iterator<Item = KoalaBear>,
    {
        iter.sum::<KoalaBear>().into()
    }
}

impl Product<KoalaBear> for PackedKoalaBearWasmSimd128 {
    #[inline]
    fn product<I>(iter: I) -> Self
    where
        I: Iterator<Item = KoalaBear>,
    {
        iter.product::<KoalaBear>().into()
    }
}

impl Div<KoalaBear> for PackedKoalaBearWasmSimd128 {
    type Output = Self;
    #[allow(clippy::suspicious_arithmetic_impl)]
    #[inline]
    fn div(self, rhs: KoalaBear) -> Self {
        self * rhs.inverse()
    }
}

impl Add<PackedKoalaBearWasmSimd128> for KoalaBear {
    type Output = PackedKoalaBearWasmSimd128;
    #[inline]
    fn add(self, rhs: PackedKoalaBearWasmSimd128) -> PackedKoalaBearWasmSimd128 {
        PackedKoalaBearWasmSimd128::from(self) + rhs
    }
}

impl Mul<PackedKoalaBearWasmSimd128> for KoalaBear {
    type Output = PackedKoalaBearWasmSimd128;
    #[inline]
    fn mul(self, rhs: PackedKoalaBearWasmSimd128) -> PackedKoalaBearWasmSimd128 {
        PackedKoalaBearWasmSimd128::from(self) * rhs
    }
}

impl Sub<PackedKoalaBearWasmSimd128> for KoalaBear {
    type Output = PackedKoalaBearWasmSimd128;
    #[inline]
    fn sub(self, rhs: PackedKoalaBearWasmSimd128) -> PackedKoalaBearWasmSimd128 {
        PackedKoalaBearWasmSimd128::from(self) - rhs
    }
}

impl Distribution<PackedKoalaBearWasmSimd128> for Standard {
    #[inline]
    fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> PackedKoalaBearWasmSimd128 {
        PackedKoalaBearWasmSimd128(rng.gen())
    }
}

#[inline]
#[must_use]
fn interleave1(v0: v128, v1: v128) -> (v128, v128) {
    // Transpose the 2x2 blocks of 32-bit lanes (NEON's `trn1`/`trn2` on `.4s`):
    // ([a0, a1, a2, a3], [b0, b1, b2, b3]) -> ([a0, b0, a2, b2], [a1, b1, a3, b3]).
    // Shuffle indices 0..4 pick from `v0`, 4..8 from `v1`.
    (
        wasm32::i32x4_shuffle::<0, 4, 2, 6>(v0, v1),
        wasm32::i32x4_shuffle::<1, 5, 3, 7>(v0, v1),
    )
}

#[inline]
#[must_use]
fn interleave2(v0: v128, v1: v128) -> (v128, v128) {
    // Transpose the 2x2 blocks of 64-bit lanes (NEON's `trn1`/`trn2` on `.2d`):
    // ([a0, a1, a2, a3], [b0, b1, b2, b3]) -> ([a0, a1, b0, b1], [a2, a3, b2, b3]).
    (
        wasm32::i32x4_shuffle::<0, 1, 4, 5>(v0, v1),
        wasm32::i32x4_shuffle::<2, 3, 6, 7>(v0, v1),
    )
}

unsafe impl PackedValue for PackedKoalaBearWasmSimd128 {
    type Value = KoalaBear;
    const WIDTH: usize = WIDTH;

    #[inline]
    fn from_slice(slice: &[KoalaBear]) -> &Self {
        assert_eq!(slice.len(), Self::WIDTH);
        unsafe {
            // Safety: `[KoalaBear; WIDTH]` can be transmuted to `PackedKoalaBearWasmSimd128` since
            // the latter is `repr(transparent)`. They have the same alignment (4, not the 16 of
            // `v128`), so the reference cast is safe too.
            &*slice.as_ptr().cast()
        }
    }
    #[inline]
    fn from_slice_mut(slice: &mut [KoalaBear]) -> &mut Self {
        assert_eq!(slice.len(), Self::WIDTH);
        unsafe {
            // Safety: `[KoalaBear; WIDTH]` can be transmuted to `PackedKoalaBearWasmSimd128` since
            // the latter is `repr(transparent)`. They have the same alignment (4, not the 16 of
            // `v128`), so the reference cast is safe too.
            &mut *slice.as_mut_ptr().cast()
        }
    }

    /// Similar to `core:array::from_fn`.
    #[inline]
    fn from_fn<F: FnMut(usize) -> KoalaBear>(f: F) -> Self {
        let vals_arr: [_; WIDTH] = core::array::from_fn(f);
        Self(vals_arr)
    }

    #[inline]
    fn as_slice(&self) -> &[KoalaBear] {
        &self.0[..]
    }
    #[inline]
    fn as_slice_mut(&mut self) -> &mut [KoalaBear] {
        &mut self.0[..]
    }
}

unsafe impl PackedField for PackedKoalaBearWasmSimd128 {
    type Scalar = KoalaBear;

    #[inline]
    fn interleave(&self, other: Self, block_len: usize) -> (Self, Self) {
        let (v0, v1) = (self.to_vector(), other.to_vector());
        let (res0, res1) = match block_len {
            1 => interleave1(v0, v1),
            2 => interleave2(v0, v1),
            4 => (v0, v1),
            _ => panic!("unsupported block_len"),
        };
        unsafe {
            // Safety: all values are in canonical form (we haven't changed them).
            (Self::from_vector(res0), Self::from_vector(res1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type F = KoalaBear;
    type P = PackedKoalaBearWasmSimd128;

    fn array_from_canonical(vals: [u32; WIDTH]) -> [F; WIDTH] {
        vals.map(F::from_canonical_u32)
    }

    fn packed_from_canonical(vals: [u32; WIDTH]) -> P {
        PackedKoalaBearWasmSimd128(array_from_canonical(vals))
    }

    #[test]
    fn test_interleave_1() {
        let vec0 = packed_from_canonical([1, 2, 3, 4]);
        let vec1 = packed_from_canonical([5, 6, 7, 8]);

        let expected0 = packed_from_canonical([1, 5, 3, 7]);
        let expected1 = packed_from_canonical([2, 6, 4, 8]);

        let (res0, res1) = vec0.interleave(vec1, 1);
        assert_eq!(res0, expected0);
        assert_eq!(res1, expected1);
    }

    #[test]
    fn test_interleave_2() {
        let vec0 = packed_from_canonical([1, 2, 3, 4]);
        let vec1 = packed_from_canonical([5, 6, 7, 8]);

        let expected0 = packed_from_canonical([1, 2, 5, 6]);
        let expected1 = packed_from_canonical([3, 4, 7, 8]);

        let (res0, res1) = vec0.interleave(vec1, 2);
        assert_eq!(res0, expected0);
        assert_eq!(res1, expected1);
    }

    #[test]
    fn test_interleave_4() {
        let vec0 = packed_from_canonical([1, 2, 3, 4]);
        let vec1 = packed_from_canonical([5, 6, 7, 8]);

        let (res0, res1) = vec0.interleave(vec1, 4);
        assert_eq!(res0, vec0);
        assert_eq!(res1, vec1);
    }

    #[test]
    fn test_add_associative() {
        let vec0 = packed_from_canonical([0x5379f3d7, 0x702b9db2, 0x6f54190a, 0x0fd40697]);
        let vec1 = packed_from_canonical([0x4e1ce6a6, 0x07100ca0, 0x0f27d0e8, 0x6ab0f017]);
        let vec2 = packed_from_canonical([0x3767261e, 0x46966e27, 0x25690f5a, 0x2ba2b5fa]);

        let res0 = (vec0 + vec1) + vec2;
        let res1 = vec0 + (vec1 + vec2);

        assert_eq!(res0, res1);
    }

    #[test]
    fn test_add_commutative() {
        let vec0 = packed_from_canonical([0x4431e0aa, 0x3f7cac53, 0x6c65b84f, 0x393370c6]);
        let vec1 = packed_from_canonical([0x13f3646a, 0x17bab2b2, 0x154d5424, 0x58a5a24c]);

        let res0 = vec0 + vec1;
        let res1 = vec1 + vec0;

        assert_eq!(res0, res1);
    }

    #[test]
    fn test_additive_identity_right() {
        let vec = packed_from_canonical([0x37585a7d, 0x6f1de589, 0x41e1be7e, 0x712071b8]);
        let res = vec + P::zero();
        assert_eq!(res, vec);
    }

    #[test]
    fn test_additive_identity_left() {
        let vec = packed_from_canonical([0x2456f91e, 0x0783a205, 0x58826627, 0x1a5e3f16]);
        let res = P::zero() + vec;
        assert_eq!(res, vec);
    }

    #[test]
    fn test_additive_inverse_add_neg() {
        let vec = packed_from_canonical([0x28267ebf, 0x0b83d23e, 0x67a59e3d, 0x0ba2fb25]);
        let neg_vec = -vec;
        let res = vec + neg_vec;
        assert_eq!(res, P::zero());
    }

    #[test]
    fn test_additive_inverse_sub() {
        let vec = packed_from_canonical([0x2f0a7c0e, 0x50163480, 0x12eac826, 0x2e52b121]);
        let res = vec - vec;
        assert_eq!(res, P::zero());
    }

    #[test]
    fn test_sub_anticommutative() {
        let vec0 = packed_from_canonical([0x0a715ea4, 0x17877e5e, 0x1a67e27c, 0x29e13b42]);
        let vec1 = packed_from_canonical([0x4168263c, 0x3c9fc759, 0x435424e9, 0x5cac2afd]);

        let res0 = vec0 - vec1;
        let res1 = -(vec1 - vec0);

        assert_eq!(res0, res1);
    }

    #[test]
    fn test_sub_zero() {
        let vec = packed_from_canonical([0x10df1248, 0x65050015, 0x73151d8d, 0x443341a8]);
        let res = vec - P::zero();
        assert_eq!(res, vec);
    }

    #[test]
    fn test_zero_sub() {
        let vec = packed_from_canonical([0x1af0d41c, 0x3c1795f4, 0x54da13f5, 0x43cd3f94]);
        let res0 = P::zero() - vec;
        let res1 = -vec;
        assert_eq!(res0, res1);
    }

    #[test]
    fn test_neg_own_inverse() {
        let vec = packed_from_canonical([0x25335335, 0x32d48910, 0x74468a5f, 0x61906a18]);
        let res = -(-vec);
        assert_eq!(res, vec);
    }

    #[test]
    fn test_sub_is_add_neg() {
        let vec0 = packed_from_canonical([0x2ab6719a, 0x0991137e, 0x0e5c6bea, 0x1dbbb162]);
        let vec1 = packed_from_canonical([0x26c7239d, 0x56a2318b, 0x1a839b59, 0x1ec6f977]);
        let res0 = vec0 - vec1;
        let res1 = vec0 + (-vec1);
        assert_eq!(res0, res1);
    }

    #[test]
    fn test_mul_associative() {
        let vec0 = packed_from_canonical([0x3b442fc7, 0x15b736fc, 0x5daa6c48, 0x4995dea0]);
        let vec1 = packed_from_canonical([0x582918b6, 0x55b89326, 0x3b579856, 0x10769872]);
        let vec2 = packed_from_canonical([0x6a7bbe26, 0x7139a20b, 0x280f42d5, 0x0efde6a8]);

        let res0 = (vec0 * vec1) * vec2;
        let res1 = vec0 * (vec1 * vec2);

        assert_eq!(res0, res1);
    }

    #[test]
    fn test_mul_commutative() {
        let vec0 = packed_from_canonical([0x18e2fe1a, 0x54cb2eed, 0x35662447, 0x5be20656]);
        let vec1 = packed_from_canonical([0x7715ab49, 0x1937ec0d, 0x561c3def, 0x14f502f9]);

        let res0 = vec0 * vec1;
        let res1 = vec1 * vec0;

        assert_eq!(res0, res1);
    }

    #[test]
    fn test_multiplicative_identity_right() {
        let vec = packed_from_canonical([0x64628378, 0x345e3dc8, 0x766770eb, 0x21e5ad7c]);
        let res = vec * P::one();
        assert_eq!(res, vec);
    }

    #[test]
    fn test_multiplicative_identity_left() {
        let vec = packed_from_canonical([0x48910ae4, 0x4dd95ad3, 0x334eaf5e, 0x44e5d03b]);
        let res = P::one() * vec;
        assert_eq!(res, vec);
    }

    #[test]
    fn test_multiplicative_inverse() {
        let vec = packed_from_canonical([0x1b288c21, 0x600c50af, 0x3ea44d7a, 0x62209fc9]);
        let inverses = packed_from_canonical([0x4c2a9dbd, 0x6a8fef49, 0x61816d95, 0x0dddd700]);
        let res = vec * inverses;
        assert_eq!(res, P::one());
    }

    #[test]
    fn test_mul_zero() {
        let vec = packed_from_canonical([0x675f87cd, 0x2bb57f1b, 0x1b636b90, 0x25fd5dbc]);
        let res = vec * P::zero();
        assert_eq!(res, P::zero());
    }

    #[test]
    fn test_zero_mul() {
        let vec = packed_from_canonical([0x76d898cd, 0x12fed26d, 0x385dd0ea, 0x0a6cfb68]);
        let res = P::zero() * vec;
        assert_eq!(res, P::zero());
    }

    #[test]
    fn test_mul_negone() {
        let vec = packed_from_canonical([0x3ac44c8d, 0x2690778c, 0x64c25465, 0x60c62b6d]);
        let res0 = vec * P::neg_one();
        let res1 = -vec;
        assert_eq!(res0, res1);
    }

    #[test]
    fn test_negone_mul() {
        let vec = packed_from_canonical([0x45fdb5d9, 0x3e2571d7, 0x1438d182, 0x6addc720]);
        let res0 = P::neg_one() * vec;
        let res1 = -vec;
        assert_eq!(res0, res1);
    }

    #[test]
    fn test_neg_distributivity_left() {
        let vec0 = packed_from_canonical([0x347079a0, 0x09f865aa, 0x3f469975, 0x48436fa4]);
        let vec1 = packed_from_canonical([0x354839ad, 0x6f464895, 0x2afb410c, 0x2918c070]);

        let res0 = vec0 * -vec1;
        let res1 = -(vec0 * vec1);

        assert_eq!(res0, res1);
    }

    #[test]
    fn test_neg_distributivity_right() {
        let vec0 = packed_from_canonical([0x62fda8dc, 0x15a702d3, 0x4ee8e5a4, 0x2e8ea106]);
        let vec1 = packed_from_canonical([0x606f79ae, 0x3cc952a6, 0x43e31901, 0x34721ad8]);

        let res0 = -vec0 * vec1;
        let res1 = -(vec0 * vec1);

        assert_eq!(res0, res1);
    }

    #[test]
    fn test_add_distributivity_left() {
        let vec0 = packed_from_canonical([0x46b0c8a7, 0x1f3058ee, 0x44451138, 0x3c97af99]);
        let vec1 = packed_from_canonical([0x6247b46a, 0x0614b336, 0x76730d3c, 0x15b1ab60]);
        let vec2 = packed_from_canonical([0x20619eaf, 0x628800a8, 0x672c9d96, 0x44de32c3]);

        let res0 = vec0 * (vec1 + vec2);
        let res1 = vec0 * vec1 + vec0 * vec2;

        assert_eq!(res0, res1);
    }

    #[test]
    fn test_add_distributivity_right() {
        let vec0 = packed_from_canonical([0x0829c9c5, 0x6b66bdcb, 0x4e906be1, 0x16f11cfa]);
        let vec1 = packed_from_canonical([0x482922d7, 0x72816043, 0x5d63df54, 0x58ca0b7d]);
        let vec2 = packed_from_canonical([0x2127f6c0, 0x0814236c, 0x339d4b6f, 0x24d2b44d]);

        let res0 = (vec0 + vec1) * vec2;
        let res1 = vec0 * vec2 + vec1 * vec2;

        assert_eq!(res0, res1);
    }

    #[test]
    fn test_sub_distributivity_left() {
        let vec0 = packed_from_canonical([0x1c123d16, 0x62d3de88, 0x64ff0336, 0x474de37c]);
        let vec1 = packed_from_canonical([0x06758404, 0x295c96ca, 0x6ffbc647, 0x3b111808]);
        let vec2 = packed_from_canonical([0x591a66de, 0x6b69fbb6, 0x2d206c14, 0x6e5f7d0d]);

        let res0 = vec0 * (vec1 - vec2);
        let res1 = vec0 * vec1 - vec0 * vec2;

        assert_eq!(res0, res1);
    }

    #[test]
    fn test_sub_distributivity_right() {
        let vec0 = packed_from_canonical([0x00252ae1, 0x3e07c401, 0x6fd67c67, 0x767af10f]);
        let vec1 = packed_from_canonical([0x5c44c949, 0x180dc429, 0x0ccd2a7b, 0x51258be1]);
        let vec2 = packed_from_canonical([0x5126fb21, 0x58ed3919, 0x6a2f735d, 0x05ab2a69]);

        let res0 = (vec0 - vec1) * vec2;
        let res1 = vec0 * vec2 - vec1 * vec2;

        assert_eq!(res0, res1);
    }

    #[test]
    fn test_one_plus_one() {
        assert_eq!(P::one() + P::one(), P::two());
    }

    #[test]
    fn test_negone_plus_two() {
        assert_eq!(P::neg_one() + P::two(), P::one());
    }

    #[test]
    fn test_double() {
        let vec = packed_from_canonical([0x6fc7aefd, 0x5166e726, 0x21e648d2, 0x1dd0790f]);
        let res0 = P::two() * vec;
        let res1 = vec + vec;
        assert_eq!(res0, res1);
    }

    #[test]
    fn test_add_vs_scalar() {
        let arr0 = array_from_canonical([0x496d8163, 0x68125590, 0x191cd03b, 0x65b9abef]);
        let arr1 = array_from_canonical([0x6db594e1, 0x5b1f6289, 0x74f15e13, 0x546936a8]);

        let vec0 = PackedKoalaBearWasmSimd128(arr0);
        let vec1 = PackedKoalaBearWasmSimd128(arr1);
        let vec_res = vec0 + vec1;

        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], arr0[i] + arr1[i]);
        }
    }

    #[test]
    fn test_add_vs_scalar_special_vals_left() {
        let arr0 = [F::zero(), F::one(), F::two(), F::neg_one()];
        let arr1 = array_from_canonical([0x4205a2f6, 0x6f4715f1, 0x29ed7f70, 0x70915992]);

        let vec0 = PackedKoalaBearWasmSimd128(arr0);
        let vec1 = PackedKoalaBearWasmSimd128(arr1);
        let vec_res = vec0 + vec1;

        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], arr0[i] + arr1[i]);
        }
    }

    #[test]
    fn test_add_vs_scalar_special_vals_right() {
        let arr0 = array_from_canonical([0x5f8329a7, 0x0f1166bb, 0x657bcb14, 0x0185c34a]);
        let arr1 = [F::zero(), F::one(), F::two(), F::neg_one()];

        let vec0 = PackedKoalaBearWasmSimd128(arr0);
        let vec1 = PackedKoalaBearWasmSimd128(arr1);
        let vec_res = vec0 + vec1;

        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], arr0[i] + arr1[i]);
        }
    }

    #[test]
    fn test_sub_vs_scalar() {
        let arr0 = array_from_canonical([0x6daef778, 0x0e868440, 0x54e7ca64, 0x01a9acab]);
        let arr1 = array_from_canonical([0x45609584, 0x67b63536, 0x0f72a573, 0x234a312e]);

        let vec0 = PackedKoalaBearWasmSimd128(arr0);
        let vec1 = PackedKoalaBearWasmSimd128(arr1);
        let vec_res = vec0 - vec1;

        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], arr0[i] - arr1[i]);
        }
    }

    #[test]
    fn test_sub_vs_scalar_special_vals_left() {
        let arr0 = [F::zero(), F::one(), F::two(), F::neg_one()];
        let arr1 = array_from_canonical([0x4205a2f6, 0x6f4715f1, 0x29ed7f70, 0x70915992]);

        let vec0 = PackedKoalaBearWasmSimd128(arr0);
        let vec1 = PackedKoalaBearWasmSimd128(arr1);
        let vec_res = vec0 - vec1;

        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], arr0[i] - arr1[i]);
        }
    }

    #[test]
    fn test_sub_vs_scalar_special_vals_right() {
        let arr0 = array_from_canonical([0x5f8329a7, 0x0f1166bb, 0x657bcb14, 0x0185c34a]);
        let arr1 = [F::zero(), F::one(), F::two(), F::neg_one()];

        let vec0 = PackedKoalaBearWasmSimd128(arr0);
        let vec1 = PackedKoalaBearWasmSimd128(arr1);
        let vec_res = vec0 - vec1;

        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], arr0[i] - arr1[i]);
        }
    }

    #[test]
    fn test_mul_vs_scalar() {
        let arr0 = array_from_canonical([0x13655880, 0x5223ea02, 0x5d7f4f90, 0x1494b624]);
        let arr1 = array_from_canonical([0x0ad5743c, 0x44956741, 0x533bc885, 0x7723a25b]);

        let vec0 = PackedKoalaBearWasmSimd128(arr0);
        let vec1 = PackedKoalaBearWasmSimd128(arr1);
        let vec_res = vec0 * vec1;

        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], arr0[i] * arr1[i]);
        }
    }

    #[test]
    fn test_mul_vs_scalar_special_vals_left() {
        let arr0 = [F::zero(), F::one(), F::two(), F::neg_one()];
        let arr1 = array_from_canonical([0x4205a2f6, 0x6f4715f1, 0x29ed7f70, 0x70915992]);

        let vec0 = PackedKoalaBearWasmSimd128(arr0);
        let vec1 = PackedKoalaBearWasmSimd128(arr1);
        let vec_res = vec0 * vec1;

        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], arr0[i] * arr1[i]);
        }
    }

    #[test]
    fn test_mul_vs_scalar_special_vals_right() {
        let arr0 = array_from_canonical([0x5f8329a7, 0x0f1166bb, 0x657bcb14, 0x0185c34a]);
        let arr1 = [F::zero(), F::one(), F::two(), F::neg_one()];

        let vec0 = PackedKoalaBearWasmSimd128(arr0);
        let vec1 = PackedKoalaBearWasmSimd128(arr1);
        let vec_res = vec0 * vec1;

        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], arr0[i] * arr1[i]);
        }
    }

    #[test]
    fn test_neg_vs_scalar() {
        let arr = array_from_canonical([0x1971a7b5, 0x00305be1, 0x52c08410, 0x39cb2586]);

        let vec = PackedKoalaBearWasmSimd128(arr);
        let vec_res = -vec;

        #[allow(clippy::needless_range_loop)]
        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], -arr[i]);
        }
    }

    #[test]
    fn test_neg_vs_scalar_special_vals() {
        let arr = [F::zero(), F::one(), F::two(), F::neg_one()];

        let vec = PackedKoalaBearWasmSimd128(arr);
        let vec_res = -vec;

        #[allow(clippy::needless_range_loop)]
        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], -arr[i]);
        }
    }

    #[test]
    fn test_cube_vs_mul() {
        let vec = packed_from_canonical([0x4efd5eaf, 0x311b8e0c, 0x74dd27c1, 0x449613f0]);
        let res0 = vec * vec.square();
        let res1 = vec.cube();
        assert_eq!(res0, res1);
    }

    #[test]
    fn test_cube_vs_scalar() {
        let arr = array_from_canonical([0x57155037, 0x71bdcc8e, 0x301f94d, 0x435938a6]);

        let vec = PackedKoalaBearWasmSimd128(arr);
        let vec_res = vec.cube();

        #[allow(clippy::needless_range_loop)]
        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], arr[i].cube());
        }
    }

    #[test]
    fn test_cube_vs_scalar_special_vals() {
        let arr = [F::zero(), F::one(), F::two(), F::neg_one()];

        let vec = PackedKoalaBearWasmSimd128(arr);
        let vec_res = vec.cube();

        #[allow(clippy::needless_range_loop)]
        for i in 0..WIDTH {
            assert_eq!(vec_res.0[i], arr[i].cube());
        }
    }

    /// Random lanes, then the values where reductions change sign or wrap.
    fn test_vectors() -> impl Iterator<Item = [F; WIDTH]> {
        let mut rng = rand::thread_rng();
        let special = [F::zero(), F::one(), F::two(), F::neg_one()];
        let last = [-F::two(), F::neg_one(), F::two(), F::zero()];
        (0..1000).map(move |_| rng.gen()).chain([special, last])
    }

    /// The Poseidon2 S-box (x^3 for KoalaBear): one signed chain, one canonical form at the end.
    #[test]
    fn test_exp_const_3_vs_scalar() {
        for arr in test_vectors() {
            let vec_res = PackedKoalaBearWasmSimd128(arr).exp_const_u64::<3>();
            assert_eq!(vec_res.0, arr.map(|x| x.exp_u64(3)));
        }
    }

    #[test]
    fn test_div_2exp_vs_scalar() {
        for arr in test_vectors() {
            for m in 1..=48 {
                let vec_res = PackedKoalaBearWasmSimd128(arr).div_2exp(m);
                assert_eq!(vec_res.0, arr.map(|x| x.div_2exp_u64(m as u64)), "2^-{m}");
            }
        }
    }
}
