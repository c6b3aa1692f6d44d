//! What must stay stock's for stock to verify a proof made here: the core parameters its
//! verifying keys fix, the circuit version, and the proof file's layout. The prover
//! (`core_proof`) and the verifier (`verify`) both build on it.

use serde::{Deserialize, Serialize};
use sp1_core_machine::riscv::RiscvAir;
use sp1_hypercube::{InnerSC, MachineVerifier, ShardVerifier};
use sp1_primitives::{fri_params::core_fri_config, io::SP1PublicValues, SP1Field, SP1GlobalContext};
use sp1_verifier::SP1Proof;

/// sp1-prover 6.10.0's `CORE_LOG_STACKING_HEIGHT` and `CORE_MAX_LOG_ROW_COUNT`: they are in the
/// verifying key, so they stay stock's.
const CORE_LOG_STACKING_HEIGHT: u32 = 21;
const CORE_MAX_LOG_ROW_COUNT: usize = 22;
/// sp1-prover 6.10.0's `SP1_CIRCUIT_VERSION`: stock's verifier refuses a proof of another.
pub const SP1_CIRCUIT_VERSION: &str = "v6.1.0";
/// Stock sp1-sdk 6.10.0's `SP1ProofWithPublicValues`, field for field: bincode is positional,
/// and sp1-sdk itself does not build for wasm32. Stock deserializes and verifies these bytes
/// (tests/sp1-v6).
#[derive(Serialize, Deserialize)]
pub struct SP1ProofWithPublicValues {
    pub proof: SP1Proof,
    pub public_values: SP1PublicValues,
    pub sp1_version: String,
    pub tee_proof: Option<Vec<u8>>,
}

/// Decodes bincode as stock writes it (fixed-width integers: proof files, keys), never reading
/// past the input, so a corrupt length in bytes from a page cannot ask for gigabytes.
pub(crate) fn decode<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> bincode::Result<T> {
    use bincode::Options;
    let options = bincode::options().with_fixint_encoding().reject_trailing_bytes();
    options.with_limit(bytes.len() as u64).deserialize(bytes)
}

/// The machine verifier of core proofs, with the parameters of stock's verifying keys.
pub type CoreVerifier = MachineVerifier<SP1GlobalContext, InnerSC<RiscvAir<SP1Field>>>;

/// The verifier of core shards, with the parameters sp1-prover fixes for them.
pub fn core_shard_verifier() -> ShardVerifier<SP1GlobalContext, InnerSC<RiscvAir<SP1Field>>> {
    ShardVerifier::from_basefold_parameters(
        core_fri_config(),
        CORE_LOG_STACKING_HEIGHT,
        CORE_MAX_LOG_ROW_COUNT,
        RiscvAir::machine(),
    )
}
