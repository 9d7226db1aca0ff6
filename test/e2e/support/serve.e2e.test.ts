// Checks scripts/serve.mjs over real HTTP (no browser): headers, MIME types, caching, compression done
// once per file, SPA fallback, HEAD, Range, and refusal of paths that leave the root.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressionStats, serve, type RunningServer } from '../../../scripts/serve.mjs';
import { contentSecurityPolicy } from '../../../scripts/csp.mjs';

let tmp = '';
let site: RunningServer;
const JS = `export const x = ${JSON.stringify('Sở Tư pháp '.repeat(400))};\n`;
const CSV = 'unit_id,name\n' + Array.from({ length: 200 }, (_, i) => `H${i},Đơn vị ${i}`).join('\n') + '\n';
const PARQUET = Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 251));
const WASM = Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(4000, 7)]);

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A raw request: the path is sent exactly as given (fetch would fold "/../"). */
function request(rawPath: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  const u = new URL(site.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: rawPath, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error(`timeout for ${rawPath}`)));
    req.end();
  });
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-serve-'));
  const files: Record<string, string | Buffer> = {
    'index.html': '<!doctype html><title>app</title><div id="app"></div>',
    'assets/app-abc123.js': JS,
    'data/units.csv': CSV,
    'data/dossiers.parquet': PARQUET,
    'data/t.arrow': PARQUET,
    'data/pkg.json': JSON.stringify({ name: 'x', pad: 'y'.repeat(2000) }),
    'app.wasm': WASM,
    'manifest.webmanifest': '{"name":"chiso"}',
    'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'sub/index.html': '<!doctype html><title>sub</title>',
  };
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(tmp, name)), { recursive: true });
    fs.writeFileSync(path.join(tmp, name), body);
  }
  fs.writeFileSync(path.join(os.tmpdir(), 'chiso-serve-secret.txt'), 'secret');
  site = await serve({ root: tmp, port: 0, precompress: false, frameAncestors: "'self' http://127.0.0.1:1" });
});

afterAll(async () => {
  await site?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('scripts/serve.mjs', () => {
  it('sends the CSP header with frame-ancestors, nosniff, no-referrer and no cookie', async () => {
    const r = await request('/');
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toBe(contentSecurityPolicy({ frameAncestors: "'self' http://127.0.0.1:1" }));
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'self' http://127.0.0.1:1");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['set-cookie']).toBeUndefined();
    expect(r.body.toString()).toContain('<div id="app">');
  });

  it('names the MIME types the app needs', async () => {
    const types: Record<string, string> = {
      '/index.html': 'text/html; charset=utf-8',
      '/assets/app-abc123.js': 'text/javascript; charset=utf-8',
      '/data/units.csv': 'text/csv; charset=utf-8',
      '/data/pkg.json': 'application/json; charset=utf-8',
      '/data/dossiers.parquet': 'application/octet-stream',
      '/data/t.arrow': 'application/octet-stream',
      '/app.wasm': 'application/wasm',
      '/manifest.webmanifest': 'application/manifest+json; charset=utf-8',
      '/icon.svg': 'image/svg+xml',
    };
    for (const [p, type] of Object.entries(types)) expect((await request(p, { method: 'HEAD' })).headers['content-type'], p).toBe(type);
  });

  it('caches hashed assets for a year and revalidates the rest with ETag → 304', async () => {
    expect((await request('/assets/app-abc123.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const first = await request('/data/units.csv');
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    const again = await request('/data/units.csv', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
  });

  it('compresses with brotli or gzip as asked, once per file', async () => {
    const before = compressionStats().compressions;
    const br1 = await request('/app.wasm', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    const br2 = await request('/app.wasm', { headers: { 'Accept-Encoding': 'br' } });
    expect(br1.headers['content-encoding']).toBe('br');
    expect(br1.headers.vary).toBe('Accept-Encoding');
    expect(zlib.brotliDecompressSync(br1.body).equals(WASM)).toBe(true);
    expect(br2.body.equals(br1.body)).toBe(true);
    const gz = await request('/app.wasm', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(WASM)).toBe(true);
    // two encodings of one file: two compressions, whatever the number of requests
    expect(compressionStats().compressions - before).toBe(2);
    const plain = await request('/app.wasm', { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(WASM)).toBe(true);
    // already-compressed formats are sent as they are
    expect((await request('/data/dossiers.parquet', { headers: { 'Accept-Encoding': 'br, gzip' } })).headers['content-encoding']).toBeUndefined();
  });

  it('recompresses a file whose content changed', async () => {
    const file = path.join(tmp, 'data', 'pkg.json');
    const first = await request('/data/pkg.json', { headers: { 'Accept-Encoding': 'gzip' } });
    const changed = JSON.stringify({ name: 'changed', pad: 'z'.repeat(3000) });
    fs.writeFileSync(file, changed);
    const later = new Date(Date.now() + 5_000);
    fs.utimesSync(file, later, later);
    const second = await request('/data/pkg.json', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(second.headers.etag).not.toBe(first.headers.etag);
    expect(zlib.gunzipSync(second.body).toString()).toBe(changed);
  });

  it('answers HEAD and Range requests', async () => {
    const head = await request('/data/dossiers.parquet', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(PARQUET.length));
    expect(head.headers['accept-ranges']).toBe('bytes');
    expect(head.body.length).toBe(0);
    const part = await request('/data/dossiers.parquet', { headers: { Range: 'bytes=10-19' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 10-19/${PARQUET.length}`);
    expect(part.body.equals(PARQUET.subarray(10, 20))).toBe(true);
    const tail = await request('/data/dossiers.parquet', { headers: { Range: 'bytes=-8' } });
    expect(tail.body.equals(PARQUET.subarray(PARQUET.length - 8))).toBe(true);
    // a Range on a compressible file gets identity bytes
    const csvPart = await request('/data/units.csv', { headers: { Range: 'bytes=0-6', 'Accept-Encoding': 'gzip' } });
    expect(csvPart.status).toBe(206);
    expect(csvPart.headers['content-encoding']).toBeUndefined();
    expect(csvPart.body.toString()).toBe('unit_id');
    expect((await request('/data/dossiers.parquet', { headers: { Range: `bytes=${PARQUET.length + 5}-` } })).status).toBe(416);
  });

  it('serves index.html for client-side routes and 404 for missing files', async () => {
    for (const route of ['/cong-khai', '/embed/scoreboard', '/don-vi/H21.17', '/don-vi/H21.17/']) {
      const r = await request(route);
      expect(r.status, route).toBe(200);
      expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(r.body.toString()).toContain('<div id="app">');
    }
    expect((await request('/sub/')).body.toString()).toContain('<title>sub</title>');
    expect((await request('/missing.js')).status).toBe(404);
    expect((await request('/data/absent.csv')).status).toBe(404);
  });

  it('refuses paths that leave the root', async () => {
    for (const p of ['/../chiso-serve-secret.txt', '/..%2fchiso-serve-secret.txt', '/%2e%2e/chiso-serve-secret.txt', '/data/..%5c..%5cchiso-serve-secret.txt', '/a/%00.csv']) {
      const r = await request(p);
      expect([400, 403], p).toContain(r.status);
      expect(r.body.toString()).not.toContain('secret');
    }
    expect((await request('/', { method: 'POST' })).status).toBe(405);
  });
});
