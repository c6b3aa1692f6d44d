// Wires the app's page to proveFibonacci: a button, a status line, and the result, which the
// test reads back from `window.sp1Result` (with what the SP1 6 prover answered).
import { proveFibonacci } from './prove.js';
import { proveSp1V6 } from './prove-v6.js';

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * Starts the SP1 6 prover (its worker, wasm and pool, as the bundler emitted them) through the
 * README's code and hands it an ELF header alone, which it must refuse as no SP1 6 program: the
 * error's code, `INVALID_ELF`, comes from the wasm: the threaded build's on a cross-origin
 * isolated page, the single-threaded one's without isolation.
 */
async function checkSp1V6() {
  try {
    await proveSp1V6(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), []);
    return 'accepted';
  } catch (error) {
    return error.code ?? String(error);
  }
}

export async function runProof(setStatus) {
  try {
    const started = performance.now();
    const result = await proveFibonacci((p) => setStatus(`${p.phase}: shard ${p.shard} of ${p.shards}`));
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const sp1V6 = await checkSp1V6();
    window.sp1Result = {
      threaded: result.threaded,
      threads: result.threads,
      vkHash: result.vkHash,
      publicValues: hex(result.proof.publicValues),
      proof: hex(result.proof.proof),
      verifiedShards: result.verified.shards,
      sp1V6,
    };
    setStatus(`verified: ${result.verified.shards} shard(s) in ${seconds} s on ${result.threads} thread(s)`);
  } catch (error) {
    window.sp1Result = { error: `${error.code ?? 'ERROR'}: ${error.message}` };
    setStatus(`failed: ${window.sp1Result.error}`);
  }
}
