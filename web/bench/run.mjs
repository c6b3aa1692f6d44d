#!/usr/bin/env node
// Benchmarks: the same ELF and shard size proven natively (the CLI, built baseline x86-64 and,
// if given, with -C target-cpu=native) and in headless Chromium (this package, COOP/COEP page;
// the workloads named by --webkit also in WebKitGTK, Safari's engine), each on 1 and N threads,
// next to stock sp1-sdk 5.2.4 on the same ELF and stdin (if given: the interop CLI, with stock's
// own options and shapes). Setup, proving and verification are timed
// apart, proving per phase. Writes docs/benchmarks/{results.json,results.md,results.svg} and
// prints the ratios.
// Usage: node bench/run.mjs --cli CLI [--cli-native-cpu CLI] [--cli-stock CLI] [--runs 3]
//        [--baseline-runs N] [--threads 1,N] [--quick] [--only a,b] [--webkit a,b] [--out DIR]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPage } from '../scripts/browser.mjs';
import { series } from './series.mjs';

const { values: args } = parseArgs({
  options: {
    cli: { type: 'string' },
    'cli-native-cpu': { type: 'string' },
    /** Stock sp1-sdk 5.2.4's CLI (tests/interop), built with -C target-cpu=native by `make bench`. */
    'cli-stock': { type: 'string' },
    runs: { type: 'string', default: '3' },
    /**
     * Runs of the x86-64 baseline build per cell; by default 1 when the -C target-cpu=native build
     * (what SP1 tells its users to run) is measured too, else --runs. 0 leaves it out.
     */
    'baseline-runs': { type: 'string' },
    /** Comma-separated thread counts; default 1 and all cores. */
    threads: { type: 'string' },
    quick: { type: 'boolean', default: false },
    /** Comma-separated workload names to run, e.g. fibonacci-100k,fibonacci-1M. */
    only: { type: 'string' },
    /** Comma-separated workload names to prove in WebKit as well as in Chromium. */
    webkit: { type: 'string', default: '' },
    out: { type: 'string', default: '../docs/benchmarks' },
  },
});
const cli = resolve(args.cli);
const runs = args.quick ? 1 : Number(args.runs);
const baselineRuns = args['baseline-runs'] != null ? Number(args['baseline-runs']) : args['cli-native-cpu'] ? 1 : runs;
const N = availableParallelism();
const threadCounts = args.threads ? args.threads.split(',').map(Number) : [...new Set([1, N])];
/** Proving phases as the progress events name them. */
const PROGRESS_PHASES = ['execute', 'checkpoint', 'generateTraces', 'commit', 'open'];
/**
 * The steps of `open` (stock sp1-stark's debug spans on the proving thread), which the table and
 * plot show in its place; what the spans do not cover stays as `open (rest)`.
 */
const OPEN_STEPS = {
  permutation: ['generate permutation traces', 'flatten permutation traces and collect domains', 'commit to permutation traces'],
  quotient: ['compute quotient values', 'commit to quotient traces'],
  fri: ['open multi batches'],
};
const PHASES = ['execute', 'checkpoint', 'generateTraces', 'commit', ...Object.keys(OPEN_STEPS), 'open (rest)'];

/**
 * Workloads by guest input; the fibonacci inputs give about 20k, 100k, 1M and 4M cycles. `hashes`
 * mixes keccak and sha256 precompiles with ordinary code, as real programs do; `stats` is ordinary
 * code only (serde decoding, a sort, 64-bit sums) at about 400k cycles.
 */
const ALL_WORKLOADS = [
  { name: 'fibonacci-20k', guest: 'fibonacci', input: 1250 },
  { name: 'fibonacci-100k', guest: 'fibonacci', input: 8200 },
  { name: 'fibonacci-1M', guest: 'fibonacci', input: 83000 },
  { name: 'fibonacci-4M', guest: 'fibonacci', input: 332000 },
  { name: 'keccak-precompile', guest: 'keccak', input: { data: [1, 2, 3], rounds: 300 } },
  { name: 'hashes-mixed', guest: 'hashes', input: { data: [1, 2, 3], rounds: 10 } },
  { name: 'stats-sort', guest: 'stats', input: { name: 'series', values: series(1850) } },
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

/** A sample's time per phase of PHASES: progress phases, with `open` split by its spans. */
function phaseBreakdown({ phasesMs, spansMs }) {
  const phases = Object.fromEntries(PROGRESS_PHASES.map((phase) => [phase, phasesMs[phase] ?? 0]));
  let rest = phases.open;
  delete phases.open;
  for (const [step, spans] of Object.entries(OPEN_STEPS)) {
    phases[step] = spans.reduce((sum, span) => sum + (spansMs[span] ?? 0), 0);
    rest -= phases[step];
  }
  phases['open (rest)'] = Math.max(rest, 0);
  return phases;
}

function summarize(samples) {
  const pick = (key) => samples.map((s) => s[key]);
  const prove = pick('proveMs');
  const phases = {};
  for (const sample of samples) {
    for (const [phase, ms] of Object.entries(phaseBreakdown(sample))) (phases[phase] ??= []).push(ms);
  }
  const medianRun = samples.find((s) => s.proveMs === median(prove));
  return {
    cycles: samples[0].cycles,
    shards: samples[0].shards ?? Object.keys(samples[0].shardPhasesMs).length,
    runs: samples.length,
    setupMs: median(pick('setupMs')),
    proveMs: median(prove),
    proveSpreadMs: [Math.min(...prove), Math.max(...prove)],
    verifyMs: median(pick('verifyMs')),
    memoryMiB: Math.max(...pick('memoryMiB')),
    // Browser runs only: the shard size proven and the memory guard's estimate for it.
    log2ShardSize: samples[0].log2ShardSize,
    estimatedMemoryMiB: samples[0].estimatedMemoryMiB,
    // Browser runs only: measureUserAgentSpecificMemory, where the browser has it.
    userAgentMemoryMiB: samples[0].userAgentMemoryMiB == null ? null : Math.max(...pick('userAgentMemoryMiB')),
    phasesMs: Object.fromEntries(Object.entries(phases).map(([phase, ms]) => [phase, median(ms)])),
    // Per shard, from the median run: { shard: { generateTraces, commit, open } }.
    shardPhasesMs: medianRun.shardPhasesMs,
    spansMs: medianRun.spansMs,
  };
}

/** `cellRuns` native proofs by `run` (nativeRun or stockRun), summarized. */
function native(run, binary, workload, threads, cellRuns) {
  const samples = [];
  for (let i = 0; i < cellRuns; i++) samples.push(run(binary, workload, threads));
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
  const spansMs = Object.fromEntries(Object.entries(report.spans).map(([name, span]) => [name, span.totalMs]));
  return { ...report, spansMs, memoryMiB: rss / 1024 };
}

/**
 * One stock sp1-sdk proof of the same ELF and stdin, with stock's default options (shard size,
 * fixed shapes); its CLI's `--json` line gives setup, prove and verify times and the shard count.
 */
function stockRun(binary, workload, threads) {
  // The guest's stdin as hex chunks, from the CLI's encoder: once per workload.
  const stdinHex = (workload.stdinHex ??= execFileSync(
    cli,
    ['stdin', '--guest', workload.guest, '--input', JSON.stringify(workload.input)],
    { encoding: 'utf8' },
  ).trim().split('\n'));
  const stdout = join(work, 'stock.json');
  const stderr = execFileSync(
    'sh',
    ['-c', `out=$3; bin=$0 elf=$1 proof=$2; shift 3; RAYON_NUM_THREADS=${threads} /usr/bin/time -f 'maxrss_kb=%M' "$bin" prove --elf "$elf" --out "$proof" --json "$@" > "$out" 2> "$out.err"; cat "$out.err"`,
      binary, join(work, `${workload.guest}.elf`), join(work, 'stock.proof'), stdout,
      ...stdinHex.flatMap((chunk) => ['--stdin-hex', chunk])],
    // Core proofs only: stock's bundled dummy vk map, no recursion programs compiled.
    { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, VERIFY_VK: 'false', SP1_DISABLE_PROGRAM_CACHE: 'true' } },
  );
  const report = JSON.parse(execFileSync('tail', ['-n', '1', stdout], { encoding: 'utf8' }));
  const rss = Number(stderr.match(/maxrss_kb=(\d+)/)?.[1] ?? 0);
  return { ...report, phasesMs: {}, spansMs: {}, shardPhasesMs: {}, memoryMiB: rss / 1024 };
}

async function browser(session, workload, threads) {
  const samples = [];
  for (let i = 0; i < runs; i++) {
    samples.push(
      await session.page.evaluate(
        async ({ guest, input, threads }) => {
          // Debug spans: the steps of opening a shard, as the native CLI reports them.
          const prover = await window.sp1.createProver({ threads, tracing: 'debug' });
          const elf = new Uint8Array(await (await fetch(`/guests/${guest}.elf`)).arrayBuffer());
          // Warm the pool: its first moments do not scale.
          await prover.execute(elf, { guest, input });
          let start = performance.now();
          const key = await prover.setup(elf);
          const setupMs = performance.now() - start;
          await prover.spans(); // only the proof's own spans from here
          const phasesMs = {};
          const shardPhasesMs = {};
          let last = null;
          const proof = await prover.prove(key, { guest, input }, {
            onProgress: (p) => {
              if (last) {
                const ms = p.elapsedMs - last.elapsedMs;
                phasesMs[last.phase] = (phasesMs[last.phase] ?? 0) + ms;
                if (last.shard > 0) {
                  const shard = (shardPhasesMs[last.shard] ??= {});
                  shard[last.phase] = (shard[last.phase] ?? 0) + ms;
                }
              }
              last = p;
            },
          });
          const spansMs = Object.fromEntries((await prover.spans()).map((span) => [span.name, span.totalMs]));
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
            shardPhasesMs,
            spansMs,
            memoryMiB: proof.memoryBytes / 2 ** 20,
            log2ShardSize: proof.log2ShardSize,
            estimatedMemoryMiB: proof.estimatedMemoryBytes / 2 ** 20,
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
const webkitWorkloads = args.webkit.split(',').filter((name) => workloads.some((w) => w.name === name));
const webkitSession = webkitWorkloads.length ? await openPage({ engine: 'webkit', mounts: { '/guests': work } }) : null;
try {
  for (const workload of workloads) {
    const targets = [
      ...(args['cli-stock'] ? [['stock', stockRun, resolve(args['cli-stock']), runs]] : []),
      ...(baselineRuns > 0 ? [['native', nativeRun, cli, baselineRuns]] : []),
      ...(args['cli-native-cpu'] ? [['native-cpu', nativeRun, resolve(args['cli-native-cpu']), runs]] : []),
    ];
    for (const threads of threadCounts) {
      for (const [target, run, binary, cellRuns] of targets) {
        const summary = native(run, binary, workload, threads, cellRuns);
        results.push({ workload: workload.name, target, threads, ...summary });
        console.log(`${workload.name} ${target} x${threads}: ${(summary.proveMs / 1000).toFixed(1)} s`);
      }
      const pages = [['browser', session], ...(webkitWorkloads.includes(workload.name) ? [['webkit', webkitSession]] : [])];
      for (const [target, page] of pages) {
        const summary = await browser(page, workload, threads);
        results.push({ workload: workload.name, target, threads, ...summary });
        console.log(`${workload.name} ${target} x${threads}: ${(summary.proveMs / 1000).toFixed(1)} s`);
      }
    }
  }
} finally {
  await session.close();
  await webkitSession?.close();
}

/**
 * The widest x86 vector extension the CPU reports (Linux): native-cpu builds pack BabyBear in 16
 * lanes with AVX-512 and 8 with AVX2, the browser in 4, so the browser/native-cpu ratio depends
 * on it.
 */
function vectorExtension() {
  if (!existsSync('/proc/cpuinfo')) return undefined;
  const flags = readFileSync('/proc/cpuinfo', 'utf8').match(/^flags\s*:(.*)$/m)?.[1].split(' ') ?? [];
  return ['avx512f', 'avx2'].find((flag) => flags.includes(flag)) ?? 'none';
}

const machine = {
  cores: N,
  cpu: cpus()[0]?.model,
  vectorExtension: vectorExtension(),
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  browser: [session.version, webkitSession?.version].filter(Boolean).join(', '),
  commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
  date: new Date().toISOString(),
  runsPerCell: runs,
  baselineRuns,
};

const find = (workload, target, threads) =>
  results.find((r) => r.workload === workload && r.target === target && r.threads === threads);
// Stock's CLI reports no cycles: the same ELF and stdin run as many on the other targets.
for (const r of results) r.cycles ??= results.find((other) => other.workload === r.workload && other.cycles)?.cycles;
const maxThreads = Math.max(...threadCounts);
const ratios = workloads.map(({ name: workload }) => {
  const proveRatio = (a, b, threads) => {
    const x = find(workload, a, threads), y = find(workload, b, threads);
    return x && y ? x.proveMs / y.proveMs : undefined;
  };
  const speedup = (target) => {
    const one = find(workload, target, 1), all = find(workload, target, maxThreads);
    return one && all && maxThreads > 1 ? one.proveMs / all.proveMs : undefined;
  };
  const browser = find(workload, 'browser', maxThreads);
  return {
    workload,
    // Prove-time ratios per thread count; below 1 the first is faster.
    byThreads: Object.fromEntries(
      threadCounts.map((threads) => [threads, {
        browserVsStock: proveRatio('browser', 'stock', threads),
        nativeCpuVsStock: proveRatio('native-cpu', 'stock', threads),
        browserVsNativeCpu: proveRatio('browser', 'native-cpu', threads),
        browserVsNative: proveRatio('browser', 'native', threads),
        webkitVsBrowser: proveRatio('webkit', 'browser', threads),
      }]),
    ),
    speedup: Object.fromEntries(['stock', 'native-cpu', 'native', 'browser', 'webkit'].map((t) => [t, speedup(t)])),
    shards: { stock: find(workload, 'stock', maxThreads)?.shards, browser: browser.shards },
    // Memory is per shard, not per cycle: the peak, next to the memory guard's model of it.
    wasmPeakMiB: browser.memoryMiB,
    log2ShardSize: browser.log2ShardSize,
    estimatedMemoryMiB: browser.estimatedMemoryMiB,
  };
});

const out = resolve(args.out);
mkdirSync(out, { recursive: true });
const stem = args.quick ? 'quick' : 'results';
writeFileSync(join(out, `${stem}.json`), JSON.stringify({ machine, results, ratios }, null, 2) + '\n');
writeFileSync(join(out, `${stem}.md`), markdown(machine, results, ratios));
writeFileSync(join(out, `${stem}.svg`), plot(results));

console.log('\nratios (prove time; lower browser/native is better):');
for (const r of ratios) console.log(ratioText(r));
console.log(`written: ${join(out, `${stem}.{json,md,svg}`)}`);

/** One workload's ratios as a line of text, for the console and the markdown. */
function ratioText(r) {
  const x = (ratio) => `${ratio.toFixed(2)}x`;
  const named = (pairs) => pairs.filter(([, ratio]) => ratio != null).map(([name, ratio]) => `${name} ${x(ratio)}`);
  const parts = [
    ...Object.entries(r.byThreads).map(([threads, t]) =>
      `${threads} thread(s): ` + named([
        ['browser/stock', t.browserVsStock],
        ['native-cpu/stock', t.nativeCpuVsStock],
        ['browser/native-cpu', t.browserVsNativeCpu],
        ['browser/native', t.browserVsNative],
        ['webkit/browser', t.webkitVsBrowser],
      ]).join(', ')),
    named(Object.entries(r.speedup)).length && `${maxThreads}-thread speedup ${named(Object.entries(r.speedup)).join(', ')}`,
    r.shards.stock != null && `shards: stock ${r.shards.stock}, this project ${r.shards.browser}`,
    `peak wasm memory ${r.wasmPeakMiB.toFixed(0)} MiB at 2^${r.log2ShardSize} cycles per shard ` +
      `(memory guard's estimate ${r.estimatedMemoryMiB.toFixed(0)} MiB)`,
  ];
  return `${r.workload}: ${parts.filter(Boolean).join('; ')}`;
}

function markdown(machine, results, ratios) {
  const seconds = (ms) => (ms / 1000).toFixed(2);
  const lines = [
    `# Benchmarks`,
    '',
    `${machine.cores} cores (${machine.cpu}${machine.vectorExtension ? `, ${machine.vectorExtension}` : ''}), ${machine.memoryGiB} GiB, ${machine.browser}, commit ${machine.commit}, ${machine.date}.`,
    `Median of ${machine.runsPerCell} run(s) per cell (the x86-64 baseline: ${machine.baselineRuns ? `${machine.baselineRuns} run(s)` : 'not measured'}), [min, max] in brackets; compact trace padding, 2^19 cycles per shard.`,
    `stock: stock sp1-sdk 5.2.4 (tests/interop, its default options and fixed shapes), built with \`-C target-cpu=native\`; native: the CLI as built by \`make build\` (x86-64 baseline); native-cpu: built with \`-C target-cpu=native\`; browser: headless Chromium, this package; webkit: WebKitGTK (Safari's engine, SharedArrayBuffer on), this package.`,
    '',
    '| workload | cycles | target | threads | shards | setup s | prove s | verify s | peak memory MiB | user-agent memory MiB |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...results.map(
      (r) =>
        `| ${r.workload} | ${r.cycles} | ${r.target} | ${r.threads} | ${r.shards} | ${seconds(r.setupMs)} | ${seconds(r.proveMs)} [${r.proveSpreadMs.map(seconds).join(', ')}] | ${seconds(r.verifyMs)} | ${r.memoryMiB.toFixed(0)} | ${r.userAgentMemoryMiB?.toFixed(0) ?? ''} |`,
    ),
    '',
    'Peak memory: native peak RSS of the whole process; browser: the wasm memory at its peak. User-agent',
    'memory: `performance.measureUserAgentSpecificMemory()` after the proof, the page and all its workers.',
    '',
    '## Phases (median seconds)',
    '',
    '| workload | target | threads | ' + PHASES.join(' | ') + ' |',
    '|---|---|---|' + PHASES.map(() => '---').join('|') + '|',
    ...results.filter((r) => r.target !== 'stock').map(
      (r) => `| ${r.workload} | ${r.target} | ${r.threads} | ` + PHASES.map((p) => seconds(r.phasesMs[p])).join(' | ') + ' |',
    ),
    '`permutation`, `quotient` and `fri` are the steps of opening a shard, from the prover\'s spans',
    '(stock sp1-stark\'s, natively through a tracing layer, in the browser as performance measures);',
    '`open (rest)` is what they leave of the open phase.',
    '',
    `## Per shard at ${maxThreads} threads (median run, seconds)`,
    '',
    '| workload | target | shard | generateTraces | commit | open |',
    '|---|---|---|---|---|---|',
    ...results
      .filter((r) => r.threads === maxThreads)
      .flatMap((r) =>
        Object.entries(r.shardPhasesMs).map(
          ([shard, ms]) =>
            `| ${r.workload} | ${r.target} | ${shard} | ${seconds(ms.generateTraces ?? 0)} | ${seconds(ms.commit ?? 0)} | ${seconds(ms.open ?? 0)} |`,
        ),
      ),
    '',
    '## Ratios',
    '',
    ...ratios.map((r) => `- ${ratioText(r)}`),
    '',
    '![prove time](' + `${stem}.svg` + ')',
    '',
  ];
  return lines.join('\n');
}


/** Stacked bars of prove time by phase, one per workload x target x threads. */
function plot(results) {
  const colors = ['#8da0cb', '#66c2a5', '#fc8d62', '#e78ac3', '#a6d854', '#ffd92f', '#e5c494', '#b3b3b3'];
  const barHeight = 22, gap = 6, left = 300, width = 1000;
  const maxMs = Math.max(...results.map((r) => r.proveMs));
  const rows = results.map((r, i) => {
    const y = 40 + i * (barHeight + gap);
    let x = left;
    // Stock reports no phases: its bar is one grey segment.
    const phasesMs = r.target === 'stock' ? { 'open (rest)': r.proveMs } : r.phasesMs;
    const segments = PHASES.map((phase, p) => {
      const w = ((phasesMs[phase] ?? 0) / maxMs) * (width - left - 80);
      const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${colors[p]}"/>`;
      x += w;
      return rect;
    }).join('');
    return `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${r.workload} ${r.target} x${r.threads}</text>${segments}` +
      `<text x="${(x + 6).toFixed(1)}" y="${y + 15}">${(r.proveMs / 1000).toFixed(1)} s</text>`;
  });
  const height = 60 + results.length * (barHeight + gap) + 30;
  const legend = PHASES.map((p, i) => `<rect x="${20 + i * 120}" y="${height - 30}" width="12" height="12" fill="${colors[i]}"/><text x="${20 + i * 120 + 16}" y="${height - 20}">${p}</text>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">` +
    `<rect width="100%" height="100%" fill="white"/><text x="10" y="22" font-size="15">Prove time by phase (median)</text>${rows.join('')}${legend}</svg>\n`;
}
