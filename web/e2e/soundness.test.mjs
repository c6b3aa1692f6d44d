// Soundness of the wasm verifier: a proof made in the browser is mutated structurally by the
// native tool (examples/mutants.rs: commitments, opened values, FRI opening proof, shard public
// values, shard metadata, the file's own fields), and every mutant must be rejected by the
// browser with an error code. A trap (WORKER_CRASHED) or an accepted mutant is a finding.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { exportGuests, mutantsTool, openTestPage, run, saveBytes, workDir } from './harness.mjs';

/** Served to the page at /guests/mutants/. */
const MUTANTS_DIR = join(workDir, 'mutants');
const REJECTED = ['INVALID_PROOF', 'UNSUPPORTED_PROOF', 'VERIFICATION_FAILED'];

let session;

before(async () => {
  exportGuests();
  session = await openTestPage();
});

after(async () => {
  await session?.page.evaluate(() => window.prover?.terminate()).catch(() => {});
  await session?.close();
  // A few hundred copies of a proof: too large to leave behind.
  rmSync(MUTANTS_DIR, { recursive: true, force: true });
});

/**
 * Runs the mutation tool. It exits non-zero when a mutant is accepted or panics natively; its
 * report is still wanted then, and the wasm verifier still gets the mutants.
 */
function mutate(proofFile) {
  const args = ['--guest', 'fibonacci', '--proof', proofFile, '--out', MUTANTS_DIR];
  try {
    return { ok: true, report: run(mutantsTool, args) };
  } catch (error) {
    if (!String(error.stdout).includes('native verifier:')) throw error;
    return { ok: false, report: String(error.stdout) };
  }
}

test('every structural mutant of a browser proof is rejected by the wasm verifier with a code', async () => {
  const proofHex = await session.page.evaluate(async () => {
    window.prover = await window.sp1.createProver({ threads: 2 });
    const elf = new Uint8Array(await (await fetch('/guests/fibonacci.elf')).arrayBuffer());
    const proof = await window.prover.prove(elf, { guest: 'fibonacci', input: 10 });
    await window.prover.verify(proof.proof, elf);
    return proof.proofHex;
  });
  const proofFile = saveBytes('soundness.proof', Buffer.from(proofHex, 'hex'));

  const native = mutate(proofFile);
  console.log(native.report.trimEnd());
  const manifest = JSON.parse(readFileSync(join(MUTANTS_DIR, 'manifest.json'), 'utf8'));
  assert.ok(manifest.length > 150, `${manifest.length} mutants`);

  // Against the verifying key, not the ELF: verifying against an ELF runs setup every time.
  const codes = await session.page.evaluate(async (files) => {
    const elf = new Uint8Array(await (await fetch('/guests/fibonacci.elf')).arrayBuffer());
    const key = await window.prover.setup(elf);
    await window.prover.release(key);
    const codes = [];
    for (const file of files) {
      const bytes = new Uint8Array(await (await fetch(`/guests/mutants/${file}`)).arrayBuffer());
      // A trap replaces the worker; the next call starts a new one, so the pass goes on.
      codes.push(await window.prover.verify(bytes, key.vk).then(() => 'RESOLVED', (e) => e.code ?? String(e)));
    }
    return codes;
  }, manifest.map((mutant) => mutant.file));

  const findings = manifest
    .map((mutant, i) => ({ ...mutant, code: codes[i] }))
    .filter((mutant) => !REJECTED.includes(mutant.code))
    .map((mutant) => `${mutant.code}  ${mutant.family} / ${mutant.field} (${mutant.file})`);
  console.log(`wasm verifier: ${manifest.length} mutants, ${manifest.length - findings.length} rejected`);
  assert.deepEqual(findings, [], 'every mutant is rejected with INVALID_PROOF, UNSUPPORTED_PROOF or VERIFICATION_FAILED');
  assert.ok(native.ok, 'the native verifier rejects every mutant with an error (see its report above)');
});

test('no page errors', () => {
  assert.deepEqual(session.errors, []);
});
