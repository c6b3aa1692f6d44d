//! The wasm-bindgen API. Call it from a dedicated worker, never the page's main thread: proving
//! blocks its caller, and the pool's threads wait with `Atomics.wait`.

use js_sys::{Array, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;
// Selects the browser's crypto.getRandomValues for SP1's dependencies.
use getrandom as _;

use crate::core_proof::{self, DEFAULT_ELEMENT_THRESHOLD};

/// Runs once when the module is instantiated: panics reach the console with their message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// What `proveCore` returns.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProofOutput {
    /// Stock sp1-sdk 6.10.0 `SP1ProofWithPublicValues`, bincode.
    #[serde(with = "serde_bytes")]
    proof: Vec<u8>,
    #[serde(with = "serde_bytes")]
    public_values: Vec<u8>,
    cycles: u64,
    shards: usize,
    vk_hash: String,
    /// The Rayon pool's size the proof ran on.
    threads: usize,
}

/// Proves `elf` on `stdin` (`Uint8Array[]`, one chunk per guest `read`), cutting shards at
/// `elementThreshold` trace elements (default 2^23). Errors are `Error`s whose message starts with
/// a code: `INVALID_STDIN`, `INVALID_ELF`, `EXECUTION_FAILED`, `PROOF_REJECTED`.
#[wasm_bindgen(js_name = proveCore)]
pub fn prove_core(
    elf: &[u8],
    stdin: &Array,
    element_threshold: Option<f64>,
) -> Result<JsValue, JsError> {
    let stdin = stdin
        .iter()
        .enumerate()
        .map(|(i, chunk)| {
            chunk
                .dyn_into::<Uint8Array>()
                .map(|bytes| bytes.to_vec())
                .map_err(|_| JsError::new(&format!("INVALID_STDIN: chunk {i} is not a Uint8Array")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let element_threshold = element_threshold.map_or(DEFAULT_ELEMENT_THRESHOLD, |n| n as u64);
    let proof = core_proof::prove(elf, stdin, element_threshold)
        .map_err(|e| JsError::new(&e.to_string()))?;
    let output = ProofOutput {
        proof: proof.proof,
        public_values: proof.public_values,
        cycles: proof.cycles,
        shards: proof.shards,
        vk_hash: proof.vk_hash,
        threads: rayon::current_num_threads(),
    };
    Ok(serde_wasm_bindgen::to_value(&output)?)
}
