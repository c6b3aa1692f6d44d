//! SP1 6.10.0's core prover alone, without sp1-prover's client: what a wasm build carries
//! (docs/sp1-v6.md, "The core path alone"). It runs this project's `prover/v6` proving path
//! (sp1-core-machine's records, proven shard by shard with sp1-prover's core parameters) natively, on stock crates,
//! with the shard size as a knob. One proof per process, so the peak resident memory is this
//! proof's. Stock sp1-sdk's light client then deserializes and verifies the proof bytes.

use std::{path::PathBuf, time::Instant};

use clap::Parser;
use sp1_sdk::{prelude::*, ProverClient, SP1ProofWithPublicValues};
use sp1_v6_measure::{ms_since, peak_rss_mib, rayon_threads, stdin_of};
use sp1_wasm_v6::core_proof;

#[derive(Parser)]
struct Args {
    #[arg(long)]
    elf: PathBuf,
    /// The guest's one u32 input (the fibonacci guest's n, the precompile guest's rounds).
    #[arg(long)]
    input: u32,
    /// Cut a shard at this many trace elements (stock's default is 2^28 + 2^27); by default the
    /// largest the prover picks from (no memory limit natively).
    #[arg(long)]
    element_threshold: Option<u64>,
    /// Also write the proof (`SP1ProofWithPublicValues`, bincode) here.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[cfg(feature = "heap-profile")]
#[global_allocator]
static ALLOC: dhat::Alloc = dhat::Alloc;

#[tokio::main]
async fn main() {
    let args = Args::parse();
    // dhat-heap.json in the working directory: the allocation sites live at the peak.
    #[cfg(feature = "heap-profile")]
    let profiler = dhat::Profiler::new_heap();
    let elf = std::fs::read(&args.elf).expect("read the ELF");

    let start = Instant::now();
    // Progress to stderr, as the browser's worker posts it to the page.
    let progress = |p: core_proof::Progress| eprintln!("{}", serde_json::to_string(&p).unwrap());
    let options =
        core_proof::ProveOptions { element_threshold: args.element_threshold, ..Default::default() };
    let proof = core_proof::prove(&elf, stdin_of(&args.elf, args.input).buffer, options, progress).expect("prove");
    let prove_ms = ms_since(start);
    let prove_rss = peak_rss_mib();
    #[cfg(feature = "heap-profile")]
    drop(profiler);
    if let Some(out) = &args.out {
        std::fs::write(out, &proof.proof).expect("write the proof");
    }

    let client = ProverClient::builder().light().build().await;
    let stock_pk = client.setup(Elf::from(elf)).await.expect("stock setup");
    assert_eq!(stock_pk.verifying_key().bytes32(), proof.vk_hash, "same vk as stock");
    let bundle: SP1ProofWithPublicValues =
        bincode::deserialize(&proof.proof).expect("stock deserializes the proof");
    let start = Instant::now();
    client.verify(&bundle, stock_pk.verifying_key(), None).expect("stock sp1-sdk verifies the proof");
    let verify_ms = ms_since(start);

    println!(
        "{}",
        serde_json::json!({
            "version": "sp1 6.10.0 core path (sp1-core-machine + sp1-hypercube)",
            "mode": "core",
            "input": args.input,
            "cycles": proof.cycles,
            "elementThreshold": proof.element_threshold,
            "shards": proof.shards,
            "threads": rayon_threads(),
            "setupAndProveMs": prove_ms,
            "stockVerifyMs": verify_ms,
            "proofBytes": proof.proof.len(),
            "peakRssMiB": prove_rss,
        })
    );
}
