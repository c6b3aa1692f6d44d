#!/usr/bin/env node
// SP1 6 through the web package's `sp1-wasm/v6` entry point in headless Chromium, or with --engine
// in Firefox or WebKit (make test-v6):
// proves a v6 guest on its input (see `guestStdin`) on all the machine's cores and writes the
// proof file for stock sp1-sdk 6.10.0 to verify, checking the progress events on the way (and, with
// --min-shards, that the proof has at least that many shards). It proves with the README's code
// (web/bundlers/apps/shared/prove-v6.js: `setup`, `prove` on the key, `verify` in the page), or
// with --threads N through `prove` on the ELF (setup inside), or with --with-key through
// `setup` (stored in the IndexedDB key cache by one prover, read back by another), `prove` on
// the key, then `verify` in the page against the key's vk (accepted; a
// proof of another version, a proof that is not one, a vk that is not one: refused with their
// codes). With --bad-input, `execute` must then give the proof's cycles and public values, and
// bad input and conditions coded errors: a run past maxCycles (EXECUTION_FAILED), a malformed
// ELF (INVALID_ELF, the worker still answering), a stdin chunk that is not bytes
// (INVALID_STDIN), a shard size out of range or not a number (INVALID_OPTIONS), a shard size or a
// memory cap the memory guard refuses before any work (OUT_OF_MEMORY), a proof that runs out of
// memory mid-way (OUT_OF_MEMORY, then the next call on a fresh instance), a cancelled proof
// (ABORTED), a page without cross-origin isolation that requires threads (NOT_ISOLATED).
// --element-threshold N (with --with-key or --threads) cuts shards at N trace elements instead of the
// prover's choice. --single-thread proves in a page without cross-origin isolation, where the
// package must choose its single-threaded build. --warm (with --threads) then sets up a key in the
// same worker and proves again with it: `warmProvingMs`, a proof once the page has its key.
// Usage: prove-in-browser.mjs --elf FILE --input N --out FILE [--threads N | --single-thread]
//   [--engine chromium|firefox|webkit]
//   [--min-shards N] [--with-key] [--element-threshold N] [--bad-input] [--warm]
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { series } from '../../web/bench/series.mjs';
import { inPage, openV6Page } from './page.mjs';

const args = process.argv.slice(2);
const option = (flag, fallback) => {
  const i = args.indexOf(flag);
  if (i >= 0) return args[i + 1];
  if (fallback === undefined) throw new Error(`${flag} is required`);
  return fallback;
};
const elf = resolve(option('--elf'));
const input = Number(option('--input'));
const singleThread = args.includes('--single-thread');
const threads = singleThread ? 1 : Number(option('--threads', String(availableParallelism())));
// The README's code takes the default pool (every core); a pool of --threads goes through
// `createProver({ threads })` and `prove(elf, …)`, setup and proof in one call.
const explicitThreads = args.includes('--threads');
const minShards = Number(option('--min-shards', '1'));
const badInput = args.includes('--bad-input');
const withKey = args.includes('--with-key');
const warm = args.includes('--warm');
const elementThreshold = args.includes('--element-threshold') ? Number(option('--element-threshold')) : undefined;

const engine = option('--engine', 'chromium');
const openGuestPage = (isolated) => openV6Page(dirname(elf), isolated, engine);

/**
 * The guest's stdin for `input`, bincode as `SP1Stdin::write` makes it (as tests/sp1-v6/src/lib.rs
 * does natively): the stats guest reads a `Dataset { name, values }` of `input` values (a length
 * before each string and vector, u64; values i64; all little-endian), the others one u32.
 */
function guestStdin(input) {
  if (basename(elf) !== 'stats-v6.elf') return new Uint8Array(new Uint32Array([input]).buffer);
  const name = new TextEncoder().encode('series');
  const values = series(input);
  const bytes = new DataView(new ArrayBuffer(8 + name.length + 8 + 8 * values.length));
  bytes.setBigUint64(0, BigInt(name.length), true);
  new Uint8Array(bytes.buffer).set(name, 8);
  bytes.setBigUint64(8 + name.length, BigInt(values.length), true);
  values.forEach((value, i) => bytes.setBigInt64(16 + name.length + 8 * i, BigInt(value), true));
  return new Uint8Array(bytes.buffer);
}

const request = { elfUrl: `/guest/${basename(elf)}`, stdin: Array.from(guestStdin(input)), threads };

const provingPage = await openGuestPage(!singleThread);
let proofFigures;
try {
  const { page } = provingPage;
  const proved = await inPage(
    page,
    async (sp1v6, elf, { stdin, threads, withKey, elementThreshold, explicitThreads, warm }) => {
      const events = [];
      const onProgress = (progress) => events.push(progress);
      let result;
      // Which build proved.
      let threaded;
      let warmProvingMs;
      const verdicts = {};
      if (withKey) {
        // The key cache: a first prover sets up and stores the key, a second one (a fresh
        // worker, as after a page load) reads it back and proves with it.
        const storing = await sp1v6.createProver({ threads, cache: 'indexeddb' });
        const stored = await storing.setup(elf).finally(() => storing.terminate());
        const prover = await sp1v6.createProver({ threads, cache: 'indexeddb' });
        threaded = prover.threaded;
        try {
          const started = performance.now();
          const key = await prover.setup(elf);
          verdicts.keyCache = {
            storedFromCache: stored.fromCache,
            fromCache: key.fromCache,
            sameVkHash: key.vkHash === stored.vkHash,
            loadMs: performance.now() - started,
          };
          result = await prover.prove(key, [new Uint8Array(stdin)], { onProgress, elementThreshold });
          const verdict = (proof, vk) =>
            prover.verify(proof, vk).then(
              (verified) => ({ verified }),
              (error) => ({ code: error.code, message: error.message }),
            );
          // The proof file ends with the version string ("v6.1.0") and `tee_proof: None`.
          const otherVersion = result.proof.slice();
          otherVersion[otherVersion.length - 2] ^= 1;
          verdicts.accepted = await verdict(result.proof, key.vk);
          verdicts.otherVersion = await verdict(otherVersion, key.vk);
          verdicts.notAProof = await verdict(result.proof.subarray(0, 100), key.vk);
          verdicts.notAVk = await verdict(result.proof, new Uint8Array(8));
          verdicts.keyVkHash = key.vkHash;
        } finally {
          prover.terminate();
        }
      } else if (explicitThreads) {
        const prover = await sp1v6.createProver({ threads });
        threaded = prover.threaded;
        try {
          result = await prover.prove(elf, [new Uint8Array(stdin)], { onProgress, elementThreshold });
          if (warm) {
            const key = await prover.setup(elf);
            const started = performance.now();
            await prover.prove(key, [new Uint8Array(stdin)], { elementThreshold });
            warmProvingMs = performance.now() - started;
          }
        } finally {
          prover.terminate();
        }
      } else {
        const readme = await window.proveSp1V6(elf, [new Uint8Array(stdin)], onProgress);
        result = readme.proof;
        threaded = readme.threaded;
        verdicts.readme = { verified: readme.verified, vkHash: readme.vkHash, threads: readme.threads };
      }
      let binary = '';
      for (let i = 0; i < result.proof.length; i += 0x8000) {
        binary += String.fromCharCode(...result.proof.subarray(i, i + 0x8000));
      }
      const { proof, publicValues, ...figures } = result;
      return { proofBase64: btoa(binary), events, verdicts, threaded, warmProvingMs, ...figures };
    },
    { ...request, withKey, elementThreshold, explicitThreads: explicitThreads || singleThread, warm },
  );
  if (proved.code) throw new Error(`proving failed in the browser: ${JSON.stringify(proved)}`);
  const { proofBase64, events, verdicts, ...figures } = proved;
  proofFigures = figures;
  writeFileSync(option('--out'), Buffer.from(proofBase64, 'base64'));
  console.log(JSON.stringify({ version: `sp1 6.10.0 core, sp1-wasm/v6 in ${engine}`, input, ...figures }));
  if (figures.threads !== threads) throw new Error(`proved on ${figures.threads} threads, asked for ${threads}`);
  if (singleThread) assert.equal(figures.threaded, false, 'a page without isolation proves on the single-threaded build');

  // execute (cycles final, before any setup or trace), setup (when proving from the ELF), each
  // shard as it is traced and proven (the count known only at the end), done.
  const fromElf = !withKey && (explicitThreads || singleThread);
  assert.deepEqual(
    events.map((e) => [e.phase, e.shard, e.shards]),
    [
      ['execute', 0, 0],
      ...(fromElf ? [['setup', 0, 0]] : []),
      ...Array.from({ length: figures.shards }, (_, i) => ['shardProved', i + 1, 0]),
      ['done', figures.shards, figures.shards],
    ],
  );
  assert.ok(events.every((e) => e.cycles === figures.cycles));
  assert.ok(events.every((e, i) => i === 0 || e.elapsedMs >= events[i - 1].elapsedMs));
  assert.ok(events.at(-1).memoryBytes > 0 && events.at(-1).cycles === figures.cycles);
  assert.ok(figures.shards >= minShards, `${figures.shards} shards, expected at least ${minShards}`);
  if (verdicts.readme) {
    // The README's code verified its proof in the page, against its key.
    assert.equal(verdicts.readme.vkHash, figures.vkHash);
    assert.equal(verdicts.readme.verified.vkHash, figures.vkHash);
    assert.equal(verdicts.readme.verified.shards, figures.shards);
    assert.equal(verdicts.readme.threads, threads);
  }
  if (withKey) {
    console.log(JSON.stringify({ verdicts }));
    assert.equal(verdicts.keyVkHash, figures.vkHash);
    assert.deepEqual(
      [verdicts.keyCache.storedFromCache, verdicts.keyCache.fromCache, verdicts.keyCache.sameVkHash],
      [false, true, true],
      'the second prover reads the key the first stored',
    );
    assert.equal(verdicts.accepted.verified?.vkHash, figures.vkHash, JSON.stringify(verdicts.accepted));
    assert.equal(verdicts.accepted.verified.shards, figures.shards);
    assert.equal(verdicts.otherVersion.code, 'VERIFICATION_FAILED', JSON.stringify(verdicts.otherVersion));
    assert.equal(verdicts.notAProof.code, 'INVALID_PROOF', JSON.stringify(verdicts.notAProof));
    assert.equal(verdicts.notAVk.code, 'INVALID_VERIFYING_KEY', JSON.stringify(verdicts.notAVk));
  }
} finally {
  await provingPage.close();
}
if (badInput) await checkBadInput(proofFigures);

/**
 * `execute` (the proof's cycles and public values), then bad input and conditions in an isolated
 * page, then threads required in a page without cross-origin isolation.
 */
async function checkBadInput(proved) {
  const isolatedPage = await openGuestPage();
  try {
    const { page } = isolatedPage;
    // Still answering after a refused ELF: a chunk that is not bytes.
    const refusals = await inPage(
      page,
      async (sp1v6, elf, { stdin, threads }) => {
        const prover = await sp1v6.createProver({ threads });
        const header = [0x7f, 0x45, 0x4c, 0x46];
        const malformed = new Uint8Array([...header, ...Array.from({ length: 60 }, (_, i) => (i * 37) & 0xff)]);
        const input = [new Uint8Array(stdin)];
        const refusals = {};
        for (const [name, run] of [
          ['malformedElf', () => prover.prove(malformed, [new Uint8Array(4)])],
          ['stdinNotBytes', () => prover.prove(elf, [[1, 2, 3]])],
          ['pastMaxCycles', () => prover.prove(elf, input, { maxCycles: 1000 })],
          ['executedPastMaxCycles', () => prover.execute(elf, input, { maxCycles: 1000 })],
          ['maxCyclesNotANumber', () => prover.execute(elf, input, { maxCycles: -1 })],
          ['thresholdTooSmall', () => prover.prove(elf, input, { elementThreshold: 1000 })],
          ['thresholdNotANumber', () => prover.prove(elf, input, { elementThreshold: 'many' })],
          // About 1.2M cycles (fibonacci), executed before anything else is done.
          ['thresholdOverLimit', () => prover.prove(elf, [new Uint8Array(new Uint32Array([65_000]).buffer)], {
            elementThreshold: 2 ** 25,
            memoryLimitBytes: 3 * 2 ** 30,
          })],
        ]) {
          refusals[name] = await run().then(
            () => 'accepted',
            (error) => `${error.name} ${error.code}: ${error.message}`,
          );
        }
        const executed = await prover.execute(elf, input);
        prover.terminate();
        return { ...refusals, executed: { cycles: executed.cycles, publicValuesHex: executed.publicValuesHex } };
      },
      request,
    );
    assert.match(refusals.malformedElf, /^SP1WasmError INVALID_ELF: /);
    assert.match(refusals.stdinNotBytes, /^SP1WasmError INVALID_STDIN: /);
    assert.match(refusals.pastMaxCycles, /^SP1WasmError EXECUTION_FAILED: .*maxCycles \(1000\)/);
    assert.match(refusals.executedPastMaxCycles, /^SP1WasmError EXECUTION_FAILED: .*maxCycles \(1000\)/);
    assert.match(refusals.maxCyclesNotANumber, /^SP1WasmError INVALID_OPTIONS: /);
    assert.deepEqual(refusals.executed, { cycles: proved.cycles, publicValuesHex: proved.publicValuesHex });
    assert.match(refusals.thresholdTooSmall, /^SP1WasmError INVALID_OPTIONS: .*elementThreshold must be from /);
    assert.match(refusals.thresholdNotANumber, /^SP1WasmError INVALID_OPTIONS: /);
    // The memory guard refuses before any work, naming a size that fits.
    assert.match(refusals.thresholdOverLimit, /^SP1WasmError OUT_OF_MEMORY: .*an elementThreshold of 16777216 would fit/);

    const starved = await inPage(
      page,
      async (sp1v6, elf, { stdin, threads }) => {
        const prover = await sp1v6.createProver({ threads, maxMemoryBytes: 256 * 2 ** 20 });
        await prover.prove(elf, [new Uint8Array(stdin)]);
      },
      request,
    );
    assert.equal(starved.code, 'OUT_OF_MEMORY', JSON.stringify(starved));
    assert.match(starved.message, /no shard size fits; allow more memory/);

    const cancelled = await inPage(
      page,
      async (sp1v6, elf, { stdin, threads }) => {
        const prover = await sp1v6.createProver({ threads });
        const controller = new AbortController();
        const onProgress = ({ phase }) => phase === 'setup' && controller.abort();
        await prover.prove(elf, [new Uint8Array(stdin)], { signal: controller.signal, onProgress });
      },
      request,
    );
    assert.equal(cancelled.code, 'ABORTED', JSON.stringify(cancelled));

    // A memory limit above the instance's real one gets past the guard: the instance runs out
    // mid-proof, and the next call gets a fresh one.
    const crashed = await inPage(
      page,
      async (sp1v6, elf, { stdin, threads }) => {
        const prover = await sp1v6.createProver({ threads, maxMemoryBytes: 512 * 2 ** 20 });
        const input = [new Uint8Array(stdin)];
        const crash = await prover
          .prove(elf, input, { memoryLimitBytes: 2 ** 32 })
          .then(() => null, (error) => ({ code: error.code, message: error.message }));
        const next = await prover.execute(elf, input);
        prover.terminate();
        return { crash, next: { cycles: next.cycles, publicValuesHex: next.publicValuesHex } };
      },
      request,
    );
    assert.equal(crashed.crash?.code, 'OUT_OF_MEMORY', JSON.stringify(crashed));
    assert.deepEqual(crashed.next, { cycles: proved.cycles, publicValuesHex: proved.publicValuesHex });
    console.log(JSON.stringify({ refusals, outOfMemory: starved.message, cancelled: cancelled.message, crashed: crashed.crash.message }));
  } finally {
    await isolatedPage.close();
  }

  const plainPage = await openGuestPage(false);
  try {
    const refused = await inPage(plainPage.page, (sp1v6) => sp1v6.createProver({ requireThreads: true }), request);
    assert.equal(refused.code, 'NOT_ISOLATED', JSON.stringify(refused));
  } finally {
    await plainPage.close();
  }
}
