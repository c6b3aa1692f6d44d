// Wires the app's page to proveFibonacci: a button, a status line, and the result, which the
// test reads back from `window.sp1Result` (with what the SP1 6 prover answered).
import { checkSp1V6, proveFibonacci } from './prove.js';

const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

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
