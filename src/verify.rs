//! Core proof verification with every check stock makes: `sp1-sdk`'s `verify_proof` (version,
//! public values against the committed digest) and `sp1-prover`'s `SP1Prover::verify` (shard
//! chaining, then the STARK). `sp1-prover` does not build for wasm32, so its checks are restated
//! here, in its order; the soundness tests feed both verifiers the same tampered proofs.

use std::borrow::Borrow;

use p3_baby_bear::BabyBear;
use p3_field::{AbstractField, PrimeField32};
use sp1_core_machine::cpu::MAX_CPU_LOG_DEGREE;
use sp1_stark::{
    air::{PublicValues, POSEIDON_NUM_WORDS, PV_DIGEST_NUM_WORDS},
    CoreSC, MachineProof, MachineProver, ShardProof, StarkGenericConfig, Word,
};

use crate::{proof_shape, CoreProver, Error, Result, SP1ProofWithPublicValues, VerifyingKey, SP1_CIRCUIT_VERSION};

type ShardPublicValues = PublicValues<Word<BabyBear>, BabyBear>;

impl CoreProver {
    /// Verifies a core proof against the verifying key of the program it claims to prove.
    pub fn verify(&self, proof: &SP1ProofWithPublicValues, vk: &VerifyingKey) -> Result<()> {
        if proof.sp1_version != SP1_CIRCUIT_VERSION {
            return Err(Error::VerificationFailed(format!(
                "proof is for SP1 circuit version {}, this verifier is {SP1_CIRCUIT_VERSION}",
                proof.sp1_version
            )));
        }
        let shards = proof.core_shards()?;
        for shard in shards {
            proof_shape::check_shard_shape(self.prover.machine(), shard, vk)?;
        }
        let last = shards.last().ok_or_else(|| fail("the proof has no shards"))?;

        // The public values must be what the program committed to: SHA-256 or Blake3 of them.
        let committed: Vec<u8> = public_values(last)
            .committed_value_digest
            .iter()
            .flat_map(|word| word.0.iter().map(|b| b.as_canonical_u32() as u8))
            .collect();
        if committed != proof.public_values.hash() && committed != proof.public_values.blake3_hash()
        {
            return Err(fail("the public values do not match the digest the program committed"));
        }

        check_shard_chain(shards, vk)?;
        let mut challenger = self.prover.config().challenger();
        let machine_proof = MachineProof { shard_proofs: shards.to_vec() };
        self.prover
            .machine()
            .verify(&vk.0, &machine_proof, &mut challenger)
            .map_err(|e| Error::VerificationFailed(format!("{e:?}")))
    }
}

fn fail(reason: &str) -> Error {
    Error::VerificationFailed(reason.to_string())
}

fn public_values(shard: &ShardProof<CoreSC>) -> &ShardPublicValues {
    shard.public_values.as_slice().borrow()
}

/// The checks of `SP1Prover::verify` that tie the shards into one execution of the program:
/// numbering, program counters, exit code, memory and digest hand-over.
fn check_shard_chain(shards: &[ShardProof<CoreSC>], vk: &VerifyingKey) -> Result<()> {
    if !shards[0].contains_cpu() {
        return Err(fail("the first shard has no CPU"));
    }
    if shards.len() >= 1 << 16 {
        return Err(fail("too many shards"));
    }
    let zero = BabyBear::zero();
    let zero_committed = [Word([zero; 4]); PV_DIGEST_NUM_WORDS];
    let zero_deferred = [zero; POSEIDON_NUM_WORDS];

    let mut shard_number = zero;
    let mut execution_shard = zero;
    let mut prev_next_pc = zero;
    let mut prev_init_bits = [zero; 32];
    let mut prev_finalize_bits = [zero; 32];
    let mut prev_committed = zero_committed;
    let mut prev_deferred = zero_deferred;
    for (i, shard) in shards.iter().enumerate() {
        let pv = public_values(shard);
        let has_cpu = shard.contains_cpu();
        if has_cpu && shard.log_degree_cpu() > MAX_CPU_LOG_DEGREE {
            return Err(fail("a shard's CPU table is larger than allowed"));
        }

        shard_number += BabyBear::one();
        if pv.shard != shard_number {
            return Err(fail("shards are not numbered 1, 2, 3, ..."));
        }
        if has_cpu {
            execution_shard += BabyBear::one();
            if pv.execution_shard != execution_shard {
                return Err(fail("execution shards are not numbered 1, 2, 3, ..."));
            }
        }

        if i == 0 && pv.start_pc != vk.0.pc_start {
            return Err(fail("execution does not start at the program's entry point"));
        } else if i != 0 && pv.start_pc != prev_next_pc {
            return Err(fail("a shard does not start where the previous one ended"));
        } else if !has_cpu && pv.start_pc != pv.next_pc {
            return Err(fail("a shard without CPU moves the program counter"));
        } else if has_cpu && pv.start_pc == zero {
            return Err(fail("a shard starts in the halted state"));
        } else if i == shards.len() - 1 && pv.next_pc != zero {
            return Err(fail("execution did not halt"));
        }
        prev_next_pc = pv.next_pc;

        if pv.exit_code != zero {
            return Err(fail("the program exited with a non-zero code"));
        }

        if pv.previous_init_addr_bits != prev_init_bits
            || pv.previous_finalize_addr_bits != prev_finalize_bits
            || (!shard.contains_global_memory_init()
                && pv.previous_init_addr_bits != pv.last_init_addr_bits)
            || (!shard.contains_global_memory_finalize()
                && pv.previous_finalize_addr_bits != pv.last_finalize_addr_bits)
        {
            return Err(fail("memory initialization does not chain across shards"));
        }
        prev_init_bits = pv.last_init_addr_bits;
        prev_finalize_bits = pv.last_finalize_addr_bits;

        if (prev_committed != zero_committed && pv.committed_value_digest != prev_committed)
            || (prev_deferred != zero_deferred && pv.deferred_proofs_digest != prev_deferred)
            || (!has_cpu && pv.committed_value_digest != prev_committed)
            || (!has_cpu && pv.deferred_proofs_digest != prev_deferred)
        {
            return Err(fail("the committed digests do not chain across shards"));
        }
        prev_committed = pv.committed_value_digest;
        prev_deferred = pv.deferred_proofs_digest;
    }
    Ok(())
}
