//! Shared by the native integration tests.

use std::sync::OnceLock;

use sp1_wasm::CoreProver;

/// One prover per test binary: building the machine takes a while.
pub fn prover() -> &'static CoreProver {
    static PROVER: OnceLock<CoreProver> = OnceLock::new();
    PROVER.get_or_init(CoreProver::new)
}
