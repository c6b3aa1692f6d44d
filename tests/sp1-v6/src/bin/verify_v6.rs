//! Stock sp1-sdk 6.10.0 verifies a core proof file (`SP1ProofWithPublicValues`, bincode) against
//! an ELF, as a user of stock SP1 would: through the light client's setup and `verify`. Prints one
//! JSON line; exits 1 if the proof is rejected. `--tampered` checks the other way: the proof
//! with one public-value byte changed, and with one shard's public value changed, must both be
//! rejected (exits 1 if either is accepted).

use std::path::PathBuf;

use clap::Parser;
use slop_algebra::AbstractField;
use sp1_primitives::SP1Field;
use sp1_sdk::{prelude::*, ProverClient, SP1Proof, SP1ProofWithPublicValues, SP1PublicValues};

#[derive(Parser)]
struct Args {
    #[arg(long)]
    elf: PathBuf,
    #[arg(long)]
    proof: PathBuf,
    #[arg(long)]
    tampered: bool,
}

#[tokio::main]
async fn main() {
    let args = Args::parse();
    let elf = Elf::from(std::fs::read(&args.elf).expect("read the ELF"));
    let bytes = std::fs::read(&args.proof).expect("read the proof");
    let proof: SP1ProofWithPublicValues =
        bincode::deserialize(&bytes).expect("stock deserializes the proof");

    let client = ProverClient::builder().light().build().await;
    let pk = client.setup(elf).await.expect("stock setup");
    let vk = pk.verifying_key();
    let verdict = |proof: &SP1ProofWithPublicValues| client.verify(proof, vk, None);

    let (ok, report) = if args.tampered {
        let mut public_values = proof.public_values.to_vec();
        *public_values.last_mut().expect("the guest commits public values") ^= 1;
        let with_public_values = SP1ProofWithPublicValues {
            public_values: SP1PublicValues::from(&public_values),
            ..proof.clone()
        };
        let mut with_shard_value = proof;
        let SP1Proof::Core(shards) = &mut with_shard_value.proof else {
            panic!("not a core proof")
        };
        shards[0].public_values[0] += SP1Field::one();
        let rejections = [verdict(&with_public_values), verdict(&with_shard_value)]
            .map(|result| result.err().map(|e| e.to_string()));
        (
            rejections.iter().all(Option::is_some),
            serde_json::json!({ "tamperedPublicValues": rejections[0], "tamperedShard": rejections[1] }),
        )
    } else {
        let result = verdict(&proof);
        let SP1Proof::Core(shards) = &proof.proof else { panic!("not a core proof") };
        (
            result.is_ok(),
            serde_json::json!({
                "verified": result.is_ok(),
                "error": result.err().map(|e| e.to_string()),
                "shards": shards.len(),
                "publicValuesHex": hex::encode(proof.public_values.as_slice()),
            }),
        )
    };
    let mut report = report;
    report["vkHash"] = vk.bytes32().into();
    println!("{report}");
    std::process::exit(if ok { 0 } else { 1 });
}
