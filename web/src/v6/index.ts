/**
 * SP1 6.10.0 core proofs in the browser: `import { createProver } from 'sp1-wasm/v6'`. The same
 * shape as the SP1 5 API of 'sp1-wasm' (a dedicated worker owning the wasm prover and a Rayon
 * pool; progress, cancellation, coded `SP1WasmError`s), on a second module: SP1 6's field, proof
 * system and guest ISA (RV64IM) differ, so its proofs, keys and ELFs do not mix with SP1 5's, and
 * a page pays only for the version it imports (docs/sp1-v6.md). A page that is not cross-origin
 * isolated gets the single-threaded build instead: the same proofs, on one core.
 */
import { WorkerConnection, type CallOptions } from '../connection.js';
import { checkedKeyCache, chooseBuild, type BuildOptions } from '../environment.js';
import { SP1WasmError } from '../errors.js';
import { programRef } from '../protocol.js';
import type { ExecutionResult, KeyCache, VerifyResult } from '../types.js';
import type { Request, WorkerSettings } from './protocol.js';
import type { ExecuteOptions, ProgramKey, ProofResult, Progress, ProveOptions } from './types.js';
import { wasmUrl, workerScript } from './worker-script.js';

export type { CallOptions } from '../connection.js';
export { hasWasmSimd, isCrossOriginIsolated } from '../environment.js';
export { SP1WasmError } from '../errors.js';
export type { ErrorCode } from '../errors.js';
export type * from './types.js';
export type { VerifyResult } from '../types.js';

export interface CreateProverOptions extends BuildOptions {
  /** Keep proving keys between page loads (see `KeyCache`); default none. */
  cache?: KeyCache;
}

export interface ExecuteCallOptions extends ExecuteOptions, CallOptions {}

export interface ProveCallOptions extends ProveOptions, CallOptions {
  onProgress?: (progress: Progress) => void;
}

export interface Prover {
  /** Whether this is the threaded build; `false` means one core, so proofs take longer. */
  readonly threaded: boolean;
  readonly threads: number;
  /** The keys of `elf` (an SP1 6 guest, RV64IM), made once for any number of proofs. Rejects with `INVALID_ELF`. */
  setup(elf: Uint8Array, options?: CallOptions): Promise<ProgramKey>;
  /**
   * Runs `elf` on `stdin` without proving: its cycles and public values. Rejects with
   * `INVALID_ELF`, `INVALID_STDIN`, `INVALID_OPTIONS` or `EXECUTION_FAILED` (the guest's panic,
   * or past `maxCycles`).
   */
  execute(elf: Uint8Array, stdin: Uint8Array[], options?: ExecuteCallOptions): Promise<ExecutionResult>;
  /**
   * A core proof of a program (its ELF, set up for this proof alone, or the key of `setup`) on
   * `stdin` (one chunk per guest `read`, bincode for `read::<T>()`), checked with every check of
   * stock's core verifier before it is returned. Rejects with `INVALID_ELF`, `INVALID_STDIN`,
   * `INVALID_OPTIONS`, `EXECUTION_FAILED`, `OUT_OF_MEMORY` or `PROVING_FAILED`.
   */
  prove(program: Uint8Array | ProgramKey, stdin: Uint8Array[], options?: ProveCallOptions): Promise<ProofResult>;
  /**
   * Verifies a proof (stock `SP1ProofWithPublicValues` bincode) with every check of stock's core
   * verifier, against a verifying key (`key.vk`, stock `SP1VerifyingKey` bincode) or the
   * program's ELF. Rejects with `INVALID_PROOF`, `UNSUPPORTED_PROOF`, `INVALID_VERIFYING_KEY`,
   * `INVALID_ELF` or `VERIFICATION_FAILED`.
   */
  verify(proof: Uint8Array, vkOrElf: Uint8Array, options?: CallOptions): Promise<VerifyResult>;
  /** Frees a key's memory in the worker. */
  release(key: ProgramKey): Promise<void>;
  terminate(): void;
}

/**
 * Starts the SP1 6 prover: the threaded build on a cross-origin isolated page (served with
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`),
 * else the single-threaded one (`prover.threaded` is false), or `NOT_ISOLATED` with
 * `requireThreads`. Rejects with `NO_THREADS` if the pool fails, `UNSUPPORTED_BROWSER` without
 * WebAssembly SIMD.
 */
export async function createProver(options: CreateProverOptions = {}): Promise<Prover> {
  const { threaded, threads, maxMemoryBytes } = chooseBuild(options);
  const connection = new WorkerConnection<Request, Progress, Omit<WorkerSettings, 'fatalChannel'>>(
    workerScript,
    'sp1-wasm-prover-v6',
    { threaded, threads, wasmUrl: wasmUrl(threaded), maxMemoryBytes, cache: checkedKeyCache(options.cache) },
  );
  await connection.ready();
  return {
    threaded,
    threads: connection.settings.threads,
    setup: (elf, options = {}) => connection.call({ type: 'setup', elf }, options.signal),
    execute: async (elf, stdin, options = {}) => {
      checkStdin(stdin);
      const { signal, ...executeOptions } = options;
      return connection.call({ type: 'execute', elf, stdin, options: executeOptions }, signal);
    },
    prove: async (program, stdin, options = {}) => {
      checkStdin(stdin);
      const { signal, onProgress, ...proveOptions } = options;
      return connection.call({ type: 'prove', program: programRef(program), stdin, options: proveOptions }, signal, onProgress);
    },
    verify: (proof, vkOrElf, options = {}) => connection.call({ type: 'verify', proof, vkOrElf }, options.signal),
    release: (key) => connection.call({ type: 'releaseKey', keyId: key.keyId }),
    terminate: () => connection.terminate(),
  };
}

function checkStdin(stdin: unknown): void {
  if (!Array.isArray(stdin)) throw new SP1WasmError('INVALID_STDIN', 'stdin must be an array of Uint8Array chunks');
}
