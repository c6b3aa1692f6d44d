//! sp1-wasm: the barycentric sums over BabyBear with one reduction per column (PATCHES.md).

use alloc::vec::Vec;
use core::any::TypeId;

use p3_baby_bear::{BabyBear, ExtensionColumnSums};
use p3_field::extension::BinomialExtensionField;
use p3_field::{ExtensionField, Field};
use p3_matrix::Matrix;
use p3_maybe_rayon::prelude::*;

/// SP1's challenge field.
type Extension = BinomialExtensionField<BabyBear, 4>;

/// `matrix.columnwise_dot_product(scales)`, the same values. Over BabyBear with scales in its
/// degree 4 extension (SP1's fields), p3-baby-bear's `ExtensionColumnSums` adds the rows in pairs
/// and reduces once per column and coefficient at the end: stock reduces every product.
pub(crate) fn columnwise_dot_product<F, EF, M>(matrix: &M, scales: &[EF]) -> Vec<EF>
where
    F: Field,
    EF: ExtensionField<F>,
    M: Matrix<F>,
{
    let Some(scales) = downcast::<EF, Extension>(scales).filter(|_| is::<F, BabyBear>()) else {
        return matrix.columnwise_dot_product(scales);
    };
    let height = matrix.height();
    let row = |i: usize| matrix.row_slice(i);
    let sums = (0..height.div_ceil(2)).into_par_iter().par_fold_reduce(
        || ExtensionColumnSums::new(matrix.width()),
        |mut sums, pair| {
            let i = 2 * pair;
            let first = row(i);
            let first = downcast::<F, BabyBear>(&first).expect("F is BabyBear");
            if i + 1 < height {
                let second = row(i + 1);
                let second = downcast::<F, BabyBear>(&second).expect("F is BabyBear");
                sums.add_row_pair([first, second], [scales[i], scales[i + 1]]);
            } else {
                sums.add_row(first, scales[i]);
            }
            sums
        },
        ExtensionColumnSums::merge,
    );
    downcast::<Extension, EF>(&sums.finish()).expect("EF is Extension").to_vec()
}

fn is<A: 'static, B: 'static>() -> bool {
    TypeId::of::<A>() == TypeId::of::<B>()
}

/// `slice` as a slice of `B`, if `A` is `B`: the fields' types are generic parameters here, and
/// the comparison is folded away in each instance.
fn downcast<A: 'static, B: 'static>(slice: &[A]) -> Option<&[B]> {
    // SAFETY: `A` and `B` are the same type.
    is::<A, B>().then(|| unsafe { core::slice::from_raw_parts(slice.as_ptr().cast(), slice.len()) })
}
