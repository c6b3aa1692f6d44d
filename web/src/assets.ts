/**
 * How the page finds a prover's worker and wasm without help from the app's bundler, or with
 * only what every bundler does:
 * - each worker is one self-contained module (scripts/bundle-worker.mjs: the worker, its
 *   build's glue and wasm-bindgen-rayon's helper) started from a blob URL, so there is no
 *   worker file to find;
 * - each `.wasm` is named by a literal `new URL('…', import.meta.url)` (worker-script.ts,
 *   v6/worker-script.ts), which Vite, webpack and Turbopack emit as an asset, and which a page
 *   without a bundler resolves next to the module.
 */

const blobUrls = new Map<string, string>();

/**
 * A worker module's blob URL, made once per source and never revoked: wasm-bindgen-rayon's pool
 * threads fetch the same script again whenever a pool starts.
 */
export function blobUrl(source: string): string {
  let url = blobUrls.get(source);
  if (!url) {
    url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    blobUrls.set(source, url);
  }
  return url;
}

/**
 * An asset's absolute URL. Next.js makes `new URL(…, import.meta.url)` a path on the site (its
 * `RelativeURL`, whose `href` has no origin): resolve it against the page, which the worker,
 * started from a blob, could not.
 */
export function absoluteUrl(asset: URL): string {
  return new URL(asset.href, globalThis.location?.href).href;
}
