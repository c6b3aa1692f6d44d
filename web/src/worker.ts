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
import { setupThroughCache } from './key-cache.js';
import type { ProgramRef, Request, WorkerSettings } from './protocol.js';
import type { Progress, SpanTiming, Stdin } from './types.js';
import { coded, loadBuild, memoryLimit, post, serve } from './worker-runtime.js';

/**
 * wasm-bindgen-rayon's pool threads (its `no-bundler` helper) run this same bundle and import it
 * as the threaded glue: they need its init function and their entry point under these names.
 */
export { default, wbg_rayon_start_worker } from '../pkg/sp1_wasm_prover.js';

/** What this worker calls of either build once it started. */
type Glue = Pick<
  typeof singleThreadGlue,
  | 'encodeGuestInput'
  | 'enableTracing'
  | 'execute'
  | 'generateProof'
  | 'generateProofFromElf'
  | 'provingKeyFromBytes'
  | 'setup'
  | 'verifyProof'
>;

let wasm: Glue;
let cacheKeys = false;
/** The default `memoryLimitBytes` of a proof. */
let memoryLimitBytes: number;
const keys = new Map<number, ProvingKey>();
let nextKeyId = 1;

function stdinChunks(stdin: Stdin): Uint8Array[] {
  if (Array.isArray(stdin)) return stdin;
  return wasm.encodeGuestInput(stdin.guest, JSON.stringify(stdin.input));
}

/** Loads the build the page chose, reports its deaths on the fatal channel, starts the pool. */
async function start(settings: WorkerSettings): Promise<void> {
  wasm = await loadBuild<Glue>(
    settings,
    { init: initThreaded, glue: threadedGlue },
    { init: initSingleThread, glue: singleThreadGlue },
  );
  if (settings.tracing) wasm.enableTracing(settings.tracing);
  cacheKeys = settings.cache === 'indexeddb';
  memoryLimitBytes = memoryLimit(settings.maxMemoryBytes);
}

function key(program: ProgramRef & { keyId: number }): ProvingKey {
  const found = keys.get(program.keyId);
  if (!found) throw coded('INVALID_OPTIONS', `no proving key ${program.keyId} in this worker`);
  return found;
}

async function handle(id: number, request: Exclude<Request, { type: 'init' }>): Promise<[unknown, Transferable[]]> {
  switch (request.type) {
    case 'setup': {
      const { provingKey, fromCache } = cacheKeys
        ? await setupThroughCache(wasm, request.elf)
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

serve(start, handle);
