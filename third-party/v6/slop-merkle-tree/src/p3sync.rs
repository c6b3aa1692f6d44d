use std::{
    borrow::Borrow, cmp::Reverse, convert::Infallible, mem::ManuallyDrop, ops::Deref, sync::Arc,
};

use itertools::Itertools;
use p3_merkle_tree::{compress_and_inject, first_digest_layer};
use serde::{Deserialize, Serialize};
use slop_algebra::{AbstractField, PackedField, PackedValue};
use slop_alloc::CpuBackend;
use slop_challenger::IopCtx;
use slop_commit::Message;
use slop_futures::OwnedBorrow;
use rayon::prelude::*;
use slop_matrix::{
    dense::{RowMajorMatrix, RowMajorMatrixView},
    Matrix,
};
use slop_symmetric::{CryptographicHasher, PseudoCompressionFunction};
use slop_tensor::Tensor;

use super::{FieldMerkleTreeDigests, FieldMerkleTreeProver};
use crate::{ComputeTcsOpenings, MerkleTreeTcs, MerkleTreeTcsProof, TensorCsProver};

impl<P, PW, GC: IopCtx, const DIGEST_ELEMS: usize> TensorCsProver<GC, CpuBackend>
    for FieldMerkleTreeProver<P, PW, GC, DIGEST_ELEMS>
where
    P: PackedField<Scalar = GC::F>,
    PW: PackedValue,
    GC::Digest: Into<[PW::Value; DIGEST_ELEMS]> + From<[PW::Value; DIGEST_ELEMS]>,
    GC::Hasher: CryptographicHasher<P::Scalar, [PW::Value; DIGEST_ELEMS]>
        + CryptographicHasher<P::Scalar, GC::Digest>,
    GC::Hasher: CryptographicHasher<P, [PW; DIGEST_ELEMS]>,
    GC::Hasher: Sync,
    GC::Compressor: PseudoCompressionFunction<[PW::Value; DIGEST_ELEMS], 2>
        + PseudoCompressionFunction<GC::Digest, 2>,
    GC::Compressor: PseudoCompressionFunction<[PW; DIGEST_ELEMS], 2>,
    GC::Compressor: Sync,
    PW::Value: Eq + std::fmt::Debug,
    [PW::Value; DIGEST_ELEMS]: Serialize + for<'de> Deserialize<'de>,
{
    type ProverError = Infallible;
    type ProverData = (FieldMerkleTreeDigests<PW::Value, DIGEST_ELEMS>, GC::Digest, usize, usize);

    fn commit_tensors<T>(
        &self,
        tensors: Message<T>,
    ) -> Result<(GC::Digest, Self::ProverData), Self::ProverError>
    where
        T: OwnedBorrow<Tensor<GC::F, CpuBackend>>,
    {
        let tcs = self.tcs.clone();

        let height =
            Borrow::<Tensor<_>>::borrow(tensors.first().cloned().unwrap().as_ref()).sizes()[0];
        let widths = tensors.iter().map(|t| {
            let t_ref: &T = t.borrow();
            let t_ref: &Tensor<GC::F, CpuBackend> = t_ref.borrow();
            t_ref.sizes()[1]
        });

        let total_width = widths.sum::<usize>();
        assert!(tensors
            .iter()
            .all(|t| Borrow::<Tensor<_>>::borrow(t.as_ref()).sizes()[0] == height));

        let leaves_owned = tensors
            .iter()
            .map(|t| {
                let t_ref: &T = t.borrow();
                let t: &Tensor<GC::F> = t_ref.borrow();
                let ptr = t.as_ptr() as *mut P::Value;
                let height = t.sizes()[0];
                let width = t.sizes()[1];
                let vec = unsafe { Vec::from_raw_parts(ptr, height * width, height * width) };
                let matrix = RowMajorMatrix::new(vec, width);
                ManuallyDrop::new(matrix)
            })
            .collect::<Vec<_>>();
        let leaves = leaves_owned.iter().map(|m| m.deref()).collect::<Vec<_>>();
        assert!(!tensors.is_empty(), "No matrices given?");

        assert_eq!(P::WIDTH, PW::WIDTH, "Packing widths must match");

        // check height property
        assert!(
            leaves
                .iter()
                .map(|m| m.height())
                .sorted()
                .tuple_windows()
                .all(|(curr, next)| curr == next
                    || curr.next_power_of_two() != next.next_power_of_two()),
            "matrix heights that round up to the same power of two must be equal"
        );

        // Sorting the trees by height, but this is expected to be a no-op because of the
        // assertions at the top of the function.

        let mut leaves_largest_first =
            leaves.iter().sorted_by_key(|l| Reverse(l.height())).peekable();

        let max_height = leaves_largest_first.peek().unwrap().height();
        let tallest_matrices = leaves_largest_first
            .peeking_take_while(|m| m.height() == max_height)
            .copied()
            .collect_vec();

        // The tree's lowest layers are kept only where all matrices are of one power-of-two
        // height (Basefold's codewords and FRI's folds always are).
        let one_height = tallest_matrices.len() == leaves.len() && max_height.is_power_of_two();
        let pruned_layers = if one_height {
            self.pruned_layers.min(max_height.ilog2() as usize)
        } else {
            0
        };
        let mut digest_layers = if pruned_layers == 0 {
            vec![first_digest_layer::<P, PW, GC::Hasher, RowMajorMatrix<P::Scalar>, DIGEST_ELEMS>(
                &tcs.hasher,
                tallest_matrices,
            )]
        } else {
            vec![subtree_roots::<P, PW, GC, DIGEST_ELEMS>(&tcs, &tallest_matrices, pruned_layers)]
        };
        loop {
            let prev_layer = digest_layers.last().unwrap().as_slice();
            if prev_layer.len() == 1 {
                break;
            }
            let next_layer_len = prev_layer.len() / 2;

            // The matrices that get injected at this layer.
            let matrices_to_inject = leaves_largest_first
                .peeking_take_while(|m| m.height().next_power_of_two() == next_layer_len)
                .copied()
                .collect_vec();

            let next_digests =
                compress_and_inject::<
                    P,
                    PW,
                    GC::Hasher,
                    GC::Compressor,
                    RowMajorMatrix<P::Scalar>,
                    DIGEST_ELEMS,
                >(prev_layer, matrices_to_inject, &tcs.hasher, &tcs.compressor);
            digest_layers.push(next_digests);
        }

        let digests =
            FieldMerkleTreeDigests { digest_layers: Arc::new(digest_layers), pruned_layers };
        let root = digests.digest_layers.last().unwrap()[0];
        let log_height = height.next_power_of_two().ilog2() as usize;
        let hash: [PW::Value; DIGEST_ELEMS] = tcs.hasher.hash_iter([
            GC::F::from_canonical_usize(log_height),
            GC::F::from_canonical_usize(total_width),
        ]);
        let compressed_root = tcs.compressor.compress([root, hash]);
        Ok((compressed_root.into(), (digests, root.into(), log_height, total_width)))
    }

    fn prove_openings_at_indices(
        &self,
        data: Self::ProverData,
        indices: &[usize],
    ) -> Result<MerkleTreeTcsProof<GC::Digest>, Self::ProverError> {
        assert_eq!(data.0.pruned_layers, 0, "a pruned tree opens from its tensors");
        let height = data.0.digest_layers.len() - 1;
        let path_storage = indices
            .iter()
            .flat_map(|idx| {
                data.0
                    .digest_layers
                    .iter()
                    .take(height)
                    .enumerate()
                    .map(move |(i, layer)| layer[(idx >> i) ^ 1].into())
            })
            .collect::<Vec<_>>();
        let paths = Tensor::from(path_storage).reshape([indices.len(), height]);
        let proof = MerkleTreeTcsProof {
            log_tensor_height: data.2,
            width: data.3,
            merkle_root: data.1,
            paths,
        };
        Ok(proof)
    }

    fn prove_openings_at_indices_of<T>(
        &self,
        data: Self::ProverData,
        tensors: Message<T>,
        indices: &[usize],
    ) -> Result<MerkleTreeTcsProof<GC::Digest>, Self::ProverError>
    where
        T: OwnedBorrow<Tensor<GC::F, CpuBackend>>,
    {
        let (digests, merkle_root, log_tensor_height, width) = data;
        let pruned_layers = digests.pruned_layers;
        if pruned_layers == 0 {
            let data = (digests, merkle_root, log_tensor_height, width);
            return self.prove_openings_at_indices(data, indices);
        }
        let kept_layers = &digests.digest_layers[..digests.digest_layers.len() - 1];
        let height = pruned_layers + kept_layers.len();
        let path_storage = indices
            .par_iter()
            .flat_map_iter(|&idx| {
                let pruned_path = pruned_path::<P, PW, GC, T, DIGEST_ELEMS>(
                    &self.tcs,
                    &tensors,
                    idx,
                    pruned_layers,
                );
                let kept_path = kept_layers
                    .iter()
                    .enumerate()
                    .map(move |(i, layer)| layer[(idx >> (pruned_layers + i)) ^ 1]);
                pruned_path.into_iter().chain(kept_path).map(Into::into)
            })
            .collect::<Vec<_>>();
        let paths = Tensor::from(path_storage).reshape([indices.len(), height]);
        Ok(MerkleTreeTcsProof { log_tensor_height, width, merkle_root, paths })
    }
}

/// Rows hashed and compressed per task when the lowest layers are not kept: a task's layers
/// stay small, and there are enough tasks for every thread.
const SUBTREE_CHUNK_ROWS: usize = 1 << 12;

/// Layer `pruned_layers` of the tree over the rows of `matrices` (all of one power-of-two
/// height, all hashed at the leaves), built a chunk of rows at a time, so the layers below it
/// never exist whole. The digests are those `first_digest_layer` and `compress_and_inject`
/// make, as the subtrees of a Merkle tree do not depend on each other.
fn subtree_roots<P, PW, GC, const DIGEST_ELEMS: usize>(
    tcs: &MerkleTreeTcs<GC>,
    matrices: &[&RowMajorMatrix<P::Scalar>],
    pruned_layers: usize,
) -> Vec<[PW::Value; DIGEST_ELEMS]>
where
    GC: IopCtx,
    P: PackedField<Scalar = GC::F>,
    PW: PackedValue,
    GC::Hasher: CryptographicHasher<P::Scalar, [PW::Value; DIGEST_ELEMS]>
        + CryptographicHasher<P, [PW; DIGEST_ELEMS]>
        + Sync,
    GC::Compressor: PseudoCompressionFunction<[PW::Value; DIGEST_ELEMS], 2>
        + PseudoCompressionFunction<[PW; DIGEST_ELEMS], 2>
        + Sync,
{
    let height = matrices[0].height();
    let chunk_rows = SUBTREE_CHUNK_ROWS.max(1 << pruned_layers).min(height);
    let default_digest = [PW::Value::default(); DIGEST_ELEMS];
    let mut roots = vec![default_digest; height >> pruned_layers];
    roots.par_chunks_mut(chunk_rows >> pruned_layers).enumerate().for_each(|(chunk, roots)| {
        let rows = chunk * chunk_rows..(chunk + 1) * chunk_rows;
        let views = matrices
            .iter()
            .map(|m| {
                let values = &m.values[rows.start * m.width..rows.end * m.width];
                RowMajorMatrixView::new(values, m.width)
            })
            .collect::<Vec<_>>();
        let mut layer = first_digest_layer::<P, PW, GC::Hasher, _, DIGEST_ELEMS>(
            &tcs.hasher,
            views.iter().collect(),
        );
        for _ in 0..pruned_layers {
            layer = compress_and_inject::<P, PW, _, _, RowMajorMatrixView<'_, P::Scalar>, DIGEST_ELEMS>(
                &layer,
                vec![],
                &tcs.hasher,
                &tcs.compressor,
            );
        }
        roots.copy_from_slice(&layer);
    });
    roots
}

/// The siblings of leaf `idx` in the `pruned_layers` lowest layers of the tree over `tensors`,
/// from its subtree hashed again: each leaf is its row across the tensors, in the order they were
/// committed, as `first_digest_layer` hashes it.
fn pruned_path<P, PW, GC, T, const DIGEST_ELEMS: usize>(
    tcs: &MerkleTreeTcs<GC>,
    tensors: &Message<T>,
    idx: usize,
    pruned_layers: usize,
) -> Vec<[PW::Value; DIGEST_ELEMS]>
where
    GC: IopCtx,
    P: PackedField<Scalar = GC::F>,
    PW: PackedValue,
    GC::Hasher: CryptographicHasher<P::Scalar, [PW::Value; DIGEST_ELEMS]>,
    GC::Compressor: PseudoCompressionFunction<[PW::Value; DIGEST_ELEMS], 2>,
    T: OwnedBorrow<Tensor<GC::F, CpuBackend>>,
{
    let first_leaf = idx >> pruned_layers << pruned_layers;
    let mut layer: Vec<[PW::Value; DIGEST_ELEMS]> = (first_leaf..first_leaf + (1 << pruned_layers))
        .map(|row| {
            tcs.hasher.hash_iter(tensors.iter().flat_map(|tensor| {
                let tensor: &T = tensor.borrow();
                let tensor: &Tensor<GC::F, CpuBackend> = tensor.borrow();
                tensor.get(row).unwrap().as_slice().to_vec()
            }))
        })
        .collect();
    let mut position = idx - first_leaf;
    let mut path = Vec::with_capacity(pruned_layers);
    for _ in 0..pruned_layers {
        path.push(layer[position ^ 1]);
        layer =
            layer.chunks_exact(2).map(|pair| tcs.compressor.compress([pair[0], pair[1]])).collect();
        position >>= 1;
    }
    path
}

impl<P, PW, GC, const DIGEST_ELEMS: usize> ComputeTcsOpenings<GC, CpuBackend>
    for FieldMerkleTreeProver<P, PW, GC, DIGEST_ELEMS>
where
    GC: IopCtx,
    GC::Digest: Into<[PW::Value; DIGEST_ELEMS]> + From<[PW::Value; DIGEST_ELEMS]>,
    P: PackedField<Scalar = GC::F>,
    PW: PackedValue,
    GC::Hasher: CryptographicHasher<P::Scalar, [PW::Value; DIGEST_ELEMS]>
        + CryptographicHasher<P::Scalar, GC::Digest>,
    GC::Hasher: CryptographicHasher<P, [PW; DIGEST_ELEMS]>,
    GC::Hasher: Sync,
    GC::Compressor: PseudoCompressionFunction<[PW::Value; DIGEST_ELEMS], 2>
        + PseudoCompressionFunction<GC::Digest, 2>,
    GC::Compressor: PseudoCompressionFunction<[PW; DIGEST_ELEMS], 2>,
    GC::Compressor: Sync,
    PW::Value: Eq + std::fmt::Debug,
    [PW::Value; DIGEST_ELEMS]: Serialize + for<'de> Deserialize<'de>,
{
    fn compute_openings_at_indices<T>(
        &self,
        tensors: Message<T>,
        indices: &[usize],
    ) -> Tensor<GC::F, CpuBackend>
    where
        T: OwnedBorrow<Tensor<GC::F, CpuBackend>>,
    {
        let total_width = tensors
            .iter()
            .map(|tensor| {
                let tensor_ref: &T = tensor.borrow();
                let tensor_ref: &Tensor<GC::F, CpuBackend> = tensor_ref.borrow();
                tensor_ref.sizes()[1]
            })
            .sum::<usize>();

        let mut openings = Vec::new();
        for tensor in tensors.iter() {
            let tensor_ref: &T = tensor.borrow();
            let tensor = tensor_ref.borrow();
            let width = tensor.sizes()[1];
            let openings_for_tensor = indices
                .iter()
                .flat_map(|idx| tensor.get(*idx).unwrap().as_slice())
                .cloned()
                .collect::<Vec<_>>();
            let openings_for_tensor =
                RowMajorMatrix::new(openings_for_tensor, width).transpose().values;
            openings.extend(openings_for_tensor);
        }
        Tensor::from(openings).reshape([total_width, indices.len()]).transpose()
    }
}

#[cfg(test)]
mod tests {
    use itertools::Itertools;
    use rand::{thread_rng, Rng};
    use slop_baby_bear::{baby_bear_poseidon2::BabyBearDegree4Duplex, BabyBear};
    use slop_commit::Message;
    use slop_koala_bear::{KoalaBear, KoalaBearDegree4Duplex};
    use slop_tensor::Tensor;

    use crate::MerkleTreeTcs;

    use super::super::{Poseidon2BabyBear16Prover, Poseidon2KoalaBear16Prover};
    use super::*;

    #[test]
    fn test_merkle_proof_sync() {
        let mut rng = thread_rng();

        let height: usize = 1 << 10;
        let width = 25;
        let num_tensors = 10;

        let num_indices = 5;

        let tensors = (0..num_tensors)
            .map(|_| Tensor::<BabyBear>::rand(&mut rng, [height, width]))
            .collect::<Message<_>>();

        let prover = Poseidon2BabyBear16Prover::default();
        let (commitment, data) = prover.commit_tensors(tensors.clone()).unwrap();

        let indices = (0..num_indices).map(|_| rng.gen_range(0..height)).collect_vec();
        let proof = prover.prove_openings_at_indices(data, &indices).unwrap();
        let openings = prover.compute_openings_at_indices(tensors, &indices);

        let tcs = MerkleTreeTcs::<BabyBearDegree4Duplex>::default();
        tcs.verify_tensor_openings(
            &commitment,
            &indices,
            &openings,
            width * num_tensors,
            slop_utils::log2_strict_usize(height),
            &proof,
        )
        .unwrap();
    }

    /// A tree whose lowest layers are not kept commits to the same root and opens to paths
    /// that verify.
    #[test]
    fn test_kb_pruned_merkle_proof_sync() {
        let mut rng = thread_rng();
        let (height, width, num_tensors) = (1 << 14, 7, 3);
        let tensors = (0..num_tensors)
            .map(|_| Tensor::<KoalaBear>::rand(&mut rng, [height, width]))
            .collect::<Message<_>>();
        let indices = (0..20).map(|_| rng.gen_range(0..height)).collect_vec();
        let tcs = MerkleTreeTcs::<KoalaBearDegree4Duplex>::default();

        let whole = Poseidon2KoalaBear16Prover::default().with_pruned_layers(0);
        let (whole_commitment, whole_data) = whole.commit_tensors(tensors.clone()).unwrap();
        let whole_proof = whole.prove_openings_at_indices(whole_data, &indices).unwrap();
        for pruned_layers in [1, 4, 13, 14] {
            let prover = Poseidon2KoalaBear16Prover::default().with_pruned_layers(pruned_layers);
            let (commitment, data) = prover.commit_tensors(tensors.clone()).unwrap();
            assert_eq!(commitment, whole_commitment);
            assert_eq!(data.0.pruned_layers, pruned_layers);
            let proof =
                prover.prove_openings_at_indices_of(data, tensors.clone(), &indices).unwrap();
            assert_eq!(proof.paths.as_slice(), whole_proof.paths.as_slice());
            let openings = prover.compute_openings_at_indices(tensors.clone(), &indices);
            tcs.verify_tensor_openings(
                &commitment,
                &indices,
                &openings,
                width * num_tensors,
                14,
                &proof,
            )
            .unwrap();
        }
    }

    #[test]
    fn test_kb_merkle_proof_sync() {
        let mut rng = thread_rng();

        let height = 1 << 10;
        let width = 25;
        let num_tensors = 10;

        let num_indices = 5;

        let tensors = (0..num_tensors)
            .map(|_| Tensor::<KoalaBear>::rand(&mut rng, [height, width]))
            .collect::<Message<_>>();

        let prover = Poseidon2KoalaBear16Prover::default();
        let (commitment, data) = prover.commit_tensors(tensors.clone()).unwrap();

        let indices = (0..num_indices).map(|_| rng.gen_range(0..height)).collect_vec();
        let proof = prover.prove_openings_at_indices(data, &indices).unwrap();
        let openings = prover.compute_openings_at_indices(tensors, &indices);

        let tcs = MerkleTreeTcs::<KoalaBearDegree4Duplex>::default();

        tcs.verify_tensor_openings(
            &commitment,
            &indices,
            &openings,
            width * num_tensors,
            slop_utils::log2_strict_usize(height),
            &proof,
        )
        .unwrap();
    }
}
