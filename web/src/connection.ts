/**
 * The page's side of a prover worker, whichever backend it runs: requests and their replies,
 * progress, cancellation, and recovery when the worker or its wasm instance dies.
 */
import { SP1WasmError, type ErrorCode, type SerializedError } from './errors.js';
import type { FatalMessage, PoolSettings, ResponseMessage } from './protocol.js';

export interface CallOptions {
  /** Cancels the call: the worker and its pool are terminated and replaced on the next call. */
  signal?: AbortSignal;
}

interface Pending<P> {
  resolve(value: unknown): void;
  reject(error: SP1WasmError): void;
  onProgress?: (progress: P) => void;
}

/** How long a trap reported by the worker waits for its cause on the fatal channel. */
const FATAL_REPORT_WAIT_MS = 250;

/**
 * One worker at a time, started from `workerScript()` with `{ type: 'init', ...settings }`;
 * replaced after a cancellation or a crash. `Req` is the backend's requests, `P` its progress.
 */
export class WorkerConnection<Req extends { type: string }, P, S extends Omit<PoolSettings, 'fatalChannel'>> {
  private worker: Worker | null = null;
  /** Where the worker's instance, or any thread of its pool, says it is dying. */
  private fatalChannel: BroadcastChannel | null = null;
  private starting: Promise<void> | null = null;
  private pending = new Map<number, Pending<P>>();
  private nextId = 1;
  private terminated = false;
  /** Set while a trap's cause may still arrive on the fatal channel. */
  private fatalReportTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly workerScript: () => string,
    private readonly workerName: string,
    readonly settings: S,
  ) {}

  ready(): Promise<void> {
    if (this.terminated) return Promise.reject(new SP1WasmError('TERMINATED', 'the prover was terminated'));
    if (!this.starting) {
      this.worker = new Worker(this.workerScript(), { type: 'module', name: this.workerName });
      this.worker.onmessage = (event: MessageEvent<ResponseMessage<P>>) => this.receive(event.data);
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

  async call<T>(request: Req, signal?: AbortSignal, onProgress?: (progress: P) => void): Promise<T> {
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

  terminate(): void {
    this.terminated = true;
    this.fail(new SP1WasmError('TERMINATED', 'the prover was terminated'));
  }

  private send(request: { type: string }, onProgress?: (progress: P) => void): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress });
      this.worker!.postMessage({ id, ...request });
    });
  }

  private receive(message: ResponseMessage<P>): void {
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
