// A core proof made in headless Chromium, on a Rayon pool of Web Workers, checked by the native
// CLI and by stock sp1-sdk 5.2.4; a native proof checked in the browser; vk hashes equal stock's.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  GUESTS,
  exportGuests,
  nativeCli,
  openTestPage,
  run,
  runStock,
  saveBytes,
  vkHashOf,
  workDir,
} from './harness.mjs';

let session;

before(async () => {
  exportGuests();
  session = await openTestPage();
});

after(async () => {
  await session?.close();
});

test('the page is cross-origin isolated and the pool starts with every core', async () => {
  const state = await session.page.evaluate(async () => {
    const prover = await window.sp1.createProver({ threads: navigator.hardwareConcurrency });
    window.prover = prover;
    return { isolated: crossOriginIsolated, threads: prover.threads, cores: navigator.hardwareConcurrency };
  });
  assert.equal(state.isolated, true);
  assert.equal(state.threads, state.cores);
});

test('the default guest is proven in the browser, verified in wasm, natively and by stock', async () => {
  const result = await session.page.evaluate(async () => {
    const elf = new Uint8Array(await (await fetch('/guests/fibonacci.elf')).arrayBuffer());
    const phases = new Set();
    const proof = await window.prover.prove(elf, { guest: 'fibonacci', input: 1000 }, {
      onProgress: (progress) => phases.add(progress.phase),
    });
    const verified = await window.prover.verify(proof.proof, elf);
    return { ...proof, proof: undefined, publicValues: undefined, phases: [...phases], verified };
  });
  assert.ok(result.threads >= 2, `pool of ${result.threads} threads`);
  assert.deepEqual(result.phases, ['execute', 'checkpoint', 'generateTraces', 'commit', 'open', 'shardProved', 'done']);
  assert.equal(result.publicValuesHex, 'e80300004d170000', 'n = 1000, fibonacci(1000) mod 7919 = 5965');
  assert.equal(result.verified.vkHash, result.vkHash);
  console.log(
    `browser proof: ${result.cycles} cycles, ${(result.provingMs / 1000).toFixed(1)} s on ${result.threads} threads, ` +
      `wasm memory ${(result.memoryBytes / 2 ** 20).toFixed(0)} MiB`,
  );

  const proofFile = saveBytes('browser.proof', Buffer.from(result.proofHex, 'hex'));
  const elfFile = join(workDir, 'fibonacci.elf');
  assert.match(run(nativeCli, ['verify', '--proof', proofFile, '--guest', 'fibonacci']), /verified/);
  assert.match(runStock(['verify', '--elf', elfFile, '--proof', proofFile]), /proof verified/);
});

test('a native proof verifies in the browser; a tampered one is rejected with a code', async () => {
  const proofFile = join(workDir, 'native.proof');
  run(nativeCli, ['prove', '--guest', 'fibonacci', '--input', '500', '--out', proofFile]);
  const proofHex = readFileSync(proofFile).toString('hex');
  const outcome = await session.page.evaluate(async (proofHex) => {
    const bytes = new Uint8Array(proofHex.match(/../g).map((byte) => parseInt(byte, 16)));
    const elf = new Uint8Array(await (await fetch('/guests/fibonacci.elf')).arrayBuffer());
    const verified = await window.prover.verify(bytes, elf);
    bytes[bytes.length >> 1] ^= 1;
    const rejected = await window.prover.verify(bytes, elf).then(
      () => null,
      (error) => ({ name: error.name, code: error.code, message: error.message }),
    );
    return { verified, rejected };
  }, proofHex);
  const executed = run(nativeCli, ['execute', '--guest', 'fibonacci', '--input', '500']);
  assert.equal(`0x${outcome.verified.publicValuesHex}`, executed.match(/public values: (0x[0-9a-f]*)/)[1]);
  assert.equal(outcome.rejected?.name, 'SP1WasmError');
  assert.ok(['VERIFICATION_FAILED', 'INVALID_PROOF'].includes(outcome.rejected.code), outcome.rejected.code);
});

test('the vk hash in the browser equals stock sp1-sdk for every guest', async () => {
  for (const guest of GUESTS) {
    const browserHash = await session.page.evaluate(async (guest) => {
      const elf = new Uint8Array(await (await fetch(`/guests/${guest}.elf`)).arrayBuffer());
      const key = await window.prover.setup(elf);
      await window.prover.release(key);
      return key.vkHash;
    }, guest);
    const stockHash = vkHashOf(runStock(['vkey', '--elf', join(workDir, `${guest}.elf`)]));
    assert.equal(browserHash, stockHash, guest);
  }
});

test('no page errors, and no deprecation warnings from any thread', () => {
  assert.deepEqual(session.errors, []);
  assert.deepEqual(session.warnings.filter((text) => /deprecated/i.test(text)), []);
});
