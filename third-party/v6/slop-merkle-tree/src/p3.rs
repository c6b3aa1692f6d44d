use std::{fmt::Debug, marker::PhantomData, sync::Arc};

use serde::{Deserialize, Serialize};
use slop_algebra::Field;
use slop_baby_bear::{baby_bear_poseidon2::BabyBearDegree4Duplex, BabyBear};
use slop_bn254::{Bn254Fr, BNGC, OUTER_DIGEST_SIZE};
use slop_challenger::IopCtx;
use slop_koala_bear::{KoalaBear, KoalaBearDegree4Duplex};

use crate::MerkleTreeTcs;

#[derive(Clone)]
pub struct FieldMerkleTreeProver<P, PW, GC: IopCtx, const DIGEST_ELEMS: usize> {
    pub(crate) tcs: Arc<MerkleTreeTcs<GC>>,
    /// The lowest layers of each tree not kept (`FieldMerkleTreeDigests::pruned_layers`).
    pub(crate) pruned_layers: usize,
    _phantom: PhantomData<(P, PW)>,
}

pub type BnProver<F, EF> = FieldMerkleTreeProver<F, Bn254Fr, BNGC<F, EF>, OUTER_DIGEST_SIZE>;

impl<P, PW, GC: IopCtx, const DIGEST_ELEMS: usize> std::fmt::Debug
    for FieldMerkleTreeProver<P, PW, GC, DIGEST_ELEMS>
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FieldMerkleTreeProver")
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(bound(
    serialize = "[W; DIGEST_ELEMS]: Serialize",
    deserialize = "[W; DIGEST_ELEMS]: Deserialize<'de>"
))]
pub struct FieldMerkleTreeDigests<W, const DIGEST_ELEMS: usize> {
    /// The tree's layers from `pruned_layers` up to the root.
    pub digest_layers: Arc<Vec<Vec<[W; DIGEST_ELEMS]>>>,
    /// How many of the lowest layers are not kept: an opening recomputes the subtree of its
    /// leaf from the committed tensors (`prove_openings_at_indices_of`).
    pub pruned_layers: usize,
}

impl<P, PW, GC: IopCtx, const DIGEST_ELEMS: usize> FieldMerkleTreeProver<P, PW, GC, DIGEST_ELEMS> {
    #[inline]
    pub fn new(tcs: MerkleTreeTcs<GC>) -> Self {
        Self { tcs: Arc::new(tcs), pruned_layers: PRUNED_LAYERS, _phantom: PhantomData }
    }

    /// The same prover, keeping each tree's layers from `pruned_layers` up.
    pub fn with_pruned_layers(self, pruned_layers: usize) -> Self {
        Self { pruned_layers, ..self }
    }
}

/// The lowest layers of a tree that are not kept (`FieldMerkleTreeDigests::pruned_layers`): in
/// the browser (wasm32) the 4 GiB hold about three trees of 2^23 leaves at once (512 MiB each:
/// the key's, the shard's and Basefold's first fold) besides the codewords; kept from layer 4
/// up, a tree takes 32 MiB, and an opening hashes the 16 leaves of its subtree again (124
/// queries: about 2,000 hashes, against the 2^23 of the commitment).
#[cfg(target_arch = "wasm32")]
const PRUNED_LAYERS: usize = 4;
#[cfg(not(target_arch = "wasm32"))]
const PRUNED_LAYERS: usize = 0;

pub type Poseidon2BabyBear16Prover = FieldMerkleTreeProver<
    <BabyBear as Field>::Packing,
    <BabyBear as Field>::Packing,
    BabyBearDegree4Duplex,
    8,
>;

pub type Poseidon2KoalaBear16Prover = FieldMerkleTreeProver<
    <KoalaBear as Field>::Packing,
    <KoalaBear as Field>::Packing,
    KoalaBearDegree4Duplex,
    8,
>;

impl<GC: IopCtx, P, PW, const DIGEST_ELEMS: usize> Default
    for FieldMerkleTreeProver<P, PW, GC, DIGEST_ELEMS>
{
    fn default() -> Self {
        Self::new(MerkleTreeTcs::default())
    }
}

// Sync trait implementations are in p3sync.rs
#[path = "p3sync.rs"]
mod p3sync;
