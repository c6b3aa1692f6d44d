#!/usr/bin/env node
// Soundness of the wasm verifier on SP1 6, the sibling of web/e2e/soundness.test.mjs: the
// structural mutants of a core proof that the native tool wrote (src/bin/mutants.rs:
// commitments, opened values, LogUp-GKR, zerocheck, evaluation proof, shard public values, shard
// metadata, the file's own fields) are verified in headless Chromium through `sp1-wasm/v6`'s
// `verify`, against the program's verifying key. Each must be rejected with INVALID_PROOF,
// UNSUPPORTED_PROOF or VERIFICATION_FAILED; a trap (WORKER_CRASHED) or an accepted mutant is a
// finding. Prints the findings and `wasm verifier: N mutants, M rejected` to stderr, one JSON line
// to stdout; exits 1 on findings. The folder is served to the page, with a copy of the ELF.
// Usage: mutants-in-browser.mjs --elf FILE --mutants DIR   (DIR: the tool's --out)
import { copyFileSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { inPage, openV6Page } from './page.mjs';

const REJECTED = ['INVALID_PROOF', 'UNSUPPORTED_PROOF', 'VERIFICATION_FAILED'];

const { values } = parseArgs({ options: { elf: { type: 'string' }, mutants: { type: 'string' } } });
const dir = resolve(values.mutants);
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
// The page gets one folder: the mutants', with the ELF beside them.
const elfName = basename(values.elf);
copyFileSync(resolve(values.elf), join(dir, elfName));

const { page, close } = await openV6Page(dir);
let codes;
try {
  codes = await inPage(
    page,
    async (sp1v6, elf, { files }) => {
      const prover = await sp1v6.createProver();
      try {
        // Against the verifying key, not the ELF: verifying against an ELF sets it up every time.
        const key = await prover.setup(elf);
        await prover.release(key);
        const codes = [];
        for (const file of files) {
          const bytes = new Uint8Array(await (await fetch(`/guest/${file}`)).arrayBuffer());
          // A trap replaces the worker; the next call starts a new one, so the pass goes on.
          codes.push(await prover.verify(bytes, key.vk).then(() => 'ACCEPTED', (error) => error.code ?? String(error)));
        }
        return codes;
      } finally {
        prover.terminate();
      }
    },
    { elfUrl: `/guest/${elfName}`, files: manifest.map((mutant) => mutant.file) },
  );
} finally {
  await close();
}
if (!Array.isArray(codes)) throw new Error(`the page failed: ${JSON.stringify(codes)}`);

const findings = manifest
  .map((mutant, i) => ({ ...mutant, code: codes[i] }))
  .filter((mutant) => !REJECTED.includes(mutant.code))
  .map((mutant) => `${mutant.code}  ${mutant.family} / ${mutant.field} (${mutant.file})`);
const rejected = manifest.length - findings.length;
for (const finding of findings) console.error(finding);
console.error(`wasm verifier: ${manifest.length} mutants, ${rejected} rejected`);
const byCode = {};
for (const code of codes) byCode[code] = (byCode[code] ?? 0) + 1;
console.log(JSON.stringify({ mutants: manifest.length, rejected, byCode, findings }));
process.exit(findings.length === 0 ? 0 : 1);
