//! Stock `sp1-sdk` 5.2.4 on the command line: the other side of the interoperability tests.
//! Everything here is stock API; nothing of sp1-wasm is linked in.

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use sp1_sdk::{HashableKey, Prover, ProverClient, SP1ProofWithPublicValues, SP1Stdin};

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
        Command::Prove { elf, stdin_hex, out } => {
            let (pk, vk) = client.setup(&std::fs::read(elf).expect("read ELF"));
            let mut stdin = SP1Stdin::new();
            for chunk in stdin_hex {
                stdin.write_vec(hex::decode(chunk).expect("stdin chunk is hex"));
            }
            let proof = client.prove(&pk, &stdin).core().run().expect("stock core proof");
            client.verify(&proof, &vk).expect("stock verifies its own proof");
            proof.save(&out).expect("save proof");
            println!("stock sp1-sdk 5.2.4: core proof written to {}", out.display());
        }
    }
}
