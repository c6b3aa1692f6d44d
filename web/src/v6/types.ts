/** What the SP1 6 prover takes and returns. */
import type { ExecuteOptions } from '../types.js';

export type { ExecuteOptions, ExecutionResult, KeyCache } from '../types.js';

export interface ProveOptions extends ExecuteOptions {
  /**
   * Trace elements per shard, 2^22 to 2^32 - 1. Unset, chosen once the program has run: stock's
   * size up to 2^17 cycles (one shard, besides those of precompile events; peak about 2.2 GiB),
   * else 2^24 (about 3.2 GiB) if its estimated peak fits `memoryLimitBytes`, else 2^23 (about
   * 2.1 GiB). Each shard costs a fixed time, so fewer, larger shards are faster
   * (docs/sp1-v6.md). Set, and estimated not to fit: the proof is refused with `OUT_OF_MEMORY`
   * before setup or any trace, naming a size that fits.
   */
  elementThreshold?: number;
  /**
   * The memory a proof may use. Default: the wasm memory's maximum (4 GiB, or
   * `maxMemoryBytes`), and no more than three quarters of `navigator.deviceMemory`.
   */
  memoryLimitBytes?: number;
}

export type Phase = 'execute' | 'setup' | 'shardProved' | 'done';

/** A program's keys, held by the prover's worker: `prove` reuses them. */
export interface ProgramKey {
  readonly keyId: number;
  /** Stock `SP1VerifyingKey`, bincode: `verify` takes it. */
  readonly vk: Uint8Array;
  /** The verifying key's hash as stock prints it (`vk.bytes32()`). */
  readonly vkHash: string;
  /** Whether the key came from the key cache (`createProver({ cache })`) instead of setup. */
  readonly fromCache: boolean;
}

export interface Progress {
  /**
   * `execute`: the program ran, before anything is traced (`cycles` is final, the shard size
   * chosen); `setup`: keys made (only when `prove` is given an ELF); `shardProved`: one more shard
   * traced and proven (each is dropped before the next is traced); `done`: verified, `shards` is
   * final.
   */
  phase: Phase;
  /** Shards proven so far. */
  shard: number;
  /** Shards in the proof, 0 until `done`. */
  shards: number;
  /** The program's cycles (execution is the first step). */
  cycles: number;
  elapsedMs: number;
  /** The wasm memory's size in bytes (it only grows: also its peak). */
  memoryBytes: number;
}

export interface ProofResult {
  /** Stock sp1-sdk 6.10.0 `SP1ProofWithPublicValues` (a core proof), bincode. */
  proof: Uint8Array;
  publicValues: Uint8Array;
  publicValuesHex: string;
  cycles: number;
  shards: number;
  /** The trace elements per shard the proof was cut at. */
  elementThreshold: number;
  /** The peak memory the memory guard expected. */
  estimatedMemoryBytes: number;
  /** The verifying key's hash as stock prints it (`vk.bytes32()`). */
  vkHash: string;
  /** The Rayon pool's size the proof ran on. */
  threads: number;
  memoryBytes: number;
  /** Wall time of the proof in the worker. */
  provingMs: number;
}
