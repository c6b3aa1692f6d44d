/** Stable error codes. The first group comes from the prover (Rust), the rest from this package. */
export type ErrorCode =
  | 'INVALID_ELF'
  | 'INVALID_STDIN'
  | 'INVALID_PROOF'
  | 'INVALID_VERIFYING_KEY'
  | 'UNSUPPORTED_PROOF'
  | 'VERIFICATION_FAILED'
  | 'EXECUTION_FAILED'
  | 'INVALID_OPTIONS'
  /** A cached proving key did not decode (the key cache then sets up afresh). */
  | 'INVALID_PROVING_KEY'
  /** The prover failed on a program that executed: a bug, not bad input. */
  | 'PROVING_FAILED'
  /** This browser's WebAssembly lacks 128-bit SIMD, which both builds need. */
  | 'UNSUPPORTED_BROWSER'
  /** The page is not cross-origin isolated: no SharedArrayBuffer, so no threads. */
  | 'NOT_ISOLATED'
  /** The Rayon pool could not start. */
  | 'NO_THREADS'
  /** The wasm instance ran out of memory (wasm32 addresses at most 4 GiB). */
  | 'OUT_OF_MEMORY'
  /** The wasm instance trapped (a panic or a bug); the worker was replaced. */
  | 'WORKER_CRASHED'
  /** The call was cancelled through its AbortSignal. */
  | 'ABORTED'
  /** The prover was terminated. */
  | 'TERMINATED';

export class SP1WasmError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'SP1WasmError';
    this.code = code;
  }
}

/** The plain form errors take across postMessage. */
export interface SerializedError {
  code: ErrorCode;
  message: string;
}
