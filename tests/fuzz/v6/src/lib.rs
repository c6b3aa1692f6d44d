//! What the SP1 6 fuzz targets share: the fibonacci guest's ELF (`SP1_WASM_FUZZ_V6_ELF`), its
//! keys and a real proof of it (`SP1_WASM_FUZZ_V6_PROOF`), loaded once per process; `make fuzz`
//! sets both variables.

use std::sync::OnceLock;

use sp1_wasm_v6::core_proof::{self, CoreKey};

/// Execution stops here: a mutated input may loop for ever.
pub const MAX_CYCLES: u64 = 200_000;

fn file(variable: &str) -> Vec<u8> {
    let path = std::env::var_os(variable).unwrap_or_else(|| panic!("{variable} names the seed file"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{variable}: {e}"))
}

pub fn fibonacci_elf() -> &'static [u8] {
    static ELF: OnceLock<Vec<u8>> = OnceLock::new();
    ELF.get_or_init(|| file("SP1_WASM_FUZZ_V6_ELF"))
}

pub fn fibonacci_key() -> &'static CoreKey {
    static KEY: OnceLock<CoreKey> = OnceLock::new();
    KEY.get_or_init(|| core_proof::setup(fibonacci_elf()).expect("the fibonacci guest sets up"))
}

pub fn fibonacci_proof() -> &'static [u8] {
    static PROOF: OnceLock<Vec<u8>> = OnceLock::new();
    PROOF.get_or_init(|| file("SP1_WASM_FUZZ_V6_PROOF"))
}
