//! The wasm-bindgen API, in the shape of `prover/`'s so the web package's worker drives both
//! alike (sp1-wasm-boundary): errors with a `code`, fatal errors reported on a channel, progress
//! callbacks. Call it from a dedicated worker, never the page's main thread: proving blocks its
//! caller, and the pool's threads wait with `Atomics.wait`.

use js_sys::{Array, Function, Uint8Array};
use serde::Serialize;
use sp1_wasm_boundary::{coded_error, memory_bytes, progress_reporter, set, stdin_chunks, to_js};
use wasm_bindgen::prelude::*;
// Selects the browser's crypto.getRandomValues for SP1's dependencies.
use getrandom as _;

use crate::core_proof::{self, DEFAULT_ELEMENT_THRESHOLD};

/// Runs once when the module is instantiated: panics reach the console with their message.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// What `proveCore` returns besides the proof and public values.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProofSummary {
    cycles: u64,
    shards: usize,
    vk_hash: String,
    /// The Rayon pool's size the proof ran on.
    threads: usize,
    /// The wasm memory's size when the proof was done: its peak.
    memory_bytes: f64,
}

/// Proves `elf` on `stdin` (`Uint8Array[]`, one chunk per guest `read`), cutting shards at
/// `elementThreshold` trace elements (default 2^23). `onProgress` receives `{ phase, shard,
/// shards, cycles, elapsedMs, memoryBytes }`. Returns `{ proof, publicValues, cycles, shards,
/// vkHash, threads, memoryBytes }`; `proof` is stock sp1-sdk 6.10.0 `SP1ProofWithPublicValues`
/// bincode. Errors have a `code`: `INVALID_STDIN`, `INVALID_OPTIONS`, `INVALID_ELF`,
/// `EXECUTION_FAILED`, `PROVING_FAILED`.
#[wasm_bindgen(js_name = proveCore)]
pub fn prove_core(
    elf: &[u8],
    stdin: &Array,
    element_threshold: Option<f64>,
    on_progress: Option<Function>,
) -> Result<JsValue, JsValue> {
    let stdin = stdin_chunks(stdin)?;
    let element_threshold = match element_threshold {
        None => DEFAULT_ELEMENT_THRESHOLD,
        Some(n) if n.fract() == 0.0 && (1.0..=u32::MAX as f64).contains(&n) => n as u64,
        Some(n) => {
            let message = format!("elementThreshold must be a whole number from 1 to 2^32 - 1, got {n}");
            return Err(coded_error("INVALID_OPTIONS", &message));
        }
    };
    let proof = core_proof::prove(elf, stdin, element_threshold, progress_reporter(on_progress))
        .map_err(|e| coded_error(e.code(), &e.to_string()))?;
    let summary = ProofSummary {
        cycles: proof.cycles,
        shards: proof.shards,
        vk_hash: proof.vk_hash,
        threads: rayon::current_num_threads(),
        memory_bytes: memory_bytes(),
    };
    let result: js_sys::Object = to_js(&summary).into();
    set(&result, "proof", &Uint8Array::from(proof.proof.as_slice()));
    set(&result, "publicValues", &Uint8Array::from(proof.public_values.as_slice()));
    Ok(result.into())
}
