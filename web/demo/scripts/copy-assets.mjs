#!/usr/bin/env node
// Copies the prover's worker, wasm glue and the bundled guests' ELFs into public/, where the
// page loads them as static files: the worker imports the wasm glue by relative URL, so no
// bundler has to understand wasm-bindgen-rayon's worker helpers.
// Usage: node scripts/copy-assets.mjs <sp1-wasm CLI>
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const demo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const web = resolve(demo, '..');
const cli = resolve(process.argv[2] ?? '');
const publicDir = join(demo, 'public');

rmSync(join(publicDir, 'sp1-wasm'), { recursive: true, force: true });
cpSync(join(web, 'dist'), join(publicDir, 'sp1-wasm', 'dist'), { recursive: true });
for (const build of ['pkg', 'pkg-st']) {
  cpSync(join(web, build), join(publicDir, 'sp1-wasm', build), { recursive: true });
}
mkdirSync(join(publicDir, 'guests'), { recursive: true });
for (const guest of ['fibonacci', 'keccak', 'stats']) {
  execFileSync(cli, ['elf', '--guest', guest, '--out', join(publicDir, 'guests', `${guest}.elf`)]);
}
console.log('demo assets copied to public/');
