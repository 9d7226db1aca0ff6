// The JavaScript a first visit must download before the app runs: the entry module of index.html and
// the modules it preloads (static imports), gzip-compressed. DuckDB, the loader and other routes are
// fetched later, on demand.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export function initialJsGzipKb(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  const files = new Set();
  for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) files.add(m[1]);
  // a prerendered page names its entry in data-entry (public/prerender-check.js adds it after the first paint)
  for (const m of html.matchAll(/<html[^>]+data-entry="([^"]+)"/g)) files.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) files.add(m[1]);
  let bytes = 0;
  const list = [];
  for (const f of files) {
    const buf = fs.readFileSync(path.join(dist, f.replace(/^\//, '')));
    const gz = zlib.gzipSync(buf, { level: 9 }).length;
    bytes += gz;
    list.push({ file: f, gzip_kb: Math.round(gz / 102.4) / 10 });
  }
  return { kb: Math.round(bytes / 102.4) / 10, files: list };
}
