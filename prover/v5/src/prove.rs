//! Proof generation, from a proving-key handle or straight from an ELF.

use js_sys::{Array, Function, Uint8Array};
use serde::Serialize;
use sp1_wasm::{ProgramKeys, ProveOptions};
use sp1_wasm_boundary::{memory_bytes, options_from_js, progress_reporter, set};
use wasm_bindgen::prelude::*;

use crate::{
    core_prover::prover,
    error::js_error,
    keys::ProvingKey,
    stdin::stdin_from_js,
};

/// What `generateProof` returns besides the proof bytes.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ProofSummary {
    cycles: u64,
    vk_hash: String,
    proof_hex: String,
    public_values_hex: String,
    /// The wasm memory's size when the proof was done: its peak.
    memory_bytes: f64,
    /// The Rayon pool's size the proof ran on.
    threads: usize,
    /// The shard size used: the requested one, or the one fitted to the memory limit.
    log2_shard_size: u32,
    /// The peak memory the memory guard expected.
    estimated_memory_bytes: f64,
}

/// Proves the program of `key` on `stdin` (`Uint8Array[]`, one chunk per guest `read`).
/// `options`: `{ log2ShardSize?, tracePadding?: "compact" | "fixed", maxCycles?,
/// memoryLimitBytes? }`; over the memory limit, an unset shard size is fitted to it and a set
/// one is refused with `OUT_OF_MEMORY` before proving.
/// `onProgress` receives `{ phase, shard, shards, cycles, totalCycles, elapsedMs, memoryBytes }`.
/// Returns `{ proof: Uint8Array, publicValues: Uint8Array, proofHex, publicValuesHex, cycles,
/// vkHash, memoryBytes, threads, log2ShardSize, estimatedMemoryBytes }`; the proof is stock `SP1ProofWithPublicValues` bincode.
#[wasm_bindgen(js_name = generateProof)]
pub fn generate_proof(
    key: &ProvingKey,
    stdin: &Array,
    options: JsValue,
    on_progress: Option<Function>,
) -> Result<JsValue, JsValue> {
    prove_with_keys(&key.keys, stdin, options, on_progress)
}

/// `setup` then `generateProof`, for a one-off proof of an ELF.
#[wasm_bindgen(js_name = generateProofFromElf)]
pub fn generate_proof_from_elf(
    elf: &[u8],
    stdin: &Array,
    options: JsValue,
    on_progress: Option<Function>,
) -> Result<JsValue, JsValue> {
    let keys = prover().setup(elf).map_err(js_error)?;
    prove_with_keys(&keys, stdin, options, on_progress)
}

fn prove_with_keys(
    keys: &ProgramKeys,
    stdin: &Array,
    options: JsValue,
    on_progress: Option<Function>,
) -> Result<JsValue, JsValue> {
    let stdin = stdin_from_js(stdin)?;
    let options: ProveOptions = options_from_js(options)?;
    let output =
        prover().prove(keys, &stdin, &options, &mut progress_reporter(on_progress)).map_err(js_error)?;

    let proof = output.proof.to_bytes();
    let public_values = output.proof.public_values.as_slice();
    let summary = ProofSummary {
        cycles: output.cycles,
        vk_hash: keys.vk.bytes32(),
        proof_hex: hex::encode(&proof),
        public_values_hex: hex::encode(public_values),
        memory_bytes: memory_bytes(),
        threads: rayon::current_num_threads(),
        log2_shard_size: output.log2_shard_size,
        estimated_memory_bytes: output.estimated_peak_bytes as f64,
    };
    let result: js_sys::Object = sp1_wasm_boundary::to_js(&summary).into();
    set(&result, "proof", &Uint8Array::from(proof.as_slice()));
    set(&result, "publicValues", &Uint8Array::from(public_values));
    Ok(result.into())
}
