#!/usr/bin/env node
// A proof made elsewhere (stock sp1-sdk 6.10.0's prover, make test-v6) verified in headless
// Chromium through `sp1-wasm/v6`'s `verify`, against the program's ELF: accepted, and a copy with
// one byte changed in its middle refused with a code. Prints one JSON line; exits 1 otherwise.
// The ELF and the proof must be in one folder (it is served to the page).
// Usage: verify-in-browser.mjs --elf FILE --proof FILE
import assert from 'node:assert/strict';
import { basename, dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { inPage, openV6Page } from './page.mjs';

const { values } = parseArgs({ options: { elf: { type: 'string' }, proof: { type: 'string' } } });
const elf = resolve(values.elf);
const proof = resolve(values.proof);
assert.equal(dirname(proof), dirname(elf), 'the ELF and the proof must be in one folder');

const { page, close } = await openV6Page(dirname(elf));
try {
  const verdicts = await inPage(
    page,
    async (sp1v6, elf, { proofUrl }) => {
      const proof = new Uint8Array(await (await fetch(proofUrl)).arrayBuffer());
      const tampered = proof.slice();
      tampered[tampered.length >> 1] ^= 1;
      const prover = await sp1v6.createProver();
      const verdict = (bytes) =>
        prover.verify(bytes, elf).then(
          (verified) => ({ verified }),
          (error) => ({ code: error.code, message: error.message }),
        );
      try {
        return { accepted: await verdict(proof), tampered: await verdict(tampered) };
      } finally {
        prover.terminate();
      }
    },
    { elfUrl: `/guest/${basename(elf)}`, proofUrl: `/guest/${basename(proof)}` },
  );
  console.log(JSON.stringify({ elf: basename(elf), proof: basename(proof), ...verdicts }));
  assert.ok(verdicts.accepted?.verified, JSON.stringify(verdicts));
  assert.match(verdicts.tampered.code ?? '', /^(VERIFICATION_FAILED|INVALID_PROOF)$/, JSON.stringify(verdicts.tampered));
} finally {
  await close();
}
