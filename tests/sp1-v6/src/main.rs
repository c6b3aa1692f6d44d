//! Stock sp1-sdk 6.10.0's CPU prover on one ELF and input: execute, setup, prove (core or
//! compressed), verify, and print the figures as one JSON line. Nothing of the project is linked
//! in. Threads: `RAYON_NUM_THREADS` (and `TOKIO_WORKER_THREADS` for the runtime's own).

use std::{path::PathBuf, time::Instant};

use clap::{Parser, ValueEnum};
use sp1_sdk::{prelude::*, ProverClient, SP1Proof};

#[derive(Clone, Copy, ValueEnum)]
enum Mode {
    Core,
    Compressed,
}

#[derive(Parser)]
struct Args {
    #[arg(long)]
    elf: PathBuf,
    /// The fibonacci guest's n.
    #[arg(long)]
    input: u32,
    #[arg(long, value_enum, default_value = "core")]
    mode: Mode,
    /// Only execute: print the cycle count.
    #[arg(long)]
    execute_only: bool,
}

/// Peak resident memory in MiB of this process and of its largest child (stock runs the
/// executor in a child process), from getrusage.
fn peak_rss_mib() -> (f64, f64) {
    let max_rss = |who| {
        let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
        // SAFETY: getrusage fills the struct it is given; zeroed is a valid rusage.
        let usage = unsafe {
            libc::getrusage(who, usage.as_mut_ptr());
            usage.assume_init()
        };
        usage.ru_maxrss as f64 / 1024.0
    };
    (max_rss(libc::RUSAGE_SELF), max_rss(libc::RUSAGE_CHILDREN))
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let elf = Elf::from(std::fs::read(&args.elf).expect("read the ELF"));
    let mut stdin = SP1Stdin::new();
    stdin.write(&args.input);

    let client = ProverClient::builder().cpu().build().await;
    let (_, report) = client.execute(elf.clone(), stdin.clone()).await.expect("execute");
    let cycles = report.total_instruction_count();
    if args.execute_only {
        println!("{}", serde_json::json!({ "cycles": cycles }));
        return;
    }

    let start = Instant::now();
    let pk = client.setup(elf).await.expect("setup");
    let setup_ms = start.elapsed().as_secs_f64() * 1e3;

    let start = Instant::now();
    let request = client.prove(&pk, stdin);
    let proof = match args.mode {
        Mode::Core => request.core().await,
        Mode::Compressed => request.compressed().await,
    }
    .expect("prove");
    let prove_ms = start.elapsed().as_secs_f64() * 1e3;

    let start = Instant::now();
    client.verify(&proof, pk.verifying_key(), None).expect("stock verifies its own proof");
    let verify_ms = start.elapsed().as_secs_f64() * 1e3;

    let shards = match &proof.proof {
        SP1Proof::Core(shards) => shards.len(),
        _ => 0,
    };
    let (rss_mib, child_rss_mib) = peak_rss_mib();
    println!(
        "{}",
        serde_json::json!({
            "version": "sp1-sdk 6.10.0",
            "mode": match args.mode { Mode::Core => "core", Mode::Compressed => "compressed" },
            "input": args.input,
            "cycles": cycles,
            "shards": shards,
            "setupMs": setup_ms,
            "proveMs": prove_ms,
            "verifyMs": verify_ms,
            "proofBytes": bincode::serialize(&proof).expect("serialize").len(),
            "peakRssMiB": rss_mib,
            "executorPeakRssMiB": child_rss_mib,
            "vkHash": pk.verifying_key().bytes32(),
        })
    );
}
