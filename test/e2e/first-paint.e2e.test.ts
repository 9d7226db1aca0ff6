// Prerendered pages (src/prerender/): `npm run build` writes the default views as HTML. The HTML alone
// (no JavaScript) already has the scoreboard's figures, equal to the summary command's, and its charts as
// SVG with their tables; with JavaScript the live app hydrates the same figures (a mismatch is a console
// error, which fails the test), downloads no wasm until the person interacts, and a page opened with
// another period never shows the prerendered figures. A second visit works offline from the service
// worker's cache. Skips when the build has no prerendered pages (a bare `vite build`).
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { appUrl, assertNoProblems, openPage, useBrowser, waitForDbReady } from './harness';

useBrowser();

const dist = process.env.CHISO_E2E_DIST ?? path.resolve('dist');
const indexHtml = path.join(dist, 'index.html');
const html = fs.existsSync(indexHtml) ? fs.readFileSync(indexHtml, 'utf8') : '';
const prerendered = html.includes('data-prerender-path="/"');

type Page = import('playwright-core').Page;
/** every figure of a metric for a unit on screen: metric|unit|value */
const figures = (page: Page) => page.evaluate(() =>
  Array.from(document.querySelectorAll('#app [data-metric][data-unit][data-value]'))
    .map((e) => `${e.getAttribute('data-metric')}|${e.getAttribute('data-unit')}|${e.getAttribute('data-value')}`).sort());
const wasmOf = (urls: string[]) => urls.filter((u) => /\.wasm(\?|$)/.test(u));

/** The figures of the same HTML, read from the file (attributes are written in a fixed order by Vue). */
function htmlFigures(text: string): { metric: string; unit: string; value: number }[] {
  const app = text.slice(text.indexOf('<div id="app">'), text.indexOf('id="chiso-prerender"'));
  return [...app.matchAll(/data-metric="([^"]+)" data-unit="([^"]+)" data-value="([^"]+)"/g)].map((m) => ({ metric: m[1], unit: m[2], value: Number(m[3]) }));
}

/** The summary command (npm run summary) on the same package, for one month. */
function summary(month: string): { units: { unit_id: string; metrics: Record<string, { value: number | null }> }[] } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const out = execFileSync(path.resolve('node_modules/.bin/tsx'), ['src/cli/summary.ts', path.join(dist, 'data/sample/datapackage.json'), '--from', `${month}-01`, '--to', `${month}-${String(last).padStart(2, '0')}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(out);
}

describe.skipIf(!prerendered)('prerendered pages', () => {
  const state = () => JSON.parse(/<script type="application\/json" id="chiso-prerender">([\s\S]*?)<\/script>/.exec(html)![1]) as { path: string; results: Record<string, unknown>; charts: Record<string, string> };
  /** the month the scoreboard opens on: its page query's key says it (scoreboard:<period>:<level>…) */
  const month = () => /^scoreboard:(\d{4}-\d{2}):/.exec(Object.keys(state().results).find((k) => k.startsWith('scoreboard:'))!)![1];

  it('the HTML holds the scoreboard figures the summary command computes, and its charts as SVG with tables', () => {
    const figs = htmlFigures(html);
    expect(figs.length).toBeGreaterThan(20);
    const byUnit = new Map(summary(month()).units.map((u) => [u.unit_id, u]));
    let compared = 0;
    for (const f of figs) {
      const v = byUnit.get(f.unit)?.metrics[f.metric]?.value;
      if (v == null) continue;
      expect(f.value, `${f.metric} of ${f.unit}`).toBeCloseTo(v, 9);
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
    // the first figure and the charts carry Element Timing marks
    expect(html).toContain('elementtiming="chiso-first-figure"');
    const imgs = [...html.matchAll(/<img src="\/(snapshot\/chart-[0-9a-f]+\.svg)" alt="([^"]+)"[^>]*elementtiming="chiso-chart"/g)];
    expect(imgs.length).toBeGreaterThan(0);
    for (const [, file] of imgs) expect(fs.readFileSync(path.join(dist, file), 'utf8')).toMatch(/^<svg[\s\S]*<\/svg>$/);
    // each chart has its data table behind it
    expect((html.match(/<details class="table-behind"/g) ?? []).length).toBeGreaterThanOrEqual(imgs.length);
    // the public page and the embeds are prerendered too
    for (const route of ['cong-khai', 'embed/scoreboard', 'embed/public']) {
      expect(fs.readFileSync(path.join(dist, route, 'index.html'), 'utf8')).toContain(`data-prerender-path="/${route}"`);
    }
  });

  it('ships each result once: the state has the page\'s results, the snapshot block no rows, the rest waits in a file', () => {
    let more = '';
    for (const file of ['index.html', 'cong-khai/index.html', 'embed/scoreboard/index.html', 'embed/public/index.html']) {
      const text = fs.readFileSync(path.join(dist, file), 'utf8');
      const blocks = [...text.matchAll(/<script type="application\/json" id="([^"]+)">/g)].map((m) => m[1]);
      expect(blocks.sort(), file).toEqual(['chiso-prerender', 'chiso-snapshot']);
      const snap = JSON.parse(/<script type="application\/json" id="chiso-snapshot">([\s\S]*?)<\/script>/.exec(text)![1]) as { queries: Record<string, unknown>; more: string; units: unknown[] };
      // the first render asks nothing beyond the state: no recorded rows in the page
      expect(Object.keys(snap.queries), file).toEqual([]);
      expect(snap.units.length).toBeGreaterThan(0);
      more ||= snap.more;
      expect(snap.more, file).toBe(more);
    }
    const file = JSON.parse(fs.readFileSync(path.join(dist, more), 'utf8')) as { queries: Record<string, { c: string[]; r: unknown[][] }> };
    expect(Object.keys(file.queries).length).toBeGreaterThan(5);
  });

  it('shows them without JavaScript; with it hydrates the same figures, fetches no wasm until a key press', async () => {
    const nojs = await openPage('/', { context: { javaScriptEnabled: false } });
    let noScript: string[];
    try {
      noScript = await figures(nojs.page);
      expect(noScript.length).toBeGreaterThan(20);
      expect(await nojs.page.locator('img[elementtiming="chiso-chart"]').count()).toBeGreaterThan(0);
    } finally {
      await nojs.close();
    }
    const { page, problems, close } = await openPage('/', { noNavigate: true });
    try {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.addInitScript(() => {
        const w = window as unknown as { __paints: string[] };
        w.__paints = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__paints.push((e as PerformanceEntry & { identifier: string }).identifier); })
          .observe({ type: 'element', buffered: true });
      });
      await page.goto(appUrl(), { waitUntil: 'networkidle' });
      await page.waitForTimeout(1000);
      // the live app has hydrated the same figures
      expect(await figures(page)).toEqual(noScript);
      // its entry module, preloaded but not a module tag in the HTML, was added by prerender-check.js
      const entry = /<html[^>]* data-entry="([^"]+)"/.exec(html)?.[1];
      expect(entry).toMatch(/^\/assets\/index-[\w-]+\.js$/);
      expect(html).not.toContain('<script type="module"');
      expect(await page.evaluate(() => [...document.querySelectorAll('script[type="module"]')].map((s) => s.getAttribute('src')))).toEqual([entry]);
      const paints = await page.evaluate(() => (window as unknown as { __paints: string[] }).__paints);
      expect(paints).toContain('chiso-first-figure');
      expect(paints).toContain('chiso-chart');
      expect(wasmOf(requests)).toEqual([]);
      // the HTML answers the first screen: not even the snapshot's file of recorded queries is asked
      expect(requests.filter((u) => /\/snapshot\/queries-/.test(u))).toEqual([]);
      expect(await page.evaluate(() => performance.getEntriesByName('chiso:db-ready').length)).toBe(0);
      // a key press starts DuckDB; its figures replace the snapshot's without a change
      await waitForDbReady(page);
      expect(wasmOf(requests).length).toBeGreaterThan(0);
      await page.waitForFunction(() => performance.getEntriesByName('chiso:data-ready').length > 0, undefined, { timeout: 90_000 });
      await page.waitForTimeout(1500);
      expect(await figures(page)).toEqual(noScript);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('a default view that is not prerendered (the metric embed) is answered from the snapshot\'s file, without wasm', async () => {
    const { page, problems, close } = await openPage('/embed/metric', { noNavigate: true });
    try {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(new URL('embed/metric', appUrl()).href, { waitUntil: 'networkidle' });
      const rows = () => page.evaluate(() => [...document.querySelectorAll('table tbody tr')].map((tr) => tr.textContent));
      await page.locator('table tbody tr').first().waitFor({ state: 'attached', timeout: 30_000 });
      const fromSnapshot = await rows();
      expect(fromSnapshot.length).toBeGreaterThan(3);
      expect(requests.filter((u) => /\/snapshot\/queries-[0-9a-f]+\.json$/.test(u)).length).toBe(1);
      expect(wasmOf(requests)).toEqual([]);
      // DuckDB, once started by a key press, shows the same rows
      await waitForDbReady(page);
      await page.waitForFunction(() => performance.getEntriesByName('chiso:data-ready').length > 0, undefined, { timeout: 90_000 });
      await page.waitForTimeout(1000);
      expect(await rows()).toEqual(fromSnapshot);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('opened with another period, never shows the prerendered figures', async () => {
    const m = month();
    const [y, mo] = m.split('-').map(Number);
    const other = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
    const { page, problems, close } = await openPage('/', { noNavigate: true });
    try {
      await page.addInitScript(() => {
        const w = window as unknown as { __paints: string[] };
        w.__paints = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__paints.push((e as PerformanceEntry & { identifier: string }).identifier); })
          .observe({ type: 'element', buffered: true });
      });
      await page.goto(new URL(`?period=${other}`, appUrl()).href, { waitUntil: 'load' });
      // the live app shows that month's figures, equal to the summary command's for it
      const expected = summary(other).units;
      const unit = expected.find((u) => u.metrics.on_time_rate?.value != null && htmlFigures(html).some((f) => f.unit === u.unit_id))!;
      const cell = page.locator(`#app [data-metric="on_time_rate"][data-unit="${unit.unit_id}"]`).first();
      await cell.waitFor({ timeout: 90_000 });
      expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(unit.metrics.on_time_rate.value!, 9);
      // the prerendered (other month's) figures were hidden until then: never painted
      const paints = await page.evaluate(() => (window as unknown as { __paints: string[] }).__paints);
      expect(paints).not.toContain('chiso-first-figure');
      expect(paints).not.toContain('chiso-chart');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('opens offline on a second visit, from the service worker cache, and says so', async () => {
    const { page, context, close } = await openPage('/');
    try {
      await waitForDbReady(page);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready.then(() => true), undefined, { timeout: 30_000 });
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
      await waitForDbReady(page);
      await page.waitForFunction(() => performance.getEntriesByName('chiso:data-ready').length > 0, undefined, { timeout: 60_000 });
      await page.waitForTimeout(1000);
      // the new page keeps the worker's messages from its first moment
      await context.addInitScript(() => {
        const w = window as unknown as { __swMessages: unknown[] };
        w.__swMessages = [];
        navigator.serviceWorker?.addEventListener('message', (e) => w.__swMessages.push(e.data));
      });
      await context.setOffline(true);
      await page.reload({ waitUntil: 'commit' }).catch(() => {});
      await page.waitForFunction(() => document.querySelectorAll('[data-metric][data-value]').length > 0, undefined, { timeout: 60_000 });
      await page.waitForFunction(() => (window as unknown as { __swMessages: unknown[] }).__swMessages.length > 0, undefined, { timeout: 20_000 });
      const got = await page.evaluate(() => (window as unknown as { __swMessages: unknown[] }).__swMessages);
      expect(got).toContainEqual({ type: 'chiso-cache', cached: true });
    } finally {
      await close();
    }
  });
});
