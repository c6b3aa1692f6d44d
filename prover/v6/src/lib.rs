//! SP1 6.10.0 core proving for wasm32, the v6 sibling of `prover/v5/` (SP1 5.2.4): the same
//! approach (vendored crates with gated patches in `third-party/v6/`, Rayon across Web Workers
//! through wasm-bindgen-rayon), its own wasm module, since the two versions' fields, proof systems
//! and guest ISAs differ (docs/sp1-v6.md).
//!
//! Natively the same `core_proof::prove` runs on stock crates (tests/sp1-v6 measures it).

pub mod core_proof;
pub mod shard_size;
pub mod stock;
pub mod verify;
#[cfg(target_arch = "wasm32")]
mod wasm_api;

#[cfg(target_arch = "wasm32")]
pub use sp1_wasm_boundary::report_fatal_errors_to;
#[cfg(all(target_arch = "wasm32", target_feature = "atomics"))]
pub use wasm_bindgen_rayon::init_thread_pool;
