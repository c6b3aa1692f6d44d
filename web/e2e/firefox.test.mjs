// The threaded prover in Firefox (Debian's firefox-esr, driven over WebDriver BiDi): the same
// page and proof as in Chromium, checked natively, with the two browsers' times side by side.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchFirefox, webRoot } from '../scripts/browser.mjs';
import { startServer } from '../scripts/serve.mjs';
import { exportGuests, nativeCli, openTestPage, run, saveBytes, workDir } from './harness.mjs';

const PROOF_TIMEOUT = 10 * 60_000;
const INPUT = 1000;

/** Proves fibonacci(INPUT) on every core of the page's browser; returns the proof and times. */
async function proveOnPage(page) {
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
      userAgent: navigator.userAgent,
    };
  }, INPUT);
}

let server;
let firefox;

before(async () => {
  exportGuests();
  server = await startServer({ root: webRoot, mounts: { '/guests': workDir } });
  firefox = await launchFirefox();
});

after(async () => {
  await firefox?.close();
  server?.server.close();
});

test('Firefox proves on a pool of workers; the proof verifies natively; times next to Chromium', { timeout: 2 * PROOF_TIMEOUT }, async () => {
  const page = await firefox.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${server.url}/e2e/index.html`);
  await page.waitForFunction(() => window.sp1Ready === true);
  const inFirefox = await proveOnPage(page);
  assert.deepEqual(errors, []);
  assert.match(inFirefox.userAgent, /Firefox/);
  assert.equal(inFirefox.isolated, true);
  assert.equal(inFirefox.threaded, true);
  assert.ok(inFirefox.threads > 1, `threads: ${inFirefox.threads}`);
  const output = run(nativeCli, ['verify', '--proof', saveBytes('firefox.proof', inFirefox.proof), '--guest', 'fibonacci']);
  assert.match(output, /^verified: core proof/m);

  const chromium = await openTestPage();
  try {
    const inChromium = await proveOnPage(chromium.page);
    const seconds = (ms) => (ms / 1000).toFixed(1);
    console.log(
      `fibonacci(${INPUT}) on ${inFirefox.threads} threads: Firefox ${seconds(inFirefox.provingMs)} s, ` +
        `Chromium ${seconds(inChromium.provingMs)} s (${inFirefox.userAgent.match(/Firefox\/[\d.]+/)[0]}, ` +
        `${inChromium.userAgent.match(/Chrome\/[\d.]+/)[0]})`,
    );
  } finally {
    await chromium.close();
  }
});
