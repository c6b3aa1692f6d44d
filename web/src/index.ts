/**
 * SP1 5.2.4 core proofs in the browser. `createProver` starts a dedicated worker that owns the
 * wasm prover and a Rayon pool of `threads` Web Workers; every call is a message to it, so the
 * page never blocks. Calls run one at a time, in order. A page that is not cross-origin
 * isolated gets the single-threaded build instead: the same proofs, on one core.
 */
import { SP1WasmError, type ErrorCode, type SerializedError } from './errors.js';
import type { FatalMessage, ProgramRef, Request, ResponseMessage, WorkerSettings } from './protocol.js';
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

export { SP1WasmError } from './errors.js';
export type { ErrorCode } from './errors.js';
export type * from './types.js';

export interface CreateProverOptions {
  /** Rayon pool size; default `navigator.hardwareConcurrency`. 1 without cross-origin isolation. */
  threads?: number;
  /** Reject with `NOT_ISOLATED` rather than fall back to the single-threaded build. */
  requireThreads?: boolean;
  /**
   * Cap on the threaded build's wasm memory, 64 MiB to 4 GiB (default 4 GiB). Proofs estimated
   * not to fit are refused or fitted (see `ProveOptions.log2ShardSize`).
   */
  maxMemoryBytes?: number;
  /** Record the prover's spans as performance measures (see `Prover.spans`). */
  tracing?: TracingLevel;
  /** Keep proving keys between page loads (see `KeyCache`); default none. */
  cache?: KeyCache;
}

export interface CallOptions {
  /** Cancels the call: the worker and its pool are terminated and replaced on the next call. */
  signal?: AbortSignal;
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

interface Pending {
  resolve(value: unknown): void;
  reject(error: SP1WasmError): void;
  onProgress?: (progress: Progress) => void;
}

/** Whether this page can run the threaded prover (it needs SharedArrayBuffer). */
export function isCrossOriginIsolated(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

/** The smallest module using a SIMD instruction (`i32.const 0; i8x16.splat`): valid only where
 * WebAssembly has 128-bit SIMD. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11,
]);

/** Whether WebAssembly has 128-bit SIMD, which both builds' packed field arithmetic uses. */
export function hasWasmSimd(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}

/** How long a trap reported by the worker waits for its cause on the fatal channel. */
const FATAL_REPORT_WAIT_MS = 250;

const MIN_MEMORY_BYTES = 64 * 2 ** 20;
const MAX_MEMORY_BYTES = 2 ** 32;

/**
 * Starts the prover: the threaded build on a cross-origin isolated page (served with
 * `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`),
 * else the single-threaded one (`prover.threaded` is false), or `NOT_ISOLATED` with
 * `requireThreads`. Rejects with `NO_THREADS` if the pool fails, `UNSUPPORTED_BROWSER` without
 * WebAssembly SIMD.
 */
export async function createProver(options: CreateProverOptions = {}): Promise<Prover> {
  if (!hasWasmSimd()) {
    throw new SP1WasmError(
      'UNSUPPORTED_BROWSER',
      "this browser's WebAssembly has no 128-bit SIMD, which the prover needs: " +
        'use Chrome or Edge 91, Firefox 89, Safari 16.4 or later',
    );
  }
  const threaded = isCrossOriginIsolated();
  if (!threaded && options.requireThreads) {
    throw new SP1WasmError(
      'NOT_ISOLATED',
      'this page is not cross-origin isolated, so SharedArrayBuffer and threads are unavailable: ' +
        'serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp',
    );
  }
  const { maxMemoryBytes } = options;
  if (maxMemoryBytes !== undefined && !(maxMemoryBytes >= MIN_MEMORY_BYTES && maxMemoryBytes <= MAX_MEMORY_BYTES)) {
    throw new SP1WasmError('INVALID_OPTIONS', `maxMemoryBytes must be between 64 MiB and 4 GiB, got ${maxMemoryBytes}`);
  }
  if (options.cache !== undefined && options.cache !== 'indexeddb') {
    throw new SP1WasmError('INVALID_OPTIONS', `cache must be 'indexeddb' or unset, got ${String(options.cache)}`);
  }
  const threads = threaded ? Math.max(1, Math.floor(options.threads ?? navigator.hardwareConcurrency ?? 1)) : 1;
  const connection = new WorkerConnection({
    threaded,
    threads,
    wasmUrl: wasmUrl(threaded),
    tracing: options.tracing,
    cache: options.cache,
    maxMemoryBytes,
  });
  await connection.ready();
  return connection.prover();
}

type ConnectionSettings = Omit<WorkerSettings, 'fatalChannel'>;

/** One worker at a time; replaced after a cancellation or a crash. */
class WorkerConnection {
  private worker: Worker | null = null;
  /** Where the worker's instance, or any thread of its pool, says it is dying. */
  private fatalChannel: BroadcastChannel | null = null;
  private starting: Promise<void> | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;
  private terminated = false;
  /** Set while a trap's cause may still arrive on the fatal channel. */
  private fatalReportTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly settings: ConnectionSettings) {}

  ready(): Promise<void> {
    if (this.terminated) return Promise.reject(new SP1WasmError('TERMINATED', 'the prover was terminated'));
    if (!this.starting) {
      this.worker = new Worker(workerScript(), { type: 'module', name: 'sp1-wasm-prover' });
      this.worker.onmessage = (event: MessageEvent<ResponseMessage>) => this.receive(event.data);
      this.worker.onerror = (event) => {
        event.preventDefault();
        this.fail(new SP1WasmError('WORKER_CRASHED', `the prover worker failed: ${event.message}`));
      };
      const fatalChannel = `sp1-wasm-fatal-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      this.fatalChannel = new BroadcastChannel(fatalChannel);
      this.fatalChannel.onmessage = (event: MessageEvent<FatalMessage>) => this.fail(fatalError(event.data));
      this.starting = this.send({ type: 'init', ...this.settings, fatalChannel }).then(() => undefined);
      // A failed start leaves nothing to reuse.
      this.starting.catch(() => this.reset());
    }
    return this.starting;
  }

  prover(): Prover {
    const call = <T>(request: Request, options?: CallOptions, onProgress?: (p: Progress) => void) =>
      this.call<T>(request, options?.signal, onProgress);
    return {
      threaded: this.settings.threaded,
      threads: this.settings.threads,
      execute: (elf, stdin, options = {}) => {
        const { signal, ...executeOptions } = options;
        return call({ type: 'execute', elf, stdin, options: executeOptions }, { signal });
      },
      setup: (elf, options) => call({ type: 'setup', elf }, options),
      prove: (program, stdin, options = {}) => {
        const { signal, onProgress, ...proveOptions } = options;
        const ref: ProgramRef = program instanceof Uint8Array ? { elf: program } : { keyId: program.keyId };
        return call({ type: 'prove', program: ref, stdin, options: proveOptions }, { signal }, onProgress);
      },
      verify: (proof, vkOrElf, options) => call({ type: 'verify', proof, vkOrElf }, options),
      spans: () => call({ type: 'spans' }),
      release: (key) => call({ type: 'releaseKey', keyId: key.keyId }),
      terminate: () => {
        this.terminated = true;
        this.fail(new SP1WasmError('TERMINATED', 'the prover was terminated'));
      },
    };
  }

  private async call<T>(request: Request, signal?: AbortSignal, onProgress?: (p: Progress) => void): Promise<T> {
    if (signal?.aborted) throw aborted();
    await this.ready();
    const result = this.send(request, onProgress);
    if (!signal) return result as Promise<T>;
    // The worker is busy inside wasm and cannot be interrupted: cancelling ends it and its pool.
    const onAbort = () => this.fail(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return (await result) as T;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  private send(request: Request, onProgress?: (p: Progress) => void): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker!.postMessage({ id, ...request });
    });
  }

  private receive(message: ResponseMessage): void {
    const pending = this.pending.get(message.id);
    if (!pending) return;
    if (message.type === 'progress') {
      pending.onProgress?.(message.progress);
      return;
    }
    if (message.type === 'result') {
      this.pending.delete(message.id);
      pending.resolve(message.value);
      return;
    }
    const error = toError(message.error);
    if (message.fatal) {
      // The instance trapped, on this worker's own thread. Its hooks name the cause on the fatal
      // channel just before the trap, and that report can arrive after this message: wait for
      // it briefly, then fail every call (this one included) and start afresh on the next one.
      this.fatalReportTimer ??= setTimeout(() => this.fail(error), FATAL_REPORT_WAIT_MS);
      return;
    }
    this.pending.delete(message.id);
    pending.reject(error);
  }

  /** Rejects every pending call with `error` and drops the worker; the next call starts a new one. */
  private fail(error: SP1WasmError): void {
    const pending = [...this.pending.values()];
    this.reset();
    for (const call of pending) call.reject(error);
  }

  private reset(): void {
    if (this.fatalReportTimer) clearTimeout(this.fatalReportTimer);
    this.fatalReportTimer = null;
    this.worker?.terminate();
    this.worker = null;
    this.fatalChannel?.close();
    this.fatalChannel = null;
    this.starting = null;
    this.pending.clear();
  }
}

function aborted(): SP1WasmError {
  return new SP1WasmError('ABORTED', 'the call was cancelled');
}

function fatalError({ code, message, bytes }: FatalMessage): SP1WasmError {
  const detail = bytes > 0 ? ` (allocating ${bytes} bytes)` : '';
  return new SP1WasmError(code, `${message}${detail}; the worker was replaced`);
}

function toError(error: SerializedError): SP1WasmError {
  return new SP1WasmError(error.code as ErrorCode, error.message);
}
