/**
 * `useSP1WasmProver`: the prover as React state. The worker starts on first use and is
 * terminated on unmount; a change of `threads` starts a new one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createProver, isCrossOriginIsolated, SP1WasmError, type CreateProverOptions, type ProgramKey, type Prover } from './index.js';
import type { ProofResult, Progress, ProveOptions, Stdin, VerifyResult } from './types.js';

export type ProverStatus = 'idle' | 'loading' | 'proving' | 'verifying' | 'done' | 'error';

export interface SP1WasmProverState {
  status: ProverStatus;
  /** The latest progress event of the running proof. */
  progress: Progress | null;
  /** The last proof made. */
  proof: ProofResult | null;
  /** The last verification's result. */
  verified: VerifyResult | null;
  error: SP1WasmError | null;
  /** Whether this page can run the threaded prover at all; `null` until known (during SSR). */
  isolated: boolean | null;
}

export interface UseSP1WasmProver extends SP1WasmProverState {
  prove(program: Uint8Array | ProgramKey, stdin: Stdin, options?: ProveOptions): Promise<ProofResult | null>;
  verify(proof: Uint8Array, vkOrElf: Uint8Array): Promise<VerifyResult | null>;
  /** Cancels the running call; the next one starts a fresh worker. */
  cancel(): void;
}

const INITIAL: Omit<SP1WasmProverState, 'isolated'> = {
  status: 'idle',
  progress: null,
  proof: null,
  verified: null,
  error: null,
};

export function useSP1WasmProver(options: CreateProverOptions = {}): UseSP1WasmProver {
  const [state, setState] = useState<SP1WasmProverState>({ ...INITIAL, isolated: null });
  const prover = useRef<Promise<Prover> | null>(null);
  const running = useRef<AbortController | null>(null);
  const { threads, tracing, cache } = options;

  // Read in an effect: the server that pre-renders the page has no answer to give.
  useEffect(() => setState((s) => ({ ...s, isolated: isCrossOriginIsolated() })), []);

  // A new pool size means a new worker; unmounting ends it.
  useEffect(() => {
    return () => {
      running.current?.abort();
      prover.current?.then((p) => p.terminate(), () => undefined);
      prover.current = null;
    };
  }, [threads, tracing, cache]);

  const run = useCallback(
    async <T>(busy: ProverStatus, work: (p: Prover, signal: AbortSignal) => Promise<T>, done: (value: T) => Partial<SP1WasmProverState>) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      setState((s) => ({ ...s, status: prover.current ? busy : 'loading', error: null, progress: null }));
      try {
        prover.current ??= createProver({ threads, tracing, cache });
        const p = await prover.current;
        setState((s) => ({ ...s, status: busy }));
        const value = await work(p, controller.signal);
        if (running.current === controller) setState((s) => ({ ...s, status: 'done', ...done(value) }));
        return value;
      } catch (e) {
        const error = e instanceof SP1WasmError ? e : new SP1WasmError('WORKER_CRASHED', String(e));
        // A prover that failed to start is not kept.
        if (error.code === 'NOT_ISOLATED' || error.code === 'NO_THREADS') prover.current = null;
        if (running.current === controller) setState((s) => ({ ...s, status: 'error', error }));
        return null;
      } finally {
        if (running.current === controller) running.current = null;
      }
    },
    [threads, tracing, cache],
  );

  const prove = useCallback(
    (program: Uint8Array | ProgramKey, stdin: Stdin, proveOptions: ProveOptions = {}) =>
      run(
        'proving',
        (p, signal) =>
          p.prove(program, stdin, {
            ...proveOptions,
            signal,
            onProgress: (progress) => setState((s) => ({ ...s, progress })),
          }),
        (proof) => ({ proof, verified: null }),
      ),
    [run],
  );

  const verify = useCallback(
    (proof: Uint8Array, vkOrElf: Uint8Array) =>
      run('verifying', (p, signal) => p.verify(proof, vkOrElf, { signal }), (verified) => ({ verified })),
    [run],
  );

  const cancel = useCallback(() => running.current?.abort(), []);

  return { ...state, prove, verify, cancel };
}
