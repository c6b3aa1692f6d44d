//! What the fuzz targets share: one prover and the default guest's keys, made once per process.

use std::sync::OnceLock;

use sp1_wasm::{guests::Guest, CoreProver, ProgramKeys};

/// Execution stops here: a mutated program or input may loop for ever.
pub const MAX_CYCLES: u64 = 200_000;

pub fn prover() -> &'static CoreProver {
    static PROVER: OnceLock<CoreProver> = OnceLock::new();
    PROVER.get_or_init(CoreProver::new)
}

pub fn fibonacci_keys() -> &'static ProgramKeys {
    static KEYS: OnceLock<ProgramKeys> = OnceLock::new();
    KEYS.get_or_init(|| prover().setup(Guest::Fibonacci.elf()).expect("the bundled guest sets up"))
}
