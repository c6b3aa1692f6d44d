#!/usr/bin/env node
// Proves a program in headless Chromium through this package, on a pool of all cores, printing
// progress as it goes, and writes the proof file (stock SP1ProofWithPublicValues, bincode).
// Usage: node scripts/prove.mjs --elf FILE [--guest NAME --input JSON | --stdin-hex HEX...]
//                               [--threads N] [--padding compact|fixed] [--out proof.bin]
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPage } from './browser.mjs';

const { values: args } = parseArgs({
  options: {
    elf: { type: 'string' },
    guest: { type: 'string' },
    input: { type: 'string' },
    'stdin-hex': { type: 'string', multiple: true, default: [] },
    threads: { type: 'string', default: String(availableParallelism()) },
    padding: { type: 'string', default: 'compact' },
    out: { type: 'string', default: 'proof.bin' },
  },
});
if (!args.elf) throw new Error('--elf is required');
const elf = resolve(args.elf);
const stdin = args.guest
  ? { guest: args.guest, input: JSON.parse(args.input ?? 'null') }
  : args['stdin-hex'];

const session = await openPage({ mounts: { '/program': dirname(elf) } });
try {
  await session.page.exposeFunction('reportProgress', (p) => {
    const shards = p.shards || '?';
    process.stderr.write(
      `\r[${(p.elapsedMs / 1000).toFixed(2).padStart(8)}s] ${p.phase.padEnd(14)} shard ${p.shard}/${shards}` +
        `  cycles ${p.cycles}/${p.totalCycles}  wasm memory ${(p.memoryBytes / 2 ** 20).toFixed(0)} MiB   `,
    );
  });
  const result = await session.page.evaluate(
    async ({ file, stdin, threads, padding }) => {
      const prover = await window.sp1.createProver({ threads });
      const elf = new Uint8Array(await (await fetch(`/program/${file}`)).arrayBuffer());
      const stdinValue = Array.isArray(stdin)
        ? stdin.map((hex) => new Uint8Array(hex.match(/../g)?.map((b) => parseInt(b, 16)) ?? []))
        : stdin;
      const proof = await prover.prove(elf, stdinValue, { tracePadding: padding, onProgress: window.reportProgress });
      const verified = await prover.verify(proof.proof, elf);
      prover.terminate();
      return { ...proof, proof: undefined, publicValues: undefined, verifiedShards: verified.shards, userAgent: navigator.userAgent };
    },
    { file: basename(elf), stdin, threads: Number(args.threads), padding: args.padding },
  );
  process.stderr.write('\n');
  writeFileSync(args.out, Buffer.from(result.proofHex, 'hex'));
  console.log(`browser: ${result.userAgent.match(/HeadlessChrome\/[\d.]+|Chrome\/[\d.]+/)?.[0]}, ${result.threads} threads`);
  console.log(`vkey hash: ${result.vkHash}`);
  console.log(`cycles: ${result.cycles}`);
  console.log(`public values: 0x${result.publicValuesHex}`);
  console.log(`proved in ${(result.provingMs / 1000).toFixed(1)} s, peak wasm memory ${(result.memoryBytes / 2 ** 20).toFixed(0)} MiB`);
  console.log(`verified in the browser (${result.verifiedShards} shards); proof: ${args.out} (${result.proofHex.length / 2} bytes)`);
} finally {
  await session.close();
}
