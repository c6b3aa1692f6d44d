//! Stock sp1-sdk 6.10.0's CPU prover on the fibonacci guest: setup once, then per input execute,
//! prove (core, or compressed), verify, and print the figures as one JSON line each (and, with
//! `--out`, write the last core proof). Nothing of the project is linked in. Threads: `RAYON_NUM_THREADS` (and `TOKIO_WORKER_THREADS` for the
//! runtime's own).

use std::{path::PathBuf, time::Instant};

use clap::Parser;
use sp1_sdk::{prelude::*, ProverClient, SP1Proof};
use sp1_v6_measure::{ms_since, peak_rss_mib, rayon_threads, stdin_of};

#[derive(Parser)]
struct Args {
    #[arg(long)]
    elf: PathBuf,
    /// The fibonacci guest's n, one core proof each (comma-separated).
    #[arg(long, value_delimiter = ',')]
    inputs: Vec<u32>,
    /// Also a compressed proof for this n.
    #[arg(long)]
    compressed: Option<u32>,
    /// Write the last core proof (`SP1ProofWithPublicValues`, bincode) here.
    #[arg(long)]
    out: Option<PathBuf>,
}

/// One client (building it takes minutes: it prepares the recursion programs) for every proof.
#[tokio::main]
async fn main() {
    let args = Args::parse();
    let elf = Elf::from(std::fs::read(&args.elf).expect("read the ELF"));

    let start = Instant::now();
    let client = ProverClient::builder().cpu().build().await;
    let client_ms = ms_since(start);
    let start = Instant::now();
    let pk = client.setup(elf.clone()).await.expect("setup");
    let setup_ms = ms_since(start);
    eprintln!("client built in {:.1} s, setup in {:.1} s", client_ms / 1e3, setup_ms / 1e3);

    let runs = args.inputs.iter().map(|&n| (n, "core")).chain(args.compressed.map(|n| (n, "compressed")));
    for (n, mode) in runs {
        let (_, report) = client.execute(elf.clone(), stdin_of(&args.elf, n)).await.expect("execute");
        let start = Instant::now();
        let request = client.prove(&pk, stdin_of(&args.elf, n));
        let proof = if mode == "core" { request.core().await } else { request.compressed().await }.expect("prove");
        let prove_ms = ms_since(start);
        let start = Instant::now();
        client.verify(&proof, pk.verifying_key(), None).expect("stock verifies its own proof");
        let verify_ms = ms_since(start);
        if let (Some(out), "core") = (&args.out, mode) {
            proof.save(out).expect("write the proof");
        }
        let shards = match &proof.proof {
            SP1Proof::Core(shards) => shards.len(),
            _ => 0,
        };
        println!(
            "{}",
            serde_json::json!({
                "version": "sp1-sdk 6.10.0",
                "mode": mode,
                "input": n,
                "cycles": report.total_instruction_count(),
                "shards": shards,
                "threads": rayon_threads(),
                "clientBuildMs": client_ms,
                "setupMs": setup_ms,
                "proveMs": prove_ms,
                "verifyMs": verify_ms,
                "proofBytes": bincode::serialize(&proof).expect("serialize").len(),
                // The peak so far in this process: it only grows.
                "peakRssMiB": peak_rss_mib(),
                "vkHash": pk.verifying_key().bytes32(),
            })
        );
    }
}
