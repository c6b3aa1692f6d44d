/** What a page must offer the prover, checked before a worker starts; both backends use these. */
import { SP1WasmError } from './errors.js';
import type { KeyCache } from './types.js';

/** Whether this page can run a threaded prover (it needs SharedArrayBuffer). */
export function isCrossOriginIsolated(): boolean {
  return globalThis.crossOriginIsolated === true && typeof SharedArrayBuffer === 'function';
}

/** The smallest module using a SIMD instruction (`i32.const 0; i8x16.splat`): valid only where
 * WebAssembly has 128-bit SIMD. */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11,
]);

/** Whether WebAssembly has 128-bit SIMD, which every build's packed field arithmetic uses. */
export function hasWasmSimd(): boolean {
  return WebAssembly.validate(SIMD_PROBE);
}

const MIN_MEMORY_BYTES = 64 * 2 ** 20;
const MAX_MEMORY_BYTES = 2 ** 32;

/** Rejects with `UNSUPPORTED_BROWSER` without WebAssembly SIMD. */
function requireWasmSimd(): void {
  if (!hasWasmSimd()) {
    throw new SP1WasmError(
      'UNSUPPORTED_BROWSER',
      "this browser's WebAssembly has no 128-bit SIMD, which the prover needs: " +
        'use Chrome or Edge 91, Firefox 89, Safari 16.4 or later',
    );
  }
}

function notIsolated(): SP1WasmError {
  // Some engines (WebKitGTK, older embedded web views) isolate a page but still give it no
  // SharedArrayBuffer: the headers are right there, the browser is not.
  if (globalThis.crossOriginIsolated === true) {
    return new SP1WasmError(
      'NOT_ISOLATED',
      'this page is cross-origin isolated, but the browser gives it no SharedArrayBuffer, so threads are unavailable',
    );
  }
  return new SP1WasmError(
    'NOT_ISOLATED',
    'this page is not cross-origin isolated, so SharedArrayBuffer and threads are unavailable: ' +
      'serve it with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp',
  );
}

/** `maxMemoryBytes` as given, if it lies between 64 MiB and 4 GiB; `INVALID_OPTIONS` otherwise. */
function checkedMaxMemory(maxMemoryBytes: number | undefined): number | undefined {
  if (maxMemoryBytes !== undefined && !(maxMemoryBytes >= MIN_MEMORY_BYTES && maxMemoryBytes <= MAX_MEMORY_BYTES)) {
    throw new SP1WasmError('INVALID_OPTIONS', `maxMemoryBytes must be between 64 MiB and 4 GiB, got ${maxMemoryBytes}`);
  }
  return maxMemoryBytes;
}

/** `cache` as given if it is a cache this package has (or unset); `INVALID_OPTIONS` otherwise. */
export function checkedKeyCache(cache: unknown): KeyCache | undefined {
  if (cache !== undefined && cache !== 'indexeddb') {
    throw new SP1WasmError('INVALID_OPTIONS', `cache must be 'indexeddb' or unset, got ${String(cache)}`);
  }
  return cache;
}

/** The pool size: `requested`, else every core the browser reports; 1 without threads. */
function poolSize(threaded: boolean, requested: number | undefined): number {
  return threaded ? Math.max(1, Math.floor(requested ?? navigator.hardwareConcurrency ?? 1)) : 1;
}

/** How either version's `createProver` chooses its build and pool. */
export interface BuildOptions {
  /** Rayon pool size; default `navigator.hardwareConcurrency`. 1 without cross-origin isolation. */
  threads?: number;
  /** Reject with `NOT_ISOLATED` rather than fall back to the single-threaded build. */
  requireThreads?: boolean;
  /**
   * Cap on the threaded build's wasm memory, 64 MiB to 4 GiB (default 4 GiB), and on the memory
   * a proof may use: a proof estimated not to fit is refused, or cut into smaller shards where
   * the version allows it (`ProveOptions`).
   */
  maxMemoryBytes?: number;
}

/**
 * The build a prover starts: threaded on a cross-origin isolated page, else single-threaded, or
 * `NOT_ISOLATED` with `requireThreads`; `UNSUPPORTED_BROWSER` without WebAssembly SIMD,
 * `INVALID_OPTIONS` for a memory cap out of range.
 */
export function chooseBuild(options: BuildOptions): { threaded: boolean; threads: number; maxMemoryBytes?: number } {
  requireWasmSimd();
  const threaded = isCrossOriginIsolated();
  if (!threaded && options.requireThreads) throw notIsolated();
  const maxMemoryBytes = checkedMaxMemory(options.maxMemoryBytes);
  return { threaded, threads: poolSize(threaded, options.threads), maxMemoryBytes };
}
