'use client';

import { useEffect, useState } from 'react';
import type { GuestName, Stdin } from 'sp1-wasm';
import { useSP1WasmProver } from 'sp1-wasm/react';

const GUESTS: Record<GuestName, { label: string; input: string }> = {
  fibonacci: { label: 'fibonacci: n-th Fibonacci number mod 7919', input: '1000' },
  keccak: { label: 'keccak: keccak-256 by SP1 precompile', input: '{"data":[104,101,108,108,111],"rounds":10}' },
  stats: { label: 'stats: summary of a serde dataset', input: '{"name":"temperatures","values":[21,-3,17,8,30,12]}' },
  hashes: { label: 'hashes: keccak-256 and SHA-256 precompiles, then 64-bit mixing', input: '{"data":[104,101,108,108,111],"rounds":1}' },
};

const PHASES: Record<string, string> = {
  execute: 'Executing',
  checkpoint: 'Tracing checkpoint',
  generateTraces: 'Generating traces',
  commit: 'Committing',
  open: 'Opening (quotient, FRI)',
  shardProved: 'Shard proved',
  done: 'Done',
};

type Program = { kind: 'guest'; guest: GuestName } | { kind: 'upload'; name: string; elf: Uint8Array };

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
  const [program, setProgram] = useState<Program>({ kind: 'guest', guest: 'fibonacci' });
  const [input, setInput] = useState(GUESTS.fibonacci.input);
  const [stdinHex, setStdinHex] = useState('');
  const [elf, setElf] = useState<Uint8Array | null>(null);
  const prover = useSP1WasmProver({ threads: threads || undefined });
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
    setInput(GUESTS[program.guest].input);
    fetch(`/guests/${program.guest}.elf`)
      .then((response) => response.arrayBuffer())
      .then((bytes) => setElf(new Uint8Array(bytes)));
  }, [program]);

  const stdin = (): Stdin =>
    program.kind === 'guest'
      ? { guest: program.guest, input: JSON.parse(input) }
      : stdinHex
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((hex) => new Uint8Array(hex.match(/../g)?.map((b) => parseInt(b, 16)) ?? []));

  const progress = prover.progress;
  const fraction =
    prover.status === 'done' && prover.proof
      ? 1
      : progress && progress.shards > 0
        ? (progress.shard - (progress.phase === 'shardProved' ? 0 : 1) + phaseWeight(progress.phase)) / progress.shards
        : 0;

  return (
    <main>
      <h1>SP1 zkVM proofs in your browser</h1>
      <p className="subtitle">SP1 5.2.4 core proofs, made in this tab with WebAssembly on every core, in stock SP1&apos;s proof format.</p>

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
            <label htmlFor="guest">Program</label>
            <select
              id="guest"
              value={program.kind === 'guest' ? program.guest : 'upload'}
              onChange={(e) => e.target.value !== 'upload' && setProgram({ kind: 'guest', guest: e.target.value as GuestName })}
            >
              {Object.entries(GUESTS).map(([name, { label }]) => (
                <option key={name} value={name}>{label}</option>
              ))}
              {program.kind === 'upload' && <option value="upload">{program.name}</option>}
            </select>
          </div>
          <div>
            <label htmlFor="elf-upload">Or upload an SP1 ELF</label>
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
            <label htmlFor="input">Input (JSON)</label>
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
        <button disabled={busy || !elf} onClick={() => elf && prover.prove(elf, stdin())} data-testid="prove">
          Prove
        </button>
        <button className="secondary" disabled={!busy} onClick={prover.cancel} data-testid="cancel">
          Cancel
        </button>
        <div className="bar"><div style={{ width: `${Math.round(fraction * 100)}%` }} /></div>
        <div className="status" data-testid="status">
          {statusText(prover.status, progress)}
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
        <label htmlFor="proof-upload">SP1 core proof (bincode SP1ProofWithPublicValues) for the program above</label>
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

function statusText(status: string, progress: ReturnType<typeof useSP1WasmProver>['progress']): string {
  if (status === 'loading') return 'Starting the prover and its threads...';
  if (status === 'verifying') return 'Verifying...';
  if (status === 'proving' && progress) {
    const shards = progress.shards ? `shard ${progress.shard} of ${progress.shards}` : 'planning shards';
    return `${PHASES[progress.phase] ?? progress.phase}: ${shards}, ${progress.cycles} of ${progress.totalCycles} cycles, ${(progress.elapsedMs / 1000).toFixed(1)} s`;
  }
  if (status === 'proving') return 'Proving...';
  if (status === 'done') return 'Done.';
  return '';
}
