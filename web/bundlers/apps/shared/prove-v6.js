// SP1 6: prove a guest (an RV64IM ELF) on its stdin, one Uint8Array per `sp1_zkvm::io::read`
// (bincode), on all cores when the page is cross-origin isolated (on one core otherwise), then
// verify the proof in the page.
import { createProver } from 'sp1-wasm/v6';

export async function proveSp1V6(elf, stdin, onProgress) {
  const prover = await createProver();
  try {
    const key = await prover.setup(elf);
    const proof = await prover.prove(key, stdin, { onProgress });
    const verified = await prover.verify(proof.proof, key.vk);
    return { threaded: prover.threaded, threads: prover.threads, vkHash: key.vkHash, proof, verified };
  } finally {
    prover.terminate();
  }
}
