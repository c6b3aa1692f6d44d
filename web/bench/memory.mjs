#!/usr/bin/env node
// Calibration of the memory guard (src/memory.rs): the wasm memory's peak in headless Chromium
// for shards of 2^16 to 2^19 padded rows, next to the guard's estimate, on fibonacci (the model's
// line) and on the precompile-heavy guests (its margin: their wide chips are not in the row count).
// Each proof runs in a fresh worker, since a wasm memory never shrinks. Writes
// docs/benchmarks/memory.md.
// Usage: node bench/memory.mjs --cli CLI [--threads 2] [--out DIR]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPage } from '../scripts/browser.mjs';

const { values: args } = parseArgs({
  options: {
    cli: { type: 'string' },
    threads: { type: 'string', default: '2' },
    out: { type: 'string', default: '../docs/benchmarks' },
  },
});
const threads = Number(args.threads);

const KECCAK = { data: [1, 2, 3], rounds: 300 };
const HASHES = { data: [1, 2, 3], rounds: 10 };
/**
 * Fibonacci inputs whose one shard pads to 2^12 (smallest), 2^16, 2^17, 2^18 and 2^19 rows; then
 * the benchmark's keccak and hashes workloads (about 400k cycles) at each shard size, whose
 * precompile shards are split by stock's per-kind thresholds, not by the shard size.
 */
const POINTS = [
  { guest: 'fibonacci', input: 10, log2ShardSize: 19 },
  { guest: 'fibonacci', input: 3000, log2ShardSize: 16 },
  { guest: 'fibonacci', input: 6000, log2ShardSize: 17 },
  { guest: 'fibonacci', input: 14000, log2ShardSize: 18 },
  { guest: 'fibonacci', input: 30000, log2ShardSize: 19 },
  ...[16, 17, 18, 19].flatMap((log2ShardSize) => [
    { guest: 'keccak', input: KECCAK, log2ShardSize },
    { guest: 'hashes', input: HASHES, log2ShardSize },
  ]),
];

const work = mkdtempSync(join(tmpdir(), 'sp1-wasm-memory-'));
for (const guest of new Set(POINTS.map((p) => p.guest))) {
  execFileSync(resolve(args.cli), ['elf', '--guest', guest, '--out', join(work, `${guest}.elf`)]);
}
const mib = (bytes) => Math.round(bytes / 2 ** 20);
const session = await openPage({ mounts: { '/guests': work } });
const rows = [];
try {
  for (const point of POINTS) {
    const row = await session.page.evaluate(
      async ({ guest, input, log2ShardSize, threads }) => {
        const prover = await window.sp1.createProver({ threads });
        const elf = new Uint8Array(await (await fetch(`/guests/${guest}.elf`)).arrayBuffer());
        let shards = 0;
        try {
          const proof = await prover.prove(elf, { guest, input }, {
            log2ShardSize,
            onProgress: (progress) => (shards = progress.shards),
          });
          const { cycles, memoryBytes, estimatedMemoryBytes, provingMs } = proof;
          return { guest, input, log2ShardSize, cycles, shards, memoryBytes, estimatedMemoryBytes, provingMs };
        } finally {
          prover.terminate();
        }
      },
      { ...point, threads },
    );
    console.log(
      `${row.guest}(${JSON.stringify(row.input)}), 2^${row.log2ShardSize} shards: ${row.cycles} cycles, ` +
        `${row.shards} shards, peak ${mib(row.memoryBytes)} MiB, estimate ${mib(row.estimatedMemoryBytes)} MiB, ` +
        `${(row.provingMs / 1e3).toFixed(1)} s`,
    );
    rows.push(row);
  }
} finally {
  await session.close();
}

const ratio = (r) => r.memoryBytes / r.estimatedMemoryBytes;
const tightest = rows.reduce((a, b) => (ratio(b) > ratio(a) ? b : a));
const table = [
  `# Memory guard calibration`,
  ``,
  `Peak wasm memory of one proof in headless Chromium (${threads} threads, compact padding), and the`,
  `estimate \`src/memory.rs\` makes before proving. Made by \`make bench-memory\`.`,
  ``,
  `| guest | input | cycles | log2 shard size | shards | padded rows | peak wasm memory (MiB) | estimate (MiB) | peak / estimate |`,
  `|---|---|---|---|---|---|---|---|---|`,
  ...rows.map((r) => {
    const padded = 2 ** Math.ceil(Math.log2(Math.min(r.cycles, 2 ** r.log2ShardSize)));
    return (
      `| ${r.guest} | \`${JSON.stringify(r.input)}\` | ${r.cycles} | ${r.log2ShardSize} | ${r.shards} | ${padded} | ` +
      `${mib(r.memoryBytes)} | ${mib(r.estimatedMemoryBytes)} | ${ratio(r).toFixed(2)} |`
    );
  }),
  ``,
  `Padded rows: of the largest CPU shard, which the estimate is linear in. The closest point to`,
  `the estimate is ${tightest.guest} at 2^${tightest.log2ShardSize}-cycle shards, at ${(100 * ratio(tightest)).toFixed(0)} % of it.`,
  `Peaks vary from run to run, most for precompile programs; the unit test in \`src/memory.rs\``,
  `holds the estimate above the highest of several runs.`,
  ``,
].join('\n');
writeFileSync(join(resolve(args.out), 'memory.md'), table);
console.log(`written ${join(args.out, 'memory.md')}`);
