/** Messages between the page (v6/index.ts) and the SP1 6 worker (v6/worker.ts). */
import type { PoolSettings } from '../protocol.js';
import type { ProveOptions } from './types.js';

export type Request =
  | ({ type: 'init' } & PoolSettings)
  | { type: 'prove'; elf: Uint8Array; stdin: Uint8Array[]; options: ProveOptions };
