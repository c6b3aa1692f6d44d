//! The shapes stock's verifier indexes by before it checks them (or never checks), checked first:
//! on a malformed proof it would panic, and a panic traps the wasm instance. Each check was
//! found by `examples/mutants.rs`; a well-formed proof passes all of them, so nothing is
//! rejected here that stock would accept.

use p3_baby_bear::BabyBear;
use p3_field::AbstractExtensionField;
use sp1_core_machine::riscv::RiscvAir;
use sp1_stark::{CoreSC, ShardProof, StarkGenericConfig, StarkMachine, PROOF_MAX_NUM_PVS};

use crate::{Error, Result, VerifyingKey};

/// Degree of the challenge field over BabyBear: the base elements of one quotient chunk.
const EXTENSION_DEGREE: usize = <<CoreSC as StarkGenericConfig>::Challenge as AbstractExtensionField<BabyBear>>::D;

pub(crate) fn check_shard_shape(
    machine: &StarkMachine<CoreSC, RiscvAir<BabyBear>>,
    shard: &ShardProof<CoreSC>,
    vk: &VerifyingKey,
) -> Result<()> {
    // Read as `PublicValues` by slicing.
    if shard.public_values.len() != PROOF_MAX_NUM_PVS {
        return Err(malformed("a shard's public values are not 231 words"));
    }

    // The chip ordering must number the opened chips 0..n, once each: the CPU's log degree is
    // read through it.
    let chip_count = shard.opened_values.chips.len();
    let mut numbered = vec![false; chip_count];
    for &index in shard.chip_ordering.values() {
        if index >= chip_count || std::mem::replace(&mut numbered[index], true) {
            return Err(malformed("the chip ordering does not number the opened chips"));
        }
    }
    let chips: Vec<_> = machine.shard_chips_ordered(&shard.chip_ordering).collect();
    if chips.len() != chip_count {
        return Err(malformed("the chip ordering names chips the machine does not have"));
    }

    // Quotient chunks are zipped with their domains.
    let mut quotient_matrices = 0;
    for (chip, opened) in chips.iter().zip(&shard.opened_values.chips) {
        if opened.quotient.len() != chip.quotient_width()
            || opened.quotient.iter().any(|chunk| chunk.len() != EXTENSION_DEGREE)
        {
            return Err(malformed("a chip's quotient opening has the wrong shape"));
        }
        quotient_matrices += chip.quotient_width();
    }

    // Each query opens every matrix of the four commitments (preprocessed, main, permutation,
    // quotient); the Merkle verifier indexes them by the committed dimensions.
    let matrices = [vk.0.chip_information.len(), chip_count, chip_count, quotient_matrices];
    for query in &shard.opening_proof.query_openings {
        if query.len() != matrices.len()
            || query.iter().zip(matrices).any(|(round, count)| round.opened_values.len() != count)
        {
            return Err(malformed("a FRI query does not open every committed matrix"));
        }
    }
    Ok(())
}

fn malformed(reason: &str) -> Error {
    Error::VerificationFailed(format!("malformed proof: {reason}"))
}
