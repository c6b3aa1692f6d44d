#!/usr/bin/env node
// The table of tests/sp1-v6/bench.sh: per workload and thread count, the median time of each
// prover with setup included (stock: its setup, once per process, plus the median proof; its
// client's build apart), peak memory, and the ratios browser / stock and browser / native; then
// warm proofs, setup apart: the browser's second proof in the same worker against stock's proofs.
// Usage: bench-table.mjs results.jsonl > results.md
import { readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

const rows = readFileSync(process.argv[2], 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
// A prover without runs shows '-'.
const seconds = (ms) => (Number.isNaN(ms) ? '-' : (ms / 1000).toFixed(1));
const ratio = (a, b) => (Number.isNaN(a / b) ? '-' : (a / b).toFixed(2));
const gib = (mib) => (mib / 1024).toFixed(2);

const groups = new Map();
for (const row of rows) {
  const key = `${row.guest} ${row.input} ${row.threads}`;
  if (!groups.has(key)) groups.set(key, { guest: row.guest, input: row.input, threads: row.threads, stock: [], native: [], browser: [] });
  groups.get(key)[row.prover].push(row);
}

console.log(`# SP1 6: stock sp1-sdk 6.10.0, this project natively, sp1-wasm/v6 in Chromium (make bench-v6)

${new Date().toISOString().slice(0, 10)}, ${cpus()[0].model} (${cpus().length} cores), ${(totalmem() / 2 ** 30).toFixed(0)} GiB.
Stock and native (\`prover/v6\` on stock crates, \`core_only\`) are built with \`-C target-cpu=native\`.
Times are medians; "with setup" columns include the program's setup (stock: once per process,
its client's build apart, in brackets); the browser's is a fresh page's \`prove(elf)\`, its warm
proof a second \`prove(key)\` in the same worker. Peak memory: process RSS natively, wasm memory
in the browser. Raw lines: results.jsonl.
`);
console.log('| guest (input) | cycles | shards stock / ours | threads | stock with setup s (client build s) | native with setup s | browser with setup s | browser / stock | browser / native | stock prove s | browser warm s | warm / stock prove | peak memory stock / native / browser GiB | runs |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const { guest, input, threads, stock, native, browser } of groups.values()) {
  const stockMs = stock.length ? stock[0].setupMs + median(stock.map((r) => r.proveMs)) : NaN;
  const nativeMs = native.length ? median(native.map((r) => r.setupAndProveMs)) : NaN;
  const browserMs = browser.length ? median(browser.map((r) => r.provingMs)) : NaN;
  const stockProveMs = stock.length ? median(stock.map((r) => r.proveMs)) : NaN;
  const warm = browser.filter((r) => r.warmProvingMs !== undefined);
  const warmMs = warm.length ? median(warm.map((r) => r.warmProvingMs)) : NaN;
  const any = browser[0] ?? native[0] ?? stock[0];
  const peaks = [
    stock.length ? gib(Math.max(...stock.map((r) => r.peakRssMiB))) : '-',
    native.length ? gib(Math.max(...native.map((r) => r.peakRssMiB))) : '-',
    browser.length ? gib(Math.max(...browser.map((r) => r.memoryBytes)) / 2 ** 20) : '-',
  ];
  console.log(
    `| ${guest} (${input}) | ${any.cycles} | ${stock[0]?.shards ?? '-'} / ${any.shards} | ${threads} | ` +
      `${seconds(stockMs)} (${stock.length ? seconds(stock[0].clientBuildMs) : '-'}) | ${seconds(nativeMs)} | ${seconds(browserMs)} | ` +
      `${ratio(browserMs, stockMs)} | ${ratio(browserMs, nativeMs)} | ` +
      `${seconds(stockProveMs)} | ${seconds(warmMs)} | ${ratio(warmMs, stockProveMs)} | ${peaks.join(' / ')} | ` +
      `${stock.length} / ${native.length} / ${browser.length} |`,
  );
}
