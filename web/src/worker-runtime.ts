/// <reference lib="webworker" />
/**
 * What every prover worker does alike (worker.ts for SP1 5, v6/worker.ts for SP1 6): answer the
 * page's requests in order, turn failures into coded errors, give a threaded build its shared
 * memory, and start the Rayon pool.
 */
import type { ErrorCode, SerializedError } from './errors.js';
import type { PoolSettings, ResponseMessage } from './protocol.js';

declare const self: DedicatedWorkerGlobalScope;

const WASM_PAGE_BYTES = 65536;
/** wasm32's ceiling, and every threaded build's memory maximum. */
export const WASM32_MAX_BYTES = 2 ** 32;
/**
 * Pages a capped shared memory starts with: above each module's declared minimum, which
 * e2e/wasm-module.test.mjs checks; the prover grows far past it at once anyway.
 */
const INITIAL_MEMORY_PAGES = 1024;

/**
 * The default memory limit of a proof: the wasm memory's maximum (`maxMemoryBytes`, else 4 GiB),
 * and no more than three quarters of the device's memory as far as the browser tells (Chromium's
 * `navigator.deviceMemory`: GiB, rounded down, at most 8): the rest is the browser's and the OS's.
 */
export function memoryLimit(maxMemoryBytes: number | undefined): number {
  const gib = (navigator as { deviceMemory?: number }).deviceMemory;
  return Math.min(maxMemoryBytes ?? WASM32_MAX_BYTES, gib ? Math.floor(gib * 2 ** 30 * 0.75) : Infinity);
}

/** The part of any build's glue the runtime calls: where a dying instance says why. */
interface FatalReporting {
  reportFatalErrorsTo(channel: string): void;
}

/** The part of a threaded build's glue the runtime starts. */
interface ThreadedGlue extends FatalReporting {
  initThreadPool(threads: number): Promise<unknown>;
}

/** One of a worker's builds: its wasm-bindgen glue and the glue's init. */
export interface Build<Glue> {
  init(options: { module_or_path: string; memory?: WebAssembly.Memory }): Promise<unknown>;
  glue: Glue;
}

export function post<P>(message: ResponseMessage<P>, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

export function coded(code: ErrorCode, message: string): Error & { code: ErrorCode } {
  return Object.assign(new Error(message), { code });
}

/**
 * A shared memory capped at `maxMemoryBytes`, for a threaded build's init; `undefined` (the
 * glue's own memory, up to 4 GiB) without a cap.
 */
function sharedMemory(maxMemoryBytes: number | undefined): WebAssembly.Memory | undefined {
  if (maxMemoryBytes === undefined || maxMemoryBytes >= WASM32_MAX_BYTES) return undefined;
  return new WebAssembly.Memory({
    initial: INITIAL_MEMORY_PAGES,
    maximum: Math.floor(maxMemoryBytes / WASM_PAGE_BYTES),
    shared: true,
  });
}

/**
 * Points the instance's dying words at the page's channel, then starts a pool of
 * `settings.threads`: `NO_THREADS` if it fails. A pool of one too: without a pool, Rayon on
 * wasm32 runs spawned jobs only when the module's thread joins them, and SP1 6's prover blocks
 * on jobs it spawned (`createProver({ threads: 1 })` hung).
 */
async function startPool(glue: ThreadedGlue, settings: PoolSettings): Promise<void> {
  glue.reportFatalErrorsTo(settings.fatalChannel);
  try {
    await glue.initThreadPool(settings.threads);
  } catch (e) {
    throw coded('NO_THREADS', `the thread pool did not start: ${String(e)}`);
  }
}

/**
 * Loads the build the page chose and returns its glue: the threaded one on its shared memory,
 * with its pool started (see `startPool`), or the single-threaded one. Either reports its
 * deaths on the fatal channel.
 */
export async function loadBuild<Glue>(
  settings: PoolSettings,
  threaded: Build<ThreadedGlue>,
  singleThread: Build<Glue & FatalReporting>,
): Promise<Glue> {
  if (settings.threaded) {
    await threaded.init({ module_or_path: settings.wasmUrl, memory: sharedMemory(settings.maxMemoryBytes) });
    await startPool(threaded.glue, settings);
    // The two builds' glue is the same API; each declares its own (identical) classes.
    return threaded.glue as unknown as Glue;
  }
  await singleThread.init({ module_or_path: settings.wasmUrl });
  singleThread.glue.reportFatalErrorsTo(settings.fatalChannel);
  return singleThread.glue;
}

/**
 * Answers the `init` request with `start(settings)`, and each other one with `handle`'s result,
 * or its error serialized. `handle` returns the value and the buffers to transfer with it; it may
 * post progress for `id` meanwhile.
 */
export function serve<Settings extends PoolSettings, Req extends { type: string }>(
  start: (settings: Settings) => Promise<void>,
  handle: (id: number, request: Req) => Promise<[unknown, Transferable[]]>,
): void {
  self.onmessage = async (event: MessageEvent<{ id: number; type: string }>) => {
    const { id, type, ...fields } = event.data;
    try {
      if (type === 'init') {
        await start(fields as unknown as Settings);
        post({ id, type: 'result', value: null });
        return;
      }
      const [value, transfer] = await handle(id, { type, ...fields } as unknown as Req);
      post({ id, type: 'result', value }, transfer);
    } catch (error) {
      post({ id, type: 'error', ...serialize(error) });
    }
  };
}

/**
 * A trap (`RuntimeError`) leaves the instance unusable: its memory may hold a half-done state
 * and locks. Such errors are fatal, and the page replaces this worker.
 */
function serialize(error: unknown): { error: SerializedError; fatal: boolean } {
  if (error instanceof WebAssembly.RuntimeError) {
    const outOfMemory = /memory|alloc/i.test(error.message);
    return {
      error: {
        code: outOfMemory ? 'OUT_OF_MEMORY' : 'WORKER_CRASHED',
        message: `the wasm prover trapped: ${error.message}`,
      },
      fatal: true,
    };
  }
  if (error instanceof RangeError && /memory/i.test(error.message)) {
    return { error: { code: 'OUT_OF_MEMORY', message: error.message }, fatal: true };
  }
  const code = (error as { code?: ErrorCode }).code;
  const message = error instanceof Error ? error.message : String(error);
  return { error: { code: code ?? 'WORKER_CRASHED', message }, fatal: code === undefined };
}
