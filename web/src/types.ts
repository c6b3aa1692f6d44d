/** The bundled guest programs whose input types the prover knows. */
export type GuestName = 'fibonacci' | 'keccak' | 'stats' | 'hashes';

/**
 * Stdin for a program: raw chunks (one per guest `read`, bincode for `read::<T>()`), or a bundled
 * guest's typed input (fibonacci: a number; keccak and hashes: `{ data: number[], rounds: number }`;
 * stats: `{ name: string, values: number[] }`).
 */
export type Stdin = Uint8Array[] | { guest: GuestName; input: unknown };

export type TracePadding = 'compact' | 'fixed';

export interface ExecuteOptions {
  /** Execution stops with `EXECUTION_FAILED` after this many cycles. */
  maxCycles?: number;
}

export interface ProveOptions extends ExecuteOptions {
  /**
   * log2 of the cycles per shard, 16 to 22. Unset: 19, or the largest size up to it whose
   * estimated peak memory fits `memoryLimitBytes`. Set, and estimated not to fit: the proof is
   * refused with `OUT_OF_MEMORY` before it starts, naming a size that fits.
   */
  log2ShardSize?: number;
  /** `compact` (default): main traces padded to the next power of two; `fixed`: stock's shapes. */
  tracePadding?: TracePadding;
  /**
   * The memory a proof may use. Default: the wasm memory's maximum (4 GiB, or
   * `maxMemoryBytes`), and no more than three quarters of `navigator.deviceMemory`.
   */
  memoryLimitBytes?: number;
}

export type Phase =
  | 'execute'
  | 'checkpoint'
  | 'generateTraces'
  | 'commit'
  | 'open'
  | 'shardProved'
  | 'done';

export interface Progress {
  phase: Phase;
  /** The shard being proven, from 1 (0 before the first). */
  shard: number;
  /** Shards planned so far; final once the last checkpoint has been traced. */
  shards: number;
  cycles: number;
  totalCycles: number;
  elapsedMs: number;
  /** The wasm memory's size in bytes (it only grows: also its peak). */
  memoryBytes: number;
}

export interface ExecutionResult {
  cycles: number;
  publicValues: Uint8Array;
  publicValuesHex: string;
}

export interface ProofResult {
  /** Stock `SP1ProofWithPublicValues`, bincode: what `proof.save()` writes. */
  proof: Uint8Array;
  publicValues: Uint8Array;
  proofHex: string;
  publicValuesHex: string;
  cycles: number;
  vkHash: string;
  memoryBytes: number;
  /** The Rayon pool's size the proof ran on. */
  threads: number;
  /** The shard size used: the requested one, or the one fitted to the memory limit. */
  log2ShardSize: number;
  /** The peak memory the memory guard estimated for it (compare `memoryBytes`). */
  estimatedMemoryBytes: number;
  /** Wall time of the proof in the worker. */
  provingMs: number;
}

export interface VerifyResult {
  vkHash: string;
  shards: number;
  publicValuesHex: string;
}

export interface SetupResult {
  /** Stock `SP1VerifyingKey`, bincode. */
  vk: Uint8Array;
  vkHash: string;
  /** Whether the key came from the key cache (`createProver({ cache })`) instead of setup. */
  fromCache: boolean;
}

/**
 * `indexeddb`: `setup` stores proving keys in the browser's IndexedDB, keyed by the ELF's
 * SHA-256 and this package's version, and a later page load reads them back instead of setting
 * up again. A damaged entry is deleted and set up afresh.
 */
export type KeyCache = 'indexeddb';

/** Which of the prover's spans are recorded as performance measures. */
export type TracingLevel = 'info' | 'debug';

/** Time spent in one of the prover's spans, summed over its runs on the proving thread. */
export interface SpanTiming {
  name: string;
  totalMs: number;
  count: number;
}
