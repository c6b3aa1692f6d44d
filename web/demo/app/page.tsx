'use client';

import { useEffect, useState } from 'react';
import type { GuestName, Stdin } from 'sp1-wasm';
import { useSP1WasmProver } from 'sp1-wasm/react';
import { useSP1WasmProver as useSP1WasmProverV6 } from 'sp1-wasm/v6/react';

type Version = '5' | '6';

const GUESTS: Record<GuestName, { label: string; input: string }> = {
  fibonacci: { label: 'fibonacci: n-th Fibonacci number mod 7919', input: '1000' },
  keccak: { label: 'keccak: keccak-256 by SP1 precompile', input: '{"data":[104,101,108,108,111],"rounds":10}' },
  stats: { label: 'stats: summary of a serde dataset', input: '{"name":"temperatures","values":[21,-3,17,8,30,12]}' },
  hashes: { label: 'hashes: keccak-256 and SHA-256 precompiles, then 64-bit mixing', input: '{"data":[104,101,108,108,111],"rounds":1}' },
};

/** SP1 6 guests (RV64IM), built from source by `make demo-build`; each reads one u32. */
const GUESTS_V6: Record<string, { label: string; input: string }> = {
  'fibonacci-v6': { label: 'fibonacci: n-th Fibonacci number mod 7919', input: '1000' },
};

const PHASES: Record<string, string> = {
  execute: 'Executing',
  setup: 'Set up',
  checkpoint: 'Tracing checkpoint',
  generateTraces: 'Generating traces',
  commit: 'Committing',
  open: 'Opening (quotient, FRI)',
  shardProved: 'Shard proved',
  done: 'Done',
};

type Program = { kind: 'guest'; guest: string } | { kind: 'upload'; name: string; elf: Uint8Array };

const DEFAULT_GUEST: Record<Version, string> = { '5': 'fibonacci', '6': 'fibonacci-v6' };

function download(bytes: Uint8Array, name: string) {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type: 'application/octet-stream' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  URL.revokeObjectURL(url);
}

async function readFile(file: File): Promise<Uint8Array> {
  return new Uint8Array(await file.arrayBuffer());
}

export default function Home() {
  const [cores, setCores] = useState(1);
  const [threads, setThreads] = useState(0);
  const [version, setVersion] = useState<Version>('5');
  const [program, setProgram] = useState<Program>({ kind: 'guest', guest: 'fibonacci' });
  const [input, setInput] = useState(GUESTS.fibonacci.input);
  const [stdinHex, setStdinHex] = useState('');
  const [elf, setElf] = useState<Uint8Array | null>(null);
  // Both hooks are always called (React's rule); each starts its worker only when first used.
  const proverV5 = useSP1WasmProver({ threads: threads || undefined });
  const proverV6 = useSP1WasmProverV6({ threads: threads || undefined });
  const prover = version === '5' ? proverV5 : proverV6;
  const guests: Record<string, { label: string; input: string }> = version === '5' ? GUESTS : GUESTS_V6;
  const busy = ['loading', 'proving', 'verifying'].includes(prover.status);

  useEffect(() => {
    setCores(navigator.hardwareConcurrency || 1);
    setThreads(navigator.hardwareConcurrency || 1);
  }, []);

  useEffect(() => {
    if (program.kind === 'upload') {
      setElf(program.elf);
      return;
    }
    setInput(guests[program.guest].input);
    // No ELF until this program's arrives: the last one may be the other version's.
    setElf(null);
    fetch(`/guests/${program.guest}.elf`)
      .then((response) => response.arrayBuffer())
      .then((bytes) => setElf(new Uint8Array(bytes)));
  }, [program]);

  const chooseVersion = (next: Version) => {
    setVersion(next);
    setProgram({ kind: 'guest', guest: DEFAULT_GUEST[next] });
  };

  const stdinChunks = (): Uint8Array[] =>
    stdinHex
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((hex) => new Uint8Array(hex.match(/../g)?.map((b) => parseInt(b, 16)) ?? []));

  const prove = (elf: Uint8Array) => {
    if (version === '6') {
      // The SP1 6 guests here read one u32: bincode, 4 bytes little-endian.
      const stdin = program.kind === 'guest' ? [new Uint8Array(new Uint32Array([Number(input)]).buffer)] : stdinChunks();
      return proverV6.prove(elf, stdin);
    }
    const stdin: Stdin = program.kind === 'guest' ? { guest: program.guest as GuestName, input: JSON.parse(input) } : stdinChunks();
    return proverV5.prove(elf, stdin);
  };

  const status = statusText(version, prover.status, prover.progress);
  const fraction = prover.status === 'done' && prover.proof ? 1 : progressFraction(version, proverV5.progress);

  return (
    <main>
      <h1>SP1 zkVM proofs in your browser</h1>
      <p className="subtitle">SP1 5.2.4 and SP1 6.10.0 core proofs, made in this tab with WebAssembly on every core, in stock SP1&apos;s proof format.</p>

      <section>
        <span className={`badge ${prover.isolated ? 'ok' : 'warn'}`} data-testid="isolation">
          {prover.isolated === null
            ? 'Checking cross-origin isolation...'
            : prover.isolated
              ? `Cross-origin isolated: ${cores} cores available`
              : 'Not cross-origin isolated: single-threaded prover'}
        </span>
        {prover.isolated === false && (
          <p className="notice" data-testid="isolation-help">
            Proving will be slower: without cross-origin isolation there is no SharedArrayBuffer, so the prover runs
            on one core. Serve this page with Cross-Origin-Opener-Policy: same-origin and
            Cross-Origin-Embedder-Policy: require-corp to use every core.
          </p>
        )}
      </section>

      <section>
        <h2>1. Program and input</h2>
        <div className="row">
          <div>
            <label htmlFor="version">SP1 version</label>
            <select id="version" value={version} disabled={busy} onChange={(e) => chooseVersion(e.target.value as Version)}>
              <option value="5">SP1 5.2.4 (RV32IM)</option>
              <option value="6">SP1 6.10.0 (RV64IM)</option>
            </select>
          </div>
          <div>
            <label htmlFor="guest">Program</label>
            <select
              id="guest"
              value={program.kind === 'guest' ? program.guest : 'upload'}
              onChange={(e) => e.target.value !== 'upload' && setProgram({ kind: 'guest', guest: e.target.value })}
            >
              {Object.entries(guests).map(([name, { label }]) => (
                <option key={name} value={name}>{label}</option>
              ))}
              {program.kind === 'upload' && <option value="upload">{program.name}</option>}
            </select>
          </div>
          <div>
            <label htmlFor="elf-upload">Or upload an SP1 {version} ELF</label>
            <input
              id="elf-upload"
              type="file"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) setProgram({ kind: 'upload', name: file.name, elf: await readFile(file) });
              }}
            />
          </div>
          <div>
            <label htmlFor="threads">Threads</label>
            <input id="threads" type="number" min={1} max={64} value={threads} disabled={prover.isolated === false} onChange={(e) => setThreads(Number(e.target.value))} />
          </div>
        </div>
        {program.kind === 'guest' ? (
          <>
            <label htmlFor="input">{version === '5' ? 'Input (JSON)' : 'Input (n, a u32)'}</label>
            <textarea id="input" rows={2} value={input} onChange={(e) => setInput(e.target.value)} />
          </>
        ) : (
          <>
            <label htmlFor="stdin">Stdin chunks (hex, one per guest read, separated by spaces)</label>
            <textarea id="stdin" rows={2} value={stdinHex} onChange={(e) => setStdinHex(e.target.value)} />
          </>
        )}
      </section>

      <section>
        <h2>2. Prove</h2>
        <button disabled={busy || !elf} onClick={() => elf && prove(elf)} data-testid="prove">
          Prove
        </button>
        <button className="secondary" disabled={!busy} onClick={prover.cancel} data-testid="cancel">
          Cancel
        </button>
        <div className="bar"><div style={{ width: `${Math.round(fraction * 100)}%` }} /></div>
        <div className="status" data-testid="status">
          {status}
        </div>
        {prover.error && (
          <div className="error" data-testid="error">
            {prover.error.code}: {prover.error.message}
          </div>
        )}
      </section>

      {prover.proof && (
        <section data-testid="result">
          <h2>3. Result</h2>
          <dl>
            <dt>Cycles</dt><dd data-testid="cycles">{prover.proof.cycles}</dd>
            <dt>Proving time</dt><dd>{(prover.proof.provingMs / 1000).toFixed(1)} s on {prover.proof.threads} {prover.proof.threads === 1 ? 'thread' : 'threads'}</dd>
            <dt>Peak wasm memory</dt><dd>{(prover.proof.memoryBytes / 2 ** 20).toFixed(0)} MiB</dd>
            <dt>Public values</dt><dd data-testid="public-values">0x{prover.proof.publicValuesHex}</dd>
            <dt>Verifying key hash</dt><dd data-testid="vk-hash">{prover.proof.vkHash}</dd>
            <dt>Proof size</dt><dd>{prover.proof.proof.length} bytes</dd>
          </dl>
          <p>
            <button onClick={() => elf && prover.verify(prover.proof!.proof, elf)} disabled={busy} data-testid="verify">
              Verify
            </button>
            <button className="secondary" onClick={() => download(prover.proof!.proof, 'proof.bin')} data-testid="download">
              Download proof
            </button>
          </p>
        </section>
      )}

      <section>
        <h2>Verify a proof file</h2>
        <label htmlFor="proof-upload">SP1 {version} core proof (bincode SP1ProofWithPublicValues) for the program above</label>
        <input
          id="proof-upload"
          type="file"
          disabled={busy || !elf}
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (file && elf) await prover.verify(await readFile(file), elf);
          }}
        />
        {prover.verified && (
          <div className="verified" data-testid="verified">
            Verified: {prover.verified.shards} shard(s), vk hash {prover.verified.vkHash}, public values 0x
            {prover.verified.publicValuesHex}
          </div>
        )}
      </section>
    </main>
  );
}

/** How far into a shard each phase is, roughly, by its share of proving time. */
function phaseWeight(phase: string): number {
  return { generateTraces: 0.02, commit: 0.1, open: 0.45, shardProved: 0 }[phase] ?? 0;
}

/** The share of an SP1 5 proof done; SP1 6 knows its shard count only at the end. */
function progressFraction(version: Version, progress: ReturnType<typeof useSP1WasmProver>['progress']): number {
  if (version === '6' || !progress || progress.shards === 0) return 0;
  return (progress.shard - (progress.phase === 'shardProved' ? 0 : 1) + phaseWeight(progress.phase)) / progress.shards;
}

function statusText(
  version: Version,
  status: string,
  progress: ReturnType<typeof useSP1WasmProver>['progress'] | ReturnType<typeof useSP1WasmProverV6>['progress'],
): string {
  if (status === 'loading') return 'Starting the prover and its threads...';
  if (status === 'verifying') return 'Verifying...';
  if (status === 'proving' && progress) {
    const seconds = `${(progress.elapsedMs / 1000).toFixed(1)} s`;
    const phase = PHASES[progress.phase] ?? progress.phase;
    if (version === '6') return `${phase}: ${progress.shard} shard(s) proven, ${progress.cycles} cycles, ${seconds}`;
    const v5 = progress as NonNullable<ReturnType<typeof useSP1WasmProver>['progress']>;
    const shards = v5.shards ? `shard ${v5.shard} of ${v5.shards}` : 'planning shards';
    return `${phase}: ${shards}, ${v5.cycles} of ${v5.totalCycles} cycles, ${seconds}`;
  }
  if (status === 'proving') return 'Proving...';
  if (status === 'done') return 'Done.';
  return '';
}
