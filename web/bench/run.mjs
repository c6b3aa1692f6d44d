#!/usr/bin/env node
// Benchmarks: the same ELF and shard size proven natively (the CLI, built baseline x86-64 and,
// if given, with -C target-cpu=native) and in headless Chromium (this package, COOP/COEP page),
// each on 1 and N threads. Setup, proving and verification are timed apart, proving per phase.
// Writes docs/benchmarks/{results.json,results.md,results.svg} and prints the ratios.
// Usage: node bench/run.mjs --cli CLI [--cli-native-cpu CLI] [--runs 3] [--quick] [--only a,b] [--out DIR]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPage } from '../scripts/browser.mjs';

const { values: args } = parseArgs({
  options: {
    cli: { type: 'string' },
    'cli-native-cpu': { type: 'string' },
    runs: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    /** Comma-separated workload names to run, e.g. fibonacci-100k,fibonacci-1M. */
    only: { type: 'string' },
    out: { type: 'string', default: '../docs/benchmarks' },
  },
});
const cli = resolve(args.cli);
const runs = args.quick ? 1 : Number(args.runs);
const N = availableParallelism();
const threadCounts = [...new Set([1, N])];
/** Proving phases as the progress events name them (the CLI prints the Rust names). */
const PHASES = ['execute', 'checkpoint', 'generateTraces', 'commit', 'open'];

/** Workloads by guest input; the fibonacci inputs give about 100k, 1M and 4M cycles. */
const ALL_WORKLOADS = [
  { name: 'fibonacci-100k', guest: 'fibonacci', input: 8200 },
  { name: 'fibonacci-1M', guest: 'fibonacci', input: 83000 },
  { name: 'fibonacci-4M', guest: 'fibonacci', input: 332000 },
  { name: 'keccak-precompile', guest: 'keccak', input: { data: [1, 2, 3], rounds: 300 } },
];
const workloads = args.quick
  ? [{ name: 'fibonacci-8k', guest: 'fibonacci', input: 300 }]
  : ALL_WORKLOADS.filter((w) => !args.only || args.only.split(',').includes(w.name));

const work = mkdtempSync(join(tmpdir(), 'sp1-wasm-bench-'));
for (const guest of new Set(workloads.map((w) => w.guest))) {
  execFileSync(cli, ['elf', '--guest', guest, '--out', join(work, `${guest}.elf`)]);
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function summarize(samples) {
  const pick = (key) => samples.map((s) => s[key]);
  const prove = pick('proveMs');
  const phases = {};
  for (const sample of samples) {
    for (const [phase, ms] of Object.entries(sample.phasesMs)) (phases[phase] ??= []).push(ms);
  }
  return {
    cycles: samples[0].cycles,
    runs: samples.length,
    setupMs: median(pick('setupMs')),
    proveMs: median(prove),
    proveSpreadMs: [Math.min(...prove), Math.max(...prove)],
    verifyMs: median(pick('verifyMs')),
    memoryMiB: Math.max(...pick('memoryMiB')),
    // Browser runs only: measureUserAgentSpecificMemory, where the browser has it.
    userAgentMemoryMiB: samples[0].userAgentMemoryMiB == null ? null : Math.max(...pick('userAgentMemoryMiB')),
    phasesMs: Object.fromEntries(Object.entries(phases).map(([phase, ms]) => [phase, median(ms)])),
  };
}

function native(binary, workload, threads) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(nativeRun(binary, workload, threads));
  return summarize(samples);
}

/** One native proof; /usr/bin/time gives the peak RSS, the CLI's `--json` line the timings. */
function nativeRun(binary, workload, threads) {
  const stdout = join(work, 'native.json');
  const stderr = execFileSync(
    'sh',
    ['-c', `RAYON_NUM_THREADS=${threads} /usr/bin/time -f 'maxrss_kb=%M' "$0" prove --guest "$1" --input "$2" --out "$3" --json > "$4" 2> "$4.err"; cat "$4.err"`,
      binary, workload.guest, JSON.stringify(workload.input), join(work, 'native.proof'), stdout],
    { encoding: 'utf8', maxBuffer: 1 << 26 },
  );
  const report = JSON.parse(execFileSync('tail', ['-n', '1', stdout], { encoding: 'utf8' }));
  const rss = Number(stderr.match(/maxrss_kb=(\d+)/)?.[1] ?? 0);
  return { ...report, memoryMiB: rss / 1024 };
}

async function browser(session, workload, threads) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(
      await session.page.evaluate(
        async ({ guest, input, threads }) => {
          const prover = await window.sp1.createProver({ threads });
          const elf = new Uint8Array(await (await fetch(`/guests/${guest}.elf`)).arrayBuffer());
          // Warm the pool: its first moments do not scale.
          await prover.execute(elf, { guest, input: guest === 'fibonacci' ? 10 : { data: [1], rounds: 1 } });
          let start = performance.now();
          const key = await prover.setup(elf);
          const setupMs = performance.now() - start;
          const phasesMs = {};
          let last = null;
          const proof = await prover.prove(key, { guest, input }, {
            onProgress: (p) => {
              if (last) phasesMs[last.phase] = (phasesMs[last.phase] ?? 0) + (p.elapsedMs - last.elapsedMs);
              last = p;
            },
          });
          start = performance.now();
          await prover.verify(proof.proof, key.vk);
          const verifyMs = performance.now() - start;
          // The page's and its workers' memory as Chromium accounts it (wasm memory included),
          // before the worker goes; only on cross-origin isolated pages.
          const userAgentMemory = await performance.measureUserAgentSpecificMemory?.().catch(() => null);
          prover.terminate();
          return {
            cycles: proof.cycles,
            setupMs,
            proveMs: last.elapsedMs,
            verifyMs,
            phasesMs,
            memoryMiB: proof.memoryBytes / 2 ** 20,
            userAgentMemoryMiB: userAgentMemory ? userAgentMemory.bytes / 2 ** 20 : null,
          };
        },
        { guest: workload.guest, input: workload.input, threads },
      ),
    );
  }
  return summarize(samples);
}

const results = [];
// Eager memory measurement: otherwise measureUserAgentSpecificMemory waits for a garbage
// collection, up to 20 s.
const session = await openPage({
  mounts: { '/guests': work },
  chromiumArgs: ['--enable-blink-features=ForceEagerMeasureMemory'],
});
const browserVersion = session.browser.version();
try {
  for (const workload of workloads) {
    const targets = [
      ['native', cli],
      ...(args['cli-native-cpu'] ? [['native-cpu', resolve(args['cli-native-cpu'])]] : []),
    ];
    for (const threads of threadCounts) {
      for (const [target, binary] of targets) {
        const summary = native(binary, workload, threads);
        results.push({ workload: workload.name, target, threads, ...summary });
        console.log(`${workload.name} ${target} x${threads}: ${(summary.proveMs / 1000).toFixed(1)} s`);
      }
      const summary = await browser(session, workload, threads);
      results.push({ workload: workload.name, target: 'browser', threads, ...summary });
      console.log(`${workload.name} browser x${threads}: ${(summary.proveMs / 1000).toFixed(1)} s`);
    }
  }
} finally {
  await session.close();
}

const machine = {
  cores: N,
  cpu: cpus()[0]?.model,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  browser: `Chromium ${browserVersion}`,
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
  date: new Date().toISOString(),
  runsPerCell: runs,
};

const find = (workload, target, threads) =>
  results.find((r) => r.workload === workload && r.target === target && r.threads === threads);
const ratios = [];
for (const workload of workloads.map((w) => w.name)) {
  const b1 = find(workload, 'browser', 1), bN = find(workload, 'browser', N);
  const n1 = find(workload, 'native', 1), nN = find(workload, 'native', N);
  const c1 = find(workload, 'native-cpu', 1), cN = find(workload, 'native-cpu', N);
  ratios.push({
    workload,
    browserVsNative1: b1.proveMs / n1.proveMs,
    browserVsNativeN: bN.proveMs / nN.proveMs,
    ...(c1 && { browserVsNativeCpu1: b1.proveMs / c1.proveMs, browserVsNativeCpuN: bN.proveMs / cN.proveMs }),
    nativeSpeedupN: n1.proveMs / nN.proveMs,
    browserSpeedupN: b1.proveMs / bN.proveMs,
    wasmMiBPerMillionCycles: bN.memoryMiB / (bN.cycles / 1e6),
  });
}

const out = resolve(args.out);
mkdirSync(out, { recursive: true });
const stem = args.quick ? 'quick' : 'results';
writeFileSync(join(out, `${stem}.json`), JSON.stringify({ machine, results, ratios }, null, 2) + '\n');
writeFileSync(join(out, `${stem}.md`), markdown(machine, results, ratios));
writeFileSync(join(out, `${stem}.svg`), plot(results));

console.log('\nratios (prove time; lower browser/native is better):');
for (const r of ratios) {
  console.log(
    `${r.workload}: browser/native ${r.browserVsNative1.toFixed(2)}x at 1 thread, ${r.browserVsNativeN.toFixed(2)}x at ${N}; ` +
      (r.browserVsNativeCpu1 ? `browser/native-cpu ${r.browserVsNativeCpu1.toFixed(2)}x / ${r.browserVsNativeCpuN.toFixed(2)}x; ` : '') +
      `speedup x${N}: native ${r.nativeSpeedupN.toFixed(2)}, browser ${r.browserSpeedupN.toFixed(2)}; ` +
      `wasm memory ${r.wasmMiBPerMillionCycles.toFixed(0)} MiB per million cycles`,
  );
}
console.log(`written: ${join(out, `${stem}.{json,md,svg}`)}`);

function markdown(machine, results, ratios) {
  const seconds = (ms) => (ms / 1000).toFixed(2);
  const lines = [
    `# Benchmarks`,
    '',
    `${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, ${machine.browser}, commit ${machine.commit}, ${machine.date}.`,
    `Median of ${machine.runsPerCell} run(s) per cell, [min, max] in brackets; compact trace padding, 2^19 cycles per shard.`,
    `native: the CLI as built by \`make build\` (x86-64 baseline); native-cpu: built with \`-C target-cpu=native\`; browser: headless Chromium, this package.`,
    '',
    '| workload | cycles | target | threads | setup s | prove s | verify s | peak memory MiB | user-agent memory MiB |',
    '|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.workload} | ${r.cycles} | ${r.target} | ${r.threads} | ${seconds(r.setupMs)} | ${seconds(r.proveMs)} [${r.proveSpreadMs.map(seconds).join(', ')}] | ${seconds(r.verifyMs)} | ${r.memoryMiB.toFixed(0)} | ${r.userAgentMemoryMiB?.toFixed(0) ?? ''} |`,
    ),
    '',
    'Peak memory: native peak RSS of the whole process; browser: the wasm memory at its peak. User-agent',
    'memory: `performance.measureUserAgentSpecificMemory()` after the proof, the page and all its workers.',
    '',
    '## Phases (median seconds)',
    '',
    '| workload | target | threads | ' + PHASES.join(' | ') + ' |',
    '|---|---|---|' + PHASES.map(() => '---').join('|') + '|',
    ...results.map(
      (r) => `| ${r.workload} | ${r.target} | ${r.threads} | ` + PHASES.map((p) => seconds(phaseMs(r, p))).join(' | ') + ' |',
    ),
    '',
    '## Ratios',
    '',
    ...ratios.map(
      (r) =>
        `- ${r.workload}: browser/native ${r.browserVsNative1.toFixed(2)}x (1 thread), ${r.browserVsNativeN.toFixed(2)}x (${machine.cores} threads)` +
        (r.browserVsNativeCpu1 ? `; browser/native-cpu ${r.browserVsNativeCpu1.toFixed(2)}x, ${r.browserVsNativeCpuN.toFixed(2)}x` : '') +
        `; ${machine.cores}-thread speedup native ${r.nativeSpeedupN.toFixed(2)}x, browser ${r.browserSpeedupN.toFixed(2)}x; wasm memory ${r.wasmMiBPerMillionCycles.toFixed(0)} MiB per million cycles`,
    ),
    '',
    '![prove time](' + `${stem}.svg` + ')',
    '',
  ];
  return lines.join('\n');
}

function phaseMs(result, phase) {
  const rustName = phase[0].toUpperCase() + phase.slice(1);
  return result.phasesMs[phase] ?? result.phasesMs[rustName] ?? 0;
}

/** Stacked bars of prove time by phase, one per workload x target x threads. */
function plot(results) {
  const colors = ['#8da0cb', '#66c2a5', '#fc8d62', '#e78ac3', '#a6d854'];
  const barHeight = 22, gap = 6, left = 300, width = 900;
  const maxMs = Math.max(...results.map((r) => r.proveMs));
  const rows = results.map((r, i) => {
    const y = 40 + i * (barHeight + gap);
    let x = left;
    const segments = PHASES.map((phase, p) => {
      const w = (phaseMs(r, phase) / maxMs) * (width - left - 80);
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${colors[p]}"/>`;
      x += w;
      return rect;
    }).join('');
    return `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${r.workload} ${r.target} x${r.threads}</text>${segments}` +
      `<text x="${(x + 6).toFixed(1)}" y="${y + 15}">${(r.proveMs / 1000).toFixed(1)} s</text>`;
  });
  const height = 60 + results.length * (barHeight + gap) + 30;
  const legend = PHASES.map((p, i) => `<rect x="${left + i * 120}" y="${height - 30}" width="12" height="12" fill="${colors[i]}"/><text x="${left + i * 120 + 16}" y="${height - 20}">${p}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">` +
    `<rect width="100%" height="100%" fill="white"/><text x="10" y="22" font-size="15">Prove time by phase (median)</text>${rows.join('')}${legend}</svg>\n`;
}
