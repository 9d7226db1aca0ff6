// Issue 5, embeds inside an iframe of a page on another local port (test/e2e/host): no app chrome, the
// height posted to the parent as {type:'chiso-embed-height', height} and nothing else, a new height when
// the frame's width changes, every filter in the URL, source and date on the embed, figures against
// hand-computed sums of data/sample/*.csv (throw-away script), no cookies.
import { describe, expect, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { appUrl, assertNoProblems, embedHostUrl, evalWithTimeout, openPage, useBrowser } from './harness';

useBrowser();
const LOAD = 90_000;

interface Posted { origin: string; data: unknown }

/** Opens the host page with a message recorder installed before any script of the host runs. */
async function host(embedPath: string, size = { width: 800, height: 300 }) {
  const url = embedHostUrl(new URL(embedPath.replace(/^\//, ''), appUrl()).href, size);
  const opened = await openPage(url, { noNavigate: true, allowOrigins: [appUrl()] });
  await opened.context.addInitScript(() => {
    if (window.top !== window) return; // only the host page records; the embed is the sender
    const w = window as unknown as { __posted: Posted[] };
    w.__posted = [];
    window.addEventListener('message', (e) => { w.__posted.push({ origin: e.origin, data: e.data }); });
  });
  await opened.page.goto(url);
  const frame = await frameOf(opened.page);
  return { ...opened, frame };
}

async function frameOf(page: Page): Promise<Frame> {
  const end = Date.now() + LOAD;
  for (;;) {
    const f = page.frames().find((x) => x.url().startsWith(appUrl()));
    if (f) return f;
    if (Date.now() > end) throw new Error('the embed frame never appeared');
    await page.waitForTimeout(200);
  }
}

const posted = (page: Page) => evalWithTimeout(page, () => (window as unknown as { __posted: Posted[] }).__posted, null);

async function untilPosted(page: Page, pred: (p: Posted[]) => boolean, what: string) {
  const end = Date.now() + LOAD;
  for (;;) {
    const p = await posted(page);
    if (pred(p)) return p;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(p)}`);
    await page.waitForTimeout(200);
  }
}

const embedHeight = (frame: Frame) => frame.evaluate(() => Math.ceil(document.querySelector('[data-testid="embed"]')!.getBoundingClientRect().height));

describe('embeds in an iframe on another origin', () => {
  it('public: no chrome, the height posted to the parent (height only), and again when the width changes', async () => {
    const { page, frame, problems, close, context } = await host('/embed/public?period=2026-10');
    try {
      await frame.locator('[data-card="on_time_rate"] .figure').waitFor({ timeout: LOAD });
      expect(await frame.locator('header.app-header, nav').count()).toBe(0);
      expect(await frame.locator('.skip-link').count()).toBe(0);
      expect(Number(await frame.locator('[data-card="received_count"] .figure').getAttribute('data-value'))).toBe(9241);
      expect(await frame.getByTestId('embed-source').innerText()).toBe('Nguồn: Dữ liệu mẫu – Tỉnh Minh Họa (số liệu minh họa, không phải số liệu thật). Số liệu đến 31/10/2026.');
      const full = await frame.getByRole('link', { name: /Xem đầy đủ trên chiso/ }).getAttribute('href');
      expect(full).toBe('/cong-khai?period=2026-10');
      // the parent heard the embed's current height, from the app's origin, with nothing but type and height
      const h = await embedHeight(frame);
      const msgs = await untilPosted(page, (p) => p.some((m) => (m.data as { height?: number }).height === h), `height ${h}`);
      const appOrigin = new URL(appUrl()).origin;
      for (const m of msgs) {
        expect(m.origin).toBe(appOrigin);
        expect(Object.keys(m.data as object).sort()).toEqual(['height', 'type']);
        expect((m.data as { type: string }).type).toBe('chiso-embed-height');
        expect((m.data as { height: number }).height).toBeGreaterThan(100);
      }
      // a narrower frame wraps the cards: taller content, a new message
      await page.evaluate(() => { (document.getElementById('chiso-frame') as HTMLIFrameElement).width = '340'; });
      await untilPosted(page, (p) => p.some((m) => (m.data as { height: number }).height > h + 20), 'a taller height after narrowing');
      const h2 = await embedHeight(frame);
      await untilPosted(page, (p) => (p[p.length - 1].data as { height: number }).height === h2, `the last height to be ${h2}`);
      expect(await context.cookies()).toEqual([]);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('scoreboard: every filter from the URL (period, level, lang)', async () => {
    const { frame, problems, close } = await host('/embed/scoreboard?period=2026-09&level=commune&lang=en');
    try {
      await frame.getByTestId('embed-scoreboard').waitFor({ timeout: LOAD });
      expect(await frame.locator('h1').innerText()).toBe('Dossier handling scoreboard – 09/2026');
      const rows = await frame.evaluate(() => [...document.querySelectorAll('[data-testid="embed-scoreboard"] tr[data-unit-row]')].map((tr) => tr.getAttribute('data-unit-row')));
      expect(rows).toEqual(['MH.X01', 'MH.X02', 'MH.X03', 'MH.X04', 'MH.X05', 'MH.X06', 'MH.X07', 'MH.X08', 'MH.X09', 'MH.X10']);
      // MH.X05, 09/2026: on time 393 / 424, overdue 31
      expect(Number(await frame.locator('[data-unit="MH.X05"][data-metric="on_time_rate"]').getAttribute('data-value'))).toBeCloseTo((100 * 393) / 424, 9);
      expect(await frame.locator('[data-unit="MH.X05"][data-metric="overdue_count"]').getAttribute('data-value')).toBe('31');
      expect(await frame.locator('[data-testid="embed"]').getAttribute('lang')).toBe('en');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('metric for one unit: the merged commune\'s dossiers 2021–2026 continue through its predecessors, chart and table', async () => {
    const { frame, problems, close } = await host('/embed/metric?metric=received_count&unit=MH.X07', { width: 600, height: 400 });
    try {
      await frame.locator('figure.chart > [role="img"]').waitFor({ timeout: LOAD });
      expect(await frame.locator('h1').innerText()).toBe('Số hồ sơ tiếp nhận mới: UBND xã Minh Sơn, các năm 2021–2026');
      const values = await frame.evaluate(() => [...document.querySelectorAll('td[data-series="MH.X07"]')].map((td) => Number(td.getAttribute('data-value'))));
      expect(values).toEqual([4602, 4783, 5172, 5092, 6015, 5265]);
      expect(await frame.locator('figure.chart > [role="img"]').getAttribute('aria-label')).toBe('Số hồ sơ tiếp nhận mới: UBND xã Minh Sơn, các năm 2021–2026');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('metric for all units of a level in a period, and an unknown unit named', async () => {
    const { frame, problems, close } = await host('/embed/metric?metric=overdue_count&period=2026-10');
    try {
      await frame.locator('figure.chart > [role="img"]').waitFor({ timeout: LOAD });
      const rows = await frame.evaluate(() => Object.fromEntries([...document.querySelectorAll('table tbody tr')].map((tr) => [tr.querySelector('th')!.textContent, tr.querySelector('td')!.textContent])));
      // Sở Nội vụ: 10 overdue in 10/2026, Sở Tư pháp exactly 1
      expect(rows['Nội vụ']).toBe('10 (Chưa đạt)');
      expect(rows['Tư pháp']).toBe('1 (Chưa đạt)');
      assertNoProblems(problems);
    } finally {
      await close();
    }
    const bad = await host('/embed/metric?metric=online_share&unit=NOPE');
    try {
      await bad.frame.getByTestId('embed-unit-unknown').waitFor({ timeout: LOAD });
      expect(await bad.frame.getByTestId('embed-unit-unknown').innerText()).toBe('Không có đơn vị "NOPE" trong bộ dữ liệu.');
      assertNoProblems(bad.problems);
    } finally {
      await bad.close();
    }
  });

  it('an unknown embed says which exist', async () => {
    const { page, problems, close } = await openPage('/embed/nope');
    try {
      const alert = page.getByRole('alert');
      await alert.waitFor({ timeout: LOAD });
      expect(await alert.innerText()).toBe('Không có khung nhúng "nope". Các khung có sẵn: scoreboard, metric, public.');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});
