// The user code every app runs, as the README's "In a web page" shows it: prove the fibonacci
// guest with the package, on all cores when the page is cross-origin isolated, and verify; and
// load the SP1 6 prover of 'sp1-wasm/v6' through the same bundler.
import { createProver } from 'sp1-wasm';
import { createProver as createProverV6 } from 'sp1-wasm/v6';

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

/**
 * Starts the SP1 6 prover (its worker, wasm and pool, as the bundler emitted them) and hands it an
 * ELF header alone, which it must refuse as no SP1 6 program: the error's code, `INVALID_ELF`,
 * comes from the wasm. Without cross-origin isolation the code is `NOT_ISOLATED`.
 */
export async function checkSp1V6() {
  try {
    const prover = await createProverV6();
    try {
      await prover.prove(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), []);
      return 'accepted';
    } finally {
      prover.terminate();
    }
  } catch (error) {
    return error.code ?? String(error);
  }
}
