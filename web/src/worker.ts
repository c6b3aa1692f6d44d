/// <reference lib="webworker" />
/**
 * The dedicated worker that owns the wasm prover and its Rayon pool. Proving blocks this thread,
 * never the page's; the pool's threads are further workers that wasm-bindgen-rayon starts.
 */
import init, {
  enableTracing,
  encodeGuestInput,
  execute,
  generateProof,
  generateProofFromElf,
  initThreadPool,
  setup,
  verifyProof,
  type ProvingKey,
} from '../pkg/sp1_wasm_prover.js';
import type { ErrorCode, SerializedError } from './errors.js';
import type { ProgramRef, Request, RequestMessage, ResponseMessage } from './protocol.js';
import type { Progress, SpanTiming, Stdin } from './types.js';

declare const self: DedicatedWorkerGlobalScope;

const keys = new Map<number, ProvingKey>();
let nextKeyId = 1;

function post(message: ResponseMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function stdinChunks(stdin: Stdin): Uint8Array[] {
  if (Array.isArray(stdin)) return stdin;
  return encodeGuestInput(stdin.guest, JSON.stringify(stdin.input));
}

function key(program: ProgramRef & { keyId: number }): ProvingKey {
  const found = keys.get(program.keyId);
  if (!found) throw coded('INVALID_OPTIONS', `no proving key ${program.keyId} in this worker`);
  return found;
}

function coded(code: ErrorCode, message: string): Error & { code: ErrorCode } {
  return Object.assign(new Error(message), { code });
}

async function handle(id: number, request: Request): Promise<[unknown, Transferable[]]> {
  switch (request.type) {
    case 'init': {
      await init();
      if (request.tracing) enableTracing(request.tracing);
      if (request.threads > 1) {
        try {
          await initThreadPool(request.threads);
        } catch (e) {
          throw coded('NO_THREADS', `the thread pool did not start: ${String(e)}`);
        }
      }
      return [null, []];
    }
    case 'setup': {
      const provingKey = setup(request.elf);
      const keyId = nextKeyId++;
      keys.set(keyId, provingKey);
      const vk = provingKey.vkBytes;
      return [{ keyId, vk, vkHash: provingKey.vkHash }, [vk.buffer]];
    }
    case 'releaseKey': {
      keys.get(request.keyId)?.free();
      keys.delete(request.keyId);
      return [null, []];
    }
    case 'execute': {
      const result = execute(request.elf, stdinChunks(request.stdin));
      return [result, [result.publicValues.buffer]];
    }
    case 'prove': {
      const onProgress = (progress: Progress) => post({ id, type: 'progress', progress });
      const stdin = stdinChunks(request.stdin);
      const start = performance.now();
      const result =
        'elf' in request.program
          ? generateProofFromElf(request.program.elf, stdin, request.options, onProgress)
          : generateProof(key(request.program), stdin, request.options, onProgress);
      result.provingMs = performance.now() - start;
      return [result, [result.proof.buffer, result.publicValues.buffer]];
    }
    case 'verify':
      return [verifyProof(request.proof, request.vkOrElf), []];
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
