/**
 * `useSP1WasmProver` for SP1 6 (`sp1-wasm/v6/react`): the SP1 5 hook's shape over
 * `sp1-wasm/v6`. The worker starts on first use and is terminated on unmount; a change of
 * `threads` or `maxMemoryBytes` starts a new one.
 */
import { useProverHook, type ProverHook, type ProverState } from '../react-hook.js';
import { createProver, type CreateProverOptions } from './index.js';
import type { ProgramKey, ProofResult, Progress, ProveOptions } from './types.js';

export type { ProverStatus } from '../react-hook.js';

export type SP1WasmProverState = ProverState<ProofResult, Progress>;
export type UseSP1WasmProver = ProverHook<Uint8Array | ProgramKey, Uint8Array[], ProveOptions, ProofResult, Progress>;

export function useSP1WasmProver(options: CreateProverOptions = {}): UseSP1WasmProver {
  const { threads, maxMemoryBytes } = options;
  return useProverHook(() => createProver({ threads, maxMemoryBytes }), [threads, maxMemoryBytes]);
}
