#!/usr/bin/env node
// Captures a Chrome performance trace of one browser proof, with the prover's spans as
// performance measures, for Chrome DevTools' Performance panel or Perfetto (ui.perfetto.dev).
// Usage: node bench/trace.mjs --elf FILE --input JSON [--out trace.json]
import { dirname, basename, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPage } from '../scripts/browser.mjs';

const { values: args } = parseArgs({
  options: {
    elf: { type: 'string' },
    input: { type: 'string', default: '1000' },
    out: { type: 'string', default: 'trace.json' },
  },
});
const elf = resolve(args.elf);
const session = await openPage({ mounts: { '/program': dirname(elf) } });
try {
  await session.browser.startTracing(session.page, {
    path: resolve(args.out),
    categories: ['devtools.timeline', 'blink.user_timing', 'v8.execute', 'disabled-by-default-devtools.timeline'],
  });
  const result = await session.page.evaluate(
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
  await session.browser.stopTracing();
  console.log(`traced a ${result.cycles}-cycle proof (${(result.provingMs / 1000).toFixed(1)} s); slowest spans:`);
  for (const span of result.spans) console.log(`  ${span.name}: ${(span.totalMs / 1000).toFixed(2)} s x${span.count}`);
  console.log(`trace: ${resolve(args.out)} (open in Chrome DevTools > Performance, or ui.perfetto.dev)`);
} finally {
  await session.close();
}
