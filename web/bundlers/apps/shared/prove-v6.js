// SP1 6, as the README shows it: prove an SP1 6 guest (an RV64IM ELF) on its stdin, one
// Uint8Array per `sp1_zkvm::io::read` (bincode), on all cores when the page is cross-origin
// isolated (on one core otherwise). tests/sp1-v6 proves with it in Chromium, isolated and not,
// and stock sp1-sdk 6.10.0 verifies the proofs; every bundler app builds it.
import { createProver } from 'sp1-wasm/v6';

export async function proveSp1V6(elf, stdin, onProgress) {
  const prover = await createProver();
  try {
    // proof.proof: stock SP1ProofWithPublicValues (bincode); also publicValues, vkHash, cycles, shards.
    return await prover.prove(elf, stdin, { onProgress });
  } finally {
    prover.terminate();
  }
}
