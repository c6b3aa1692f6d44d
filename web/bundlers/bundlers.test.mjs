// The packed package (`npm pack` of web/) installed into fresh apps, as users make them: Vite (dev
// server and production build), Next.js (webpack and Turbopack builds) and a page without a
// bundler. Each app is built and served with COOP/COEP; headless Chromium clicks "Prove", and the
// proof is checked natively, and the SP1 6 prover of `sp1-wasm/v6` must load and answer. Every
// app is also opened without the isolation headers, where both entry points must choose their
// single-threaded builds. Files are never copied into the apps by hand.
// Env: SP1_WASM_PACKAGE (the tarball), SP1_WASM_CLI (the native CLI).
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../scripts/browser.mjs';

const APPS = fileURLToPath(new URL('apps', import.meta.url));
const SERVE = fileURLToPath(new URL('../scripts/serve.mjs', import.meta.url));
const tarball = resolve(required('SP1_WASM_PACKAGE'));
const cli = resolve(required('SP1_WASM_CLI'));
const PROOF_TIMEOUT = 10 * 60_000;

function required(name) {
  if (!process.env[name]) throw new Error(`set ${name} (make test-bundlers does)`);
  return process.env[name];
}

const apps = new Map();

/**
 * A fresh app from its template (made once, on first use), with the shared user code, the
 * guest's ELF in its static files, its own dependencies and the packed package installed.
 */
function app(name, staticDir) {
  if (apps.has(name)) return apps.get(name);
  const dir = mkdtempSync(join(tmpdir(), `sp1-wasm-${name}-`));
  cpSync(join(APPS, name), dir, { recursive: true });
  cpSync(join(APPS, 'shared'), dir, { recursive: true });
  mkdirSync(join(dir, staticDir), { recursive: true });
  execFileSync(cli, ['elf', '--guest', 'fibonacci', '--out', join(dir, staticDir, 'fibonacci.elf')]);
  npm(dir, ['install']);
  npm(dir, ['install', tarball]);
  apps.set(name, dir);
  return dir;
}

function npm(cwd, args) {
  execFileSync('npm', [...args, '--no-audit', '--no-fund'], { cwd, stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Starts a server in its own process group and waits until `url` answers. */
async function serve(cwd, command, args, url) {
  const server = spawn(command, args, { cwd, stdio: 'ignore', detached: true });
  const stop = () => process.kill(-server.pid, 'SIGTERM');
  for (let i = 0; i < 240; i++) {
    if (await fetch(url).then((r) => r.ok, () => false)) return stop;
    await new Promise((done) => setTimeout(done, 500));
  }
  stop();
  throw new Error(`${command} ${args.join(' ')} did not serve ${url}`);
}

let browser;
before(async () => {
  browser = await launchChromium();
});
after(() => browser?.close());

/**
 * Opens the app, clicks "Prove" and returns what the page reports. `isolated: false` strips
 * COOP/COEP from the page's own response, as a server without them would send it.
 */
async function proveIn(url, { isolated }) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  if (!isolated) {
    await page.route('**/*', async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      const headers = { ...response.headers() };
      delete headers['cross-origin-opener-policy'];
      delete headers['cross-origin-embedder-policy'];
      await route.fulfill({ response, headers });
    });
  }
  try {
    await page.goto(url);
    assert.equal(await page.evaluate(() => crossOriginIsolated), isolated);
    await page.click('#prove');
    await page.waitForFunction(() => window.sp1Result, null, { timeout: PROOF_TIMEOUT });
    const result = await page.evaluate(() => window.sp1Result);
    assert.deepEqual(errors, []);
    return result;
  } finally {
    await context.close();
  }
}

/** The proof the page made verifies natively, for the fibonacci guest. */
function verifyNatively(dir, result) {
  const file = join(dir, 'proof.bin');
  writeFileSync(file, Buffer.from(result.proof, 'hex'));
  const output = execFileSync(cli, ['verify', '--proof', file, '--guest', 'fibonacci'], { encoding: 'utf8' });
  assert.match(output, /^verified: core proof/m);
}

/** Proves threaded on the isolated page and single-threaded without isolation. */
async function proveBothWays(dir, url) {
  const threaded = await proveIn(url, { isolated: true });
  assert.equal(threaded.error, undefined, threaded.error);
  assert.equal(threaded.threaded, true);
  assert.ok(threaded.threads > 1, `threads: ${threaded.threads}`);
  assert.equal(threaded.sp1V6, 'INVALID_ELF', 'sp1-wasm/v6 loads and answers from its wasm');
  verifyNatively(dir, threaded);

  const single = await proveIn(url, { isolated: false });
  assert.equal(single.error, undefined, single.error);
  assert.deepEqual([single.threaded, single.threads], [false, 1]);
  assert.equal(single.vkHash, threaded.vkHash);
  assert.equal(single.publicValues, threaded.publicValues);
  assert.equal(single.sp1V6, 'INVALID_ELF', "sp1-wasm/v6's single-threaded build loads and answers");
  verifyNatively(dir, single);
}

/** Serves the app on a free port with `command` (given the port), proves both ways, stops it. */
async function serveAndProve(dir, command, args) {
  const port = 4100 + Math.floor(Math.random() * 800);
  const url = `http://127.0.0.1:${port}/`;
  const stop = await serve(dir, command, args(String(port)), url);
  try {
    await proveBothWays(dir, url);
  } finally {
    stop();
  }
}

describe('Vite', () => {
  test('dev server', { timeout: 2 * PROOF_TIMEOUT }, async () => {
    const dir = app('vite', 'public');
    await serveAndProve(dir, 'npx', (port) => ['vite', '--port', port, '--strictPort', '--host', '127.0.0.1']);
  });

  test('production build', { timeout: 2 * PROOF_TIMEOUT }, async () => {
    const dir = app('vite', 'public');
    execFileSync('npx', ['vite', 'build'], { cwd: dir, stdio: 'ignore' });
    await serveAndProve(dir, 'npx', (port) => ['vite', 'preview', '--port', port, '--strictPort', '--host', '127.0.0.1']);
  });
});

describe('Next.js', () => {
  for (const [bundler, flags] of [
    ['Turbopack', []],
    ['webpack', ['--webpack']],
  ]) {
    test(`production build with ${bundler}`, { timeout: 2 * PROOF_TIMEOUT }, async () => {
      const dir = app('next', 'public');
      const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
      execFileSync('npx', ['next', 'build', ...flags], { cwd: dir, stdio: 'ignore', env });
      await serveAndProve(dir, 'npx', (port) => ['next', 'start', '-p', port, '-H', '127.0.0.1']);
    });
  }
});

test('a page without a bundler', { timeout: 2 * PROOF_TIMEOUT }, async () => {
  const dir = app('plain', '.');
  await serveAndProve(dir, 'node', (port) => [SERVE, '--port', port, '--root', dir]);
});
