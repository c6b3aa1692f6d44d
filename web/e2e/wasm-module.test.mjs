// The threaded builds (SP1 5's and SP1 6's) must import a shared memory: with a private one,
// wasm-bindgen skips its threads transform and every worker of the pool would get its own memory,
// silently. The single-threaded builds must not need one.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const THREADED = {
  'SP1 5': { wasm: '../pkg/sp1_wasm_prover_bg.wasm', glue: '../pkg/sp1_wasm_prover.js' },
  'SP1 6': { wasm: '../pkg-v6/sp1_wasm_v6_bg.wasm', glue: '../pkg-v6/sp1_wasm_v6.js' },
};

/** Reads an unsigned LEB128 at `offset`: [value, next offset]. */
function leb(bytes, offset) {
  let value = 0, shift = 0, byte;
  do {
    byte = bytes[offset++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, offset];
}

/** The memory imports of a module, with their limits, from its import section (id 2). */
function memoryImports(bytes) {
  const found = [];
  let offset = 8; // magic and version
  while (offset < bytes.length) {
    const id = bytes[offset];
    const [size, start] = leb(bytes, offset + 1);
    if (id === 2) {
      let [count, at] = leb(bytes, start);
      const name = () => {
        const [length, from] = leb(bytes, at);
        at = from + length;
        return bytes.subarray(from, at).toString();
      };
      for (let i = 0; i < count; i++) {
        const module = name(), field = name(), kind = bytes[at++];
        if (kind === 0x02) {
          const flags = bytes[at++];
          const [initial, next] = leb(bytes, at);
          const [maximum, end] = flags & 1 ? leb(bytes, next) : [undefined, next];
          at = end;
          found.push({ module, field, shared: (flags & 2) !== 0, initial, maximum });
        } else if (kind === 0x00) at = leb(bytes, at)[1]; // function: type index
        else if (kind === 0x01) { at += 1; const flags = bytes[at++]; at = leb(bytes, at)[1]; if (flags & 1) at = leb(bytes, at)[1]; } // table
        else if (kind === 0x03) at += 2; // global: type, mutability
        else if (kind === 0x04) at = leb(bytes, at + 1)[1]; // tag
      }
      return found;
    }
    offset = start + size;
  }
  return found;
}

for (const [version, build] of Object.entries(THREADED)) {
  test(`the ${version} threaded module imports one shared memory of up to 4 GiB`, () => {
    const memories = memoryImports(readFileSync(new URL(build.wasm, import.meta.url)));
    assert.equal(memories.length, 1, JSON.stringify(memories));
    assert.equal(memories[0].shared, true);
    assert.equal(memories[0].maximum, 65536, '65536 pages of 64 KiB = 4 GiB');
    // src/worker-runtime.ts starts a capped memory (maxMemoryBytes) with 1024 pages.
    assert.ok(memories[0].initial <= 1024, `initial pages: ${memories[0].initial}`);
  });

  test(`the ${version} glue creates the memory shared`, () => {
    const glue = readFileSync(new URL(build.glue, import.meta.url), 'utf8');
    assert.match(glue, /new WebAssembly\.Memory\(\{[^}]*shared:\s*true/);
  });
}

const SINGLE_THREADED = {
  'SP1 5': { wasm: '../pkg-st/sp1_wasm_prover_bg.wasm', glue: '../pkg-st/sp1_wasm_prover.js' },
  'SP1 6': { wasm: '../pkg-v6-st/sp1_wasm_v6_bg.wasm', glue: '../pkg-v6-st/sp1_wasm_v6.js' },
};

for (const [version, build] of Object.entries(SINGLE_THREADED)) {
  test(`the ${version} single-threaded module imports no memory, and its glue starts no pool`, () => {
    assert.deepEqual(memoryImports(readFileSync(new URL(build.wasm, import.meta.url))), []);
    const glue = readFileSync(new URL(build.glue, import.meta.url), 'utf8');
    assert.doesNotMatch(glue, /export function initThreadPool/);
  });
}
