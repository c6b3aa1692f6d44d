/** What the SP1 6 prover takes and returns. */

export interface ProveOptions {
  /**
   * Trace elements per shard, at most 2^32 - 1. By default the prover chooses from the program's
   * cycles, run before any trace is made: stock's size (one shard, besides those of precompile
   * events) up to 2^17 cycles, else 2^23, whose proofs peak at about 2.5 GiB up to a million
   * cycles (docs/sp1-v6.md). Smaller shards use less memory, but each costs a fixed time.
   */
  elementThreshold?: number;
}

export type Phase = 'setup' | 'execute' | 'shardProved' | 'done';

/** A program's keys, held by the prover's worker: `prove` reuses them. */
export interface ProgramKey {
  readonly keyId: number;
  /** Stock `SP1VerifyingKey`, bincode: `verify` takes it. */
  readonly vk: Uint8Array;
  /** The verifying key's hash as stock prints it (`vk.bytes32()`). */
  readonly vkHash: string;
}

export interface Progress {
  /**
   * `setup`: keys made (only when `prove` is given an ELF); `execute`: the program ran, `cycles`
   * is final; `shardProved`: one more shard traced and proven (each is dropped before the next is
   * traced); `done`: verified, `shards` is final.
   */
  phase: Phase;
  /** Shards proven so far. */
  shard: number;
  /** Shards in the proof, 0 until `done`. */
  shards: number;
  /** The program's cycles, 0 until execution ends. */
  cycles: number;
  elapsedMs: number;
  /** The wasm memory's size in bytes (it only grows: also its peak). */
  memoryBytes: number;
}

export interface ProofResult {
  /** Stock sp1-sdk 6.10.0 `SP1ProofWithPublicValues` (a core proof), bincode. */
  proof: Uint8Array;
  publicValues: Uint8Array;
  cycles: number;
  shards: number;
  /** The trace elements per shard the proof was cut at. */
  elementThreshold: number;
  /** The verifying key's hash as stock prints it (`vk.bytes32()`). */
  vkHash: string;
  /** The Rayon pool's size the proof ran on. */
  threads: number;
  memoryBytes: number;
  /** Wall time of the proof in the worker. */
  provingMs: number;
}
