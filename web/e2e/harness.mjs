// Shared by the end-to-end tests: a server for web/, headless Chromium, and the native tools.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openPage } from '../scripts/browser.mjs';

/** The native sp1-wasm CLI and stock sp1-sdk's interop binary, from the Makefile. */
export const nativeCli = required('SP1_WASM_CLI');
export const stockCli = required('SP1_STOCK_CLI');
export const mutantsTool = required('SP1_WASM_MUTANTS');
export const workDir = mkdtempSync(join(tmpdir(), 'sp1-wasm-e2e-'));
export const GUESTS = ['fibonacci', 'keccak', 'stats', 'hashes'];

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`set ${name} (make test-browser does)`);
  return resolve(value);
}

/** Runs a native tool; returns stdout, throws with its output when it fails. */
export function run(tool, args, env = {}) {
  return execFileSync(tool, args, { encoding: 'utf8', env: { ...process.env, ...env }, stdio: 'pipe' });
}

/** Stock's prover loads the bundled dummy vk map and skips precompiling recursion programs. */
export function runStock(args) {
  return run(stockCli, args, { VERIFY_VK: 'false', SP1_DISABLE_PROGRAM_CACHE: 'true' });
}

export function vkHashOf(output) {
  return output.match(/vkey hash: (0x[0-9a-f]{64})/)?.[1];
}

/** Writes every bundled guest's ELF into the work dir, served at /guests/. */
export function exportGuests() {
  for (const guest of GUESTS) run(nativeCli, ['elf', '--guest', guest, '--out', join(workDir, `${guest}.elf`)]);
}

/** The e2e page, with the exported guests served at /guests/. */
export function openTestPage({ isolated = true, chromiumArgs = [] } = {}) {
  return openPage({ isolated, mounts: { '/guests': workDir }, chromiumArgs });
}

export function saveBytes(name, bytes) {
  const path = join(workDir, name);
  writeFileSync(path, Buffer.from(bytes));
  return path;
}

