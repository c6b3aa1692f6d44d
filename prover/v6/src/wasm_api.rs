//! The wasm-bindgen API, in the shape of `prover/v5/`'s so the web package's worker drives both
//! alike (sp1-wasm-boundary): errors with a `code`, fatal errors reported on a channel, progress
//! callbacks. Call it from a dedicated worker, never the page's main thread: proving blocks its
//! caller, and the pool's threads wait with `Atomics.wait`.

use js_sys::{Array, Function, Uint8Array};
use serde::Serialize;
use sp1_wasm_boundary::{
    coded_error, executed, is_elf, memory_bytes, options_from_js, progress_reporter, set,
    stdin_chunks, to_js, verified, ExecuteOptions,
};
use wasm_bindgen::prelude::*;
// Selects the browser's crypto.getRandomValues for SP1's dependencies.
use getrandom as _;

use crate::{
    core_proof::{self, CoreKey, CoreProof, CoreProofError, Progress, ProveOptions},
    verify,
};

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
    /// The trace elements per shard the proof was cut at.
    element_threshold: u64,
    /// The peak memory the memory guard expected.
    estimated_memory_bytes: f64,
    vk_hash: String,
    public_values_hex: String,
    /// The Rayon pool's size the proof ran on.
    threads: usize,
    /// The wasm memory's size when the proof was done: its peak.
    memory_bytes: f64,
}

/// A program's proving and verifying keys, held in the wasm memory; free it with `free()`.
#[wasm_bindgen]
pub struct ProvingKey(CoreKey);

#[wasm_bindgen]
impl ProvingKey {
    /// The verifying key's hash as stock prints it (`vk.bytes32()`).
    #[wasm_bindgen(getter = vkHash)]
    pub fn vk_hash(&self) -> String {
        self.0.vk_hash()
    }

    /// Stock `SP1VerifyingKey`, bincode.
    #[wasm_bindgen(getter = vkBytes)]
    pub fn vk_bytes(&self) -> Vec<u8> {
        self.0.vk_bytes()
    }

    /// The whole key as bytes, for a cache (`provingKeyFromBytes` reads them back).
    #[wasm_bindgen(js_name = toBytes)]
    pub fn to_bytes(&self) -> Uint8Array {
        Uint8Array::from(self.0.to_bytes().as_slice())
    }
}

/// Reads a key that `toBytes` wrote; `INVALID_PROVING_KEY` if the bytes are not one. The caller
/// checks their integrity first (decoding does not catch a changed field element).
#[wasm_bindgen(js_name = provingKeyFromBytes)]
pub fn proving_key_from_bytes(bytes: &[u8]) -> Result<ProvingKey, JsValue> {
    CoreKey::from_bytes(bytes).map(ProvingKey).map_err(|message| coded_error("INVALID_PROVING_KEY", &message))
}

/// Sets up the program of `elf` (an SP1 6 ELF): its keys, for any number of proofs. Errors with
/// `code` `INVALID_ELF`.
#[wasm_bindgen]
pub fn setup(elf: &[u8]) -> Result<ProvingKey, JsValue> {
    core_proof::setup(elf).map(ProvingKey).map_err(|e| coded_error(e.code(), &e.to_string()))
}

/// Runs `elf` on `stdin` (`Uint8Array[]`), for at most `options.maxCycles`, without proving:
/// `{ cycles, publicValues: Uint8Array, publicValuesHex }`. Errors have a `code`:
/// `INVALID_STDIN`, `INVALID_OPTIONS`, `INVALID_ELF`, `EXECUTION_FAILED`.
#[wasm_bindgen]
pub fn execute(elf: &[u8], stdin: &Array, options: JsValue) -> Result<JsValue, JsValue> {
    let stdin = stdin_chunks(stdin)?;
    let options: ExecuteOptions = options_from_js(options)?;
    let (public_values, cycles) = core_proof::execute_elf(elf, stdin, options.max_cycles)
        .map_err(|e| coded_error(e.code(), &e.to_string()))?;
    Ok(executed(cycles, public_values.as_slice()))
}

/// Proves `elf` on `stdin` (`Uint8Array[]`, one chunk per guest `read`), setting it up first.
/// `options`: `{ elementThreshold?, memoryLimitBytes?, maxCycles? }`: trace elements per shard
/// (default: stock's for programs of up to 2^17 cycles, else the largest of 2^24 and 2^23 whose
/// estimated peak fits the limit), the memory limit, past which a proof is refused with
/// `OUT_OF_MEMORY` before setup or any trace, and the cycles execution may take.
/// `onProgress` receives `{ phase, shard, shards, cycles, elapsedMs, memoryBytes }`. Returns
/// `{ proof, publicValues, publicValuesHex, cycles, shards, elementThreshold,
/// estimatedMemoryBytes, vkHash, threads, memoryBytes }`; `proof` is stock sp1-sdk 6.10.0
/// `SP1ProofWithPublicValues` bincode. Errors have a `code`: `INVALID_STDIN`, `INVALID_OPTIONS`,
/// `OUT_OF_MEMORY`, `INVALID_ELF`, `EXECUTION_FAILED`, `PROVING_FAILED`.
#[wasm_bindgen(js_name = proveCore)]
pub fn prove_core(
    elf: &[u8],
    stdin: &Array,
    options: JsValue,
    on_progress: Option<Function>,
) -> Result<JsValue, JsValue> {
    prove_to_js(stdin, options, on_progress, |stdin, options, progress| {
        core_proof::prove(elf, stdin, options, progress)
    })
}

/// `proveCore` with the keys of an earlier `setup`: no setup step.
#[wasm_bindgen(js_name = proveWithKey)]
pub fn prove_with_key(
    key: &ProvingKey,
    stdin: &Array,
    options: JsValue,
    on_progress: Option<Function>,
) -> Result<JsValue, JsValue> {
    prove_to_js(stdin, options, on_progress, |stdin, options, progress| {
        core_proof::prove_with_key(&key.0, stdin, options, progress)
    })
}

/// Reads the arguments both proving calls share, runs `prove` on them and returns its proof to JS.
fn prove_to_js(
    stdin: &Array,
    options: JsValue,
    on_progress: Option<Function>,
    prove: impl FnOnce(
        Vec<Vec<u8>>,
        ProveOptions,
        &mut dyn FnMut(Progress),
    ) -> Result<CoreProof, CoreProofError>,
) -> Result<JsValue, JsValue> {
    let stdin = stdin_chunks(stdin)?;
    let options: ProveOptions = options_from_js(options)?;
    let mut progress = progress_reporter::<Progress>(on_progress);
    let proof =
        prove(stdin, options, &mut progress).map_err(|e| coded_error(e.code(), &e.to_string()))?;
    let summary = ProofSummary {
        cycles: proof.cycles,
        shards: proof.shards,
        element_threshold: proof.element_threshold,
        estimated_memory_bytes: proof.estimated_peak_bytes as f64,
        vk_hash: proof.vk_hash,
        public_values_hex: hex::encode(&proof.public_values),
        threads: rayon::current_num_threads(),
        memory_bytes: memory_bytes(),
    };
    let result: js_sys::Object = to_js(&summary).into();
    set(&result, "proof", &Uint8Array::from(proof.proof.as_slice()));
    set(&result, "publicValues", &Uint8Array::from(proof.public_values.as_slice()));
    Ok(result.into())
}

/// Verifies `proof` (stock `SP1ProofWithPublicValues` bincode) with every check of stock's core
/// verifier, against `vkOrElf`: a verifying key (stock `SP1VerifyingKey` bincode) or the
/// program's ELF. Returns `{ vkHash, shards, publicValuesHex }`; errors have a `code`:
/// `INVALID_PROOF`, `UNSUPPORTED_PROOF`, `INVALID_VERIFYING_KEY`, `INVALID_ELF`,
/// `VERIFICATION_FAILED`.
#[wasm_bindgen(js_name = verifyProof)]
pub fn verify_proof(proof: &[u8], vk_or_elf: &[u8]) -> Result<JsValue, JsValue> {
    let vk = if is_elf(vk_or_elf) {
        core_proof::setup(vk_or_elf).map_err(|e| coded_error(e.code(), &e.to_string()))?.vk
    } else {
        verify::verifying_key_from_bytes(vk_or_elf)
            .map_err(|message| coded_error("INVALID_VERIFYING_KEY", &message))?
    };
    let proof =
        verify::verify_proof(proof, &vk).map_err(|e| coded_error(e.code(), &e.to_string()))?;
    Ok(verified(proof.vk_hash, proof.shards, &proof.public_values))
}
