//! The one core machine and prover of this instance, shared by every export.

use std::sync::OnceLock;

use sp1_wasm::CoreProver;

/// Built on first use: making the machine's chips and shapes takes a moment.
pub(crate) fn prover() -> &'static CoreProver {
    static PROVER: OnceLock<CoreProver> = OnceLock::new();
    PROVER.get_or_init(CoreProver::new)
}
