//! Core proving through the in-memory pipeline of the vendored `sp1-core-machine`, the same on
//! every target.

use sp1_core_executor::SP1Context;
use sp1_core_machine::utils::{prove_core_in_memory, CoreProvingEvent, SP1CoreProverError};
use sp1_primitives::io::SP1PublicValues;
use sp1_stark::SP1Proof;
use web_time::Instant;

use crate::{
    execute, memory, options, CoreProver, Error, Phase, ProgramKeys, Progress, ProveOptions, Result,
    SP1ProofWithPublicValues, SP1Stdin, TracePadding,
};

/// A proof and what the execution it proves produced.
pub struct ProofOutput {
    pub proof: SP1ProofWithPublicValues,
    pub cycles: u64,
    /// The shard size it was proven with: the requested one, or the one fitted to the memory
    /// limit.
    pub log2_shard_size: u32,
    /// The peak memory the memory guard expected (`memory::estimate_peak_bytes`).
    pub estimated_peak_bytes: u64,
}

impl CoreProver {
    /// Proves the program of `keys` on `stdin`, reporting progress to `on_progress`.
    pub fn prove(
        &self,
        keys: &ProgramKeys,
        stdin: &SP1Stdin,
        options: &ProveOptions,
        on_progress: &mut dyn FnMut(Progress),
    ) -> Result<ProofOutput> {
        options.validate()?;
        let start = Instant::now();
        let mut progress = Progress {
            phase: Phase::Execute,
            shard: 0,
            shards: 0,
            cycles: 0,
            total_cycles: 0,
            elapsed_ms: 0.0,
        };
        on_progress(progress);
        // A fast run first: bad input fails here in a fraction of the proving time, the cycle
        // count lets progress be read as a fraction, and sizes the shards to the memory limit.
        let program_size = execute::run(keys.program.clone(), stdin, options.max_cycles)?.size();
        progress.total_cycles = program_size.cycles;
        let log2_shard_size = options.fitted_log2_shard_size(program_size)?;

        let shape_config = match options.trace_padding {
            TracePadding::Fixed => Some(&self.shape_config),
            TracePadding::Compact => None,
        };
        let mut on_event = |event: CoreProvingEvent| {
            match event {
                CoreProvingEvent::CheckpointExecuted { cycles, .. } => {
                    progress.phase = Phase::Checkpoint;
                    progress.cycles = cycles;
                }
                CoreProvingEvent::ShardsPlanned { first_shard, shards, .. } => {
                    progress.shards = first_shard + shards - 1;
                    return;
                }
                CoreProvingEvent::Shard { shard, phase } => {
                    progress.phase = phase.into();
                    progress.shard = shard;
                }
            }
            progress.elapsed_ms = start.elapsed().as_secs_f64() * 1e3;
            on_progress(progress);
        };
        let core = prove_core_in_memory(
            &self.prover,
            &keys.pk,
            keys.program.clone(),
            stdin,
            options::core_opts(log2_shard_size),
            SP1Context::default(),
            shape_config,
            &mut on_event,
        )
        .map_err(prover_error)?;

        progress.phase = Phase::Done;
        progress.elapsed_ms = start.elapsed().as_secs_f64() * 1e3;
        on_progress(progress);
        Ok(ProofOutput {
            proof: SP1ProofWithPublicValues::new(
                SP1Proof::Core(core.shard_proofs),
                SP1PublicValues::from(&core.public_values_stream),
            ),
            cycles: core.cycles,
            log2_shard_size,
            estimated_peak_bytes: memory::estimate_peak_bytes(program_size, log2_shard_size),
        })
    }
}

/// The guest failing is an execution failure; anything else failing inside the prover is not
/// the input's fault.
fn prover_error(error: SP1CoreProverError) -> Error {
    match error {
        SP1CoreProverError::ExecutionError(e) => Error::ExecutionFailed(e.to_string()),
        other => Error::ProvingFailed(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use sp1_core_executor::ExecutionError;

    use super::*;
    use crate::ErrorCode;

    #[test]
    fn only_the_guest_failing_is_an_execution_failure() {
        let guest = prover_error(SP1CoreProverError::ExecutionError(ExecutionError::Breakpoint()));
        assert_eq!(guest.code(), ErrorCode::ExecutionFailed);
        let internal = prover_error(SP1CoreProverError::IoError(std::io::Error::other("disk")));
        assert_eq!(internal.code(), ErrorCode::ProvingFailed);
    }
}
