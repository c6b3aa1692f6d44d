#!/usr/bin/env node
// Serves web/ with the headers that make a page cross-origin isolated (so SharedArrayBuffer and
// the prover's threads exist). `--no-isolation` leaves them out, `--port N` picks the port (0: any
// free one; the URL is printed), `--mount /prefix=DIR` serves another folder under a prefix.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.png': 'image/png',
};

export function startServer({ root, port = 0, isolated = true, mounts = {} }) {
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
    const [prefix, base] =
      Object.entries(mounts).find(([prefix]) => path.startsWith(prefix + '/')) ?? ['', root];
    let file = resolve(base, '.' + normalize(path.slice(prefix.length)));
    if (!file.startsWith(resolve(base))) return send(response, 403, 'forbidden');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const headers = { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' };
      if (isolated) {
        headers['Cross-Origin-Opener-Policy'] = 'same-origin';
        headers['Cross-Origin-Embedder-Policy'] = 'require-corp';
      }
      response.writeHead(200, headers);
      response.end(await readFile(file));
    } catch {
      send(response, 404, 'not found');
    }
  });
  return new Promise((done) => {
    server.listen(port, '127.0.0.1', () => done({ server, url: `http://127.0.0.1:${server.address().port}` }));
  });
}

function send(response, status, text) {
  response.writeHead(status, { 'Content-Type': 'text/plain' });
  response.end(text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (flag) => args[args.indexOf(flag) + 1];
  const mounts = {};
  args.forEach((arg, i) => {
    if (arg === '--mount') {
      const [prefix, dir] = args[i + 1].split('=');
      mounts[prefix] = resolve(dir);
    }
  });
  const { url } = await startServer({
    root: resolve(args.includes('--root') ? value('--root') : fileURLToPath(new URL('..', import.meta.url))),
    port: args.includes('--port') ? Number(value('--port')) : 8080,
    isolated: !args.includes('--no-isolation'),
    mounts,
  });
  console.log(`serving at ${url}`);
}
