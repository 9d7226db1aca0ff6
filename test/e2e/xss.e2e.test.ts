// Hostile text in the browser: the XSS package (40 payloads in unit names, short names, codes, fields,
// target documents, index sources/groups/flags, the package title, description, sources and licences)
// is opened with `?data=`, and every route is visited in Vietnamese and in English. Each payload would
// set window.__xss if it ever ran: it must stay undefined, no dialog may open, no element a payload
// describes may appear, and the payload text must be on screen as text. Chart tooltips are hovered, as
// they are the one place where text is put into HTML. The single-file formats (Biểu 06, 766 JSON,
// index table) go through the import page too. The harness fails on any CSP violation, console
// error or request to another origin (a payload's image or link would be one).
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertNoProblems, evalWithTimeout, openPage, screenshot, useBrowser, waitForDbReady } from './harness';
import { figuresOnScreen, navigate, serveXssCorpus, waitUntil } from './support/test-data';
import { XSS_PAYLOADS, xssText } from '../fixtures/xss/payloads';

useBrowser();
serveXssCorpus();

const PKG = '/test-data/xss/package/datapackage.json';
const q = (lang: 'vi' | 'en', extra = '') => `?data=${encodeURIComponent(PKG)}&period=2026-02${lang === 'en' ? '&lang=en' : ''}${extra}`;

const ROUTES = [
  '/',
  '/?level=province',
  '/don-vi/X01',
  '/don-vi/X10',
  '/don-vi/X31',
  '/don-vi/X36',
  '/don-vi/X00',
  `/don-vi/${encodeURIComponent(xssText(1))}`,
  '/giam-sat',
  '/cong-khai',
  '/phuong-phap',
  '/nhap-du-lieu',
  '/embed/scoreboard',
  '/embed/metric',
  '/embed/public',
  `/embed/${encodeURIComponent(xssText(2))}`,
  `/khong-co/${encodeURIComponent(xssText(3))}`,
];

/** Elements that only a payload could have created inside the app. */
const PAYLOAD_ELEMENTS = '#app img[src="x"], #app [onerror], #app [onload], #app [onfocus], #app [ontoggle], #app iframe, #app object, #app video, #app base, #app meta, #app script, #app a[href^="javascript:"], #app a[href^="data:"], #app details[open][ontoggle]';

interface Probe { xss: unknown; payloadElements: number; bodyText: string }

async function probe(page: Page): Promise<Probe> {
  return evalWithTimeout(page, (sel) => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    payloadElements: document.querySelectorAll(sel).length,
    bodyText: document.body.innerText,
  }), PAYLOAD_ELEMENTS);
}

/** Moves the mouse over a grid of points of every chart so that ECharts draws its HTML tooltips. */
async function hoverCharts(page: Page): Promise<number> {
  const charts = page.locator('.chart .canvas');
  const n = Math.min(await charts.count(), 6);
  let tooltips = 0;
  for (let i = 0; i < n; i++) {
    const box = await charts.nth(i).boundingBox().catch(() => null);
    if (!box || box.width < 10 || box.height < 10) continue;
    await charts.nth(i).scrollIntoViewIfNeeded().catch(() => {});
    const b = (await charts.nth(i).boundingBox())!;
    for (const fx of [0.2, 0.35, 0.5, 0.65, 0.8]) {
      for (const fy of [0.15, 0.3, 0.45, 0.6, 0.75, 0.9]) {
        await page.mouse.move(b.x + b.width * fx, b.y + b.height * fy);
        await page.waitForTimeout(20);
      }
    }
    // ECharts puts its tooltip in a div beside the canvas: count the ones with text
    tooltips += await evalWithTimeout(page, () => [...document.querySelectorAll('.chart div')].filter((d) => /position: absolute/.test(d.getAttribute('style') ?? '') && (d.textContent ?? '').trim() !== '' && !d.querySelector('canvas')).length, undefined);
  }
  return tooltips;
}

describe('hostile text on every route', () => {
  for (const lang of ['vi', 'en'] as const) {
    it(`no payload runs, on any route (${lang})`, async () => {
      const { page, problems, close } = await openPage(`/${q(lang)}`);
      const dialogs: string[] = [];
      page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
      const report: string[] = [];
      try {
        await waitForDbReady(page);
        await waitUntil(page, 'the XSS package on screen', async () => (await figuresOnScreen(page)).some((f) => f.startsWith('X01|')), 90_000);
        let shownPayloads = 0;
        let tooltips = 0;
        for (const route of ROUTES) {
          const url = `${route}${route.includes('?') ? q(lang).replace('?', '&') : q(lang)}`;
          await navigate(page, url);
          await page.waitForTimeout(900);
          // tooltips hold the same text in both languages: drawn once, in the Vietnamese pass
          if (lang === 'vi') tooltips += await hoverCharts(page);
          const p = await probe(page);
          expect(p.xss, `${route}: window.__xss`).toBeUndefined();
          expect(p.payloadElements, `${route}: elements made by a payload`).toBe(0);
          const seen = XSS_PAYLOADS.filter((x) => p.bodyText.includes(x.text.trim().slice(0, 40)));
          shownPayloads = Math.max(shownPayloads, seen.length);
          report.push(`${route}: ${seen.length} payloads shown as text`);
          if (route === '/' || route === '/giam-sat') await screenshot(page, `security/xss-${lang}${route.replace(/\//g, '_')}.png`, false).catch(() => {});
        }
        expect(dialogs).toEqual([]);
        // the payloads really were on screen (as text), so the check above means something
        expect(shownPayloads).toBeGreaterThanOrEqual(20);
        expect(await evalWithTimeout(page, () => (window as unknown as { __xss?: unknown }).__xss, undefined)).toBeUndefined();
        report.push(`tooltips drawn: ${tooltips}`);
        assertNoProblems(problems);
      } finally {
        console.log(`[${lang}]\n${report.join('\n')}`);
        await close();
      }
    }, 600_000);
  }

  it('the scoreboard shows unit names exactly as written, markup and all', async () => {
    const { page, problems, close } = await openPage(`/${q('vi')}`);
    try {
      await waitForDbReady(page);
      await waitUntil(page, 'the XSS package on screen', async () => (await figuresOnScreen(page)).some((f) => f.startsWith('X01|')), 90_000);
      const text = await page.locator('#app').innerText();
      for (const n of [1, 2, 3, 5, 6, 10, 17]) expect(text, `payload ${n}`).toContain(xssText(n));
      expect((await probe(page)).xss).toBeUndefined();
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});

describe('hostile text through the import page', () => {
  it('Biểu 06, 766 JSON and index table files full of payloads: preview, confirm, scoreboard — nothing runs', async () => {
    const { page, problems, close } = await openPage('/nhap-du-lieu', { context: { acceptDownloads: true } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    try {
      await waitForDbReady(page);
      const dir = path.join(inject('distDir'), 'test-data', 'xss', 'single');
      await page.getByTestId('file-input').setInputFiles(['bieu06_xss.csv', 'dvc766_xss.json', 'index_table_xss.csv'].map((f) => path.join(dir, f)));
      await page.getByTestId('import-preview').waitFor({ timeout: 90_000 });
      await page.waitForTimeout(1000);
      let p = await probe(page);
      expect(p.xss).toBeUndefined();
      expect(p.payloadElements).toBe(0);
      const inPreview = XSS_PAYLOADS.filter((x) => p.bodyText.includes(x.text.trim().slice(0, 30))).length;
      expect(inPreview, 'payloads shown as text in the preview').toBeGreaterThan(0);
      await screenshot(page, 'security/xss-import-preview.png', false).catch(() => {});
      await page.getByTestId('import-confirm').click();
      await page.getByTestId('import-applied').waitFor({ timeout: 90_000 });
      let shown = 0;
      for (const route of ['/', '/giam-sat', '/cong-khai', '/embed/scoreboard']) {
        await navigate(page, route);
        await page.waitForTimeout(1500);
        await hoverCharts(page);
        p = await probe(page);
        expect(p.xss, route).toBeUndefined();
        expect(p.payloadElements, route).toBe(0);
        shown = Math.max(shown, XSS_PAYLOADS.filter((x) => p.bodyText.includes(x.text.trim().slice(0, 30))).length);
      }
      expect(shown, 'imported payloads shown as text').toBeGreaterThanOrEqual(20);
      expect(dialogs).toEqual([]);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  }, 300_000);

  it('the issues CSV of the import page neutralises a file name that starts a formula', async () => {
    const { page, problems, close } = await openPage('/nhap-du-lieu', { context: { acceptDownloads: true } });
    try {
      await waitForDbReady(page);
      const name = '=HYPERLINK("javascript:window.__xss=903","x").csv';
      const bad = 'Đơn vị báo cáo: Sở Tư pháp\nTừ ngày 01/01/2026 đến ngày 31/03/2026\n(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13)\n1,Hộ tịch,10,5,5,0,10,5,5,0,0,0,0\n2,@SUM(1+1),8,1.23.4,8,0,8,8,0,0,0,0,0\n';
      await page.getByTestId('file-input').setInputFiles([{ name, mimeType: 'text/csv', buffer: Buffer.from(bad) }]);
      await page.getByTestId('import-preview').waitFor({ timeout: 90_000 });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-issues').click()]);
      const csv = fs.readFileSync((await download.path())!, 'utf8');
      const rows = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
      expect(rows.length).toBeGreaterThan(1);
      for (const r of rows.slice(1)) {
        for (const cell of r) expect(/^[=+\-@\t\r]/.test(cell), `formula cell ${cell.slice(0, 60)}`).toBe(false);
        expect(r[0]).toBe(`'${name}`);
      }
      expect((await probe(page)).xss).toBeUndefined();
      assertNoProblems(problems);
    } finally {
      await close();
    }
  }, 180_000);
});
