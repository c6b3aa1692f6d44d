// SP1 5: prove the fibonacci guest on all cores when the page is cross-origin isolated (on one
// core otherwise), then verify the proof in the page.
import { createProver } from 'sp1-wasm';

export async function proveFibonacci(onProgress) {
  const prover = await createProver();
  try {
    const elf = new Uint8Array(await (await fetch('/fibonacci.elf')).arrayBuffer());
    const key = await prover.setup(elf);
    const proof = await prover.prove(key, { guest: 'fibonacci', input: 20 }, { onProgress });
    const verified = await prover.verify(proof.proof, key.vk);
    return { threaded: prover.threaded, threads: prover.threads, vkHash: key.vkHash, proof, verified };
  } finally {
    prover.terminate();
  }
}
