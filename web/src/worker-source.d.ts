/** The bundled worker module's source (generated into dist/ by scripts/bundle-worker.mjs). */
declare const workerSource: string;
export default workerSource;
