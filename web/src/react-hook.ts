/**
 * The React state of a prover, for both versions' hooks (react.ts for SP1 5, v6/react.ts for
 * SP1 6): the worker starts on first use and is terminated on unmount or when `deps` change;
 * each call cancels the one before.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { isCrossOriginIsolated } from './environment.js';
import { SP1WasmError } from './errors.js';
import type { VerifyResult } from './types.js';

export type ProverStatus = 'idle' | 'loading' | 'proving' | 'verifying' | 'done' | 'error';

/** What a hook needs of a version's prover. */
export interface HookedProver<Program, Stdin, Options, Proof, Progress> {
  prove(program: Program, stdin: Stdin, options: Options & { signal: AbortSignal; onProgress: (progress: Progress) => void }): Promise<Proof>;
  verify(proof: Uint8Array, vkOrElf: Uint8Array, options: { signal: AbortSignal }): Promise<VerifyResult>;
  terminate(): void;
}

export interface ProverState<Proof, Progress> {
  status: ProverStatus;
  /** The latest progress event of the running proof. */
  progress: Progress | null;
  /** The last proof made. */
  proof: Proof | null;
  /** The last verification's result. */
  verified: VerifyResult | null;
  error: SP1WasmError | null;
  /** Whether this page can run the threaded prover at all; `null` until known (during SSR). */
  isolated: boolean | null;
}

export interface ProverHook<Program, Stdin, Options, Proof, Progress> extends ProverState<Proof, Progress> {
  prove(program: Program, stdin: Stdin, options?: Options): Promise<Proof | null>;
  verify(proof: Uint8Array, vkOrElf: Uint8Array): Promise<VerifyResult | null>;
  /** Cancels the running call; the next one starts a fresh worker. */
  cancel(): void;
}

export function useProverHook<Program, Stdin, Options, Proof, Progress>(
  start: () => Promise<HookedProver<Program, Stdin, Options, Proof, Progress>>,
  deps: unknown[],
): ProverHook<Program, Stdin, Options, Proof, Progress> {
  type State = ProverState<Proof, Progress>;
  type Prover = HookedProver<Program, Stdin, Options, Proof, Progress>;
  const [state, setState] = useState<State>({ status: 'idle', progress: null, proof: null, verified: null, error: null, isolated: null });
  const prover = useRef<Promise<Prover> | null>(null);
  const running = useRef<AbortController | null>(null);

  // Read in an effect: the server that pre-renders the page has no answer to give.
  useEffect(() => setState((s) => ({ ...s, isolated: isCrossOriginIsolated() })), []);

  // New settings mean a new worker; unmounting ends it.
  useEffect(() => {
    return () => {
      running.current?.abort();
      prover.current?.then((p) => p.terminate(), () => undefined);
      prover.current = null;
    };
  }, deps);

  const run = useCallback(
    async <T>(busy: ProverStatus, work: (p: Prover, signal: AbortSignal) => Promise<T>, done: (value: T) => Partial<State>) => {
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      setState((s) => ({ ...s, status: prover.current ? busy : 'loading', error: null, progress: null }));
      try {
        prover.current ??= start();
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
    deps,
  );

  const prove = useCallback(
    (program: Program, stdin: Stdin, options?: Options) =>
      run(
        'proving',
        (p, signal) =>
          p.prove(program, stdin, {
            ...(options as Options),
            signal,
            onProgress: (progress: Progress) => setState((s) => ({ ...s, progress })),
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
