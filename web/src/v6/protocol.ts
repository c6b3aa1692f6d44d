/** Messages between the page (v6/index.ts) and the SP1 6 worker (v6/worker.ts). */
import type { KeyCacheSettings, PoolSettings, ProgramRef } from '../protocol.js';
import type { ExecuteOptions } from '../types.js';
import type { ProveOptions } from './types.js';

/** How the SP1 6 worker starts. */
export type WorkerSettings = PoolSettings & KeyCacheSettings;

export type Request =
  | ({ type: 'init' } & WorkerSettings)
  | { type: 'setup'; elf: Uint8Array }
  | { type: 'execute'; elf: Uint8Array; stdin: Uint8Array[]; options: ExecuteOptions }
  | { type: 'releaseKey'; keyId: number }
  | { type: 'prove'; program: ProgramRef; stdin: Uint8Array[]; options: ProveOptions }
  | { type: 'verify'; proof: Uint8Array; vkOrElf: Uint8Array };
