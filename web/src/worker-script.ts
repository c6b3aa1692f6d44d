/** The SP1 5 worker's script and wasm (see assets.ts for how either is found). */
import { absoluteUrl, blobUrl } from './assets.js';
import workerSource from './worker-source.js';

export function workerScript(): string {
  return blobUrl(workerSource);
}

/** The `.wasm` of the threaded build (web/pkg) or the single-threaded one (web/pkg-st). */
export function wasmUrl(threaded: boolean): string {
  return absoluteUrl(
    threaded
      ? new URL('../pkg/sp1_wasm_prover_bg.wasm', import.meta.url)
      : new URL('../pkg-st/sp1_wasm_prover_bg.wasm', import.meta.url),
  );
}
