//! Native core proofs of every bundled guest: each verifies, its public values are what
//! execution and the host-side reference give, and tampered proofs or keys are rejected with an
//! error, not a panic.

use std::sync::OnceLock;

mod common;

use common::prover;
use sha2::Sha256;
use sha3::{Digest, Keccak256};
use sp1_wasm::{
    guests::Guest, ErrorCode, ProgramKeys, ProveOptions, SP1ProofWithPublicValues,
    SP1PublicValues, TracePadding,
};
use sp1_wasm_guest_types::{fibonacci, Dataset, HashesState, KeccakOutput, Summary};


fn keys(guest: Guest) -> ProgramKeys {
    prover().setup(guest.elf()).expect("setup of a bundled guest")
}

/// Proves `guest` on `input`, checks the proof verifies and its public values equal execution's.
fn prove_and_verify(guest: Guest, input: &str, padding: TracePadding) -> SP1ProofWithPublicValues {
    let stdin = guest.stdin_from_json(input).unwrap();
    let keys = keys(guest);
    let options = ProveOptions { trace_padding: padding, ..ProveOptions::default() };
    let mut events = 0;
    let output = prover().prove(&keys, &stdin, &options, &mut |_| events += 1).unwrap();
    assert!(events > 3, "progress is reported");

    let execution = prover().execute(guest.elf(), &stdin, None).unwrap();
    assert_eq!(output.cycles, execution.cycles);
    assert_eq!(output.proof.public_values.as_slice(), execution.public_values.as_slice());

    // Through the file format, as a user would.
    let proof = SP1ProofWithPublicValues::from_bytes(&output.proof.to_bytes()).unwrap();
    prover().verify(&proof, &keys.vk).expect("a fresh proof verifies");
    proof
}

/// The default guest's proof, shared by the tampering tests.
fn fibonacci_proof() -> &'static SP1ProofWithPublicValues {
    static PROOF: OnceLock<SP1ProofWithPublicValues> = OnceLock::new();
    PROOF.get_or_init(|| prove_and_verify(Guest::Fibonacci, "1000", TracePadding::Compact))
}

fn verify_error(proof: &SP1ProofWithPublicValues, guest: Guest) -> ErrorCode {
    prover().verify(proof, &keys(guest).vk).expect_err("must be rejected").code()
}

#[test]
fn fibonacci_compact() {
    let output = Guest::Fibonacci.decode_output(&fibonacci_proof().public_values).unwrap();
    assert_eq!(output, serde_json::json!({ "n": 1000, "fibonacci": fibonacci(1000) }));
}

#[test]
fn fibonacci_fixed_shapes() {
    let proof = prove_and_verify(Guest::Fibonacci, "300", TracePadding::Fixed);
    let output = Guest::Fibonacci.decode_output(&proof.public_values).unwrap();
    assert_eq!(output, serde_json::json!({ "n": 300, "fibonacci": fibonacci(300) }));
}

#[test]
fn keccak_precompile() {
    let proof = prove_and_verify(Guest::Keccak, r#"{"data":[104,105],"rounds":3}"#, TracePadding::Compact);
    let mut digest: [u8; 32] = Keccak256::digest(b"hi").into();
    for _ in 1..3 {
        digest = Keccak256::digest(digest).into();
    }
    let expected = KeccakOutput { rounds: 3, digest };
    let output = Guest::Keccak.decode_output(&proof.public_values).unwrap();
    assert_eq!(output, serde_json::to_value(expected).unwrap());
}

#[test]
fn hashes_keccak_and_sha256_precompiles() {
    let proof = prove_and_verify(Guest::Hashes, r#"{"data":[7,8,9],"rounds":2}"#, TracePadding::Compact);
    let mut state = HashesState::new(&[7, 8, 9]);
    for _ in 0..2 {
        let keccak = Keccak256::digest(state.buffer).into();
        let sha = Sha256::digest(state.buffer).into();
        state.mix(&keccak, &sha);
    }
    let output = Guest::Hashes.decode_output(&proof.public_values).unwrap();
    assert_eq!(output, serde_json::to_value(state.output(2)).unwrap());
    // Stock splits this run into a CPU shard, a shard per precompile kind and a memory shard;
    // compact padding packs the four deferred shards into one, which then joins the CPU shard.
    assert_eq!(proof.core_shards().unwrap().len(), 1, "deferred shards are packed");
}

#[test]
fn stats_structured_io() {
    let input = r#"{"name":"t","values":[5,-2,9,0,7]}"#;
    let proof = prove_and_verify(Guest::Stats, input, TracePadding::Compact);
    let expected = Summary::of(&serde_json::from_str::<Dataset>(input).unwrap()).unwrap();
    let output = Guest::Stats.decode_output(&proof.public_values).unwrap();
    assert_eq!(output, serde_json::to_value(expected).unwrap());
}

#[test]
fn flipped_byte_is_rejected() {
    let bytes = fibonacci_proof().to_bytes();
    // The file ends with the last shard's public values (a Vec of PROOF_MAX_NUM_PVS = 231
    // BabyBear words), then the public values (8-byte length + 8 bytes), the version (8 + 6) and
    // `tee_proof: None` (1). Only the first `num_pv_elts` words are bound by the verifier, stock's
    // included: the rest is unused padding, so the flip goes into word 0.
    let shard_public_values = bytes.len() - 1 - 14 - 16 - 231 * 4;
    assert_eq!(bytes[shard_public_values - 8..shard_public_values], 231u64.to_le_bytes());
    // A length, a commitment, opened values / FRI data, and a shard public value.
    for position in [8, 100, bytes.len() / 3, bytes.len() / 2, shard_public_values] {
        let mut tampered = bytes.clone();
        tampered[position] ^= 0x01;
        let code = match SP1ProofWithPublicValues::from_bytes(&tampered) {
            Err(e) => e.code(),
            Ok(proof) => verify_error(&proof, Guest::Fibonacci),
        };
        assert!(
            matches!(code, ErrorCode::InvalidProof | ErrorCode::VerificationFailed),
            "flip at {position}: {code:?}"
        );
    }
}

#[test]
fn proof_for_another_program_is_rejected() {
    assert_eq!(verify_error(fibonacci_proof(), Guest::Stats), ErrorCode::VerificationFailed);
}

#[test]
fn altered_public_values_are_rejected() {
    let mut proof = fibonacci_proof().clone();
    let mut values = proof.public_values.to_vec();
    values[4] ^= 0x01;
    proof.public_values = SP1PublicValues::from(&values);
    assert_eq!(verify_error(&proof, Guest::Fibonacci), ErrorCode::VerificationFailed);
}

#[test]
fn wrong_version_is_rejected() {
    let mut proof = fibonacci_proof().clone();
    proof.sp1_version = "v4.0.0".into();
    assert_eq!(verify_error(&proof, Guest::Fibonacci), ErrorCode::VerificationFailed);
}

#[test]
fn verifying_key_round_trips() {
    let vk = keys(Guest::Fibonacci).vk;
    let decoded = sp1_wasm::VerifyingKey::from_bytes(&vk.to_bytes()).unwrap();
    assert_eq!(decoded.bytes32(), vk.bytes32());
    assert!(sp1_wasm::VerifyingKey::from_bytes(&vk.to_bytes()[..10]).is_err());
}
