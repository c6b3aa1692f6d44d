/// <reference lib="webworker" />
/**
 * The dedicated worker that owns prover/v6 (SP1 6.10.0), threaded with its Rayon pool or
 * single-threaded: the sibling of ../worker.ts, bundled the same way (scripts/bundle-worker.mjs)
 * into dist/v6/worker-source.js.
 */
import initSingleThread, * as singleThreadGlue from '../../pkg-v6-st/sp1_wasm_v6.js';
import initThreaded, * as threadedGlue from '../../pkg-v6/sp1_wasm_v6.js';
import { setupThroughCache } from '../key-cache.js';
import { coded, loadBuild, memoryLimit, post, serve } from '../worker-runtime.js';
import type { Request, WorkerSettings } from './protocol.js';
import type { ProofResult, Progress } from './types.js';

/** What this worker calls of either build once it started. */
type Glue = Pick<
  typeof singleThreadGlue,
  'execute' | 'proveCore' | 'proveWithKey' | 'provingKeyFromBytes' | 'setup' | 'verifyProof'
>;
/** The two builds declare their own (identical) ProvingKey classes. */
type ProvingKey = singleThreadGlue.ProvingKey;

let glue: Glue;
let cacheKeys = false;
const keys = new Map<number, ProvingKey>();
let nextKeyId = 1;
/** The default `memoryLimitBytes` of a proof. */
let memoryLimitBytes: number;

/** For wasm-bindgen-rayon's pool threads, which import this bundle as the glue (see ../worker.ts). */
export { default, wbg_rayon_start_worker } from '../../pkg-v6/sp1_wasm_v6.js';

/** Loads the build the page chose, reports its deaths on the fatal channel, starts the pool. */
async function start(settings: WorkerSettings): Promise<void> {
  glue = await loadBuild<Glue>(
    settings,
    { init: initThreaded, glue: threadedGlue },
    { init: initSingleThread, glue: singleThreadGlue },
  );
  cacheKeys = settings.cache === 'indexeddb';
  memoryLimitBytes = memoryLimit(settings.maxMemoryBytes);
}

async function handle(id: number, request: Exclude<Request, { type: 'init' }>): Promise<[unknown, Transferable[]]> {
  switch (request.type) {
    case 'setup': {
      const { provingKey, fromCache } = cacheKeys
        ? await setupThroughCache(glue, request.elf)
        : { provingKey: glue.setup(request.elf), fromCache: false };
      const keyId = nextKeyId++;
      keys.set(keyId, provingKey);
      const vk = provingKey.vkBytes;
      return [{ keyId, vk, vkHash: provingKey.vkHash, fromCache }, [vk.buffer]];
    }
    case 'execute': {
      const result = glue.execute(request.elf, request.stdin, request.options);
      return [result, [result.publicValues.buffer]];
    }
    case 'releaseKey': {
      keys.get(request.keyId)?.free();
      keys.delete(request.keyId);
      return [null, []];
    }
    case 'prove': {
      const onProgress = (progress: Progress) => post({ id, type: 'progress', progress });
      const { program, stdin } = request;
      const options = { ...request.options, memoryLimitBytes: request.options.memoryLimitBytes ?? memoryLimitBytes };
      const started = performance.now();
      const result: ProofResult =
        'elf' in program
          ? glue.proveCore(program.elf, stdin, options, onProgress)
          : glue.proveWithKey(key(program.keyId), stdin, options, onProgress);
      result.provingMs = performance.now() - started;
      return [result, [result.proof.buffer, result.publicValues.buffer]];
    }
    case 'verify':
      return [glue.verifyProof(request.proof, request.vkOrElf), []];
  }
}

function key(keyId: number): ProvingKey {
  const found = keys.get(keyId);
  if (!found) throw coded('INVALID_OPTIONS', `no proving key ${keyId} in this worker`);
  return found;
}

serve(start, handle);
