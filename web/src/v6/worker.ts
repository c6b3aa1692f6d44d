/// <reference lib="webworker" />
/**
 * The dedicated worker that owns prover/v6 (SP1 6.10.0) and its Rayon pool: the sibling of
 * ../worker.ts, bundled the same way (scripts/bundle-worker.mjs) into dist/v6/worker-source.js.
 */
import init, * as glue from '../../pkg-v6/sp1_wasm_v6.js';
import type { PoolSettings } from '../protocol.js';
import { coded, memoryLimit, post, serve, sharedMemory, startPool } from '../worker-runtime.js';
import type { Request } from './protocol.js';
import type { ProofResult, Progress } from './types.js';

const keys = new Map<number, glue.ProvingKey>();
let nextKeyId = 1;
/** The default `memoryLimitBytes` of a proof. */
let memoryLimitBytes: number;

/** For wasm-bindgen-rayon's pool threads, which import this bundle as the glue (see ../worker.ts). */
export { default, wbg_rayon_start_worker } from '../../pkg-v6/sp1_wasm_v6.js';

async function start(settings: PoolSettings): Promise<void> {
  await init({ module_or_path: settings.wasmUrl, memory: sharedMemory(settings.maxMemoryBytes) });
  await startPool(glue, settings);
  memoryLimitBytes = memoryLimit(settings.maxMemoryBytes);
}

async function handle(id: number, request: Exclude<Request, { type: 'init' }>): Promise<[unknown, Transferable[]]> {
  switch (request.type) {
    case 'setup': {
      const key = glue.setup(request.elf);
      const keyId = nextKeyId++;
      keys.set(keyId, key);
      const vk = key.vkBytes;
      return [{ keyId, vk, vkHash: key.vkHash }, [vk.buffer]];
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

function key(keyId: number): glue.ProvingKey {
  const found = keys.get(keyId);
  if (!found) throw coded('INVALID_OPTIONS', `no proving key ${keyId} in this worker`);
  return found;
}

serve(start, handle);
