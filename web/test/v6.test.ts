// Unit tests of `sp1-wasm/v6` on the page's side, against a fake Worker: what it starts, what it
// refuses before any worker, and how a proof's messages are routed. The connection it shares with
// the SP1 5 API is tested in prover.test.ts; the real worker and wasm in tests/sp1-v6/browser.sh.
import { describe, expect, it, vi } from 'vitest';
import { createProver } from '../src/v6/index.js';
import type { Progress } from '../src/v6/types.js';
import { FakeWorker, flush, started, useFakeWorkers } from './fake-worker.js';

vi.mock('../src/v6/worker-script.js', () => ({
  workerScript: () => 'blob:worker-v6',
  wasmUrl: (threaded: boolean) => (threaded ? 'v6.wasm' : 'v6-single-thread.wasm'),
}));

const startedProver = () => started(() => createProver({ threads: 3 }));

useFakeWorkers();

describe('sp1-wasm/v6', () => {
  it('starts the threaded SP1 6 build with a pool of the requested size', async () => {
    const { prover, worker } = await startedProver();
    expect(prover).toMatchObject({ threaded: true, threads: 3 });
    expect(worker.posted[0]).toMatchObject({ type: 'init', threaded: true, threads: 3, wasmUrl: 'v6.wasm' });
  });

  it('without isolation, starts the single-threaded SP1 6 build on one thread', async () => {
    vi.stubGlobal('crossOriginIsolated', false);
    const { prover, worker } = await startedProver();
    expect(prover).toMatchObject({ threaded: false, threads: 1 });
    expect(worker.posted[0]).toMatchObject({ type: 'init', threaded: false, threads: 1, wasmUrl: 'v6-single-thread.wasm' });
  });

  it('with requireThreads, rejects with NOT_ISOLATED and starts no worker', async () => {
    vi.stubGlobal('crossOriginIsolated', false);
    await expect(createProver({ requireThreads: true })).rejects.toMatchObject({ code: 'NOT_ISOLATED' });
    expect(FakeWorker.created).toHaveLength(0);
  });

  it('passes the key cache on to the worker, and refuses one it does not have', async () => {
    const { worker } = await started(() => createProver({ threads: 2, cache: 'indexeddb' }));
    expect(worker.posted[0]).toMatchObject({ type: 'init', cache: 'indexeddb' });
    const unknown = 'localstorage' as unknown as 'indexeddb';
    await expect(createProver({ threads: 2, cache: unknown })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
  });

  it('rejects a memory cap outside 64 MiB to 4 GiB with INVALID_OPTIONS', async () => {
    await expect(createProver({ maxMemoryBytes: 2 ** 33 })).rejects.toMatchObject({ code: 'INVALID_OPTIONS' });
    expect(FakeWorker.created).toHaveLength(0);
  });

  it('sends the ELF, stdin and options, streams progress and resolves with the result', async () => {
    const { prover, worker } = await startedProver();
    const seen: Progress['phase'][] = [];
    const elf = new Uint8Array([1]);
    const stdin = [new Uint8Array([2])];
    const proving = prover.prove(elf, stdin, { elementThreshold: 4096, onProgress: (p) => seen.push(p.phase) });
    await flush();
    expect(worker.posted.at(-1)).toMatchObject({ type: 'prove', program: { elf }, stdin, options: { elementThreshold: 4096 } });
    worker.reply({ type: 'progress', progress: { phase: 'execute' } }, 'prove');
    worker.reply({ type: 'progress', progress: { phase: 'shardProved' } }, 'prove');
    worker.reply({ type: 'result', value: { shards: 1 } }, 'prove');
    await expect(proving).resolves.toEqual({ shards: 1 });
    expect(seen).toEqual(['execute', 'shardProved']);
  });

  it('sets up once, proves by key and verifies against its vk', async () => {
    const { prover, worker } = await startedProver();
    const setup = prover.setup(new Uint8Array([1]));
    await flush();
    expect(worker.posted.at(-1)).toMatchObject({ type: 'setup' });
    const vk = new Uint8Array([9]);
    worker.reply({ type: 'result', value: { keyId: 7, vk, vkHash: '0x01' } }, 'setup');
    const key = await setup;

    const proving = prover.prove(key, [new Uint8Array([2])]);
    await flush();
    expect(worker.posted.at(-1)).toMatchObject({ type: 'prove', program: { keyId: 7 } });
    worker.reply({ type: 'result', value: { shards: 2 } }, 'prove');
    await expect(proving).resolves.toEqual({ shards: 2 });

    const proof = new Uint8Array([3]);
    const verifying = prover.verify(proof, key.vk);
    await flush();
    expect(worker.posted.at(-1)).toMatchObject({ type: 'verify', proof, vkOrElf: vk });
    worker.reply({ type: 'result', value: { shards: 2, vkHash: '0x01' } }, 'verify');
    await expect(verifying).resolves.toMatchObject({ shards: 2 });

    const releasing = prover.release(key);
    await flush();
    expect(worker.posted.at(-1)).toMatchObject({ type: 'releaseKey', keyId: 7 });
    worker.reply({ type: 'result', value: null }, 'releaseKey');
    await releasing;
  });

  it('executes without proving, passing maxCycles on', async () => {
    const { prover, worker } = await startedProver();
    const elf = new Uint8Array([1]);
    const stdin = [new Uint8Array([2])];
    const executing = prover.execute(elf, stdin, { maxCycles: 10 });
    await flush();
    expect(worker.posted.at(-1)).toMatchObject({ type: 'execute', elf, stdin, options: { maxCycles: 10 } });
    worker.reply({ type: 'result', value: { cycles: 5 } }, 'execute');
    await expect(executing).resolves.toEqual({ cycles: 5 });
  });

  it('refuses a stdin that is not an array with INVALID_STDIN, without asking the worker', async () => {
    const { prover, worker } = await startedProver();
    const posted = worker.posted.length;
    const notChunks = new Uint8Array([1]) as unknown as Uint8Array[];
    await expect(prover.prove(new Uint8Array(), notChunks)).rejects.toMatchObject({ code: 'INVALID_STDIN' });
    await expect(prover.execute(new Uint8Array(), notChunks)).rejects.toMatchObject({ code: 'INVALID_STDIN' });
    expect(worker.posted).toHaveLength(posted);
  });
});
