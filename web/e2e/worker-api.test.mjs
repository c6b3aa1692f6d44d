// The worker API's behaviour at its edges: no cross-origin isolation, cancellation, bad input.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exportGuests, openTestPage } from './harness.mjs';

let isolated;
let plain;

before(async () => {
  exportGuests();
  [isolated, plain] = await Promise.all([openTestPage(), openTestPage({ isolated: false })]);
});

after(async () => {
  await isolated?.close();
  await plain?.close();
});

test('without COOP/COEP, createProver rejects at once with NOT_ISOLATED', async () => {
  const outcome = await plain.page.evaluate(async () => {
    const start = performance.now();
    const error = await window.sp1.createProver().then(() => null, (e) => e);
    return { isolated: crossOriginIsolated, code: error?.code, ms: performance.now() - start };
  });
  assert.equal(outcome.isolated, false);
  assert.equal(outcome.code, 'NOT_ISOLATED');
  assert.ok(outcome.ms < 1000, `answered in ${outcome.ms} ms`);
});

test('a proof cancelled mid-way rejects with ABORTED, and the next proof works', async () => {
  const outcome = await isolated.page.evaluate(async () => {
    const prover = await window.sp1.createProver({ threads: 2 });
    const elf = new Uint8Array(await (await fetch('/guests/fibonacci.elf')).arrayBuffer());
    const controller = new AbortController();
    const phases = [];
    const cancelled = await prover
      .prove(elf, { guest: 'fibonacci', input: 1000 }, {
        signal: controller.signal,
        onProgress: (p) => {
          phases.push(p.phase);
          if (p.phase === 'commit') controller.abort();
        },
      })
      .then(() => null, (e) => e.code);
    const proof = await prover.prove(elf, { guest: 'fibonacci', input: 20 });
    const verified = await prover.verify(proof.proof, elf);
    prover.terminate();
    return { cancelled, phases, publicValuesHex: verified.publicValuesHex };
  });
  assert.equal(outcome.cancelled, 'ABORTED');
  assert.ok(outcome.phases.includes('commit') && !outcome.phases.includes('done'), outcome.phases.join());
  assert.equal(outcome.publicValuesHex, '140000006d1a0000', 'n = 20, fibonacci(20) = 6765');
});

test('bad input gives typed errors and the worker stays usable', async () => {
  const codes = await isolated.page.evaluate(async () => {
    const prover = await window.sp1.createProver({ threads: 2 });
    const elf = new Uint8Array(await (await fetch('/guests/fibonacci.elf')).arrayBuffer());
    const code = (promise) => promise.then(() => 'resolved', (e) => e.code);
    const result = {
      garbageElf: await code(prover.execute(new Uint8Array([1, 2, 3]), [])),
      emptyStdin: await code(prover.execute(elf, [])),
      wrongInputType: await code(prover.execute(elf, { guest: 'fibonacci', input: 'many' })),
      proofNotBincode: await code(prover.verify(new Uint8Array(64), elf)),
      badOptions: await code(prover.prove(elf, { guest: 'fibonacci', input: 5 }, { log2ShardSize: 40 })),
      stillWorks: (await prover.execute(elf, { guest: 'fibonacci', input: 20 })).publicValuesHex,
    };
    prover.terminate();
    return result;
  });
  assert.deepEqual(codes, {
    garbageElf: 'INVALID_ELF',
    emptyStdin: 'EXECUTION_FAILED',
    wrongInputType: 'INVALID_STDIN',
    proofNotBincode: 'INVALID_PROOF',
    badOptions: 'INVALID_OPTIONS',
    stillWorks: '140000006d1a0000',
  });
});

test('no page errors', () => {
  assert.deepEqual(isolated.errors, []);
  assert.deepEqual(plain.errors, []);
});
