#!/usr/bin/env node
// Proves the v6 fibonacci guest with prover-v6's wasm module in headless Chromium, on all the
// machine's cores, and writes the proof file for stock sp1-sdk 6.10.0 to verify (make test-v6).
// Then a malformed ELF must be refused with INVALID_ELF, the worker still answering.
// Usage: prove.mjs --pkg DIR --elf FILE --input N --out FILE [--threads N] [--element-threshold N]
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../../../web/scripts/browser.mjs';
import { startServer } from '../../../web/scripts/serve.mjs';

const args = process.argv.slice(2);
const option = (flag, fallback) => {
  const i = args.indexOf(flag);
  if (i >= 0) return args[i + 1];
  if (fallback === undefined) throw new Error(`${flag} is required`);
  return fallback;
};
const elf = resolve(option('--elf'));
const input = Number(option('--input'));
const threads = Number(option('--threads', String(availableParallelism())));
const threshold = option('--element-threshold', '');

// The fibonacci guest reads one u32 (bincode: 4 bytes, little-endian).
const stdin = [Array.from(new Uint8Array(new Uint32Array([input]).buffer))];

const { server, url } = await startServer({
  root: dirname(fileURLToPath(import.meta.url)),
  mounts: { '/pkg': resolve(option('--pkg')), '/guest': dirname(elf) },
});
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on('console', (message) => console.error(`[page] ${message.text()}`));
  await page.goto(url);
  const isolated = await page.evaluate(() => self.crossOriginIsolated);
  if (!isolated) throw new Error('the page is not cross-origin isolated');
  const result = await page.evaluate((request) => window.prove(request), {
    elfUrl: `/guest/${basename(elf)}`,
    stdin,
    threads,
    elementThreshold: threshold === '' ? undefined : Number(threshold),
  });
  if (!result.ok) throw new Error(`proving failed in the browser: ${result.error}`);
  const { proofBase64, ...figures } = result;
  writeFileSync(option('--out'), Buffer.from(proofBase64, 'base64'));
  console.log(JSON.stringify({ version: 'sp1 6.10.0 core, prover-v6 in Chromium', input, ...figures }));

  // An ELF header followed by garbage.
  const malformed = [0x7f, 0x45, 0x4c, 0x46, ...Array.from({ length: 60 }, (_, i) => (i * 37) & 0xff)];
  const refused = await page.evaluate((request) => window.prove(request), { elf: malformed, stdin, threads });
  if (refused.ok || !refused.error.startsWith('INVALID_ELF')) {
    throw new Error(`a malformed ELF was not refused with INVALID_ELF: ${JSON.stringify(refused)}`);
  }
  console.log(JSON.stringify({ malformedElf: refused.error }));
} finally {
  await browser.close();
  server.close();
}
