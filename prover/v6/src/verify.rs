//! Core proof verification with every check stock makes: sp1-sdk 6.10.0's `verify_proof`
//! (version, exit code, public values against the committed digest) and sp1-prover's
//! `SP1Verifier::verify` (the shards as one whole execution, the global cumulative sum, then each
//! shard's proof). sp1-prover does not build for wasm32, so its checks are restated here, in its
//! order, as `prover/v5/` does for SP1 5; tests/sp1-v6 feeds both verifiers the same proofs, a
//! proof with a shard removed among them.
//!
//! Stock's `mprotect` feature (off in its default build) adds trap-handler checks; this prover
//! builds without it, so they are not restated.

use std::borrow::Borrow;

use slop_algebra::{AbstractField, PrimeField32};
use sp1_core_executor::HALT_PC;
use sp1_core_machine::riscv::MAX_LOG_NUMBER_OF_SHARDS;
use sp1_hypercube::{
    air::{PublicValues, POSEIDON_NUM_WORDS, PV_DIGEST_NUM_WORDS},
    HashableKey, MachineVerifyingKey, SP1PcsProofInner, SP1VerifyingKey, ShardProof,
    PROOF_MAX_NUM_PVS,
};
use sp1_primitives::{io::SP1PublicValues, SP1Field, SP1GlobalContext};
use sp1_verifier::SP1Proof;

use crate::stock::{
    core_shard_verifier, decode, CoreVerifier, SP1ProofWithPublicValues, SP1_CIRCUIT_VERSION,
};

pub type CoreShardProof = ShardProof<SP1GlobalContext, SP1PcsProofInner>;
/// A program's verifying key (stock `SP1VerifyingKey`'s content).
pub type CoreVerifyingKey = MachineVerifyingKey<SP1GlobalContext>;
type ShardPublicValues = PublicValues<[SP1Field; 4], [SP1Field; 3], [SP1Field; 4], SP1Field>;

#[derive(Debug, thiserror::Error)]
pub enum VerifyError {
    /// The shards do not make one complete run of the program, or the proof's envelope is wrong.
    #[error("invalid public values: {0}")]
    PublicValues(&'static str),
    #[error("the proof is for SP1 circuit version {0}; this verifier is {SP1_CIRCUIT_VERSION}")]
    Version(String),
    #[error("shard {index} does not verify: {reason}")]
    Shard { index: usize, reason: String },
}

/// Why `verify_proof` refused.
#[derive(Debug, thiserror::Error)]
pub enum VerifyProofError {
    #[error("not an SP1 6 proof (SP1ProofWithPublicValues, bincode): {0}")]
    InvalidProof(String),
    #[error("only core proofs are verified here; this one is another kind")]
    UnsupportedProof,
    #[error("the proof does not verify: {0}")]
    Rejected(#[from] VerifyError),
}

impl VerifyProofError {
    /// The web package's `ErrorCode` for this error.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidProof(_) => "INVALID_PROOF",
            Self::UnsupportedProof => "UNSUPPORTED_PROOF",
            Self::Rejected(_) => "VERIFICATION_FAILED",
        }
    }
}

/// What a verified proof shows.
pub struct Verified {
    /// The verifying key's hash as stock prints it (`bytes32`).
    pub vk_hash: String,
    pub shards: usize,
    pub public_values: Vec<u8>,
}

/// Verifies `proof` (stock `SP1ProofWithPublicValues` bincode) against the program's verifying
/// key (`CoreKey::vk`, from `core_proof::setup`).
pub fn verify_proof(
    proof: &[u8],
    vk: &MachineVerifyingKey<SP1GlobalContext>,
) -> Result<Verified, VerifyProofError> {
    let proof: SP1ProofWithPublicValues =
        decode(proof).map_err(|e| VerifyProofError::InvalidProof(e.to_string()))?;
    let SP1Proof::Core(shards) = &proof.proof else {
        return Err(VerifyProofError::UnsupportedProof);
    };
    let verifier = CoreVerifier::new(core_shard_verifier());
    verify_core(&verifier, vk, shards, &proof.public_values, &proof.sp1_version)?;
    Ok(Verified {
        vk_hash: SP1VerifyingKey { vk: vk.clone() }.bytes32(),
        shards: shards.len(),
        public_values: proof.public_values.to_vec(),
    })
}

/// A verifying key from stock `SP1VerifyingKey` bincode, or why the bytes are not one.
pub fn verifying_key_from_bytes(bytes: &[u8]) -> Result<CoreVerifyingKey, String> {
    decode::<SP1VerifyingKey>(bytes)
        .map(|key| key.vk)
        .map_err(|e| format!("not an SP1 6 verifying key (SP1VerifyingKey, bincode): {e}"))
}

fn fail(reason: &'static str) -> VerifyError {
    VerifyError::PublicValues(reason)
}

pub(crate) fn public_values(shard: &CoreShardProof) -> &ShardPublicValues {
    shard.public_values.as_slice().borrow()
}

/// Verifies a core proof (`shards` and the public values it `claims`) made by `sp1_version`
/// against the program's verifying key.
pub fn verify_core(
    verifier: &CoreVerifier,
    vk: &MachineVerifyingKey<SP1GlobalContext>,
    shards: &[CoreShardProof],
    claims: &SP1PublicValues,
    sp1_version: &str,
) -> Result<(), VerifyError> {
    check_envelope(shards, claims, sp1_version)?;
    check_whole_execution(shards, vk)?;
    check_shard_proofs(verifier, vk, shards)
}

/// sp1-sdk's `verify_proof` for a core proof: the version, the exit code, and the public values
/// against the digest the last shard commits (SHA-256 or Blake3 of them).
fn check_envelope(
    shards: &[CoreShardProof],
    claims: &SP1PublicValues,
    sp1_version: &str,
) -> Result<(), VerifyError> {
    if sp1_version != SP1_CIRCUIT_VERSION {
        return Err(VerifyError::Version(sp1_version.to_string()));
    }
    let last = shards.last().ok_or(fail("the proof has no shards"))?;
    if last.public_values.len() != PROOF_MAX_NUM_PVS {
        return Err(fail("invalid public values length"));
    }
    let last = public_values(last);
    if last.exit_code != SP1Field::zero() {
        return Err(fail("the program exited with a non-zero code"));
    }
    let committed: Vec<u8> = last
        .committed_value_digest
        .iter()
        .flat_map(|word| word.iter().map(|byte| byte.as_canonical_u32() as u8))
        .collect();
    if committed != claims.hash() && committed != claims.blake3_hash() {
        return Err(fail("the public values do not match the digest the program committed"));
    }
    Ok(())
}

/// sp1-prover's `SP1Verifier::verify` before the shard proofs: the shards, in order, are one
/// complete run of the program from its entry point to its halt.
fn check_whole_execution(
    shards: &[CoreShardProof],
    vk: &MachineVerifyingKey<SP1GlobalContext>,
) -> Result<(), VerifyError> {
    let (zero, one) = (SP1Field::zero(), SP1Field::one());
    if shards.iter().any(|shard| shard.public_values.len() != PROOF_MAX_NUM_PVS) {
        return Err(fail("invalid public values length"));
    }
    let values: Vec<&ShardPublicValues> = shards.iter().map(public_values).collect();

    // Exactly one first execution shard.
    let mut first_execution_shards = 0;
    for pv in &values {
        match pv.is_first_execution_shard {
            x if x == one => first_execution_shards += 1,
            x if x == zero => {}
            _ => return Err(fail("is_first_execution_shard is not boolean")),
        }
    }
    match first_execution_shards {
        0 => return Err(fail("first execution shard is not set")),
        1 => {}
        _ => return Err(fail("is_first_execution_shard is set to one for multiple shards")),
    }

    // Timestamps chain from 1; only execution shards advance them.
    let mut prev_timestamp = [zero, zero, zero, one];
    for pv in &values {
        if pv.initial_timestamp != prev_timestamp {
            return Err(fail("invalid initial timestamp"));
        }
        let advances = pv.initial_timestamp != pv.last_timestamp;
        if advances != (pv.is_execution_shard == one)
            || (pv.is_execution_shard != one && pv.is_execution_shard != zero)
        {
            return Err(fail("the timestamp changes exactly on execution shards"));
        }
        prev_timestamp = pv.last_timestamp;
    }

    // The program counter runs from the entry point to HALT_PC; other shards keep it.
    let mut prev_next_pc = vk.pc_start;
    for pv in &values {
        if pv.pc_start != prev_next_pc {
            return Err(fail("a shard does not start where the previous one ended"));
        }
        if pv.is_execution_shard != one && pv.pc_start != pv.next_pc {
            return Err(fail("pc_start != next_pc: a non-execution shard moves the program counter"));
        }
        prev_next_pc = pv.next_pc;
    }
    if prev_next_pc != [SP1Field::from_canonical_u64(HALT_PC), zero, zero] {
        return Err(fail("next_pc != HALT_PC: execution should have halted"));
    }

    // The exit code changes at most once, on an execution shard, and ends at zero.
    let mut prev_exit_code = zero;
    for pv in &values {
        if pv.prev_exit_code != prev_exit_code
            || (pv.is_execution_shard != one && pv.prev_exit_code != pv.exit_code)
            || (pv.prev_exit_code != zero && pv.prev_exit_code != pv.exit_code)
        {
            return Err(fail("the exit code does not chain across shards"));
        }
        prev_exit_code = pv.exit_code;
    }
    if prev_exit_code != zero {
        return Err(fail("the program exited with a non-zero code"));
    }

    if values.iter().any(|pv| pv.proof_nonce != values[0].proof_nonce) {
        return Err(fail("proof_nonce != proof_nonce_first_shard"));
    }

    // Memory initialization and finalization chain from zero and end at a non-zero address.
    let mut last_init_addr = [zero; 3];
    let mut last_finalize_addr = [zero; 3];
    let mut last_init_page = [zero; 3];
    let mut last_finalize_page = [zero; 3];
    for pv in &values {
        if pv.previous_init_addr != last_init_addr
            || pv.previous_finalize_addr != last_finalize_addr
            || pv.previous_init_page_idx != last_init_page
            || pv.previous_finalize_page_idx != last_finalize_page
        {
            return Err(fail("memory initialization does not chain across shards"));
        }
        if pv.is_untrusted_programs_enabled != vk.untrusted_config.enable_untrusted_programs {
            return Err(fail("is_untrusted_programs_enabled differs from the verifying key's"));
        }
        last_init_addr = pv.last_init_addr;
        last_finalize_addr = pv.last_finalize_addr;
        last_init_page = pv.last_init_page_idx;
        last_finalize_page = pv.last_finalize_page_idx;
    }
    if last_init_addr == [zero; 3] {
        return Err(fail("the zero address was never initialized"));
    }
    if last_finalize_addr == [zero; 3] {
        return Err(fail("the zero address was never finalized"));
    }

    // The committed digests and their syscalls hand over from shard to shard, from zero.
    let mut committed = [[zero; 4]; PV_DIGEST_NUM_WORDS];
    let mut deferred = [zero; POSEIDON_NUM_WORDS];
    let mut commit_syscall = zero;
    let mut commit_deferred_syscall = zero;
    for pv in &values {
        if pv.prev_committed_value_digest != committed
            || pv.prev_deferred_proofs_digest != deferred
            || pv.prev_commit_syscall != commit_syscall
            || pv.prev_commit_deferred_syscall != commit_deferred_syscall
        {
            return Err(fail("the committed digests do not chain across shards"));
        }
        committed = pv.committed_value_digest;
        deferred = pv.deferred_proofs_digest;
        commit_syscall = pv.commit_syscall;
        commit_deferred_syscall = pv.commit_deferred_syscall;
    }
    if commit_syscall != one {
        return Err(fail("COMMIT syscall was never called"));
    }
    if commit_deferred_syscall != one {
        return Err(fail("COMMIT_DEFERRED_PROOFS syscall was never called"));
    }

    if shards.len() >= 1 << MAX_LOG_NUMBER_OF_SHARDS {
        return Err(fail("too many shards"));
    }

    // Every global interaction is matched: the shards' sums cancel the initial memory's.
    let mut sum = vk.initial_global_cumulative_sum;
    for pv in &values {
        sum = sum
            .checked_add(pv.global_cumulative_sum)
            .ok_or(fail("global cumulative sum has an exceptional curve addition"))?;
    }
    if !sum.is_zero() {
        return Err(fail("global cumulative sum is not zero"));
    }
    Ok(())
}

/// Each shard's proof, with a challenger that has observed the verifying key.
fn check_shard_proofs(
    verifier: &CoreVerifier,
    vk: &MachineVerifyingKey<SP1GlobalContext>,
    shards: &[CoreShardProof],
) -> Result<(), VerifyError> {
    for (index, shard) in shards.iter().enumerate() {
        let mut challenger = verifier.challenger();
        vk.observe_into(&mut challenger);
        verifier
            .verify_shard(vk, shard, &mut challenger)
            .map_err(|e| VerifyError::Shard { index, reason: e.to_string() })?;
    }
    Ok(())
}
