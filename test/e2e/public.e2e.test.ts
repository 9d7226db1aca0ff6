// Issue 5, the public page (/cong-khai) on a phone: the figures against hand-computed totals of the
// sample's departments (throw-away script over data/sample/*.csv), "last updated" and source on every
// figure, the table behind the chart, no cookies and nothing from another origin, the cached-data notice
// (the service worker's {type:'chiso-cache', cached:true} message, and going offline), Vietnamese and English.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertNoProblems, evalWithTimeout, openPage, useBrowser, waitForDbReady } from './harness';

useBrowser();
const ROOT = path.resolve(__dirname, '../..');
const LOAD = 90_000;
const PHONE = { width: 390, height: 844 };

async function card(page: Page, id: string) {
  const el = page.locator(`[data-card="${id}"] .figure`);
  await el.waitFor({ timeout: LOAD });
  return { value: Number(await el.getAttribute('data-value')), status: await el.getAttribute('data-status') };
}

describe('public page on a phone', () => {
  it('shows the departments\' totals for October 2026, each figure with its date and source', async () => {
    const { page, problems, close, context } = await openPage('/cong-khai?period=2026-10', { viewport: PHONE });
    try {
      // departments, 10/2026: on time 10.345 / 10.693; received 9.241; online 6.961 / 9.241; overdue 348
      expect(await card(page, 'on_time_rate')).toEqual({ value: expect.closeTo((100 * 10345) / 10693, 9), status: 'met' });
      expect((await card(page, 'received_count')).value).toBe(9241);
      expect((await card(page, 'online_share')).value).toBeCloseTo((100 * 6961) / 9241, 9);
      expect(await card(page, 'overdue_count')).toEqual({ value: 348, status: 'missed' });
      expect(await page.locator('[data-card="on_time_rate"] .card-counts').innerText()).toBe('10.345 trên 10.693 hồ sơ');
      for (const id of ['on_time_rate', 'received_count', 'online_share', 'overdue_count']) {
        const meta = await page.locator(`[data-card="${id}"] .card-meta`).innerText();
        expect(meta).toBe('Cập nhật 31/10/2026 · Nguồn: Dữ liệu mẫu – Tỉnh Minh Họa (số liệu minh họa, không phải số liệu thật)');
      }
      const prov = page.locator('[data-card="online_share"] details.provenance');
      await prov.locator('summary').click();
      expect(await prov.locator('[data-role="numerator"]').innerText()).toBe('6.961');
      expect(await prov.locator('[data-role="denominator"]').innerText()).toBe('9.241');
      expect(await prov.locator('[data-role="files"]').innerText()).toContain('dossier_counts.csv');
      // the same days each year: 1/1–31/10, departments
      await page.getByTestId('public-trend-counts').waitFor({ timeout: LOAD });
      const received = await evalWithTimeout(page, () => [...document.querySelectorAll('[data-testid="public-trend-counts"] tbody tr')].map((tr) => [tr.getAttribute('data-year'), Number(tr.querySelector('td')!.getAttribute('data-value'))]), null);
      expect(received).toEqual([['2021', 69970], ['2022', 72627], ['2023', 76133], ['2024', 78999], ['2025', 84246], ['2026', 89458]]);
      // the table behind the chart: online share 10,4 % (2021) → 33,0 % → 49,8 % (2023)
      const behind = await evalWithTimeout(page, () => [...document.querySelectorAll('[data-testid="public-trend"] td[data-series="online_share"]')].map((td) => Number(td.getAttribute('data-value'))), null);
      expect(behind.slice(0, 3)).toEqual([expect.closeTo(10.378733743032729, 9), expect.closeTo(32.99048563206521, 9), expect.closeTo(49.8390973690778, 9)]);
      expect(await page.locator('[data-testid="public-trend"] figure.chart > [role="img"]').getAttribute('aria-label')).toContain('tỷ lệ đúng hạn và tỷ lệ nộp trực tuyến');
      // phone first: nothing wider than the screen
      const overflow = await evalWithTimeout(page, () => document.documentElement.scrollWidth - window.innerWidth, null);
      expect(overflow).toBeLessThanOrEqual(0);
      // no cookies, no storage written for tracking
      expect(await context.cookies()).toEqual([]);
      expect(await evalWithTimeout(page, () => document.cookie, null)).toBe('');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('says so when it shows cached data, and when the device goes offline', async () => {
    const { page, problems, close, context } = await openPage('/cong-khai?period=2026-10', { viewport: PHONE });
    try {
      await card(page, 'on_time_rate');
      // the figures come from the snapshot at once; let the data finish loading before going offline below
      await waitForDbReady(page);
      expect(await page.getByTestId('cached-notice').count()).toBe(0);
      // the service worker's message when it answered from its cache
      await evalWithTimeout(page, () => {
        navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'chiso-cache', cached: true } }));
      }, null);
      const notice = page.getByTestId('cached-notice');
      await notice.waitFor({ timeout: 5000 });
      expect(await notice.innerText()).toContain('Đang hiển thị số liệu đã lưu trên thiết bị (bộ dữ liệu công bố ngày 01/11/2026)');
      expect(await notice.getAttribute('role')).toBe('status');
      // a message of another shape is ignored; {cached: false} (fresh data again) clears the notice
      await evalWithTimeout(page, () => {
        navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'other', cached: false } }));
      }, null);
      await page.waitForTimeout(300);
      expect(await notice.count()).toBe(1);
      await evalWithTimeout(page, () => {
        navigator.serviceWorker.dispatchEvent(new MessageEvent('message', { data: { type: 'chiso-cache', cached: false } }));
      }, null);
      await notice.waitFor({ state: 'detached', timeout: 5000 });
      await context.setOffline(true);
      await notice.waitFor({ timeout: 5000 });
      expect(await notice.innerText()).toContain('Thiết bị đang mất kết nối');
      await context.setOffline(false);
      await notice.waitFor({ state: 'detached', timeout: 5000 });
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('works offline after a visit: the service worker answers from its cache and the page says so', async () => {
    const { page, problems, close, context } = await openPage('/cong-khai?period=2026-10', { viewport: PHONE });
    try {
      await card(page, 'on_time_rate');
      // the worker registers after the first load and takes control; the next visit goes through it
      await evalWithTimeout(page, async () => { await navigator.serviceWorker.ready; }, null, 60_000);
      await page.reload();
      await card(page, 'on_time_rate');
      expect(await evalWithTimeout(page, () => !!navigator.serviceWorker.controller, null)).toBe(true);
      // "after a visit": the visit is over when DuckDB has started and the worker has cached every
      // build file the page loaded (the 34 MB wasm takes a moment to copy)
      await waitForDbReady(page);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const missing = await evalWithTimeout(page, async () => {
          const cache = await caches.open('chiso-v1');
          const urls = performance.getEntriesByType('resource').map((e) => e.name)
            .filter((u) => new URL(u).origin === location.origin && new URL(u).pathname.startsWith('/assets/'));
          const absent: string[] = [];
          for (const u of urls) if (!(await cache.match(u))) absent.push(u);
          return absent;
        }, null, 20_000);
        if (missing.length === 0) break;
        if (Date.now() > deadline) throw new Error(`not cached after 60 s: ${missing.join(', ')}`);
        await page.waitForTimeout(500);
      }
      await context.setOffline(true);
      await page.reload();
      expect(await card(page, 'received_count')).toMatchObject({ value: 9241 });
      const notice = page.getByTestId('cached-notice');
      await notice.waitFor({ timeout: LOAD });
      expect(await notice.innerText()).toMatch(/số liệu đã lưu/);
      await context.setOffline(false);
      // back online, the notice stays: the worker told the page these figures came from its cache
      await page.waitForTimeout(500);
      expect(await notice.innerText()).toContain('Đang hiển thị số liệu đã lưu trên thiết bị');
      // offline fetches that the worker answered from its cache are not problems of the page
      assertNoProblems(problems, { ignore: [/ERR_INTERNET_DISCONNECTED/] });
    } finally {
      await close();
    }
  });

  it('reads in English, with every filter in the URL (period, level, lang)', async () => {
    const { page, problems, close } = await openPage('/cong-khai?period=2026-09&level=commune&lang=en', { viewport: PHONE });
    try {
      await page.getByTestId('public-units').waitFor({ timeout: LOAD });
      expect(await page.locator('h1').innerText()).toBe('Administrative procedure results, published');
      expect(await page.locator('[data-card="on_time_rate"] .card-meta').innerText()).toMatch(/^Updated 30\/09\/2026 · Source: /);
      const units = await evalWithTimeout(page, () => [...document.querySelectorAll('[data-testid="public-units"] tr[data-unit-row]')].map((tr) => tr.getAttribute('data-unit-row')), null);
      expect(units).toEqual(['MH.X01', 'MH.X02', 'MH.X03', 'MH.X04', 'MH.X05', 'MH.X06', 'MH.X07', 'MH.X08', 'MH.X09', 'MH.X10']);
      const x05 = page.locator('[data-testid="public-units"] [data-unit="MH.X05"][data-metric="on_time_rate"]');
      expect(Number(await x05.getAttribute('data-value'))).toBeCloseTo((100 * 393) / 424, 9);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it.runIf(process.env.CHISO_SCREENSHOTS === '1')('screenshot for docs/', async () => {
    const { page, close } = await openPage('/cong-khai?period=2026-10', { viewport: PHONE });
    try {
      await card(page, 'overdue_count');
      await page.getByTestId('public-trend-counts').waitFor({ timeout: LOAD });
      await page.waitForTimeout(500);
      await page.locator('h1').scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/public-phone-390x844.png'), fullPage: true, clip: { x: 0, y: 0, width: 390, height: 1700 } });
    } finally {
      await close();
    }
  });
});
