//! A core proof of an ELF on stdin, through SP1 6's core path alone: sp1-core-machine's records
//! (`utils::generate_records`) proven shard by shard by sp1-hypercube's CPU shard prover, with
//! the parameters sp1-prover fixes for core proofs, so the verifying key and the proof are
//! stock's.

use std::{borrow::Borrow, collections::BTreeMap, sync::Arc};

use serde::Serialize;
use sp1_core_executor::{Program, SP1Context, SP1CoreOpts};
use sp1_core_executor_runner::MinimalExecutorRunner;
use sp1_core_machine::{io::SP1Stdin, riscv::RiscvAir, utils::generate_records};
use sp1_hypercube::{
    air::PublicValues,
    prover::{CpuShardProver, SP1InnerPcsProver, SimpleProver},
    HashableKey, MachineProof, SP1InnerPcs, SP1VerifyingKey, ShardVerifier,
};
use sp1_primitives::{
    fri_params::core_fri_config, io::SP1PublicValues, SP1Field, SP1GlobalContext,
};
use sp1_verifier::SP1Proof;
use web_time::Instant;

/// sp1-prover 6.10.0's `CORE_LOG_STACKING_HEIGHT` and `CORE_MAX_LOG_ROW_COUNT`: they are in the
/// verifying key, so they stay stock's.
const CORE_LOG_STACKING_HEIGHT: u32 = 21;
const CORE_MAX_LOG_ROW_COUNT: usize = 22;
/// sp1-prover 6.10.0's `SP1_CIRCUIT_VERSION`: stock's verifier refuses a proof of another.
pub const SP1_CIRCUIT_VERSION: &str = "v6.1.0";
/// Trace elements per shard by default: the size whose peak memory stays under 3 GiB for a
/// million-cycle program (docs/sp1-v6.md, "The core path alone"); stock's is 2^28 + 2^27.
pub const DEFAULT_ELEMENT_THRESHOLD: u64 = 1 << 23;

/// Stock sp1-sdk 6.10.0's `SP1ProofWithPublicValues`, field for field: bincode is positional,
/// and sp1-sdk itself does not build for wasm32. Stock deserializes and verifies these bytes
/// (tests/sp1-v6).
#[derive(Serialize)]
pub struct SP1ProofWithPublicValues {
    pub proof: SP1Proof,
    pub public_values: SP1PublicValues,
    pub sp1_version: String,
    pub tee_proof: Option<Vec<u8>>,
}

/// A proof and what it took.
pub struct CoreProof {
    /// Stock `SP1ProofWithPublicValues`, bincode.
    pub proof: Vec<u8>,
    pub public_values: Vec<u8>,
    pub cycles: u64,
    pub shards: usize,
    /// The verifying key's hash as stock prints it (`bytes32`).
    pub vk_hash: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CoreProofError {
    #[error("the ELF is not a valid SP1 6 (RV64IM) program: {0}")]
    InvalidElf(String),
    #[error("the program failed to execute: {0}")]
    Execution(String),
    /// The machine verifier refused the proof just made: a prover bug, never a user's input.
    #[error("the proof just made does not verify: {0}")]
    Rejected(String),
}

impl CoreProofError {
    /// The web package's `ErrorCode` for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidElf(_) => "INVALID_ELF",
            Self::Execution(_) => "EXECUTION_FAILED",
            Self::Rejected(_) => "PROVING_FAILED",
        }
    }
}

/// Where a proof is, reported as each step ends.
#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    /// The proving and verifying keys are made.
    Setup,
    /// The program ran and its shards' records are generated: `shards` is final.
    Execute,
    /// Shard `shard` of `shards` is proven.
    ShardProved,
    /// The whole proof verified.
    Done,
}

#[derive(Clone, Copy, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Progress {
    pub phase: Phase,
    /// Shards proven so far.
    pub shard: usize,
    /// Shards in the proof, 0 until execution ends.
    pub shards: usize,
    /// The program's cycles, 0 until execution ends.
    pub cycles: u64,
    pub elapsed_ms: f64,
}

/// Proves `elf` on `stdin` (one chunk per guest `read`), cutting shards at `element_threshold`
/// trace elements, and reports each step to `progress`. Blocks its caller; the work inside is
/// parallel on Rayon's global pool.
pub fn prove(
    elf: &[u8],
    stdin: Vec<Vec<u8>>,
    element_threshold: u64,
    mut progress: impl FnMut(Progress),
) -> Result<CoreProof, CoreProofError> {
    let started = Instant::now();
    let mut report = |phase, shard, shards, cycles| {
        let elapsed_ms = started.elapsed().as_secs_f64() * 1e3;
        progress(Progress { phase, shard, shards, cycles, elapsed_ms });
    };
    let program =
        Arc::new(Program::from(elf).map_err(|e| CoreProofError::InvalidElf(e.to_string()))?);
    let stdin = SP1Stdin { buffer: stdin, ..SP1Stdin::new() };
    let public_values = public_values_of(&program, &stdin)?;

    let verifier = ShardVerifier::from_basefold_parameters(
        core_fri_config(),
        CORE_LOG_STACKING_HEIGHT,
        CORE_MAX_LOG_ROW_COUNT,
        RiscvAir::machine(),
    );
    let shard_prover =
        CpuShardProver::<SP1GlobalContext, SP1InnerPcs, SP1InnerPcsProver, _>::new(verifier.clone());
    let prover = SimpleProver::new(verifier, shard_prover);

    let mut opts = SP1CoreOpts::default();
    opts.sharding_threshold.element_threshold = element_threshold;

    // The futures only await Rayon work and an uncontended semaphore: blocking on them is
    // waiting for the pool.
    futures::executor::block_on(async {
        let (pk, vk) = prover.setup(program.clone()).await;
        // SAFETY: the key is used by this prover only, as in sp1-core-machine's `run_test_core`.
        let pk = unsafe { pk.into_inner() };
        report(Phase::Setup, 0, 0, 0);

        let proof_nonce = SP1Context::default().proof_nonce;
        let (records, cycles) = generate_records::<SP1Field>(program, stdin, opts, proof_nonce)
            .map_err(|e| CoreProofError::Execution(e.to_string()))?;
        let shards = records.len();
        report(Phase::Execute, 0, shards, cycles);

        // As sp1-core-machine's `prove_core` (test-only, silent), with progress: each record is
        // dropped once proven, and the proofs are ordered as stock's verifier expects them.
        let mut shard_proofs = BTreeMap::new();
        for (proven, record) in records.into_iter().enumerate() {
            let proof = prover.prove_shard(pk.clone(), record).await;
            let values: &PublicValues<[SP1Field; 4], [SP1Field; 3], [SP1Field; 4], SP1Field> =
                proof.public_values.as_slice().borrow();
            let order = (
                values.initial_timestamp,
                values.last_timestamp,
                values.previous_init_addr,
                values.previous_finalize_addr,
            );
            shard_proofs.insert(order, proof);
            report(Phase::ShardProved, proven + 1, shards, cycles);
        }
        let proof = MachineProof { shard_proofs: shard_proofs.into_values().collect() };
        prover.verify(&vk, &proof).map_err(|e| CoreProofError::Rejected(e.to_string()))?;
        report(Phase::Done, shards, shards, cycles);

        let bundle = SP1ProofWithPublicValues {
            proof: SP1Proof::Core(proof.shard_proofs),
            public_values: public_values.clone(),
            sp1_version: SP1_CIRCUIT_VERSION.to_string(),
            tee_proof: None,
        };
        Ok(CoreProof {
            proof: bincode::serialize(&bundle).expect("a proof serializes"),
            public_values: public_values.to_vec(),
            cycles,
            shards,
            vk_hash: SP1VerifyingKey { vk }.bytes32(),
        })
    })
}

/// The public values the guest commits, from a run of the minimal executor (as
/// sp1-core-machine's `run_test` gets them): the shard proofs carry only their digest.
fn public_values_of(
    program: &Arc<Program>,
    stdin: &SP1Stdin,
) -> Result<SP1PublicValues, CoreProofError> {
    let mut executor = MinimalExecutorRunner::simple(program.clone());
    for chunk in &stdin.buffer {
        executor.with_input(chunk);
    }
    while executor
        .try_execute_chunk()
        .map_err(|e| CoreProofError::Execution(e.to_string()))?
        .is_some()
    {}
    Ok(SP1PublicValues::from(executor.public_values_stream()))
}
