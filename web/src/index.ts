/**
 * SP1 5.2.4 core proofs in the browser. `createProver` starts a dedicated worker that owns the
 * wasm prover and a Rayon pool of `threads` Web Workers; every call is a message to it, so the
 * page never blocks. Calls run one at a time, in order. A page that is not cross-origin
 * isolated gets the single-threaded build instead: the same proofs, on one core.
 */
import { WorkerConnection, type CallOptions } from './connection.js';
import { checkedKeyCache, chooseBuild, type BuildOptions } from './environment.js';
import { programRef, type Request, type WorkerSettings } from './protocol.js';
import { wasmUrl, workerScript } from './worker-script.js';
import type {
  ExecuteOptions,
  ExecutionResult,
  KeyCache,
  ProofResult,
  Progress,
  ProveOptions,
  SetupResult,
  SpanTiming,
  Stdin,
  TracingLevel,
  VerifyResult,
} from './types.js';

export type { CallOptions } from './connection.js';
export { hasWasmSimd, isCrossOriginIsolated } from './environment.js';
export { SP1WasmError } from './errors.js';
export type { ErrorCode } from './errors.js';
export type * from './types.js';

export interface CreateProverOptions extends BuildOptions {
  /** Record the prover's spans as performance measures (see `Prover.spans`). */
  tracing?: TracingLevel;
  /** Keep proving keys between page loads (see `KeyCache`); default none. */
  cache?: KeyCache;
}

export interface ProveCallOptions extends ProveOptions, CallOptions {
  onProgress?: (progress: Progress) => void;
}

/** A proving key held by the prover's worker. It does not survive a cancelled call. */
export interface ProgramKey extends SetupResult {
  readonly keyId: number;
}

export interface ExecuteCallOptions extends ExecuteOptions, CallOptions {}

export interface Prover {
  /** Whether this is the threaded build; `false` means one core, so proofs take longer. */
  readonly threaded: boolean;
  readonly threads: number;
  execute(elf: Uint8Array, stdin: Stdin, options?: ExecuteCallOptions): Promise<ExecutionResult>;
  setup(elf: Uint8Array, options?: CallOptions): Promise<ProgramKey>;
  prove(program: Uint8Array | ProgramKey, stdin: Stdin, options?: ProveCallOptions): Promise<ProofResult>;
  /** Verifies against a verifying key (stock `SP1VerifyingKey` bincode) or the program's ELF. */
  verify(proof: Uint8Array, vkOrElf: Uint8Array, options?: CallOptions): Promise<VerifyResult>;
  /** Time per prover span on the proving thread since the last call (needs `tracing`). */
  spans(): Promise<SpanTiming[]>;
  /** Frees a proving key's memory in the worker. */
  release(key: ProgramKey): Promise<void>;
  terminate(): void;
}

/**
 * Starts the prover: the threaded build on a cross-origin isolated page (served with
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`),
 * else the single-threaded one (`prover.threaded` is false), or `NOT_ISOLATED` with
 * `requireThreads`. Rejects with `NO_THREADS` if the pool fails, `UNSUPPORTED_BROWSER` without
 * WebAssembly SIMD.
 */
export async function createProver(options: CreateProverOptions = {}): Promise<Prover> {
  const { threaded, threads, maxMemoryBytes } = chooseBuild(options);
  const connection: Connection = new WorkerConnection(
    workerScript,
    'sp1-wasm-prover',
    { threaded, threads, wasmUrl: wasmUrl(threaded), tracing: options.tracing, cache: checkedKeyCache(options.cache), maxMemoryBytes },
  );
  await connection.ready();
  return proverOn(connection);
}

type Connection = WorkerConnection<Request, Progress, Omit<WorkerSettings, 'fatalChannel'>>;

function proverOn(connection: Connection): Prover {
  const call = <T>(request: Request, options?: CallOptions, onProgress?: (p: Progress) => void) =>
    connection.call<T>(request, options?.signal, onProgress);
  return {
    threaded: connection.settings.threaded,
    threads: connection.settings.threads,
    execute: (elf, stdin, options = {}) => {
      const { signal, ...executeOptions } = options;
      return call({ type: 'execute', elf, stdin, options: executeOptions }, { signal });
    },
    setup: (elf, options) => call({ type: 'setup', elf }, options),
    prove: (program, stdin, options = {}) => {
      const { signal, onProgress, ...proveOptions } = options;
      return call({ type: 'prove', program: programRef(program), stdin, options: proveOptions }, { signal }, onProgress);
    },
    verify: (proof, vkOrElf, options) => call({ type: 'verify', proof, vkOrElf }, options),
    spans: () => call({ type: 'spans' }),
    release: (key) => call({ type: 'releaseKey', keyId: key.keyId }),
    terminate: () => connection.terminate(),
  };
}
