//! Stock SP1 6.10.0's core prover alone, without sp1-prover's client: what a wasm build would
//! carry (docs/sp1-v6.md, "Memory"). The call sequence is sp1-core-machine's own
//! (`utils::run_test_core`) with the parameters sp1-prover fixes for core proofs
//! (`components::CoreProver::verifier`), and the shard size as a knob. One proof per process,
//! so the peak resident memory is this proof's. The proof is then checked by stock sp1-sdk's
//! light client (`Prover::verify`), as any user's core proof would be.

use std::{path::PathBuf, sync::Arc, time::Instant};

use clap::Parser;
use sp1_core_executor::{Program, SP1Context, SP1CoreOpts};
use sp1_core_executor_runner::MinimalExecutorRunner;
use sp1_core_machine::{riscv::RiscvAir, utils::prove_core};
use sp1_hypercube::{
    prover::{CpuShardProver, SP1InnerPcsProver, SimpleProver},
    SP1InnerPcs, ShardVerifier,
};
use sp1_primitives::{fri_params::core_fri_config, io::SP1PublicValues, SP1GlobalContext};
use sp1_sdk::{
    prelude::*, ProverClient, SP1Proof, SP1ProofWithPublicValues, SP1VerifyingKey,
    SP1_CIRCUIT_VERSION,
};
use sp1_v6_measure::{ms_since, peak_rss_mib, rayon_threads, stdin_of};

/// sp1-prover 6.10.0's `CORE_LOG_STACKING_HEIGHT` and `CORE_MAX_LOG_ROW_COUNT`: they are part of
/// the verifying key's parameters, so they stay stock's.
const CORE_LOG_STACKING_HEIGHT: u32 = 21;
const CORE_MAX_LOG_ROW_COUNT: usize = 22;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    elf: PathBuf,
    /// The fibonacci guest's n.
    #[arg(long)]
    input: u32,
    /// Cut a shard at this many trace elements (stock's default: 2^28 + 2^27).
    #[arg(long)]
    element_threshold: Option<u64>,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let elf = std::fs::read(&args.elf).expect("read the ELF");
    let program = Arc::new(Program::from(&elf).expect("stock's loader accepts the ELF"));

    let verifier = ShardVerifier::from_basefold_parameters(
        core_fri_config(),
        CORE_LOG_STACKING_HEIGHT,
        CORE_MAX_LOG_ROW_COUNT,
        RiscvAir::machine(),
    );
    let shard_prover =
        CpuShardProver::<SP1GlobalContext, SP1InnerPcs, SP1InnerPcsProver, _>::new(verifier.clone());
    let prover = SimpleProver::new(verifier, shard_prover);

    let start = Instant::now();
    let (pk, vk) = prover.setup(program.clone()).await;
    // SAFETY: the key is used by this prover only, as in sp1-core-machine's `run_test_core`.
    let pk = unsafe { pk.into_inner() };
    let setup_ms = ms_since(start);
    let setup_rss = peak_rss_mib();

    let mut executor = MinimalExecutorRunner::simple(program.clone());
    for buf in &stdin_of(args.input).buffer {
        executor.with_input(buf);
    }
    while executor.execute_chunk().is_some() {}
    let public_values = SP1PublicValues::from(executor.public_values_stream());

    let mut opts = SP1CoreOpts::default();
    if let Some(elements) = args.element_threshold {
        opts.sharding_threshold.element_threshold = elements;
    }
    let start = Instant::now();
    let (proof, cycles) =
        prove_core(&prover, pk, program, stdin_of(args.input), opts, SP1Context::default())
            .await
            .expect("prove");
    let prove_ms = ms_since(start);
    let prove_rss = peak_rss_mib();
    prover.verify(&vk, &proof).expect("the machine verifier accepts the proof");

    let proof = SP1ProofWithPublicValues {
        proof: SP1Proof::Core(proof.shard_proofs),
        public_values,
        sp1_version: SP1_CIRCUIT_VERSION.to_string(),
        tee_proof: None,
    };
    let client = ProverClient::builder().light().build().await;
    let stock_pk = client.setup(Elf::from(elf)).await.expect("stock setup");
    assert_eq!(stock_pk.verifying_key().bytes32(), SP1VerifyingKey { vk }.bytes32(), "same vk as stock");
    let start = Instant::now();
    client.verify(&proof, stock_pk.verifying_key(), None).expect("stock sp1-sdk verifies the proof");
    let verify_ms = ms_since(start);

    let SP1Proof::Core(shards) = &proof.proof else { unreachable!("built as a core proof") };
    println!(
        "{}",
        serde_json::json!({
            "version": "sp1 6.10.0 core path (sp1-core-machine + sp1-hypercube)",
            "mode": "core",
            "input": args.input,
            "cycles": cycles,
            "elementThreshold": args.element_threshold,
            "shards": shards.len(),
            "threads": rayon_threads(),
            "setupMs": setup_ms,
            "proveMs": prove_ms,
            "stockVerifyMs": verify_ms,
            "proofBytes": bincode::serialize(&proof).expect("serialize").len(),
            "peakRssAfterSetupMiB": setup_rss,
            "peakRssAfterProveMiB": prove_rss,
        })
    );
}
