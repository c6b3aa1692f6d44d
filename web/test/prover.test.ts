// Unit tests of the page-side API against a fake Worker: message routing, progress, errors,
// cancellation and recovery. The real worker and wasm are covered by the e2e tests.
import { describe, expect, it, vi } from 'vitest';
import { createProver, SP1WasmError } from '../src/index.js';
import type { RequestMessage } from '../src/protocol.js';
import { FakeWorker, flush, started, useFakeWorkers } from './fake-worker.js';

// The bundled worker is built into dist/; these tests drive a fake one.
vi.mock('../src/worker-script.js', () => ({
  workerScript: () => 'blob:worker',
  wasmUrl: (threaded: boolean) => (threaded ? 'threaded.wasm' : 'single-thread.wasm'),
}));

const startedProver = () => started(() => createProver({ threads: 2 }));

useFakeWorkers();

describe('createProver', () => {
  it('without isolation, starts the single-threaded build on one thread', async () => {
    vi.stubGlobal('crossOriginIsolated', false);
    const { prover, worker } = await startedProver();
    expect(prover).toMatchObject({ threaded: false, threads: 1 });
    expect(worker.posted[0]).toMatchObject({ type: 'init', threaded: false, threads: 1, wasmUrl: 'single-thread.wasm' });
  });

  it('with requireThreads, rejects with NOT_ISOLATED and starts no worker', async () => {
    vi.stubGlobal('crossOriginIsolated', false);
    await expect(createProver({ requireThreads: true })).rejects.toMatchObject({ code: 'NOT_ISOLATED' });
    expect(FakeWorker.created).toHaveLength(0);
  });

  it('without WebAssembly SIMD, rejects with UNSUPPORTED_BROWSER and starts no worker', async () => {
    vi.stubGlobal('WebAssembly', { ...WebAssembly, validate: () => false });
    await expect(createProver()).rejects.toMatchObject({ code: 'UNSUPPORTED_BROWSER' });
    expect(FakeWorker.created).toHaveLength(0);
  });

  it('rejects a memory cap outside 64 MiB to 4 GiB with INVALID_OPTIONS', async () => {
    await expect(createProver({ maxMemoryBytes: 2 ** 20 })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    await expect(createProver({ maxMemoryBytes: 2 ** 33 })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    expect(FakeWorker.created).toHaveLength(0);
  });

  it('asks the worker for the threaded build and a pool of the requested size', async () => {
    const { prover, worker } = await startedProver();
    expect(prover).toMatchObject({ threaded: true, threads: 2 });
    expect(worker.posted[0]).toMatchObject({ type: 'init', threaded: true, threads: 2, wasmUrl: 'threaded.wasm' });
  });

  it('rejects with NO_THREADS when the pool fails, and retries with a new worker', async () => {
    const pending = createProver({ threads: 2 });
    FakeWorker.created[0].reply({ type: 'error', error: { code: 'NO_THREADS', message: 'no' }, fatal: false });
    await expect(pending).rejects.toMatchObject({ code: 'NO_THREADS' });
    expect(FakeWorker.created[0].terminated).toBe(true);
  });
});

describe('calls', () => {
  it('streams progress and resolves with the result', async () => {
    const { prover, worker } = await startedProver();
    const seen: string[] = [];
    const proving = prover.prove(new Uint8Array([1]), [], { onProgress: (p) => seen.push(p.phase) });
    await flush();
    worker.reply({ type: 'progress', progress: { phase: 'commit' } }, 'prove');
    worker.reply({ type: 'progress', progress: { phase: 'open' } }, 'prove');
    worker.reply({ type: 'result', value: { cycles: 7 } }, 'prove');
    await expect(proving).resolves.toEqual({ cycles: 7 });
    expect(seen).toEqual(['commit', 'open']);
    expect(worker.posted.at(-1)).toMatchObject({ type: 'prove', program: { elf: new Uint8Array([1]) } });
  });

  it('passes a key handle by id, not by value', async () => {
    const { prover, worker } = await startedProver();
    prover.prove({ keyId: 4, vk: new Uint8Array(), vkHash: '0x' }, [], { tracePadding: 'fixed' });
    await flush();
    expect(worker.posted.at(-1)).toMatchObject({ program: { keyId: 4 }, options: { tracePadding: 'fixed' } });
  });

  it('rejects with the typed error and keeps the worker for an ordinary error', async () => {
    const { prover, worker } = await startedProver();
    const verifying = prover.verify(new Uint8Array(), new Uint8Array());
    await flush();
    worker.reply({ type: 'error', error: { code: 'VERIFICATION_FAILED', message: 'bad' }, fatal: false });
    const error = await verifying.catch((e) => e);
    expect(error).toBeInstanceOf(SP1WasmError);
    expect(error).toMatchObject({ code: 'VERIFICATION_FAILED', message: 'bad' });
    expect(worker.terminated).toBe(false);
  });

  it('after a trap, fails queued calls too and starts a fresh worker for the next call', async () => {
    const { prover, worker } = await startedProver();
    const first = prover.execute(new Uint8Array(), []);
    const queued = prover.execute(new Uint8Array(), []);
    await flush();
    worker.onmessage!({
      data: { id: worker.posted[1].id, type: 'error', error: { code: 'OUT_OF_MEMORY', message: 'oom' }, fatal: true },
    });
    await expect(first).rejects.toMatchObject({ code: 'OUT_OF_MEMORY' });
    await expect(queued).rejects.toMatchObject({ code: 'OUT_OF_MEMORY' });
    expect(worker.terminated).toBe(true);

    const next = prover.execute(new Uint8Array(), []);
    const fresh = FakeWorker.created[1];
    expect(fresh.posted[0]).toMatchObject({ type: 'init' });
    fresh.reply({ type: 'result', value: null }, 'init');
    await flush();
    fresh.reply({ type: 'result', value: { cycles: 1 } }, 'execute');
    await expect(next).resolves.toEqual({ cycles: 1 });
  });

  it('a death reported on the fatal channel, from any thread of the pool, fails the calls and replaces the worker', async () => {
    const { prover, worker } = await startedProver();
    const proving = prover.prove(new Uint8Array(), []);
    await flush();
    const init = worker.posted[0] as RequestMessage & { fatalChannel: string };
    const pool = new BroadcastChannel(init.fatalChannel);
    pool.postMessage({ code: 'OUT_OF_MEMORY', message: 'the wasm prover ran out of memory', bytes: 4096 });
    const error = await proving.catch((e) => e);
    pool.close();
    expect(error).toMatchObject({ code: 'OUT_OF_MEMORY' });
    expect(error.message).toMatch(/allocating 4096 bytes/);
    expect(worker.terminated).toBe(true);
  });

  it("a trap on the worker's own thread takes its cause from the fatal channel, which may report it later", async () => {
    const { prover, worker } = await startedProver();
    const proving = prover.prove(new Uint8Array(), []);
    await flush();
    const init = worker.posted[0] as RequestMessage & { fatalChannel: string };
    worker.reply({ type: 'error', error: { code: 'WORKER_CRASHED', message: 'unreachable' }, fatal: true }, 'prove');
    const pool = new BroadcastChannel(init.fatalChannel);
    pool.postMessage({ code: 'OUT_OF_MEMORY', message: 'the wasm prover ran out of memory', bytes: 8192 });
    const error = await proving.catch((e) => e);
    pool.close();
    expect(error).toMatchObject({ code: 'OUT_OF_MEMORY' });
    expect(worker.terminated).toBe(true);
  });

  it('an abort rejects with ABORTED and terminates the busy worker', async () => {
    const { prover, worker } = await startedProver();
    const controller = new AbortController();
    const proving = prover.prove(new Uint8Array(), [], { signal: controller.signal });
    await flush();
    controller.abort();
    await expect(proving).rejects.toMatchObject({ code: 'ABORTED' });
    expect(worker.terminated).toBe(true);
    await expect(prover.prove(new Uint8Array(), [], { signal: controller.signal })).rejects.toMatchObject({
      code: 'ABORTED',
    });
  });

  it('rejects every call after terminate', async () => {
    const { prover, worker } = await startedProver();
    prover.terminate();
    expect(worker.terminated).toBe(true);
    await expect(prover.execute(new Uint8Array(), [])).rejects.toMatchObject({ code: 'TERMINATED' });
  });
});
