/** Messages between the page (v6/index.ts) and the SP1 6 worker (v6/worker.ts). */
import type { PoolSettings, ProgramRef } from '../protocol.js';
import type { ExecuteOptions } from '../types.js';
import type { ProveOptions } from './types.js';

export type Request =
  | ({ type: 'init' } & PoolSettings)
  | { type: 'setup'; elf: Uint8Array }
  | { type: 'execute'; elf: Uint8Array; stdin: Uint8Array[]; options: ExecuteOptions }
  | { type: 'releaseKey'; keyId: number }
  | { type: 'prove'; program: ProgramRef; stdin: Uint8Array[]; options: ProveOptions }
  | { type: 'verify'; proof: Uint8Array; vkOrElf: Uint8Array };
