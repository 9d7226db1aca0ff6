// First paint of the prerendered home page, measured by the browser itself: the Element Timing API
// reports when the first figure (elementtiming="chiso-first-figure", a text node) and the first chart
// (elementtiming="chiso-chart", an <img> of the build-time SVG) are painted, not a mark set from
// JavaScript. Bytes come from Resource Timing (transferSize, the page included). The floor is a plain
// static page with the same content: the prerendered HTML with every script taken out, served by the
// same server, measured in the same run, interleaved with chiso's visits.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export const PLAIN_PATH = '/bench-plain/';

/**
 * Writes dist/bench-plain/index.html: the prerendered home page as a plain static page with the same
 * content: the same markup inside #app (checked: byte for byte), the same stylesheet, chart SVGs and image
 * preload, and nothing else: no script (the blocking prerender-check.js, the app's modules), no module
 * preload, no JSON data block (state, snapshot), no data-prerender-path / data-entry. Returns its size
 * (raw and gzip KB, truthy), or false when the build has no prerendered home page.
 */
export function writePlainPage(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  if (!html.includes('elementtiming="chiso-first-figure"')) return false;
  const plain = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/g, '')
    .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
    .replace(/ data-prerender-path="[^"]*"/, '')
    .replace(/ data-entry="[^"]*"/, '');
  // the app's markup: from <div id="app"> to the data blocks that follow it
  const start = html.indexOf('<div id="app">');
  const end = html.indexOf('<script type="application/json"', start);
  const markup = html.slice(start, end < 0 ? html.indexOf('</body>', start) : end).trimEnd();
  if (/<script\b/.test(plain) || start < 0 || !plain.includes(markup)) throw new Error('bench: the plain page does not carry the prerendered markup as it is');
  fs.mkdirSync(path.join(dist, 'bench-plain'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'bench-plain', 'index.html'), plain, 'utf8');
  const kb = (n) => Math.round(n / 102.4) / 10;
  return { kb: kb(Buffer.byteLength(plain)), gzip_kb: kb(zlib.gzipSync(plain, { level: 9 }).length), page_kb: kb(Buffer.byteLength(html)), page_gzip_kb: kb(zlib.gzipSync(html, { level: 9 }).length) };
}

/**
 * One cold visit in a fresh context (no cache, no service worker: it would copy the page's files into
 * its cache once more, which is not what the page itself needs): paint times of the first figure and
 * chart, bytes before the chart, bytes until the network is idle with nobody interacting, and whether any
 * .wasm was fetched.
 */
export async function paintVisit(browser, url, errors) {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    const w = /** @type {any} */ (globalThis);
    w.__paints = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__paints.push({ id: e.identifier, t: e.renderTime || e.loadTime });
    }).observe({ type: 'element', buffered: true });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url, { waitUntil: 'networkidle', timeout: 120_000 });
  await page.waitForTimeout(1500); // late requests (lazy chunks, a wasm that should not come) have their chance
  await page.waitForLoadState('networkidle').catch(() => {});
  const r = await page.evaluate(() => {
    const paints = /** @type {{ id: string, t: number }[]} */ (/** @type {any} */ (globalThis).__paints);
    const first = (id) => { const ts = paints.filter((p) => p.id === id).map((p) => p.t); return ts.length ? Math.min(...ts) : null; };
    const nav = /** @type {PerformanceNavigationTiming} */ (performance.getEntriesByType('navigation')[0]);
    const res = /** @type {PerformanceResourceTiming[]} */ (performance.getEntriesByType('resource'));
    const figure = first('chiso-first-figure');
    const chart = first('chiso-chart');
    const all = [{ end: nav.responseEnd, bytes: nav.transferSize, name: nav.name }, ...res.map((e) => ({ end: e.responseEnd, bytes: e.transferSize, name: e.name }))];
    const sum = (xs) => xs.reduce((a, x) => a + x.bytes, 0);
    return {
      figure,
      chart,
      bytesBeforeChart: chart == null ? null : sum(all.filter((x) => x.end <= chart)),
      bytesPerVisit: sum(all),
      wasm: all.filter((x) => /\.wasm(\?|$)/.test(new URL(x.name).pathname)).map((x) => new URL(x.name).pathname),
      requests: all.length,
    };
  });
  await context.close();
  return r;
}
