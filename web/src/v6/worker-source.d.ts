/** The bundled SP1 6 worker module's source (generated into dist/v6/ by scripts/bundle-worker.mjs). */
declare const workerSource: string;
export default workerSource;
