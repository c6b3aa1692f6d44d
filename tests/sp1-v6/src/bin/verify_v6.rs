//! Stock sp1-sdk 6.10.0 and this project's verifier (`sp1_wasm_v6::verify`, the code the wasm
//! module runs) check a core proof file (`SP1ProofWithPublicValues`, bincode) against an ELF, as
//! a user of stock SP1 would: through the light client's setup and `verify`. Prints one JSON
//! line; exits 1 unless both accept it. `--tampered` checks the other way: the proof with one
//! public-value byte changed, with one shard's public value changed, and with its first shard
//! removed must each be rejected by both (exits 1 if either verifier accepts one).

use std::path::PathBuf;

use clap::Parser;
use slop_algebra::AbstractField;
use sp1_primitives::SP1Field;
use sp1_sdk::{prelude::*, ProverClient, SP1Proof, SP1ProofWithPublicValues, SP1PublicValues};
use sp1_wasm_v6::verify::{verify_proof, CoreShardProof};

#[derive(Parser)]
struct Args {
    #[arg(long)]
    elf: PathBuf,
    #[arg(long)]
    proof: PathBuf,
    #[arg(long)]
    tampered: bool,
}

/// Both verifiers' verdicts: `None` for accepted, else the error.
#[derive(serde::Serialize)]
struct Verdicts {
    stock: Option<String>,
    ours: Option<String>,
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
    let verdicts = |proof: &SP1ProofWithPublicValues| {
        let bytes = bincode::serialize(proof).expect("a proof serializes");
        Verdicts {
            stock: client.verify(proof, vk, None).err().map(|e| e.to_string()),
            ours: verify_proof(&bytes, &vk.vk).err().map(|e| e.to_string()),
        }
    };
    let SP1Proof::Core(shards) = &proof.proof else { panic!("not a core proof") };
    let shard_count = shards.len();

    let (ok, mut report) = if args.tampered {
        let mut public_values = proof.public_values.to_vec();
        *public_values.last_mut().expect("the guest commits public values") ^= 1;
        let with_public_values = SP1ProofWithPublicValues {
            public_values: SP1PublicValues::from(&public_values),
            ..proof.clone()
        };
        let with_shard_value =
            with_shards(&proof, |shards| shards[0].public_values[0] += SP1Field::one());
        // What a prover that loses a shard hands out.
        let with_shard_removed = with_shards(&proof, |shards| {
            shards.remove(0);
        });
        let rejections = [with_public_values, with_shard_value, with_shard_removed].map(|p| verdicts(&p));
        let all_rejected = rejections.iter().all(|v| v.stock.is_some() && v.ours.is_some());
        let [public_values, shard_value, shard_removed] = rejections;
        (
            all_rejected,
            serde_json::json!({
                "tamperedPublicValues": public_values,
                "tamperedShard": shard_value,
                "shardRemoved": shard_removed,
            }),
        )
    } else {
        let accepted = verdicts(&proof);
        (
            accepted.stock.is_none() && accepted.ours.is_none(),
            serde_json::json!({
                "verified": accepted,
                "shards": shard_count,
                "publicValuesHex": hex::encode(proof.public_values.as_slice()),
            }),
        )
    };
    report["elf"] = args.elf.file_name().and_then(|name| name.to_str()).into();
    report["vkHash"] = vk.bytes32().into();
    println!("{report}");
    std::process::exit(if ok { 0 } else { 1 });
}

/// `proof` with `change` made to its shards.
fn with_shards(
    proof: &SP1ProofWithPublicValues,
    change: impl FnOnce(&mut Vec<CoreShardProof>),
) -> SP1ProofWithPublicValues {
    let mut tampered = proof.clone();
    let SP1Proof::Core(shards) = &mut tampered.proof else { panic!("not a core proof") };
    change(shards);
    tampered
}
