//! A core proof of an ELF on stdin, through SP1 6's core path alone: sp1-core-machine's records
//! (`utils::generate_records`, streamed on wasm32) proven shard by shard by sp1-hypercube's CPU
//! shard prover, with the parameters sp1-prover fixes for core proofs, so the verifying key and
//! the proof are stock's.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use sp1_core_executor::{Program, SP1Context, SP1CoreOpts};
use sp1_core_executor_runner::MinimalExecutorRunner;
use sp1_core_machine::{io::SP1Stdin, riscv::RiscvAir};
use sp1_hypercube::{
    air::PROOF_NONCE_NUM_WORDS,
    prover::{CpuShardProver, CpuSimpleProver, ProvingKey, SP1InnerPcsProver, SimpleProver},
    HashableKey, InnerSC, MachineVerifyingKey, SP1InnerPcs, SP1VerifyingKey,
};
use sp1_primitives::{io::SP1PublicValues, SP1Field, SP1GlobalContext};
use sp1_verifier::SP1Proof;

use web_time::Instant;

use crate::{
    shard_size::{self, ShardSizeError},
    stock::{self, core_shard_verifier, SP1ProofWithPublicValues, SP1_CIRCUIT_VERSION},
    verify::{self, CoreShardProof, VerifyError},
};

/// How a proof is cut and how much memory it may take.
#[derive(Clone, Copy, Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ProveOptions {
    /// Trace elements per shard; by default chosen from the program's cycles and
    /// `memory_limit_bytes` (`shard_size::fitted_element_threshold`).
    pub element_threshold: Option<u64>,
    /// Refuse, before any work, a proof whose estimated peak memory exceeds this.
    pub memory_limit_bytes: Option<u64>,
    /// Execution stops with an error after this many cycles.
    pub max_cycles: Option<u64>,
}

impl ProveOptions {
    /// The shard size to prove `cycles` of `program` at (see `shard_size`).
    fn element_threshold(&self, program: &Program, cycles: u64) -> Result<u64, CoreProofError> {
        let (requested, limit) = (self.element_threshold, self.memory_limit_bytes);
        shard_size::element_threshold(program, cycles, requested, limit).map_err(|e| match e {
            ShardSizeError::Invalid(message) => CoreProofError::InvalidOptions(message),
            ShardSizeError::OutOfMemory(message) => CoreProofError::OutOfMemory(message),
        })
    }
}

type CoreProver =
    CpuSimpleProver<SP1GlobalContext, SP1InnerPcs, SP1InnerPcsProver, RiscvAir<SP1Field>>;
type CoreProvingKey = ProvingKey<
    SP1GlobalContext,
    InnerSC<RiscvAir<SP1Field>>,
    CpuShardProver<SP1GlobalContext, SP1InnerPcs, SP1InnerPcsProver, RiscvAir<SP1Field>>,
>;

fn core_prover() -> CoreProver {
    let verifier = core_shard_verifier();
    SimpleProver::new(verifier.clone(), CpuShardProver::new(verifier))
}

/// A program's proving and verifying keys, as stock's setup makes them: made once, reused by
/// every proof of the program. Clones share the keys.
#[derive(Clone)]
pub struct CoreKey {
    program: Arc<Program>,
    pk: Arc<CoreProvingKey>,
    pub vk: MachineVerifyingKey<SP1GlobalContext>,
}

impl CoreKey {
    /// The verifying key's hash as stock prints it (`bytes32`).
    pub fn vk_hash(&self) -> String {
        SP1VerifyingKey { vk: self.vk.clone() }.bytes32()
    }

    /// Stock `SP1VerifyingKey`, bincode.
    pub fn vk_bytes(&self) -> Vec<u8> {
        bincode::serialize(&SP1VerifyingKey { vk: self.vk.clone() }).expect("a key serializes")
    }

    /// The whole key as bytes, for a cache: the program, the verifying key and the preprocessed
    /// traces with their commitment's prover data (`from_bytes` reads them back).
    pub fn to_bytes(&self) -> Vec<u8> {
        let parts = (&*self.program, &self.pk.vk, &self.pk.preprocessed_data);
        bincode::serialize(&parts).expect("a key serializes")
    }

    /// Reads a key that `to_bytes` wrote, or says why the bytes are not one. Decoding does not
    /// catch a changed field element: the caller checks the bytes' integrity first.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let (program, vk, preprocessed_data) =
            stock::decode(bytes).map_err(|e| format!("not an SP1 6 proving key of this version: {e}"))?;
        let pk: CoreProvingKey = ProvingKey { vk, preprocessed_data };
        Ok(Self { program: Arc::new(program), vk: pk.vk.clone(), pk: Arc::new(pk) })
    }
}

/// The keys of the program of `elf`. Blocks its caller; the work inside is parallel on Rayon's
/// global pool.
pub fn setup(elf: &[u8]) -> Result<CoreKey, CoreProofError> {
    Ok(setup_program(program_of(elf)?))
}

fn setup_program(program: Arc<Program>) -> CoreKey {
    // The future only awaits Rayon work and an uncontended semaphore: blocking on it is
    // waiting for the pool.
    let (pk, vk) = on_the_pool(|| futures::executor::block_on(core_prover().setup(program.clone())));
    // SAFETY: the permit it drops only limits concurrent provers, and this key's proofs run one
    // at a time on the caller's thread (as sp1-core-machine's `run_test_core` uses it).
    let pk = unsafe { pk.into_inner() };
    CoreKey { program, pk, vk }
}

/// Runs `work` on a worker of Rayon's global pool and waits for it. On wasm32 the caller (the
/// Web Worker that owns the module) is not one of the pool's, so each of the prover's many small
/// parallel calls would be injected into the pool from outside and wait on a latch; waking a Web
/// Worker costs far more than a native thread, and LogUp-GKR's rounds spent most of their time
/// so. From a worker, nested calls run in place and the others steal. The work stays on its
/// caller's thread natively (stock's async code expects the caller's tokio runtime there) and
/// on a pool of one (see `pool_can_block`).
fn on_the_pool<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    #[cfg(target_arch = "wasm32")]
    if pool_can_block() {
        return rayon::scope(|_| work());
    }
    work()
}

/// Whether a worker of the pool may block on the prover's futures: they await Rayon tasks they
/// spawned, which a pool of one, its only worker blocked, would never run.
#[cfg(target_arch = "wasm32")]
fn pool_can_block() -> bool {
    rayon::current_num_threads() > 1
}

/// Traces the program into shard records and proves each, in the order stock's
/// `generate_records` makes them, calling `on_proven` with the count so far on the caller's
/// thread after each. Returns the shard proofs and the cycles.
///
/// On wasm32 each chunk's records are proven as soon as they are traced (the vendored
/// sp1-core-machine's `generate_records_with`) and dropped before the next chunk is traced, so
/// the peak memory is a shard's, not the program's. Tracing and proving run on a Rayon worker
/// (see `on_the_pool`; on the caller's thread for a pool of one), and each proof comes back over
/// a channel so that progress is reported from the caller's thread, the only one that may call
/// into JavaScript.
#[cfg(target_arch = "wasm32")]
fn prove_shards(
    key: &CoreKey,
    stdin: SP1Stdin,
    opts: SP1CoreOpts,
    proof_nonce: [u32; PROOF_NONCE_NUM_WORDS],
    mut on_proven: impl FnMut(usize),
) -> Result<(Vec<CoreShardProof>, u64), CoreProofError> {
    let mut proofs = Vec::new();
    if !pool_can_block() {
        let cycles = stream_shard_proofs(key, stdin, opts, proof_nonce, |proof| {
            proofs.push(proof);
            on_proven(proofs.len());
        });
        return cycles.map(|cycles| (proofs, cycles)).map_err(CoreProofError::Execution);
    }
    enum Message {
        Proven(CoreShardProof),
        Finished(Result<u64, String>),
    }
    let (sender, receiver) = std::sync::mpsc::channel();
    let key = key.clone();
    rayon::spawn(move || {
        // The receiver lives until `Finished`.
        let cycles = stream_shard_proofs(&key, stdin, opts, proof_nonce, |proof| {
            let _ = sender.send(Message::Proven(proof));
        });
        let _ = sender.send(Message::Finished(cycles));
    });
    for message in receiver {
        match message {
            Message::Proven(proof) => {
                proofs.push(proof);
                on_proven(proofs.len());
            }
            Message::Finished(cycles) => {
                return cycles.map(|cycles| (proofs, cycles)).map_err(CoreProofError::Execution)
            }
        }
    }
    // A panic on the worker aborts the whole instance (panic = "abort") before this is reached.
    unreachable!("the proving task ended without a result")
}

/// Traces the program chunk by chunk and proves each record as soon as it is traced, handing
/// each shard proof to `on_proof`. Returns the cycles, or the execution's error.
#[cfg(target_arch = "wasm32")]
fn stream_shard_proofs(
    key: &CoreKey,
    stdin: SP1Stdin,
    opts: SP1CoreOpts,
    proof_nonce: [u32; PROOF_NONCE_NUM_WORDS],
    mut on_proof: impl FnMut(CoreShardProof),
) -> Result<u64, String> {
    let prover = core_prover();
    sp1_core_machine::utils::generate_records_with::<SP1Field>(
        key.program.clone(),
        stdin,
        opts,
        proof_nonce,
        |records| {
            for record in records {
                // The future only awaits Rayon work: blocking on it is waiting for the pool.
                on_proof(futures::executor::block_on(prover.prove_shard(key.pk.clone(), record)));
            }
            Ok(())
        },
    )
    .map_err(|e| e.to_string())
}

/// Natively `tests/sp1-v6` builds this crate on stock crates: all records are made first (stock's
/// `generate_records`), then proven on the caller's thread, whose tokio runtime stock's async
/// code expects.
#[cfg(not(target_arch = "wasm32"))]
fn prove_shards(
    key: &CoreKey,
    stdin: SP1Stdin,
    opts: SP1CoreOpts,
    proof_nonce: [u32; PROOF_NONCE_NUM_WORDS],
    mut on_proven: impl FnMut(usize),
) -> Result<(Vec<CoreShardProof>, u64), CoreProofError> {
    let (records, cycles) = sp1_core_machine::utils::generate_records::<SP1Field>(
        key.program.clone(),
        stdin,
        opts,
        proof_nonce,
    )
    .map_err(|e| CoreProofError::Execution(e.to_string()))?;
    let prover = core_prover();
    let mut proofs = Vec::with_capacity(records.len());
    for record in records {
        proofs.push(futures::executor::block_on(prover.prove_shard(key.pk.clone(), record)));
        on_proven(proofs.len());
    }
    Ok((proofs, cycles))
}

/// A proof and what it took.
pub struct CoreProof {
    /// Stock `SP1ProofWithPublicValues`, bincode.
    pub proof: Vec<u8>,
    pub public_values: Vec<u8>,
    pub cycles: u64,
    pub shards: usize,
    /// The trace elements per shard the proof was cut at.
    pub element_threshold: u64,
    /// The peak memory the memory guard expected.
    pub estimated_peak_bytes: u64,
    /// The verifying key's hash as stock prints it (`bytes32`).
    pub vk_hash: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CoreProofError {
    #[error("the ELF is not a valid SP1 6 (RV64IM) program: {0}")]
    InvalidElf(String),
    #[error("invalid options: {0}")]
    InvalidOptions(String),
    #[error("out of memory: {0}")]
    OutOfMemory(String),
    #[error("the program failed to execute: {0}")]
    Execution(String),
    /// Stock's checks refused the proof just made: a prover bug, never a user's input.
    #[error("the proof just made does not verify: {0}")]
    Rejected(VerifyError),
}

impl CoreProofError {
    /// The web package's `ErrorCode` for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidElf(_) => "INVALID_ELF",
            Self::InvalidOptions(_) => "INVALID_OPTIONS",
            Self::OutOfMemory(_) => "OUT_OF_MEMORY",
            Self::Execution(_) => "EXECUTION_FAILED",
            Self::Rejected(_) => "PROVING_FAILED",
        }
    }
}

/// Where a proof is, reported as each step ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Phase {
    /// The program ran, before anything is traced: `cycles` is final and the shard size chosen.
    Execute,
    /// The proving and verifying keys are made (a proof of an ELF only).
    Setup,
    /// The `shard`th shard is proven (the total is known at `Done`).
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
    /// Shards in the proof, 0 until the last is proven (`Done`).
    pub shards: usize,
    /// The program's cycles (execution is the first step).
    pub cycles: u64,
    pub elapsed_ms: f64,
}

impl Progress {
    fn at(phase: Phase, shard: usize, shards: usize, cycles: u64, started: Instant) -> Self {
        let elapsed_ms = started.elapsed().as_secs_f64() * 1e3;
        Self { phase, shard, shards, cycles, elapsed_ms }
    }
}

/// Runs the program of `elf` on `stdin`, sets it up, then proves it as `prove_with_key` does;
/// a proof the memory limit refuses is refused before setup.
pub fn prove(
    elf: &[u8],
    stdin: Vec<Vec<u8>>,
    options: ProveOptions,
    mut progress: impl FnMut(Progress),
) -> Result<CoreProof, CoreProofError> {
    let started = Instant::now();
    let program = program_of(elf)?;
    let run = Run::of(&program, stdin, &options)?;
    progress(Progress::at(Phase::Execute, 0, 0, run.cycles, started));
    let key = setup_program(program);
    progress(Progress::at(Phase::Setup, 0, 0, run.cycles, started));
    prove_run(&key, run, started, progress)
}

/// Proves the program of `key` on `stdin` (one chunk per guest `read`), cutting shards as
/// `options` say, and reports each step to `progress`. Blocks its caller; the work inside is
/// parallel on Rayon's global pool.
pub fn prove_with_key(
    key: &CoreKey,
    stdin: Vec<Vec<u8>>,
    options: ProveOptions,
    mut progress: impl FnMut(Progress),
) -> Result<CoreProof, CoreProofError> {
    let started = Instant::now();
    let run = Run::of(&key.program, stdin, &options)?;
    progress(Progress::at(Phase::Execute, 0, 0, run.cycles, started));
    prove_run(key, run, started, progress)
}

/// A program's run, before anything is traced: what it commits, its cycles, and the shard size
/// they and the memory limit choose.
struct Run {
    stdin: SP1Stdin,
    public_values: SP1PublicValues,
    cycles: u64,
    element_threshold: u64,
}

impl Run {
    fn of(
        program: &Arc<Program>,
        stdin: Vec<Vec<u8>>,
        options: &ProveOptions,
    ) -> Result<Self, CoreProofError> {
        let stdin = SP1Stdin { buffer: stdin, ..SP1Stdin::new() };
        let (public_values, cycles) = execute(program, &stdin, options.max_cycles)?;
        let element_threshold = options.element_threshold(program, cycles)?;
        Ok(Self { stdin, public_values, cycles, element_threshold })
    }
}

/// Traces and proves `run` shard by shard, then checks the whole proof as stock's verifier does;
/// progress is timed from `started`.
fn prove_run(
    key: &CoreKey,
    run: Run,
    started: Instant,
    mut progress: impl FnMut(Progress),
) -> Result<CoreProof, CoreProofError> {
    let Run { stdin, public_values, cycles: executed_cycles, element_threshold } = run;
    let mut report = |phase, shard, shards| {
        progress(Progress::at(phase, shard, shards, executed_cycles, started))
    };
    let prover = core_prover();
    let mut opts = SP1CoreOpts::default();
    opts.sharding_threshold.element_threshold = element_threshold;

    let proof_nonce = SP1Context::default().proof_nonce;
    let (mut shard_proofs, cycles) = prove_shards(key, stdin, opts, proof_nonce, |proven| {
        report(Phase::ShardProved, proven, 0)
    })?;
    let shards = shard_proofs.len();
    // In the order of stock's prover (sp1-prover's controller sorts by range, stably): shards
    // of precompile events share one range, so no map keyed by it may hold them.
    shard_proofs.sort_by_key(|shard| verify::public_values(shard).range());
    verify::verify_core(
        prover.verifier(),
        &key.vk,
        &shard_proofs,
        &public_values,
        SP1_CIRCUIT_VERSION,
    )
    .map_err(CoreProofError::Rejected)?;
    report(Phase::Done, shards, shards);

    let bundle = SP1ProofWithPublicValues {
        proof: SP1Proof::Core(shard_proofs),
        public_values: public_values.clone(),
        sp1_version: SP1_CIRCUIT_VERSION.to_string(),
        tee_proof: None,
    };
    Ok(CoreProof {
        proof: bincode::serialize(&bundle).expect("a proof serializes"),
        public_values: public_values.to_vec(),
        cycles,
        shards,
        element_threshold,
        estimated_peak_bytes: shard_size::estimate_peak_bytes(executed_cycles, element_threshold),
        vk_hash: key.vk_hash(),
    })
}

/// The program of `elf`, or why it is not an SP1 6 program.
fn program_of(elf: &[u8]) -> Result<Arc<Program>, CoreProofError> {
    Program::from(elf).map(Arc::new).map_err(|e| CoreProofError::InvalidElf(e.to_string()))
}

/// Cycles between checks of `maxCycles`: the executor stops to hand over a trace chunk after
/// this many memory values, at most a few per cycle.
const MAX_CYCLES_CHECK_VALUES: u64 = 1 << 20;

/// Runs the program of `elf` on `stdin` (one chunk per guest `read`) for at most `max_cycles`:
/// what it commits and its cycles.
pub fn execute_elf(
    elf: &[u8],
    stdin: Vec<Vec<u8>>,
    max_cycles: Option<u64>,
) -> Result<(SP1PublicValues, u64), CoreProofError> {
    let stdin = SP1Stdin { buffer: stdin, ..SP1Stdin::new() };
    execute(&program_of(elf)?, &stdin, max_cycles)
}

/// The public values the guest commits and its cycles, from a run of the minimal executor (as
/// sp1-core-machine's `run_test` gets them): the shard proofs carry only the values' digest, and
/// the cycles choose the shard size before any trace is made. With `max_cycles`, the run stops
/// every `MAX_CYCLES_CHECK_VALUES` memory values to check it, so a program that never halts
/// ends too.
fn execute(
    program: &Arc<Program>,
    stdin: &SP1Stdin,
    max_cycles: Option<u64>,
) -> Result<(SP1PublicValues, u64), CoreProofError> {
    let mut executor = match max_cycles {
        Some(_) => MinimalExecutorRunner::simple_tracing(program.clone(), MAX_CYCLES_CHECK_VALUES),
        None => MinimalExecutorRunner::simple(program.clone()),
    };
    for chunk in &stdin.buffer {
        executor.with_input(chunk);
    }
    let within_max = |cycles: u64| match max_cycles {
        Some(max) if cycles > max => {
            Err(CoreProofError::Execution(format!("the program ran past maxCycles ({max})")))
        }
        _ => Ok(()),
    };
    while executor
        .try_execute_chunk()
        .map_err(|e| CoreProofError::Execution(e.to_string()))?
        .is_some()
    {
        within_max(executor.global_clk())?;
    }
    within_max(executor.global_clk())?;
    Ok((SP1PublicValues::from(executor.public_values_stream()), executor.global_clk()))
}
