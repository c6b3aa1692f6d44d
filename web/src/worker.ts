/// <reference lib="webworker" />
/**
 * The dedicated worker that owns the wasm prover and its Rayon pool. Proving blocks this thread,
 * never the page's; the pool's threads are further workers that wasm-bindgen-rayon starts.
 *
 * `npm run build` bundles this file, both builds' wasm-bindgen glue and wasm-bindgen-rayon's
 * worker helper into one self-contained module (scripts/bundle-worker.mjs), which the page starts
 * from a blob URL: no bundler has to find or rewrite anything in here. The wasm binaries are the
 * page's to locate (`wasmUrl` in worker-script.ts) and arrive in the init message.
 */
import initSingleThread, * as singleThreadGlue from '../pkg-st/sp1_wasm_prover.js';
import initThreaded, * as threadedGlue from '../pkg/sp1_wasm_prover.js';
import type { ProvingKey } from '../pkg/sp1_wasm_prover.js';
import type { ErrorCode, SerializedError } from './errors.js';
import { deleteKeyBytes, keyIdOf, loadKeyBytes, storeKeyBytes } from './key-cache.js';
import type { ProgramRef, Request, RequestMessage, ResponseMessage, WorkerSettings } from './protocol.js';
import type { Progress, SpanTiming, Stdin } from './types.js';

declare const self: DedicatedWorkerGlobalScope;

/**
 * wasm-bindgen-rayon's pool threads (its `no-bundler` helper) run this same bundle and import it
 * as the threaded glue: they need its init function and their entry point under these names.
 */
export { default, wbg_rayon_start_worker } from '../pkg/sp1_wasm_prover.js';

/** What this worker calls of either build; only the threaded one has `initThreadPool`. */
type Glue = Pick<
  typeof singleThreadGlue,
  | 'encodeGuestInput'
  | 'enableTracing'
  | 'execute'
  | 'generateProof'
  | 'generateProofFromElf'
  | 'provingKeyFromBytes'
  | 'reportFatalErrorsTo'
  | 'setup'
  | 'verifyProof'
> &
  Partial<Pick<typeof threadedGlue, 'initThreadPool'>>;

const WASM_PAGE_BYTES = 65536;
/** wasm32's ceiling, and both builds' memory maximum. */
const WASM32_MAX_BYTES = 2 ** 32;
/**
 * Pages a capped shared memory starts with: above the module's declared minimum, which
 * e2e/wasm-module.test.mjs checks; the prover grows far past it at once anyway.
 */
const INITIAL_MEMORY_PAGES = 1024;

let wasm: Glue;
let cacheKeys = false;
/** The default `memoryLimitBytes` of a proof. */
let memoryLimitBytes = WASM32_MAX_BYTES;
const keys = new Map<number, ProvingKey>();
let nextKeyId = 1;

function post(message: ResponseMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function stdinChunks(stdin: Stdin): Uint8Array[] {
  if (Array.isArray(stdin)) return stdin;
  return wasm.encodeGuestInput(stdin.guest, JSON.stringify(stdin.input));
}

/** Loads the build the page chose, reports its deaths on the fatal channel, starts the pool. */
async function start(settings: WorkerSettings): Promise<void> {
  const maxMemoryBytes = settings.maxMemoryBytes ?? WASM32_MAX_BYTES;
  wasm = settings.threaded
    ? await loadThreaded(settings.wasmUrl, maxMemoryBytes)
    : await loadSingleThread(settings.wasmUrl);
  wasm.reportFatalErrorsTo(settings.fatalChannel);
  if (settings.tracing) wasm.enableTracing(settings.tracing);
  cacheKeys = settings.cache === 'indexeddb';
  if (wasm.initThreadPool && settings.threads > 1) {
    try {
      await wasm.initThreadPool(settings.threads);
    } catch (e) {
      throw coded('NO_THREADS', `the thread pool did not start: ${String(e)}`);
    }
  }
  memoryLimitBytes = Math.min(maxMemoryBytes, deviceMemoryBudget());
}

async function loadThreaded(wasmUrl: string, maxMemoryBytes: number): Promise<Glue> {
  // A shared memory capped below the module's 4 GiB maximum; the glue's own one otherwise.
  const memory =
    maxMemoryBytes < WASM32_MAX_BYTES
      ? new WebAssembly.Memory({
          initial: INITIAL_MEMORY_PAGES,
          maximum: Math.floor(maxMemoryBytes / WASM_PAGE_BYTES),
          shared: true,
        })
      : undefined;
  await initThreaded({ module_or_path: wasmUrl, memory });
  // The two builds declare their own (identical) ProvingKey classes.
  return threadedGlue as unknown as Glue;
}

async function loadSingleThread(wasmUrl: string): Promise<Glue> {
  await initSingleThread({ module_or_path: wasmUrl });
  return singleThreadGlue;
}

/**
 * Three quarters of the device's memory, as far as the browser tells (Chromium's
 * `navigator.deviceMemory`: GiB, rounded down, at most 8): the rest is the browser's and the OS's.
 */
function deviceMemoryBudget(): number {
  const gib = (navigator as { deviceMemory?: number }).deviceMemory;
  return gib ? Math.floor(gib * 2 ** 30 * 0.75) : Infinity;
}

function key(program: ProgramRef & { keyId: number }): ProvingKey {
  const found = keys.get(program.keyId);
  if (!found) throw coded('INVALID_OPTIONS', `no proving key ${program.keyId} in this worker`);
  return found;
}

/** The key from IndexedDB when an intact entry decodes, else set up and stored. */
async function setupThroughCache(elf: Uint8Array): Promise<{ provingKey: ProvingKey; fromCache: boolean }> {
  const id = await keyIdOf(elf);
  // Storage can be unavailable (private windows) or full: then setup runs as without a cache.
  const bytes = await loadKeyBytes(id).catch(warnStorage);
  if (bytes) {
    try {
      return { provingKey: wasm.provingKeyFromBytes(bytes), fromCache: true };
    } catch {
      await deleteKeyBytes(id).catch(warnStorage);
    }
  }
  const provingKey = wasm.setup(elf);
  await storeKeyBytes(id, provingKey.toBytes()).catch(warnStorage);
  return { provingKey, fromCache: false };
}

function warnStorage(error: unknown): null {
  console.warn(`sp1-wasm: the proving-key cache is unavailable: ${String(error)}`);
  return null;
}

function coded(code: ErrorCode, message: string): Error & { code: ErrorCode } {
  return Object.assign(new Error(message), { code });
}

async function handle(id: number, request: Request): Promise<[unknown, Transferable[]]> {
  switch (request.type) {
    case 'init': {
      const { type: _, ...settings } = request;
      await start(settings);
      return [null, []];
    }
    case 'setup': {
      const { provingKey, fromCache } = cacheKeys
        ? await setupThroughCache(request.elf)
        : { provingKey: wasm.setup(request.elf), fromCache: false };
      const keyId = nextKeyId++;
      keys.set(keyId, provingKey);
      const vk = provingKey.vkBytes;
      return [{ keyId, vk, vkHash: provingKey.vkHash, fromCache }, [vk.buffer]];
    }
    case 'releaseKey': {
      keys.get(request.keyId)?.free();
      keys.delete(request.keyId);
      return [null, []];
    }
    case 'execute': {
      const result = wasm.execute(request.elf, stdinChunks(request.stdin), request.options);
      return [result, [result.publicValues.buffer]];
    }
    case 'prove': {
      const onProgress = (progress: Progress) => post({ id, type: 'progress', progress });
      const stdin = stdinChunks(request.stdin);
      const options = { ...request.options, memoryLimitBytes: request.options.memoryLimitBytes ?? memoryLimitBytes };
      const started = performance.now();
      const result =
        'elf' in request.program
          ? wasm.generateProofFromElf(request.program.elf, stdin, options, onProgress)
          : wasm.generateProof(key(request.program), stdin, options, onProgress);
      result.provingMs = performance.now() - started;
      return [result, [result.proof.buffer, result.publicValues.buffer]];
    }
    case 'verify':
      return [wasm.verifyProof(request.proof, request.vkOrElf), []];
    case 'spans':
      return [collectSpans(), []];
  }
}

/** Sums the span measures tracing-web recorded on this thread since the last call, by span name. */
function collectSpans(): SpanTiming[] {
  const timings = new Map<string, SpanTiming>();
  for (const entry of performance.getEntriesByType('measure')) {
    const name = entry.name.replace(/ \[\d+\]: span-measure$/, '');
    const timing = timings.get(name) ?? { name, totalMs: 0, count: 0 };
    timing.totalMs += entry.duration;
    timing.count += 1;
    timings.set(name, timing);
  }
  performance.clearMeasures();
  performance.clearMarks();
  return [...timings.values()].sort((a, b) => b.totalMs - a.totalMs);
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

self.onmessage = async (event: MessageEvent<RequestMessage>) => {
  const { id, ...request } = event.data;
  try {
    const [value, transfer] = await handle(id, request as Request);
    post({ id, type: 'result', value }, transfer);
  } catch (error) {
    post({ id, type: 'error', ...serialize(error) });
  }
};
