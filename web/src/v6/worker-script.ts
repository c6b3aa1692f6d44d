/** The SP1 6 worker's script and wasm (see ../assets.ts for how either is found). */
import { absoluteUrl, blobUrl } from '../assets.js';
import workerSource from './worker-source.js';

export function workerScript(): string {
  return blobUrl(workerSource);
}

/** The `.wasm` of prover/v6's threaded build (web/pkg-v6) or its single-threaded one (web/pkg-v6-st). */
export function wasmUrl(threaded: boolean): string {
  return absoluteUrl(
    threaded
      ? new URL('../../pkg-v6/sp1_wasm_v6_bg.wasm', import.meta.url)
      : new URL('../../pkg-v6-st/sp1_wasm_v6_bg.wasm', import.meta.url),
  );
}
