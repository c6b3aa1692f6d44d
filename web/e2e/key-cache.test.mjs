// The opt-in proving-key cache (`createProver({ cache: 'indexeddb' })`): a second page load
// takes the key from IndexedDB instead of setting up, proves with it, and the proof verifies
// natively; a damaged entry is discarded and set up afresh, never used.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { exportGuests, nativeCli, openTestPage, run, saveBytes } from './harness.mjs';

let session;
const seconds = (ms) => (ms / 1000).toFixed(2);

before(async () => {
  exportGuests();
  session = await openTestPage();
  await session.page.addInitScript(readCacheEntriesInEveryPage);
});

after(async () => {
  await session?.close();
});

/**
 * Loads the page afresh and sets up fibonacci, with the cache unless `cache` is null: where the
 * key came from, and how long setup took.
 */
async function setupOnFreshPage(cache = 'indexeddb') {
  await session.page.reload();
  await session.page.waitForFunction(() => window.sp1Ready === true);
  return session.page.evaluate(async (cache) => {
    const prover = await window.sp1.createProver(cache ? { cache } : {});
    window.prover = prover;
    const elf = new Uint8Array(await (await fetch('/guests/fibonacci.elf')).arrayBuffer());
    const started = performance.now();
    const key = await prover.setup(elf);
    window.key = key;
    return { fromCache: key.fromCache, vkHash: key.vkHash, setupMs: performance.now() - started };
  }, cache);
}

/** Defines `window.readCacheEntries()` in every page load: the cache's `[id, entry]` records. */
function readCacheEntriesInEveryPage() {
  window.readCacheEntries = () =>
    new Promise((resolve, reject) => {
      const request = indexedDB.open('sp1-wasm-proving-keys');
      request.onerror = () => reject(request.error);
      request.onsuccess = () => {
        const entries = [];
        request.result.transaction('keys').objectStore('keys').openCursor().onsuccess = (event) => {
          const cursor = event.target.result;
          if (!cursor) {
            request.result.close();
            return resolve(entries);
          }
          entries.push([cursor.key, cursor.value]);
          cursor.continue();
        };
      };
    });
}

/** Every cache entry: its key and the size of its bytes. */
function cacheEntries() {
  return session.page.evaluate(async () =>
    (await window.readCacheEntries()).map(([id, entry]) => ({ id, bytes: entry.bytes.size })),
  );
}

/** Changes one byte in the middle of every entry's key bytes, keeping its recorded digest. */
function damageEntries() {
  return session.page.evaluate(async () => {
    for (const [id, entry] of await window.readCacheEntries()) {
      // A Blob is immutable: write back a copy with one byte flipped.
      const bytes = new Uint8Array(await entry.bytes.arrayBuffer());
      bytes[bytes.length >> 1] ^= 1;
      await new Promise((resolve, reject) => {
        const request = indexedDB.open('sp1-wasm-proving-keys');
        request.onerror = () => reject(request.error);
        request.onsuccess = () => {
          const transaction = request.result.transaction('keys', 'readwrite');
          transaction.objectStore('keys').put({ ...entry, bytes: new Blob([bytes]) }, id);
          transaction.oncomplete = () => {
            request.result.close();
            resolve();
          };
        };
      });
    }
  });
}

test('a second page load takes the key from IndexedDB, and its proof verifies natively', async () => {
  const uncached = await setupOnFreshPage(null);
  assert.equal(uncached.fromCache, false);
  const first = await setupOnFreshPage();
  assert.equal(first.fromCache, false);
  const entries = await cacheEntries();
  assert.equal(entries.length, 1);
  assert.match(entries[0].id, /^\d+\.\d+\.\d+\/[0-9a-f]{64}$/);

  const second = await setupOnFreshPage();
  assert.equal(second.fromCache, true);
  assert.equal(second.vkHash, first.vkHash);
  console.log(
    `proving key: ${(entries[0].bytes / 2 ** 20).toFixed(1)} MiB serialized; setup ${seconds(uncached.setupMs)} s ` +
      `without the cache, ${seconds(first.setupMs)} s storing into it, ${seconds(second.setupMs)} s from it`,
  );

  const proof = await session.page.evaluate(async () => {
    const result = await window.prover.prove(window.key, { guest: 'fibonacci', input: 20 });
    await window.prover.verify(result.proof, window.key.vk);
    return Array.from(result.proof);
  });
  const output = run(nativeCli, ['verify', '--proof', saveBytes('cached-key.proof', proof), '--guest', 'fibonacci']);
  assert.match(output, /^verified: core proof/m);
});

test('a damaged entry is discarded and set up afresh, not trusted', async () => {
  await setupOnFreshPage();
  await damageEntries();
  const afterDamage = await setupOnFreshPage();
  assert.equal(afterDamage.fromCache, false);
  // Replaced by the fresh key, which the next load uses.
  const next = await setupOnFreshPage();
  assert.equal(next.fromCache, true);
  assert.equal(next.vkHash, afterDamage.vkHash);
});
