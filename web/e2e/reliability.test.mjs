// The prover facing bad input, small memory, crashes, concurrent calls and the network: typed
// errors, a worker that stays usable or is replaced, and no request beyond the page's assets.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exportGuests, openTestPage, workDir } from './harness.mjs';

/** Chromium's own log of every request, from the page and from every worker. */
const NET_LOG = join(workDir, 'reliability.netlog.json');
let session;

before(async () => {
  exportGuests();
  session = await openTestPage({ chromiumArgs: [`--log-net-log=${NET_LOG}`] });
  await session.page.evaluate(async () => {
    const load = async (guest) => new Uint8Array(await (await fetch(`/guests/${guest}.elf`)).arrayBuffer());
    window.elfs = { fibonacci: await load('fibonacci'), stats: await load('stats'), keccak: await load('keccak') };
  });
});

after(async () => {
  await session?.close();
});

test('every bad input gives its typed error and the worker stays usable', async () => {
  const codes = await session.page.evaluate(async () => {
    const prover = await window.sp1.createProver({ threads: 2 });
    const { fibonacci, stats, keccak } = window.elfs;
    const failure = (promise) => promise.then(() => ({ code: 'resolved' }), (e) => ({ code: e.code, message: e.message }));
    const code = async (promise) => (await failure(promise)).code;
    const edited = (bytes, edit) => {
      const copy = bytes.slice();
      edit(copy);
      return copy;
    };
    const proof = (await prover.prove(fibonacci, { guest: 'fibonacci', input: 10 })).proof;
    const vk = (await prover.setup(fibonacci)).vk;
    // The proof file ends with the public values' bytes, the version (8 + 6 bytes) and
    // `tee_proof: None` (1 byte).
    const publicValuesEnd = proof.length - 15;
    const guestPanic = await failure(prover.execute(keccak, { guest: 'keccak', input: { data: [1], rounds: 0 } }));
    const badBytes = await failure(prover.execute(fibonacci, [new Uint8Array([1])]));
    const result = {
      garbageElf: await code(prover.execute(new Uint8Array([1, 2, 3]), [])),
      truncatedElf: await code(prover.execute(fibonacci.slice(0, fibonacci.length >> 1), [])),
      // e_machine = x86-64 (62), and a 64-bit class.
      otherArchitectureElf: await code(prover.setup(edited(fibonacci, (b) => (b[18] = 62)))),
      elf64: await code(prover.execute(edited(fibonacci, (b) => (b[4] = 2)), [])),
      emptyStdin: await code(prover.execute(fibonacci, [])),
      wrongInputType: await code(prover.execute(fibonacci, { guest: 'fibonacci', input: 'many' })),
      unknownGuest: await code(prover.execute(fibonacci, { guest: 'nope', input: 1 })),
      stdinNotBytes: await code(prover.execute(fibonacci, [[1, 2]])),
      rawStdinOfWrongType: badBytes.code,
      guestPanic: guestPanic.code,
      cycleLimit: await code(prover.execute(fibonacci, { guest: 'fibonacci', input: 1000 }, { maxCycles: 1000 })),
      proofNotBincode: await code(prover.verify(new Uint8Array(64), fibonacci)),
      truncatedProof: await code(prover.verify(proof.slice(0, proof.length - 100), fibonacci)),
      vkOfWrongSize: await code(prover.verify(proof, vk.slice(0, 10))),
      proofForAnotherProgram: await code(prover.verify(proof, stats)),
      changedPublicValues: await code(prover.verify(edited(proof, (b) => (b[publicValuesEnd - 1] ^= 1)), fibonacci)),
      badOptions: await code(prover.prove(fibonacci, { guest: 'fibonacci', input: 5 }, { log2ShardSize: 40 })),
      stillWorks: (await prover.execute(fibonacci, { guest: 'fibonacci', input: 20 })).publicValuesHex,
    };
    prover.terminate();
    return { ...result, messages: { guestPanic: guestPanic.message, badBytes: badBytes.message } };
  });
  const { messages, ...byCase } = codes;
  assert.deepEqual(byCase, {
    garbageElf: 'INVALID_ELF',
    truncatedElf: 'INVALID_ELF',
    otherArchitectureElf: 'INVALID_ELF',
    elf64: 'INVALID_ELF',
    emptyStdin: 'EXECUTION_FAILED',
    wrongInputType: 'INVALID_STDIN',
    unknownGuest: 'INVALID_OPTIONS',
    stdinNotBytes: 'INVALID_STDIN',
    rawStdinOfWrongType: 'EXECUTION_FAILED',
    guestPanic: 'EXECUTION_FAILED',
    cycleLimit: 'EXECUTION_FAILED',
    proofNotBincode: 'INVALID_PROOF',
    truncatedProof: 'INVALID_PROOF',
    vkOfWrongSize: 'INVALID_VERIFYING_KEY',
    proofForAnotherProgram: 'VERIFICATION_FAILED',
    changedPublicValues: 'VERIFICATION_FAILED',
    badOptions: 'INVALID_OPTIONS',
    stillWorks: '140000006d1a0000',
  });
  assert.match(messages.guestPanic, /rounds must be at least 1/, 'the guest panic message is passed on');
  assert.match(messages.badBytes, /deserialization failed/);
  console.log(`bad inputs tried in wasm: ${Object.keys(byCase).length - 1}, all typed`);
});

test('a proof estimated not to fit is refused up front, or fitted to a smaller shard size', async () => {
  // Between the estimates for fibonacci(6000) in 2^16- and 2^17-cycle shards (tests/bad_input.rs).
  const LIMIT = 1120 * 2 ** 20;
  const outcome = await session.page.evaluate(async (limit) => {
    const prover = await window.sp1.createProver({ threads: 2, maxMemoryBytes: limit });
    const input = { guest: 'fibonacci', input: 6000 };
    const phases = [];
    const started = performance.now();
    const refused = await prover
      .prove(window.elfs.fibonacci, input, { log2ShardSize: 17, onProgress: (p) => phases.push(p.phase) })
      .then(() => null, (e) => ({ code: e.code, message: e.message, ms: performance.now() - started }));
    const fitted = await prover.prove(window.elfs.fibonacci, input);
    const verified = await prover.verify(fitted.proof, window.elfs.fibonacci);
    prover.terminate();
    return { refused, phases, fitted: { log2ShardSize: fitted.log2ShardSize, memoryBytes: fitted.memoryBytes }, verified };
  }, LIMIT);
  assert.equal(outcome.refused?.code, 'OUT_OF_MEMORY');
  assert.match(outcome.refused.message, /log2 shard size 16 would fit/);
  assert.deepEqual(outcome.phases, ['execute'], 'refused after execution, before any proving work');
  assert.equal(outcome.fitted.log2ShardSize, 16);
  assert.ok(outcome.fitted.memoryBytes <= LIMIT);
  assert.equal(outcome.verified.shards, 2);
  console.log(`refused in ${outcome.refused.ms.toFixed(0)} ms; fitted proof peaked at ${(outcome.fitted.memoryBytes / 2 ** 20).toFixed(0)} MiB`);
});

test('running out of memory mid-proof is a typed error, and the next call gets a fresh instance', async () => {
  const errorsBefore = session.errors.length;
  const outcome = await session.page.evaluate(async (limit) => {
    const prover = await window.sp1.createProver({ threads: 2, maxMemoryBytes: limit });
    const started = performance.now();
    // A limit above the real one gets past the guard: the instance really runs out.
    const crash = await prover
      .prove(window.elfs.fibonacci, { guest: 'fibonacci', input: 10 }, { memoryLimitBytes: 2 ** 32 })
      .then(() => null, (e) => ({ code: e.code, message: e.message, ms: performance.now() - started }));
    const next = await prover.execute(window.elfs.fibonacci, { guest: 'fibonacci', input: 20 });
    prover.terminate();
    return { crash, next: next.publicValuesHex };
  }, 512 * 2 ** 20);
  assert.equal(outcome.crash?.code, 'OUT_OF_MEMORY', JSON.stringify(outcome.crash));
  assert.equal(outcome.next, '140000006d1a0000');
  // The trap itself surfaces as the dying worker's uncaught error: expected here, nowhere else.
  // (The shipped module has no function names, so the stack does not say `rust_oom`; the
  // OUT_OF_MEMORY code above comes from the allocation-error hook.)
  const trapErrors = session.errors.splice(errorsBefore);
  assert.ok(trapErrors.every((e) => /unreachable/.test(e.message)), String(trapErrors));
  console.log(`out of memory reported in ${outcome.crash.ms.toFixed(0)} ms: ${outcome.crash.message}`);
});

test('two proofs at once are queued, never interleaved', async () => {
  const events = await session.page.evaluate(async () => {
    const prover = await window.sp1.createProver({ threads: 2 });
    const events = [];
    const prove = (name, input) =>
      prover
        .prove(window.elfs.fibonacci, { guest: 'fibonacci', input }, { onProgress: () => events.push(`${name} progress`) })
        .then(async (proof) => {
          events.push(`${name} done`);
          return prover.verify(proof.proof, window.elfs.fibonacci);
        });
    const [a, b] = await Promise.all([prove('a', 10), prove('b', 20)]);
    prover.terminate();
    return { order: events, a: a.publicValuesHex, b: b.publicValuesHex };
  });
  const firstOfB = events.order.indexOf('b progress');
  assert.ok(events.order.indexOf('a done') < firstOfB, events.order.join());
  assert.ok(events.order.slice(firstOfB).every((e) => e.startsWith('b')), events.order.join());
  assert.equal(events.a, '0a00000037000000');
  assert.equal(events.b, '140000006d1a0000');
});

test('no page errors', () => {
  assert.deepEqual(session.errors, []);
});

test('the prover made no network requests beyond the page\'s own assets', async () => {
  const origin = new URL(session.url).origin;
  await session.close(); // Chromium completes its net log on exit.
  session = null;
  // Requests made for the page (its workers included) carry its site as their network
  // isolation key; Chromium's own (component updates, accounts) carry none or Google's.
  const site = `${new URL(origin).protocol}//${new URL(origin).hostname}`;
  const jobs = JSON.parse(readFileSync(NET_LOG, 'utf8')).events.filter((e) => e.params?.url && e.params.network_isolation_key);
  const fromPage = jobs.filter((e) => e.params.network_isolation_key.startsWith(`${site} `)).map((e) => e.params.url);
  assert.deepEqual(fromPage.filter((url) => new URL(url).origin !== origin), []);
  const paths = new Set(fromPage.map((url) => new URL(url).pathname.split('/')[1]));
  assert.deepEqual([...paths].sort(), ['dist', 'e2e', 'favicon.ico', 'guests', 'pkg']);
  assert.ok(fromPage.some((url) => url.endsWith('_bg.wasm')), 'the log covers the worker\'s fetches');
  console.log(`${fromPage.length} requests from the page, all to ${origin}; ${jobs.length - fromPage.length} of Chromium's own`);
});
