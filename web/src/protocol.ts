/** Messages between the page (index.ts) and the worker (worker.ts). */
import type { SerializedError } from './errors.js';
import type { ProveOptions, Progress, Stdin, TracingLevel } from './types.js';

/** A program: its ELF, or the id of a key set up earlier in the same worker. */
export type ProgramRef = { elf: Uint8Array } | { keyId: number };

export type Request =
  | { type: 'init'; threads: number; tracing?: TracingLevel }
  | { type: 'setup'; elf: Uint8Array }
  | { type: 'releaseKey'; keyId: number }
  | { type: 'execute'; elf: Uint8Array; stdin: Stdin }
  | { type: 'prove'; program: ProgramRef; stdin: Stdin; options: ProveOptions }
  | { type: 'verify'; proof: Uint8Array; vkOrElf: Uint8Array }
  | { type: 'spans' };

export type RequestMessage = Request & { id: number };

export type ResponseMessage =
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'error'; error: SerializedError; fatal: boolean }
  | { id: number; type: 'progress'; progress: Progress };
