/// <reference lib="webworker" />
/**
 * Proving keys kept in IndexedDB (opt-in: `createProver({ cache: 'indexeddb' })`), so that a
 * page loaded again skips setup. An entry is keyed by this package's version and the ELF's
 * SHA-256, and stored with the SHA-256 of its bytes: an entry whose bytes do not match it, or do
 * not decode, is deleted and set up afresh, never used.
 */

/** This package's version, set when the worker is bundled (scripts/bundle-worker.mjs). */
declare const __SP1_WASM_VERSION__: string;

const DATABASE = 'sp1-wasm-proving-keys';
const STORE = 'keys';

/** Keys are large (about 160 MiB for a small guest), so the bytes are stored as a Blob, which
 * browsers keep apart from the record (Chromium caps a record's inline value at 128 MiB). */
interface Entry {
  bytes: Blob;
  sha256: string;
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The cache key of a program: package version and ELF digest. */
export async function keyIdOf(elf: Uint8Array): Promise<string> {
  return `${__SP1_WASM_VERSION__}/${await sha256(elf)}`;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    db.close();
  }
}

/** The stored bytes of `id` if they are intact; a damaged entry is deleted. */
export async function loadKeyBytes(id: string): Promise<Uint8Array | null> {
  const entry = (await transact('readonly', (store) => store.get(id))) as Entry | undefined;
  if (!entry) return null;
  const bytes = entry.bytes instanceof Blob ? new Uint8Array(await entry.bytes.arrayBuffer()) : null;
  if (!bytes || (await sha256(bytes)) !== entry.sha256) {
    await deleteKeyBytes(id);
    return null;
  }
  return bytes;
}

export async function storeKeyBytes(id: string, bytes: Uint8Array): Promise<void> {
  const entry: Entry = { bytes: new Blob([bytes as BlobPart]), sha256: await sha256(bytes) };
  await transact('readwrite', (store) => store.put(entry, id));
}

export async function deleteKeyBytes(id: string): Promise<void> {
  await transact('readwrite', (store) => store.delete(id));
}

/** What the cache needs of a build's glue: its setup, and its keys to and from bytes. */
export interface KeyGlue<Key extends { toBytes(): Uint8Array }> {
  setup(elf: Uint8Array): Key;
  provingKeyFromBytes(bytes: Uint8Array): Key;
}

/**
 * The key of `elf` from IndexedDB when an intact entry decodes, else set up and stored. Storage
 * can be unavailable (private windows) or full: then setup runs as without a cache.
 */
export async function setupThroughCache<Key extends { toBytes(): Uint8Array }>(
  glue: KeyGlue<Key>,
  elf: Uint8Array,
): Promise<{ provingKey: Key; fromCache: boolean }> {
  const id = await keyIdOf(elf);
  const bytes = await loadKeyBytes(id).catch(warnStorage);
  if (bytes) {
    try {
      return { provingKey: glue.provingKeyFromBytes(bytes), fromCache: true };
    } catch {
      await deleteKeyBytes(id).catch(warnStorage);
    }
  }
  const provingKey = glue.setup(elf);
  await storeKeyBytes(id, provingKey.toBytes()).catch(warnStorage);
  return { provingKey, fromCache: false };
}

function warnStorage(error: unknown): null {
  console.warn(`sp1-wasm: the proving-key cache is unavailable: ${String(error)}`);
  return null;
}
