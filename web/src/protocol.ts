/** Messages between the page (connection.ts) and a prover worker (worker.ts, v6/worker.ts). */
import type { SerializedError } from './errors.js';
import type { ExecuteOptions, KeyCache, ProveOptions, Progress, Stdin, TracingLevel } from './types.js';

/** How any prover worker starts its wasm instance and pool. */
export interface PoolSettings {
  /** The threaded build and a pool of `threads`, or the single-threaded build. */
  threaded: boolean;
  threads: number;
  /** The chosen build's `.wasm` file, resolved by the page. */
  wasmUrl: string;
  /** The shared memory's maximum (threaded builds only); default 4 GiB. */
  maxMemoryBytes?: number;
  /** The `BroadcastChannel` on which a dying instance says why (prover/boundary/src/fatal.rs). */
  fatalChannel: string;
}

/** Where a worker's `setup` keeps proving keys between page loads. */
export interface KeyCacheSettings {
  cache?: KeyCache;
}

/** How the SP1 5 worker starts. */
export interface WorkerSettings extends PoolSettings, KeyCacheSettings {
  tracing?: TracingLevel;
}

/** A program: its ELF, or the id of a key set up earlier in the same worker. */
export type ProgramRef = { elf: Uint8Array } | { keyId: number };

/** How a request names the program a caller gave: its ELF, or a key the worker holds. */
export function programRef(program: Uint8Array | { keyId: number }): ProgramRef {
  return program instanceof Uint8Array ? { elf: program } : { keyId: program.keyId };
}

export type Request =
  | ({ type: 'init' } & WorkerSettings)
  | { type: 'setup'; elf: Uint8Array }
  | { type: 'releaseKey'; keyId: number }
  | { type: 'execute'; elf: Uint8Array; stdin: Stdin; options: ExecuteOptions }
  | { type: 'prove'; program: ProgramRef; stdin: Stdin; options: ProveOptions }
  | { type: 'verify'; proof: Uint8Array; vkOrElf: Uint8Array }
  | { type: 'spans' };

export type RequestMessage = Request & { id: number };

export type ResponseMessage<P = Progress> =
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'error'; error: SerializedError; fatal: boolean }
  | { id: number; type: 'progress'; progress: P };

/** What the prover's hooks post on the fatal channel before the instance traps. */
export interface FatalMessage {
  code: 'OUT_OF_MEMORY' | 'WORKER_CRASHED';
  message: string;
  /** The size of the allocation that failed, or 0. */
  bytes: number;
}
