// The Next.js demo (built by `make demo-build`), driven through its UI in headless Chromium.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { launchChromium, webRoot } from '../scripts/browser.mjs';
import { nativeCli, run, workDir } from './harness.mjs';

const PORT = 3000 + Math.floor(Math.random() * 900);
const BASE = `http://127.0.0.1:${PORT}`;
/** Screenshots are kept here as test artifacts. */
const ARTIFACTS = join(webRoot, 'test-results');
const PROOF_TIMEOUT = 10 * 60_000;

let server;
let browser;

before(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Its own process group, so the server npx starts is stopped with it.
  server = spawn('npx', ['next', 'start', '-p', String(PORT), '-H', '127.0.0.1'], {
    cwd: join(webRoot, 'demo'),
    stdio: 'ignore',
    detached: true,
  });
  for (let i = 0; i < 120; i++) {
    if (await fetch(BASE).then((r) => r.ok, () => false)) break;
    await new Promise((done) => setTimeout(done, 500));
  }
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (server) process.kill(-server.pid, 'SIGTERM');
});

async function openDemo(query = '') {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(`${BASE}/${query}`);
  return { page, errors };
}

async function setInput(page, value) {
  await page.fill('#input', value);
}

test('prove through the UI, verify, download; the proof file verifies natively', async () => {
  const { page, errors } = await openDemo();
  await page.getByTestId('isolation').getByText('Cross-origin isolated').waitFor();
  await setInput(page, '1000');
  await page.getByTestId('prove').click();
  await page.getByTestId('status').getByText(/shard 1 of 1/).waitFor({ timeout: PROOF_TIMEOUT });
  await page.getByTestId('result').waitFor({ timeout: PROOF_TIMEOUT });
  assert.equal(await page.getByTestId('public-values').textContent(), '0xe80300004d170000');

  await page.getByTestId('verify').click();
  await page.getByTestId('verified').waitFor({ timeout: 60_000 });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download').click()]);
  const proofFile = join(workDir, 'demo.proof');
  await download.saveAs(proofFile);
  assert.match(run(nativeCli, ['verify', '--proof', proofFile, '--guest', 'fibonacci']), /verified/);

  await page.screenshot({ path: join(ARTIFACTS, 'demo-proved.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('SP1 6: prove fibonacci through the UI and verify it in the page', async () => {
  const { page, errors } = await openDemo();
  await page.getByTestId('isolation').getByText('Cross-origin isolated').waitFor();
  await page.selectOption('#version', '6');
  await page.locator('#guest').getByText('fibonacci').waitFor({ state: 'attached' });
  await setInput(page, '1000');
  await page.locator('[data-testid="prove"]:enabled').click();
  // The SP1 6 progress line names the cycles as soon as the program has run.
  await page.getByTestId('status').getByText(/18927 cycles/).or(page.getByTestId('error')).waitFor({ timeout: 60_000 });
  await page.getByTestId('result').or(page.getByTestId('error')).waitFor({ timeout: PROOF_TIMEOUT });
  assert.equal(await page.getByTestId('error').count(), 0, await page.getByTestId('error').textContent().catch(() => ''));
  assert.equal(await page.getByTestId('public-values').textContent(), '0xe80300004d170000');
  await page.getByTestId('verify').click();
  const verified = await page.getByTestId('verified').textContent({ timeout: 60_000 });
  assert.match(verified, /Verified: 1 shard\(s\)/);
  await page.screenshot({ path: join(ARTIFACTS, 'demo-v6-proved.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('a tampered uploaded proof is rejected and the error is shown', async () => {
  const { page } = await openDemo();
  const proof = readFileSync(join(workDir, 'demo.proof'));
  proof[proof.length >> 1] ^= 1;
  const tampered = join(workDir, 'tampered.proof');
  writeFileSync(tampered, proof);
  // The input is disabled until the page has fetched the program's ELF; Playwright would set the
  // files of a disabled input anyway, and the page would ignore them.
  await page.locator('#proof-upload:enabled').waitFor();
  await page.setInputFiles('#proof-upload', tampered);
  const error = await page.getByTestId('error').textContent({ timeout: 60_000 });
  assert.match(error, /^(VERIFICATION_FAILED|INVALID_PROOF):/);
  await page.screenshot({ path: join(ARTIFACTS, 'demo-tampered.png'), fullPage: true });
});

test('cancel mid-proof, then prove again', async () => {
  const { page } = await openDemo();
  await setInput(page, '6000');
  await page.getByTestId('prove').click();
  await page.getByTestId('status').getByText(/Committing|Opening/).waitFor({ timeout: PROOF_TIMEOUT });
  await page.getByTestId('cancel').click();
  assert.match(await page.getByTestId('error').textContent(), /^ABORTED:/);

  await setInput(page, '20');
  await page.getByTestId('prove').click();
  await page.getByTestId('result').waitFor({ timeout: PROOF_TIMEOUT });
  assert.equal(await page.getByTestId('public-values').textContent(), '0x140000006d1a0000');
});

test('without cross-origin isolation the single-threaded build proves, with a notice', async () => {
  const { page } = await openDemo('?isolation=off');
  await page.getByTestId('isolation').getByText('single-threaded prover').waitFor({ timeout: 10_000 });
  await page.getByTestId('isolation-help').getByText('Proving will be slower').waitFor();
  await setInput(page, '20');
  await page.getByTestId('prove').click();
  await page.getByTestId('result').waitFor({ timeout: PROOF_TIMEOUT });
  assert.equal(await page.getByTestId('public-values').textContent(), '0x140000006d1a0000');
  await page.getByTestId('verify').click();
  await page.getByTestId('verified').waitFor({ timeout: 60_000 });
  await page.screenshot({ path: join(ARTIFACTS, 'demo-not-isolated.png'), fullPage: true });
});
