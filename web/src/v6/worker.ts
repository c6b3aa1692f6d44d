/// <reference lib="webworker" />
/**
 * The dedicated worker that owns prover-v6 (SP1 6.10.0) and its Rayon pool: the sibling of
 * ../worker.ts, bundled the same way (scripts/bundle-worker.mjs) into dist/v6/worker-source.js.
 */
import init, * as glue from '../../pkg-v6/sp1_wasm_v6.js';
import type { PoolSettings } from '../protocol.js';
import { post, serve, sharedMemory, startPool } from '../worker-runtime.js';
import type { Request } from './protocol.js';
import type { ProofResult, Progress } from './types.js';

/** For wasm-bindgen-rayon's pool threads, which import this bundle as the glue (see ../worker.ts). */
export { default, wbg_rayon_start_worker } from '../../pkg-v6/sp1_wasm_v6.js';

async function start(settings: PoolSettings): Promise<void> {
  await init({ module_or_path: settings.wasmUrl, memory: sharedMemory(settings.maxMemoryBytes) });
  await startPool(glue, settings);
}

async function handle(id: number, request: Exclude<Request, { type: 'init' }>): Promise<[unknown, Transferable[]]> {
  switch (request.type) {
    case 'prove': {
      const onProgress = (progress: Progress) => post({ id, type: 'progress', progress });
      const started = performance.now();
      const result: ProofResult = glue.proveCore(request.elf, request.stdin, request.options.elementThreshold, onProgress);
      result.provingMs = performance.now() - started;
      return [result, [result.proof.buffer, result.publicValues.buffer]];
    }
  }
}

serve(start, handle);
