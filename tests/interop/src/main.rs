//! Stock `sp1-sdk` 5.2.4 on the command line: the other side of the interoperability tests.
//! Everything here is stock API; nothing of sp1-wasm is linked in.

use std::{path::PathBuf, time::Instant};

use clap::{Parser, Subcommand};
use sp1_prover::{SP1CoreProof, SP1CoreProofData};
use sp1_sdk::{HashableKey, Prover, ProverClient, SP1Proof, SP1ProofWithPublicValues, SP1Stdin};
use sp1_stark::SP1ProverOpts;

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the vk hash stock derives for an ELF.
    Vkey {
        #[arg(long)]
        elf: PathBuf,
    },
    /// Verify a proof file against the vk stock derives for an ELF.
    Verify {
        #[arg(long)]
        elf: PathBuf,
        #[arg(long)]
        proof: PathBuf,
    },
    /// Make a stock core proof and save it.
    Prove {
        #[arg(long)]
        elf: PathBuf,
        /// Raw stdin chunks in hex, one per guest `read`.
        #[arg(long)]
        stdin_hex: Vec<String>,
        #[arg(long)]
        out: PathBuf,
        /// Print one JSON line of timings (setup, prove, verify), for the benchmark.
        #[arg(long)]
        json: bool,
    },
    /// Compress a core proof made elsewhere (by sp1-wasm, say) with stock's recursion prover,
    /// verify the compressed proof and save it: what an app's server does with a browser proof.
    Compress {
        #[arg(long)]
        elf: PathBuf,
        #[arg(long)]
        proof: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
}

fn main() {
    let cli = Cli::parse();
    let client = ProverClient::builder().cpu().build();
    match cli.command {
        Command::Vkey { elf } => {
            let (_, vk) = client.setup(&std::fs::read(elf).expect("read ELF"));
            println!("vkey hash: {}", vk.bytes32());
        }
        Command::Verify { elf, proof } => {
            let (_, vk) = client.setup(&std::fs::read(elf).expect("read ELF"));
            let proof = SP1ProofWithPublicValues::load(proof).expect("load proof");
            match client.verify(&proof, &vk) {
                Ok(()) => println!("stock sp1-sdk 5.2.4: proof verified, vkey hash {}", vk.bytes32()),
                Err(e) => {
                    eprintln!("stock sp1-sdk 5.2.4: verification failed: {e}");
                    std::process::exit(1);
                }
            }
        }
        Command::Prove { elf, stdin_hex, out, json } => {
            let mut stdin = SP1Stdin::new();
            for chunk in stdin_hex {
                stdin.write_vec(hex::decode(chunk).expect("stdin chunk is hex"));
            }
            let start = Instant::now();
            let (pk, vk) = client.setup(&std::fs::read(elf).expect("read ELF"));
            let setup_ms = milliseconds_since(start);
            let start = Instant::now();
            let proof = client.prove(&pk, &stdin).core().run().expect("stock core proof");
            let prove_ms = milliseconds_since(start);
            let start = Instant::now();
            client.verify(&proof, &vk).expect("stock verifies its own proof");
            let verify_ms = milliseconds_since(start);
            proof.save(&out).expect("save proof");
            println!("stock sp1-sdk 5.2.4: core proof written to {}", out.display());
            if json {
                let shards = match &proof.proof {
                    SP1Proof::Core(shards) => shards.len(),
                    _ => unreachable!("a core proof was asked for"),
                };
                println!(
                    r#"{{"setupMs":{setup_ms},"proveMs":{prove_ms},"verifyMs":{verify_ms},"shards":{shards}}}"#
                );
            }
        }
        Command::Compress { elf, proof, out } => {
            let (_, vk) = client.setup(&std::fs::read(elf).expect("read ELF"));
            let core = SP1ProofWithPublicValues::load(proof).expect("load proof");
            let SP1Proof::Core(shards) = core.proof else {
                eprintln!("stock sp1-sdk 5.2.4: not a core proof");
                std::process::exit(1);
            };
            let shard_count = shards.len();
            let input = SP1CoreProof {
                proof: SP1CoreProofData(shards),
                stdin: SP1Stdin::new(),
                public_values: core.public_values.clone(),
                cycles: 0,
            };
            let start = Instant::now();
            let reduced = client
                .inner()
                .compress(&vk, input, vec![], SP1ProverOpts::auto())
                .expect("stock compresses the core proof");
            let compress_ms = milliseconds_since(start);
            let compressed = SP1ProofWithPublicValues {
                proof: SP1Proof::Compressed(Box::new(reduced)),
                public_values: core.public_values,
                sp1_version: core.sp1_version,
                tee_proof: None,
            };
            client.verify(&compressed, &vk).expect("stock verifies the compressed proof");
            compressed.save(&out).expect("save proof");
            println!(
                "stock sp1-sdk 5.2.4: {shard_count} shard(s) compressed in {:.1} s and verified, written to {}",
                compress_ms / 1e3,
                out.display()
            );
        }
    }
}

fn milliseconds_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1e3
}
