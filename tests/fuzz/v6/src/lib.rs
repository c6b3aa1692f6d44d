//! What the SP1 6 fuzz targets share, read once per process from the seeds `make fuzz` makes
//! (tests/fuzz/run.sh sets the variables): the fibonacci guest's ELF (`SP1_WASM_FUZZ_V6_ELF`),
//! its verifying key (`SP1_WASM_FUZZ_V6_VK`, read rather than set up, which would take the
//! targets' whole time) and a real proof of it (`SP1_WASM_FUZZ_V6_PROOF`).

use std::sync::OnceLock;

use sp1_wasm_v6::verify::{self, CoreVerifyingKey};

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

pub fn fibonacci_vk() -> &'static CoreVerifyingKey {
    static VK: OnceLock<CoreVerifyingKey> = OnceLock::new();
    VK.get_or_init(|| {
        verify::verifying_key_from_bytes(&file("SP1_WASM_FUZZ_V6_VK")).expect("the seed verifying key")
    })
}

pub fn fibonacci_proof() -> &'static [u8] {
    static PROOF: OnceLock<Vec<u8>> = OnceLock::new();
    PROOF.get_or_init(|| file("SP1_WASM_FUZZ_V6_PROOF"))
}
