// The same proof in the three browser engines, each threaded (a cross-origin isolated page) and
// single-threaded (a page without isolation, where the package picks its single-threaded build):
// Chromium (Playwright), Firefox ESR (puppeteer over WebDriver BiDi) and WebKitGTK, Safari's
// engine (its WebKitWebDriver; SharedArrayBuffer turned on as Safari has it in an isolated page).
// Every proof is verified natively; the times are printed side by side at the end. Last, WebKitGTK
// as installed: an isolated page without SharedArrayBuffer gets the single-threaded build.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { openPage } from '../scripts/browser.mjs';
import { exportGuests, nativeCli, run, saveBytes, workDir } from './harness.mjs';

const PROOF_TIMEOUT = 10 * 60_000;
const INPUT = 1000;

/**
 * Proves fibonacci(INPUT) on the package's default pool (`navigator.hardwareConcurrency`, which
 * WebKit rounds: 4 on a 2-core machine); returns the proof and times.
 */
function proveOnPage(page) {
  return page.evaluate(async (input) => {
    const prover = await window.sp1.createProver();
    const elf = new Uint8Array(await (await fetch('/guests/fibonacci.elf')).arrayBuffer());
    const started = performance.now();
    const proof = await prover.prove(elf, { guest: 'fibonacci', input });
    const provingMs = performance.now() - started;
    const verified = await prover.verify(proof.proof, elf);
    prover.terminate();
    return {
      isolated: crossOriginIsolated,
      threaded: prover.threaded,
      threads: prover.threads,
      provingMs,
      shards: verified.shards,
      proof: Array.from(proof.proof),
    };
  }, INPUT);
}

const results = [];

before(exportGuests);

after(() => {
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`fibonacci(${INPUT}), prove(elf) with setup, verified natively:`);
  for (const { isolated, threads, provingMs, version } of results) {
    console.log(`  ${version} ${isolated ? `threaded on ${threads}` : 'single-threaded'}: ${seconds(provingMs)}`);
  }
});

for (const engine of ['chromium', 'firefox', 'webkit']) {
  for (const isolated of [true, false]) {
    const build = isolated ? 'threaded' : 'single-threaded';
    test(`${engine} proves on its ${build} build; the proof verifies natively`, { timeout: PROOF_TIMEOUT }, async () => {
      const opened = await openPage({ engine, isolated, mounts: { '/guests': workDir } });
      let proved;
      try {
        proved = await proveOnPage(opened.page);
      } finally {
        await opened.close();
      }
      // Chromium and Firefox report the page's errors; WebDriver classic (WebKit) does not.
      if (opened.errors) assert.deepEqual(opened.errors, []);
      assert.equal(proved.isolated, isolated);
      assert.equal(proved.threaded, isolated);
      assert.ok(isolated ? proved.threads > 1 : proved.threads === 1, `threads: ${proved.threads}`);
      const proof = saveBytes(`${engine}-${build}.proof`, proved.proof);
      assert.match(run(nativeCli, ['verify', '--proof', proof, '--guest', 'fibonacci']), /^verified: core proof/m);
      results.push({ engine, isolated, version: opened.version, ...proved });
    });
  }
}

test('webkit without SharedArrayBuffer on an isolated page picks the single-threaded build, or says why it cannot thread', async () => {
  const opened = await openPage({ engine: 'webkit', isolated: true, sharedArrayBuffer: false });
  try {
    const outcome = await opened.page.evaluate(async () => {
      const prover = await window.sp1.createProver();
      const chosen = { threaded: prover.threaded, threads: prover.threads };
      prover.terminate();
      const required = await window.sp1.createProver({ requireThreads: true }).then(
        (other) => (other.terminate(), null),
        (error) => ({ code: error.code, message: error.message }),
      );
      return { isolated: crossOriginIsolated, sharedArrayBuffer: typeof SharedArrayBuffer, chosen, required };
    });
    assert.deepEqual(
      [outcome.isolated, outcome.sharedArrayBuffer, outcome.chosen],
      [true, 'undefined', { threaded: false, threads: 1 }],
    );
    assert.equal(outcome.required?.code, 'NOT_ISOLATED');
    assert.match(outcome.required.message, /cross-origin isolated, but the browser gives it no SharedArrayBuffer/);
  } finally {
    await opened.close();
  }
});
