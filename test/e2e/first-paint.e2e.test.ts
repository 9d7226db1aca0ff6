// First paint from the build-time snapshot: the built page (npm run build, or vite build followed by
// src/snapshot/build.ts) carries the default views' figures, so real numbers are on screen before
// DuckDB is ready, they equal DuckDB's once it takes over, and a second visit works offline from the
// service worker's cache. Skips when the build has no snapshot (a bare `vite build`).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertNoProblems, openPage, useBrowser, waitForDbReady } from './harness';

useBrowser();

const dist = process.env.CHISO_E2E_DIST ?? path.resolve('dist');
const hasSnapshot = fs.existsSync(path.join(dist, 'index.html')) && fs.readFileSync(path.join(dist, 'index.html'), 'utf8').includes('id="chiso-snapshot"');

const figures = (page: import('playwright-core').Page) => page.evaluate(() =>
  Array.from(document.querySelectorAll('[data-metric][data-unit][data-value]'))
    .map((e) => `${e.getAttribute('data-metric')}|${e.getAttribute('data-unit')}|${e.getAttribute('data-value')}`).sort());

describe.skipIf(!hasSnapshot)('first paint from the snapshot', () => {
  it('shows real figures before DuckDB is ready, the same figures after', async () => {
    const { page, problems, close } = await openPage('/', { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => performance.getEntriesByName('chiso:first-data-paint').length > 0, undefined, { timeout: 60_000 });
      const early = await page.evaluate(() => ({
        paint: performance.getEntriesByName('chiso:first-data-paint')[0].startTime,
        db: performance.getEntriesByName('chiso:db-ready')[0]?.startTime ?? null,
      }));
      // the figures came before the database (or DuckDB was not ready at all yet)
      expect(early.db == null || early.paint < early.db).toBe(true);
      const before = await figures(page);
      expect(before.length).toBeGreaterThan(0);
      await waitForDbReady(page);
      await page.waitForFunction(() => performance.getEntriesByName('chiso:data-ready').length > 0, undefined, { timeout: 60_000 });
      await page.waitForTimeout(1500);
      const after = await figures(page);
      // DuckDB takes over without a visible jump: every figure shown from the snapshot is still there
      for (const f of before) expect(after).toContain(f);
      await page.waitForLoadState('networkidle').catch(() => {});
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('ships a chart drawn at build time and a noscript summary', () => {
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const svg = /<img src="\/(snapshot\/overdue-by-unit-[0-9a-f]+\.svg)"/.exec(html);
    expect(svg).not.toBeNull();
    const text = fs.readFileSync(path.join(dist, svg![1]), 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(html).toContain('<noscript data-chiso-snapshot>');
  });

  it('opens offline on a second visit, from the service worker cache, and says so', async () => {
    const { page, context, close } = await openPage('/');
    try {
      await waitForDbReady(page);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null || navigator.serviceWorker.ready.then(() => true), undefined, { timeout: 30_000 });
      await page.reload();
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
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
