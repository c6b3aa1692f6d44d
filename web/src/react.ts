/**
 * `useSP1WasmProver` (SP1 5): the prover as React state. The worker starts on first use and is
 * terminated on unmount; a change of its options starts a new one. SP1 6's
 * hook, the same shape, is `sp1-wasm/v6/react`.
 */
import { createProver, type CreateProverOptions, type ProgramKey } from './index.js';
import { useProverHook, type ProverHook, type ProverState } from './react-hook.js';
import type { ProofResult, Progress, ProveOptions, Stdin } from './types.js';

export type { ProverStatus } from './react-hook.js';

export type SP1WasmProverState = ProverState<ProofResult, Progress>;
export type UseSP1WasmProver = ProverHook<Uint8Array | ProgramKey, Stdin, ProveOptions, ProofResult, Progress>;

export function useSP1WasmProver(options: CreateProverOptions = {}): UseSP1WasmProver {
  const { threads, maxMemoryBytes, tracing, cache } = options;
  return useProverHook(
    () => createProver({ threads, maxMemoryBytes, tracing, cache }),
    [threads, maxMemoryBytes, tracing, cache],
  );
}
