// Checks the harness itself on throwaway pages in a temp folder: a harness that failed to see a CSP
// violation or a request to another origin would make every "no problems" assertion worthless.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../../scripts/serve.mjs';
import {
  assertNoProblems,
  embedHostUrl,
  evalWithTimeout,
  openPage,
  printToPdf,
  runAxe,
  useBrowser,
  waitForDbReady,
} from '../harness';

useBrowser();

let tmp = '';
let strictSite: RunningServer; // the app's CSP, frame-ancestors 'self'
let framableSite: RunningServer; // the app's CSP, frameable by the test host
let looseSite: RunningServer; // no CSP to speak of: only the harness's routing stands between it and other origins
let foreign: http.Server; // "another origin": counts the requests that reach it
let foreignHits = 0;
let foreignUrl = '';

const PAGES: Record<string, string> = {
  'index.html': '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>ok</title><script src="ok.js" defer></script></head><body><main id="app"></main></body></html>',
  'ok.js': "document.getElementById('app').textContent = 'Xin chào';\nsetTimeout(() => performance.mark('chiso:db-ready'), 300);\n",
  'inline.html': '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>inline</title></head><body><div id="app">x</div><script>window.__inline = 1</script></body></html>',
  'noisy.html': '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>noisy</title><script src="noisy.js" defer></script></head><body><img src="missing.png" alt="absent"></body></html>',
  'noisy.js': "console.error('boom from the page');\nsetTimeout(() => { throw new Error('uncaught in page'); }, 0);\n",
  'leak.html': '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>leak</title><script src="leak.js" defer></script></head><body><div id="app">x</div></body></html>',
  'leak.js': "fetch(new URLSearchParams(location.search).get('to')).catch(() => {});\n",
  'axe.html': '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>axe</title></head><body><main><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="1" height="1"></main></body></html>',
};

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-harness-'));
  for (const [name, body] of Object.entries(PAGES)) fs.writeFileSync(path.join(tmp, name), body);
  const hostOrigin = new URL(embedHostUrl('http://127.0.0.1/')).origin;
  strictSite = await serve({ root: tmp, port: 0, precompress: false });
  framableSite = await serve({ root: tmp, port: 0, precompress: false, frameAncestors: `'self' ${hostOrigin}` });
  looseSite = await serve({ root: tmp, port: 0, precompress: false, csp: "default-src * 'unsafe-inline'" });
  foreign = http.createServer((_req, res) => {
    foreignHits++;
    res.writeHead(200, { 'Access-Control-Allow-Origin': '*' });
    res.end('leaked');
  });
  await new Promise<void>((r) => foreign.listen(0, '127.0.0.1', () => r()));
  foreignUrl = `http://127.0.0.1:${(foreign.address() as AddressInfo).port}/secret`;
});

afterAll(async () => {
  await Promise.all([strictSite?.close(), framableSite?.close(), looseSite?.close()]);
  await new Promise<void>((r) => (foreign ? foreign.close(() => r()) : r()));
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('harness self-check', () => {
  it('sees no problem on a clean page, and waits for the db-ready mark', async () => {
    const { page, problems, close } = await openPage('index.html', { baseUrl: strictSite.url });
    await waitForDbReady(page, 10_000);
    expect(await page.locator('#app').innerText()).toBe('Xin chào');
    const pdf = await printToPdf(page, path.join(tmp, 'out', 'page.pdf'));
    expect(fs.readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    assertNoProblems(problems);
    await close();
  });

  it('records a CSP violation of an inline script, which does not run', async () => {
    const { page, problems, close } = await openPage('inline.html', { baseUrl: strictSite.url });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as unknown as { __inline?: number }).__inline)).toBeUndefined();
    const csp = problems.filter((p) => p.kind === 'csp');
    expect(csp.length).toBeGreaterThan(0);
    expect(csp.some((p) => /script-src/.test(p.text))).toBe(true);
    expect(() => assertNoProblems(problems)).toThrow(/csp/);
    await close();
  });

  it('aborts and records a request to another origin before it leaves', async () => {
    const before = foreignHits;
    const { page, problems, close } = await openPage(`leak.html?to=${encodeURIComponent(foreignUrl)}`, { baseUrl: looseSite.url });
    await page.waitForTimeout(500);
    expect(problems.filter((p) => p.kind === 'cross-origin').map((p) => p.url)).toContain(foreignUrl);
    expect(foreignHits).toBe(before);
    await close();
  });

  it('records the app CSP blocking a cross-origin fetch', async () => {
    const { page, problems, close } = await openPage(`leak.html?to=${encodeURIComponent(foreignUrl)}`, { baseUrl: strictSite.url });
    await page.waitForTimeout(500);
    expect(problems.some((p) => p.kind === 'csp' && /connect-src/.test(p.text))).toBe(true);
    expect(foreignHits).toBe(0);
    await close();
  });

  it('records console errors, uncaught errors and HTTP errors', async () => {
    const { page, problems, close } = await openPage('noisy.html', { baseUrl: strictSite.url });
    await page.waitForTimeout(300);
    const kinds = new Set(problems.map((p) => p.kind));
    expect(kinds.has('console-error')).toBe(true);
    expect(kinds.has('page-error')).toBe(true);
    expect(problems.some((p) => p.kind === 'http-error' && p.url?.endsWith('/missing.png'))).toBe(true);
    expect(() => assertNoProblems(problems, { ignore: [/boom|uncaught|missing\.png|404/] })).not.toThrow();
    await close();
  });

  it('times out a hung evaluation', async () => {
    const { page, close } = await openPage('index.html', { baseUrl: strictSite.url });
    await expect(evalWithTimeout(page, () => new Promise(() => {}), undefined, 500)).rejects.toThrow(/500 ms/);
    await close();
  });

  it('runs axe under the strict CSP without tripping it', async () => {
    const { page, problems, close } = await openPage('axe.html', { baseUrl: strictSite.url });
    const violations = await runAxe(page);
    expect(violations.map((v) => v.id)).toContain('image-alt');
    assertNoProblems(problems);
    await close();
  });

  it('lets the host frame a site that allows it, and records the refusal of one that does not', async () => {
    const ok = await openPage(embedHostUrl(framableSite.url + 'index.html'), { allowOrigins: [framableSite.url] });
    const frame = ok.page.frameLocator('#chiso-frame');
    await expect.poll(() => frame.locator('#app').innerText(), { timeout: 10_000 }).toBe('Xin chào');
    assertNoProblems(ok.problems);
    await ok.close();

    const refused = await openPage(embedHostUrl(strictSite.url + 'index.html'), { allowOrigins: [strictSite.url] });
    await refused.page.waitForSelector('body[data-frame-loaded="1"]');
    await refused.page.waitForTimeout(300);
    expect(refused.problems.some((p) => p.kind === 'csp' && /frame-ancestors/.test(p.text))).toBe(true);
    await refused.close();
  });
});
