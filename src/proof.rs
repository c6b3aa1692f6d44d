//! Stock SP1's proof file: `sp1_sdk::SP1ProofWithPublicValues`, bincode, as `proof.save()` writes
//! it. The type lives in `sp1-sdk`, which does not build for wasm32 (it pulls in the recursion
//! prover and gnark); this is the same struct over the same field types, so the bytes are the
//! same. The interop tests check that against stock `sp1-sdk` 5.2.4 in both directions.

use serde::{Deserialize, Serialize};
use sp1_primitives::io::SP1PublicValues;
use sp1_stark::{CoreSC, SP1Proof, ShardProof};

use crate::{error::decode_bincode, Error, Result};

/// The circuit version stock 5.2.4 writes into proofs and checks on verification
/// (`sp1-prover`'s `SP1_VERSION` file).
pub const SP1_CIRCUIT_VERSION: &str = "v5.0.0";

/// Field for field `sp1_sdk::SP1ProofWithPublicValues` 5.2.4.
#[derive(Clone, Serialize, Deserialize)]
pub struct SP1ProofWithPublicValues {
    pub proof: SP1Proof,
    pub public_values: SP1PublicValues,
    pub sp1_version: String,
    /// Only set by Succinct's prover network; always `None` here.
    pub tee_proof: Option<Vec<u8>>,
}

impl SP1ProofWithPublicValues {
    pub fn new(proof: SP1Proof, public_values: SP1PublicValues) -> Self {
        Self { proof, public_values, sp1_version: SP1_CIRCUIT_VERSION.to_string(), tee_proof: None }
    }

    /// The bytes of the proof file.
    pub fn to_bytes(&self) -> Vec<u8> {
        bincode::serialize(self).expect("serializing a proof to memory cannot fail")
    }

    /// Reads a proof file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        decode_bincode(bytes).map_err(|e| Error::InvalidProof(format!("not an SP1 proof file: {e}")))
    }

    /// The shard proofs of a core proof; other kinds need stock's recursion verifier.
    pub fn core_shards(&self) -> Result<&[ShardProof<CoreSC>]> {
        match &self.proof {
            SP1Proof::Core(shards) => Ok(shards),
            other => Err(Error::UnsupportedProof(format!(
                "{} proofs are not supported, only core proofs",
                kind(other)
            ))),
        }
    }
}

fn kind(proof: &SP1Proof) -> &'static str {
    match proof {
        SP1Proof::Core(_) => "core",
        SP1Proof::Compressed(_) => "compressed",
        SP1Proof::Plonk(_) => "plonk",
        SP1Proof::Groth16(_) => "groth16",
    }
}
