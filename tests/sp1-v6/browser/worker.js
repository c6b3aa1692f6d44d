// Owns prover-v6's wasm module: starts its Rayon pool on `threads` Web Workers, proves, and posts
// back the proof (base64, to cross into the test driver) with the figures.
import init, { initThreadPool, proveCore } from '/pkg/sp1_wasm_v6.js';

// `elf` (bytes) or `elfUrl`: the bad-input check sends bytes.
self.onmessage = async ({ data: { elf: elfBytes, elfUrl, stdin, threads, elementThreshold } }) => {
  try {
    const wasm = await init();
    await initThreadPool(threads);
    const elf = new Uint8Array(elfBytes ?? (await (await fetch(elfUrl)).arrayBuffer()));
    const started = performance.now();
    const output = proveCore(elf, stdin.map((chunk) => new Uint8Array(chunk)), elementThreshold);
    const proveMs = performance.now() - started;
    const { proof, publicValues, ...figures } = output;
    self.postMessage({
      ok: true,
      proofBase64: toBase64(proof),
      publicValuesHex: Array.from(publicValues, (b) => b.toString(16).padStart(2, '0')).join(''),
      proveMs,
      memoryBytes: wasm.memory.buffer.byteLength,
      ...figures,
    });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error?.message ?? error) });
  }
};

function toBase64(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
