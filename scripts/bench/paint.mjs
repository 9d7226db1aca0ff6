// First paint of the prerendered home page, measured by the browser itself: the Element Timing API
// reports when the first figure (elementtiming="chiso-first-figure", a text node) and the first chart
// (elementtiming="chiso-chart", an <img> of the build-time SVG) are painted, not a mark set from
// JavaScript. Bytes come from Resource Timing (transferSize, the page included). The floor is a plain
// static page with the same content: the prerendered HTML with every script taken out, served by the
// same server, measured in the same run, interleaved with chiso's visits.
import fs from 'node:fs';
import path from 'node:path';

export const PLAIN_PATH = '/bench-plain/';

/** Writes dist/bench-plain/index.html: the prerendered home page without scripts or JSON blocks. */
export function writePlainPage(dist) {
  const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
  if (!html.includes('elementtiming="chiso-first-figure"')) return false;
  const plain = html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>\s*/g, '')
    .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
    .replace(/ data-prerender-path="[^"]*"/, '');
  fs.mkdirSync(path.join(dist, 'bench-plain'), { recursive: true });
  fs.writeFileSync(path.join(dist, 'bench-plain', 'index.html'), plain, 'utf8');
  return true;
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
