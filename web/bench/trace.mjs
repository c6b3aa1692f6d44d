#!/usr/bin/env node
// Captures a Chrome performance trace of one browser proof, with the prover's spans as
// performance measures and V8's CPU profiles of every thread, for Chrome DevTools' Performance
// panel or Perfetto (ui.perfetto.dev), and prints where the threads spent their time
// (bench/profile.mjs; function names need a module with its name section, as `make bench-trace`
// binds it). With --v6, an SP1 6 proof through `sp1-wasm/v6` (its input a u32, the guest's stdin;
// no spans: the v6 prover does not record them yet).
// Usage: node bench/trace.mjs --elf FILE --input JSON [--v6] [--out trace.json]
import { readFile } from 'node:fs/promises';
import { dirname, basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPage } from '../scripts/browser.mjs';
import { summarize } from './profile.mjs';

const { values: args } = parseArgs({
  options: {
    elf: { type: 'string' },
    input: { type: 'string', default: '1000' },
    v6: { type: 'boolean', default: false },
    out: { type: 'string', default: 'trace.json' },
  },
});
const elf = resolve(args.elf);
const session = await openPage({ mounts: { '/program': dirname(elf) }, path: args.v6 ? '/e2e/v6.html' : undefined });

/** SP1 5: the guest's JSON input, and the prover's tracing spans. */
function proveV5(page) {
  return page.evaluate(
    async ({ file, input }) => {
      const prover = await window.sp1.createProver({ tracing: 'info' });
      const elf = new Uint8Array(await (await fetch(`/program/${file}`)).arrayBuffer());
      const proof = await prover.prove(elf, { guest: 'fibonacci', input: JSON.parse(input) });
      const spans = await prover.spans();
      prover.terminate();
      return { cycles: proof.cycles, provingMs: proof.provingMs, spans: spans.slice(0, 8) };
    },
    { file: basename(elf), input: args.input },
  );
}

/** SP1 6: one u32 on the guest's stdin (little-endian, as bincode writes it); setup outside the trace's figure. */
async function proveV6(page) {
  await page.waitForFunction(() => window.sp1v6Ready === true);
  return page.evaluate(
    async ({ file, input }) => {
      const prover = await window.sp1v6.createProver();
      const elf = new Uint8Array(await (await fetch(`/program/${file}`)).arrayBuffer());
      const key = await prover.setup(elf);
      const start = performance.now();
      const proof = await prover.prove(key, [new Uint8Array(new Uint32Array([input]).buffer)]);
      const provingMs = performance.now() - start;
      prover.terminate();
      return { cycles: proof.cycles, provingMs, spans: [] };
    },
    { file: basename(elf), input: Number(args.input) },
  );
}
try {
  await session.browser.startTracing(session.page, {
    path: resolve(args.out),
    categories: [
      'devtools.timeline',
      'blink.user_timing',
      'v8.execute',
      'disabled-by-default-devtools.timeline',
      'disabled-by-default-v8.cpu_profiler',
    ],
  });
  const result = args.v6 ? await proveV6(session.page) : await proveV5(session.page);
  await session.browser.stopTracing();
  console.log(`traced a ${result.cycles}-cycle proof (${(result.provingMs / 1000).toFixed(1)} s); slowest spans:`);
  for (const span of result.spans) console.log(`  ${span.name}: ${(span.totalMs / 1000).toFixed(2)} s x${span.count}`);
  const profile = summarize(JSON.parse(await readFile(resolve(args.out), 'utf8')));
  console.log(`CPU profile: ${profile.busySeconds.toFixed(1)} s busy over all threads (${profile.workers} Rayon workers); by function:`);
  for (const { name, seconds } of profile.selfTime) console.log(`  ${seconds.toFixed(2)} s  ${name}`);
  console.log(
    `the proving thread ran ${profile.provingThreadSeconds.toFixed(1)} s, ${profile.serialSeconds.toFixed(1)} s of it ` +
      'while every worker waited:',
  );
  for (const { name, seconds } of profile.serial) console.log(`  ${seconds.toFixed(2)} s  ${name}`);
  console.log(`trace: ${resolve(args.out)} (open in Chrome DevTools > Performance, or ui.perfetto.dev)`);
} finally {
  await session.close();
}
