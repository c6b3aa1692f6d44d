/**
 * Where the prover's worker and wasm come from. Both are found without help from the app's
 * bundler, or with only what every bundler does:
 * - the worker is one self-contained module (src/worker.ts bundled with both builds' glue,
 *   scripts/bundle-worker.mjs) started from a blob URL, so there is no worker file to find;
 * - each build's `.wasm` is named by a literal `new URL('…', import.meta.url)`, which Vite,
 *   webpack and Turbopack emit as an asset, and which a page without a bundler resolves next to
 *   this module.
 */
import workerSource from './worker-source.js';

let workerScriptUrl: string | null = null;

/**
 * The worker's blob URL, made once and never revoked: wasm-bindgen-rayon's pool threads fetch
 * the same script again whenever a pool starts.
 */
export function workerScript(): string {
  workerScriptUrl ??= URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
  return workerScriptUrl;
}

/** The `.wasm` of the threaded build (web/pkg) or the single-threaded one (web/pkg-st). */
export function wasmUrl(threaded: boolean): string {
  const asset = threaded
    ? new URL('../pkg/sp1_wasm_prover_bg.wasm', import.meta.url)
    : new URL('../pkg-st/sp1_wasm_prover_bg.wasm', import.meta.url);
  // Next.js makes it a path on the site (its `RelativeURL`, whose `href` has no origin): resolve
  // it against the page, which the worker, started from a blob, could not.
  return new URL(asset.href, globalThis.location?.href).href;
}
