/** The SP1 6 worker's script and wasm (see ../assets.ts for how either is found). */
import { absoluteUrl, blobUrl } from '../assets.js';
import workerSource from './worker-source.js';

export function workerScript(): string {
  return blobUrl(workerSource);
}

/** The `.wasm` of prover/v6's threaded build (web/pkg-v6). */
export function wasmUrl(): string {
  return absoluteUrl(new URL('../../pkg-v6/sp1_wasm_v6_bg.wasm', import.meta.url));
}
