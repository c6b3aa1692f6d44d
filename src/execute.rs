//! Execution without proving: cycles and public values, as stock `SP1Prover::execute`.

use sp1_core_executor::{Executor, Program, SP1Context};
use sp1_primitives::io::SP1PublicValues;
use sp1_stark::SP1CoreOpts;

use crate::{CoreProver, Error, ProveOptions, Result, SP1Stdin};

/// What an execution produced.
#[derive(Clone, Debug)]
pub struct Execution {
    pub cycles: u64,
    pub public_values: SP1PublicValues,
}

impl CoreProver {
    /// Runs the ELF on `stdin` and reports its cycles and public values.
    pub fn execute(&self, elf: &[u8], stdin: &SP1Stdin) -> Result<Execution> {
        let program = self.decode_elf(elf)?;
        run(program, stdin, ProveOptions::default().core_opts())
    }
}

/// Runs `program` to the end in the executor's fast mode (no traces).
pub(crate) fn run(program: Program, stdin: &SP1Stdin, opts: SP1CoreOpts) -> Result<Execution> {
    if !stdin.proofs.is_empty() {
        return Err(Error::InvalidStdin("proofs in stdin (proof aggregation) are not supported".into()));
    }
    let mut runtime = Executor::with_context(program, opts, SP1Context::default());
    runtime.write_vecs(&stdin.buffer);
    runtime.run_fast().map_err(|e| Error::ExecutionFailed(e.to_string()))?;
    Ok(Execution {
        cycles: runtime.report.total_instruction_count(),
        public_values: SP1PublicValues::from(&runtime.state.public_values_stream),
    })
}
