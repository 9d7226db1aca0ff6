#!/usr/bin/env node
// A small static server for the built site (dist/): used by `npm start`, the browser tests and the
// benchmark. No dependencies, so it runs from a clean clone right after `vite build`.
//
// What it guarantees (the browser tests rely on each point):
// - the one Content Security Policy of scripts/csp.mjs as an HTTP header (the header alone can carry
//   frame-ancestors), plus nosniff and no-referrer; it never sets a cookie;
// - content-hashed files under assets/ are cached for a year, everything else revalidates (ETag → 304);
// - text, JS, JSON, CSV and WebAssembly are sent brotli- or gzip-compressed, each file compressed once
//   per (path, mtime, encoding) and kept in memory: the 34 MB DuckDB wasm must not be recompressed per request;
// - paths that match no file and do not end in a known static-file extension get index.html (client-side
//   routes such as /embed/… or /don-vi/H21.17);
// - HEAD and Range requests work (data files are read in parts by DuckDB);
// - nothing outside the root is ever served.
//
// Usage: node scripts/serve.mjs [--port N] [--root dist] [--host 127.0.0.1]   (PORT env, default 4173)

import http from 'node:http';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { contentSecurityPolicy } from './csp.mjs';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** @type {Record<string, string>} */
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.parquet': 'application/octet-stream',
  '.arrow': 'application/octet-stream',
  '.feather': 'application/octet-stream',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.zip': 'application/zip',
  '.pdf': 'application/pdf',
};

/** Extensions worth compressing (already-compressed formats such as PNG, woff2, xlsx, parquet are not). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.webmanifest', '.csv', '.txt', '.md', '.xml', '.svg', '.wasm']);

/** Below this size compression costs more than it saves. */
const MIN_COMPRESS_BYTES = 1024;

/**
 * Compressed bytes keyed by absolute path + mtime + size + encoding. Module-level so that several
 * servers in one process (the browser tests start two or three) share one compression of each file.
 * The values are promises: concurrent first requests wait for the same work instead of repeating it.
 * @type {Map<string, Promise<Buffer>>}
 */
const compressedCache = new Map();

/** How many compressions actually ran (cache misses): lets a test prove each file is compressed once. */
let compressionsRun = 0;
export function compressionStats() {
  return { compressions: compressionsRun, cached: compressedCache.size };
}

/** @param {string} abs @param {fs.Stats} st @param {'br'|'gzip'} enc */
function compressed(abs, st, enc) {
  const key = `${abs}\0${st.mtimeMs}\0${st.size}\0${enc}`;
  let p = compressedCache.get(key);
  if (!p) {
    p = fsp.readFile(abs).then((buf) => {
      compressionsRun++;
      if (enc === 'gzip') return gzip(buf, { level: 6 });
      // Quality 11 on the 34 MB wasm takes minutes on these 2 cores; 5 keeps it near gzip's speed
      // while still smaller. Small files (the app's own JS/CSS) get the best quality.
      const quality = buf.length > 512 * 1024 ? 5 : 11;
      return brotli(buf, {
        params: {
          [zlib.constants.BROTLI_PARAM_QUALITY]: quality,
          [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
          [zlib.constants.BROTLI_PARAM_MODE]: abs.endsWith('.wasm') ? zlib.constants.BROTLI_MODE_GENERIC : zlib.constants.BROTLI_MODE_TEXT,
        },
      });
    });
    // Drop entries of older versions of the same file, and forget failures so a retry can succeed.
    for (const k of compressedCache.keys()) {
      if (k.startsWith(`${abs}\0`) && k.endsWith(`\0${enc}`) && k !== key) compressedCache.delete(k);
    }
    compressedCache.set(key, p);
    p.catch(() => compressedCache.delete(key));
  }
  return p;
}

/** Picks the encoding from Accept-Encoding: brotli first, then gzip; honours q=0. */
export function pickEncoding(acceptEncoding = '') {
  /** @type {Record<string, number>} */
  const q = {};
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    if (!name) continue;
    const qp = params.map((s) => s.trim()).find((s) => s.startsWith('q='));
    q[name.trim()] = qp ? Number(qp.slice(2)) || 0 : 1;
  }
  const ok = (/** @type {string} */ e) => (q[e] ?? q['*'] ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return null;
}

/**
 * Maps a URL path to a file under root, or null when the path tries to leave the root or is malformed.
 * @param {string} root absolute, resolved root
 * @param {string} urlPath the pathname of the request URL (still percent-encoded)
 */
export function resolveSafe(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  // NUL and backslashes have no business in a URL path here; `..` segments are refused outright
  // (even those that would stay inside the root) so that nobody can probe the layout.
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded.split('/').some((seg) => seg === '..')) return null;
  const abs = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  if (abs !== root && !abs.startsWith(root + path.sep)) return null;
  return abs;
}

/** @param {string} abs */
async function statFile(abs) {
  try {
    const st = await fsp.stat(abs);
    if (st.isFile()) return st;
    if (st.isDirectory()) {
      const idx = path.join(abs, 'index.html');
      const ist = await fsp.stat(idx).catch(() => null);
      if (ist?.isFile()) return Object.assign(ist, { indexOf: idx });
    }
  } catch {
    /* absent */
  }
  return null;
}

/**
 * Parses a single `bytes=a-b` range. Multi-range requests are answered with the whole file (allowed by RFC 9110).
 * @returns {{start:number,end:number}|'unsatisfiable'|null}
 */
export function parseRange(header, size) {
  const m = /^bytes=(\d*)-(\d*)$/.exec(String(header).trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start;
  let end;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

/** @param {fs.Stats} st */
function etagOf(st, enc) {
  const base = `${st.size.toString(16)}-${Math.floor(st.mtimeMs).toString(16)}`;
  return `"${base}${enc ? '-' + enc : ''}"`;
}

/** @param {string|undefined} header @param {string} etag */
function etagMatches(header, etag) {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag);
}

/** Walks root and compresses the big compressible files one at a time, so the first page load does not wait. */
async function precompress(root, encodings) {
  /** @type {string[]} */
  const files = [];
  const walk = async (dir) => {
    for (const e of await fsp.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && COMPRESSIBLE.has(path.extname(e.name).toLowerCase())) files.push(p);
    }
  };
  await walk(root);
  // Biggest first: the DuckDB wasm is what a first visit waits for.
  const sized = await Promise.all(files.map(async (f) => ({ f, st: await fsp.stat(f) })));
  sized.sort((a, b) => b.st.size - a.st.size);
  for (const { f, st } of sized) {
    if (st.size < MIN_COMPRESS_BYTES) continue;
    for (const enc of encodings) await compressed(f, st, enc).catch(() => {});
  }
}

/**
 * Starts the server.
 * @param {{ root?: string, port?: number, host?: string, frameAncestors?: string, csp?: string,
 *           precompress?: boolean|('br'|'gzip')[], log?: (line: string) => void }} [opts]
 *   root: folder to serve (default dist/ of the repo); port 0 = any free port;
 *   frameAncestors: CSP frame-ancestors value (default env CHISO_FRAME_ANCESTORS or 'self');
 *   csp: a whole Content-Security-Policy to send instead of the app's (test host pages only);
 *   precompress: compress big files in the background at start (default gzip and br).
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void>, server: http.Server }>}
 */
export async function serve(opts = {}) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const root = path.resolve(opts.root ?? path.join(repoRoot, 'dist'));
  const host = opts.host ?? '127.0.0.1';
  const port = opts.port ?? 4173;
  const frameAncestors = opts.frameAncestors ?? process.env.CHISO_FRAME_ANCESTORS ?? "'self'";
  // opts.csp replaces the policy: only for the browser tests' stand-in third-party host page.
  const csp = opts.csp ?? contentSecurityPolicy({ frameAncestors });
  const log = opts.log ?? (() => {});

  const rootStat = await fsp.stat(root).catch(() => null);
  if (!rootStat?.isDirectory()) throw new Error(`serve: root folder ${root} does not exist (run \`npx vite build\` first?)`);

  /** @param {http.ServerResponse} res @param {number} status @param {string} text */
  const sendText = (req, res, status, text, extra = {}) => {
    const body = Buffer.from(text + '\n');
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': body.length,
      'Cache-Control': 'no-store',
      ...extra,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  /** @param {http.IncomingMessage} req @param {http.ServerResponse} res */
  const handle = async (req, res) => {
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendText(req, res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    let pathname;
    try {
      pathname = new URL(req.url ?? '/', 'http://x').pathname;
    } catch {
      return sendText(req, res, 400, 'Bad request');
    }
    // The raw URL is checked too: `new URL` already folds `/../`, which would hide a traversal attempt.
    const rawPath = (req.url ?? '/').split('?')[0];
    if (/(^|\/|%2f|\\|%5c)(\.\.|%2e%2e|\.%2e|%2e\.)(\/|%2f|\\|%5c|$)/i.test(rawPath)) {
      return sendText(req, res, 403, 'Forbidden');
    }
    const abs = resolveSafe(root, pathname);
    if (!abs) return sendText(req, res, 403, 'Forbidden');

    let file = abs;
    let st = await statFile(abs);
    if (st && /** @type {any} */ (st).indexOf) file = /** @type {any} */ (st).indexOf;
    if (!st) {
      // Client-side routes (/cong-khai, /embed/scoreboard, /don-vi/H21.17…) get the app. A unit code
      // such as H21.17 looks like a file extension, so only known static-file extensions give a 404.
      const last = pathname.split('/').pop() ?? '';
      if (!MIME_TYPES[path.extname(last).toLowerCase()]) {
        file = path.join(root, 'index.html');
        st = await statFile(file);
      }
      if (!st) return sendText(req, res, 404, 'Not found');
    }

    const ext = path.extname(file).toLowerCase();
    const type = MIME_TYPES[ext] ?? 'application/octet-stream';
    const rel = path.relative(root, file).split(path.sep).join('/');
    const immutable = rel.startsWith('assets/');
    res.setHeader('Content-Type', type);
    res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    res.setHeader('Last-Modified', new Date(st.mtimeMs).toUTCString());

    const compressible = COMPRESSIBLE.has(ext) && st.size >= MIN_COMPRESS_BYTES;
    if (compressible) res.setHeader('Vary', 'Accept-Encoding');
    res.setHeader('Accept-Ranges', 'bytes');

    // Range requests get identity bytes: byte offsets refer to the file as stored.
    const rangeHeader = req.headers.range;
    const enc = compressible && !rangeHeader ? pickEncoding(String(req.headers['accept-encoding'] ?? '')) : null;
    const etag = etagOf(st, enc);
    res.setHeader('ETag', etag);

    if (etagMatches(req.headers['if-none-match'], etag)) {
      res.writeHead(304);
      return res.end();
    }

    if (enc) {
      const body = await compressed(file, st, enc);
      res.writeHead(200, { 'Content-Encoding': enc, 'Content-Length': body.length });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }

    if (rangeHeader) {
      const ifRange = req.headers['if-range'];
      const rangeValid = !ifRange || ifRange === etag || ifRange === new Date(st.mtimeMs).toUTCString();
      const r = rangeValid ? parseRange(rangeHeader, st.size) : null;
      if (r === 'unsatisfiable') {
        return sendText(req, res, 416, 'Range not satisfiable', { 'Content-Range': `bytes */${st.size}` });
      }
      if (r) {
        res.writeHead(206, { 'Content-Range': `bytes ${r.start}-${r.end}/${st.size}`, 'Content-Length': r.end - r.start + 1 });
        if (req.method === 'HEAD') return res.end();
        return streamFile(file, res, r.start, r.end);
      }
    }

    res.writeHead(200, { 'Content-Length': st.size });
    if (req.method === 'HEAD') return res.end();
    return streamFile(file, res, 0, st.size - 1);
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      log(`serve: ${req.method} ${req.url}: ${err?.message ?? err}`);
      if (!res.headersSent) sendText(req, res, 500, 'Internal error');
      else res.destroy();
    });
  });
  // Keep-alive sockets would otherwise hold close() open for seconds after a browser test.
  server.keepAliveTimeout = 5_000;

  await new Promise((resolve, reject) => {
    server.once('error', (err) => {
      if (/** @type {any} */ (err).code === 'EADDRINUSE') reject(new Error(`serve: port ${port} on ${host} is already in use (set PORT or --port)`));
      else reject(err);
    });
    server.listen(port, host, () => resolve(undefined));
  });
  const addr = /** @type {import('node:net').AddressInfo} */ (server.address());
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${addr.port}/`;

  const pre = opts.precompress ?? ['gzip', 'br'];
  if (pre) {
    const encs = pre === true ? ['gzip', 'br'] : pre;
    // Background work: errors only mean the first request compresses instead.
    setImmediate(() => precompress(root, encs).catch(() => {}));
  }

  const close = () =>
    new Promise((resolve) => {
      server.close(() => resolve(undefined));
      server.closeAllConnections?.();
    });
  return { url, port: addr.port, close, server };
}

/** @param {string} file @param {http.ServerResponse} res */
function streamFile(file, res, start, end) {
  if (end < start) return res.end();
  const stream = fs.createReadStream(file, { start, end });
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}

/** @param {string[]} argv */
function parseArgs(argv) {
  /** @type {{ port?: number, root?: string, host?: string }} */
  const out = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [k, inline] = a.includes('=') ? a.split(/=(.*)/s) : [a, undefined];
    const val = () => inline ?? argv[++i];
    if (k === '--port' || k === '-p') out.port = Number(val());
    else if (k === '--root') out.root = val();
    else if (k === '--host') out.host = val();
    else if (k === '--help' || k === '-h') {
      console.log('usage: node scripts/serve.mjs [--port N] [--root dist] [--host 127.0.0.1]');
      process.exit(0);
    } else throw new Error(`serve: unknown argument ${a}`);
  }
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const args = parseArgs(process.argv.slice(2));
    const port = args.port ?? (process.env.PORT ? Number(process.env.PORT) : 4173);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`serve: bad port ${port}`);
    const s = await serve({ root: args.root ? path.resolve(args.root) : undefined, port, host: args.host, log: console.error });
    console.log(`chiso: ${s.url.replace('127.0.0.1', 'localhost')}`);
    const stop = () => s.close().then(() => process.exit(0));
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    console.error(/** @type {Error} */ (err).message);
    process.exit(1);
  }
}
