// The worker API's behaviour at its edges: no cross-origin isolation, cancellation.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exportGuests, nativeCli, openTestPage, run, saveBytes } from './harness.mjs';

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

test('without COOP/COEP, the single-threaded build is picked and its proof verifies', async () => {
  const outcome = await plain.page.evaluate(async () => {
    const prover = await window.sp1.createProver({ threads: 4 });
    const elf = new Uint8Array(await (await fetch('/guests/fibonacci.elf')).arrayBuffer());
    const proof = await prover.prove(elf, { guest: 'fibonacci', input: 20 });
    const verified = await prover.verify(proof.proof, elf);
    prover.terminate();
    return {
      isolated: crossOriginIsolated,
      threaded: prover.threaded,
      threads: proof.threads,
      publicValuesHex: verified.publicValuesHex,
      proof: Array.from(proof.proof),
    };
  });
  assert.equal(outcome.isolated, false);
  assert.equal(outcome.threaded, false);
  assert.equal(outcome.threads, 1);
  assert.equal(outcome.publicValuesHex, '140000006d1a0000');
  const proofFile = saveBytes('single-thread.proof', outcome.proof);
  assert.match(run(nativeCli, ['verify', '--proof', proofFile, '--guest', 'fibonacci']), /verified/);
});

test('with requireThreads, createProver rejects at once with NOT_ISOLATED', async () => {
  const outcome = await plain.page.evaluate(async () => {
    const start = performance.now();
    const error = await window.sp1.createProver({ requireThreads: true }).then(() => null, (e) => e);
    return { code: error?.code, ms: performance.now() - start };
  });
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

test('no page errors', () => {
  assert.deepEqual(isolated.errors, []);
  assert.deepEqual(plain.errors, []);
});
