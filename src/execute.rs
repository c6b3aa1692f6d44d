//! Execution without proving: cycles and public values, as stock `SP1Prover::execute`.

use sp1_core_executor::{ExecutionError, Executor, Program, SP1Context};
use sp1_primitives::io::SP1PublicValues;

use crate::{memory::ProgramSize, options, CoreProver, Error, Result, SP1Stdin};
use crate::DEFAULT_LOG2_SHARD_SIZE;

/// What an execution produced.
#[derive(Clone, Debug)]
pub struct Execution {
    pub cycles: u64,
    /// Calls to precompiles: syscalls with a chip of their own (keccak, sha256, curve ops...).
    pub precompile_calls: u64,
    pub public_values: SP1PublicValues,
}

impl Execution {
    /// What the memory guard reads of the program.
    pub fn size(&self) -> ProgramSize {
        ProgramSize { cycles: self.cycles, precompile_calls: self.precompile_calls }
    }
}

impl CoreProver {
    /// Runs the ELF on `stdin` for at most `max_cycles` and reports its cycles and public values.
    pub fn execute(&self, elf: &[u8], stdin: &SP1Stdin, max_cycles: Option<u64>) -> Result<Execution> {
        run(self.decode_elf(elf)?, stdin, max_cycles)
    }
}

/// Runs `program` to the end in the executor's fast mode (no traces). A failure carries what the
/// guest wrote to stderr, where a guest's panic message goes.
pub(crate) fn run(program: Program, stdin: &SP1Stdin, max_cycles: Option<u64>) -> Result<Execution> {
    if !stdin.proofs.is_empty() {
        return Err(Error::InvalidStdin("proofs in stdin (proof aggregation) are not supported".into()));
    }
    let mut stderr = Vec::new();
    let (outcome, execution) = {
        let mut context = SP1Context::builder();
        // Gas is an estimate for Succinct's network; it slows execution down.
        context.calculate_gas(false).stderr(&mut stderr);
        if let Some(max_cycles) = max_cycles {
            context.max_cycles(max_cycles);
        }
        let opts = options::core_opts(DEFAULT_LOG2_SHARD_SIZE);
        let mut runtime = Executor::with_context(program, opts, context.build());
        runtime.write_vecs(&stdin.buffer);
        let outcome = runtime.run_fast();
        let report = &runtime.report;
        let execution = Execution {
            cycles: report.total_instruction_count(),
            precompile_calls: (report.syscall_counts.iter())
                .filter(|(code, _)| code.should_send() == 1)
                .map(|(_, calls)| calls)
                .sum(),
            public_values: SP1PublicValues::from(&runtime.state.public_values_stream),
        };
        (outcome, execution)
    };
    outcome.map(|_| execution).map_err(|error| execution_error(&error, &stderr))
}

fn execution_error(error: &ExecutionError, stderr: &[u8]) -> Error {
    let stderr = String::from_utf8_lossy(stderr);
    let stderr = stderr.trim();
    match error {
        ExecutionError::HaltWithNonZeroExitCode(code) if !stderr.is_empty() => {
            Error::ExecutionFailed(format!("the guest exited with code {code}: {stderr}"))
        }
        ExecutionError::HaltWithNonZeroExitCode(code) => {
            Error::ExecutionFailed(format!("the guest exited with code {code}"))
        }
        other => Error::ExecutionFailed(other.to_string()),
    }
}
