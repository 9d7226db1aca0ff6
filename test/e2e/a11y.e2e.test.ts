// Issue 5, accessibility (WCAG 2.1 AA): axe-core on EVERY route of src/router.ts (plus the other embeds
// and the printable report) at phone (390×844) and desktop (1366×768) sizes must find nothing, once
// the data is on screen. Every chart has a text alternative and a data table behind it; the first Tab
// lands on the skip link, visibly focused.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { assertNoProblems, evalWithTimeout, formatAxe, interact, openPage, runAxe, useBrowser } from './harness';

useBrowser();

const LOAD = 90_000;
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1366, height: 768 } };

/** One path per route of the router (a route with a parameter gets a real value), and a few more states. */
const ROUTE_PATHS: Record<string, string[]> = {
  scoreboard: ['/'],
  unit: ['/don-vi/MH.02'],
  oversight: ['/giam-sat', '/giam-sat?units=MH.02,MH.X07&years=2021-2026&report=MH.02'],
  methodology: ['/phuong-phap'],
  indices: ['/chi-so'],
  public: ['/cong-khai'],
  embed: ['/embed/scoreboard', '/embed/public', '/embed/metric?unit=MH.X07&metric=online_share', '/embed/metric?metric=overdue_count'],
  import: ['/nhap-du-lieu'],
  'not-found': ['/khong-co-trang-nay'],
};

const PATHS = Object.values(ROUTE_PATHS).flat();

/** The data is in (or the page needs none), nothing says it is loading, and late renders have settled. */
async function settle(page: Page) {
  const end = Date.now() + LOAD;
  await interact(page); // DuckDB starts on interaction: the checks run on the live, loaded page
  for (;;) {
    const state = await evalWithTimeout(page, () => ({
      data: performance.getEntriesByName('chiso:data-ready').length > 0,
      loading: /Đang tải|Đang khởi động|Loading|Starting/.test(document.querySelector('main')?.textContent ?? ''),
      refused: !!document.querySelector('[data-testid="load-failed"]'),
    }), null).catch(() => ({ data: false, loading: true, refused: false }));
    if ((state.data || state.refused) && !state.loading) break;
    if (Date.now() > end) throw new Error(`the page did not settle: ${JSON.stringify(state)}`);
    await page.waitForTimeout(250);
  }
  await page.waitForTimeout(300);
}

describe('every route of the router has a path here', () => {
  it('covers each named route', () => {
    // router.ts imports .vue files, which this Node test cannot load: read the route names from its text
    const text = fs.readFileSync(path.resolve(__dirname, '../../src/router.ts'), 'utf8');
    const named = [...text.matchAll(/\bname:\s*'([^']+)'/g)].map((m) => m[1]);
    expect(Object.keys(ROUTE_PATHS).sort()).toEqual(named.sort());
  });
});

for (const [size, viewport] of Object.entries(VIEWPORTS)) {
  describe(`axe at ${size} size (${viewport.width}×${viewport.height})`, () => {
    it.each(PATHS)('%s has no violation', async (p) => {
      const { page, problems, close } = await openPage(p, { viewport });
      try {
        await settle(page);
        const violations = await runAxe(page);
        expect(violations, `${p} at ${size}:\n${formatAxe(violations)}`).toEqual([]);
        // every chart: a text alternative and the data table behind it
        const charts = await evalWithTimeout(page, () => [...document.querySelectorAll('figure.chart')].map((f) => ({
          label: f.querySelector(':scope > [role="img"]')?.getAttribute('aria-label') ?? '',
          table: !!f.querySelector('details.table-behind table, table'),
        })), null);
        for (const c of charts) {
          expect(c.label.length, `${p}: a chart without a text alternative`).toBeGreaterThan(10);
          expect(c.table, `${p}: chart "${c.label}" has no table behind it`).toBe(true);
        }
        assertNoProblems(problems, { ignore: [/favicon/] });
      } finally {
        await close();
      }
    });
  });
}

describe('keyboard', () => {
  it.each(['/giam-sat', '/cong-khai', '/phuong-phap'])('%s: the first Tab focuses the skip link, visibly', async (p) => {
    const { page, problems, close } = await openPage(p, { viewport: VIEWPORTS.phone });
    try {
      await settle(page);
      await page.keyboard.press('Tab');
      const f = await evalWithTimeout(page, () => {
        const el = document.activeElement as HTMLElement;
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return { cls: el.className, href: el.getAttribute('href'), inView: r.left >= 0 && r.top >= 0 && r.width > 0, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
      }, null);
      expect(f).toMatchObject({ cls: 'skip-link', href: '#main', inView: true });
      expect(f.outline).not.toBe('none');
      expect(f.width).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Enter');
      expect(await evalWithTimeout(page, () => document.activeElement?.id, null)).toBe('main');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});
