// `npm run web`: builds the page into dist/web and serves it on 127.0.0.1
// (PORT, default 8080, or the next free one) with the headers that make the
// page cross-origin isolated (SharedArrayBuffer for the worker pool):
// Cross-Origin-Opener-Policy: same-origin, Cross-Origin-Embedder-Policy: require-corp.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
};

/** Serves `root` with COOP/COEP; resolves to { url, close() }. port 0 = any free port. */
export async function serveIsolated(root, port = 0) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    const send = (code, body, type = 'text/plain; charset=utf-8') => {
      res.writeHead(code, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'Cross-Origin-Opener-Policy': 'same-origin',
        'Cross-Origin-Embedder-Policy': 'require-corp',
        'Cross-Origin-Resource-Policy': 'same-origin',
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      return send(400, 'bad path');
    }
    if (path.endsWith('/')) path += 'index.html';
    const file = resolve(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return send(403, 'outside the root');
    try {
      if (!(await stat(file)).isFile()) return send(404, 'not a file');
      send(200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
    } catch {
      send(404, 'not found');
    }
  });
  await new Promise((ok, fail) => {
    const tryListen = (p) => {
      server.once('error', (e) => (e.code === 'EADDRINUSE' && p !== 0 && p < port + 20 ? tryListen(p + 1) : fail(e)));
      server.listen(p, '127.0.0.1', ok);
    };
    tryListen(port);
  });
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise((ok) => server.close(() => ok())) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await build();
  const { url } = await serveIsolated(out, Number(process.env.PORT ?? 8080));
  console.log(`geovec page: ${url}  (Ctrl-C stops the server)`);
}
