// Issue 3, the director's scoreboard in the browser: values, statuses, deltas, order, header counts and
// the written summary for the sample (October 2026) and for a second package never seen before (the
// small variant, June 2026), against numbers worked out by hand from the packages' CSV files with a
// throw-away script (rows summed per unit; stocks at the edges of each unit-and-field series); sorting;
// the CSV export (BOM, Vietnamese intact, formula-like text neutralised); accessibility.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { assertNoProblems, evalWithTimeout, formatAxe, openPage, runAxe, useBrowser } from './harness';
import { writeSamplePackage } from '../../src/sample/sample';

useBrowser();

const LOAD = 90_000;
const NB = '\u00a0';
const pct = (n: number, d: number) => (100 * n) / d;
/** the text a locator shows, trimmed ('' while it is absent) */
const text = async (l: Locator) => ((await l.count()) ? (await l.first().textContent())?.trim() ?? '' : '');

interface Cell { value: number | null; status: string | null; prev: number | null; year: number | null; target: string }

/** Every figure of the scoreboard table with its deltas, keyed "unit|metric", and the row order. */
async function readScoreboard(page: Page): Promise<{ order: string[]; cells: Record<string, Cell> }> {
  await page.locator('[data-testid="overview-table"] [data-metric]').first().waitFor({ timeout: LOAD });
  return evalWithTimeout(page, () => {
    const num = (s: string | null | undefined) => (s == null || s === '' ? null : Number(s));
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="overview-table"] tbody tr[data-unit-row]')];
    const cells: Record<string, { value: number | null; status: string | null; prev: number | null; year: number | null; target: string }> = {};
    for (const tr of rows) {
      for (const td of tr.querySelectorAll('td.cell')) {
        const f = td.querySelector('[data-metric]')!;
        // the matrix cell carries its changes as data (shown in the row's popover, not in the cell)
        cells[`${f.getAttribute('data-unit')}|${f.getAttribute('data-metric')}`] = {
          value: num(f.getAttribute('data-value')),
          status: f.getAttribute('data-status'),
          prev: num(td.getAttribute('data-delta-previous')),
          year: num(td.getAttribute('data-delta-year')),
          target: td.querySelector('.cell-target')?.textContent?.trim() ?? '',
        };
      }
    }
    return { order: rows.map((r) => r.getAttribute('data-unit-row')!), cells };
  }, null);
}

async function header(page: Page) {
  return evalWithTimeout(page, () => ({
    behind: Object.fromEntries([...document.querySelectorAll('[data-behind-metric]')].map((e) => [e.getAttribute('data-behind-metric'), Number(e.getAttribute('data-behind-count'))])),
    overdue: document.querySelector('[data-testid="overdue-line"]')!.textContent!.trim(),
    summary: [...document.querySelectorAll('[data-testid="summary-text"] p')].map((p) => p.textContent!.trim()),
  }), null);
}

let dist: string;
beforeAll(() => {
  dist = inject('distDir');
  // a second package the app has never seen, and the same one with a unit whose name looks like a formula
  writeSamplePackage(path.join(dist, 'e2e-small'), { variant: 'small' });
  const formula = path.join(dist, 'e2e-formula');
  writeSamplePackage(formula, { variant: 'small' });
  const units = path.join(formula, 'units.csv');
  fs.writeFileSync(units, fs.readFileSync(units, 'utf8').replace('TN.01,Sở Y tế,', 'TN.01,"=HYPERLINK(""http://example.invalid"",""Sở Y tế"")",'));
});

describe('scoreboard, embedded sample, October 2026, departments', () => {
  it('shows each unit\'s figures, statuses and changes, units behind target first, the header counts and the summary', async () => {
    const { page, problems, close } = await openPage('/?period=2026-10');
    try {
      const { order, cells } = await readScoreboard(page);
      // most targets missed first (5, 5, 4, 4, 4, 4, 3…), then most overdue dossiers, then name
      expect(order).toEqual(['MH.08', 'MH.13', 'MH.05', 'MH.03', 'MH.02', 'MH.12', 'MH.04', 'MH.07', 'MH.06', 'MH.09', 'MH.01', 'MH.11', 'MH.10', 'MH.14']);

      // Sở Nội vụ: 765/775 on time (09/2026: 790/802; 10/2025: 751/762); 10 overdue (12; 11)
      const on = cells['MH.02|on_time_rate'];
      expect(on.value).toBeCloseTo(pct(765, 775), 9);
      expect(on.status).toBe('met');
      expect(on.prev).toBeCloseTo(pct(765, 775) - pct(790, 802), 9);
      expect(on.year).toBeCloseTo(pct(765, 775) - pct(751, 762), 9);
      expect(on.target).toBe(`CT ≥ 95${NB}%`);
      expect(cells['MH.02|overdue_count']).toMatchObject({ value: 10, status: 'missed', prev: -2, year: -1, target: 'CT ≤ 0' });
      expect(cells['MH.02|apology_rate']).toMatchObject({ value: 80, status: 'missed' });
      // Sở NN và MT misses 95 % (1.370/1.462); Sở Xây dựng meets its own 90 % (2.460/2.611)
      expect(cells['MH.08|on_time_rate'].value).toBeCloseTo(pct(1370, 1462), 9);
      expect(cells['MH.08|on_time_rate'].status).toBe('missed');
      expect(cells['MH.04|on_time_rate']).toMatchObject({ status: 'met', target: `CT ≥ 90${NB}%` });
      // Sở Tư pháp: 1 overdue, no slip (09/2026: 9 of 9) → 0 %, −100 points
      expect(cells['MH.01|apology_rate']).toMatchObject({ value: 0, status: 'missed', prev: -100 });
      // Thanh tra tỉnh: apology 4/5 against 2/6
      expect(cells['MH.13|apology_rate'].prev).toBeCloseTo(80 - pct(2, 6), 9);
      // 766 monthly: Sở KH và CN 72,09 (09/2026: 72,80), no monthly figure in 10/2025
      expect(cells['MH.10|index_766_total'].value).toBe(72.09);
      expect(cells['MH.10|index_766_total'].status).toBe('missed');
      expect(cells['MH.10|index_766_total'].prev).toBeCloseTo(72.09 - 72.8, 9);
      expect(cells['MH.10|index_766_total'].year).toBeNull();
      // a unit with no overdue dossier has no apology rate and no status for it
      expect(cells['MH.14|apology_rate']).toMatchObject({ value: null, status: null });

      // what a person reads in the cell: value, status word and icon
      const cell = page.locator('[data-unit-row="MH.02"] td.cell').filter({ has: page.locator('[data-metric="overdue_count"]') });
      await expect.poll(() => text(cell.locator('.value')), { timeout: LOAD }).toBe('10');
      await expect.poll(() => text(cell.locator('.status')), { timeout: LOAD }).toBe('✖Chưa đạt');
      // the row's popover: changes, the overdue split and the 12-period trends, by keyboard
      await page.locator('[data-unit-row="MH.02"] [data-testid="row-more"]').focus();
      await page.keyboard.press('Enter');
      const details = page.locator('[data-testid="row-details"][data-unit="MH.02"]');
      await details.waitFor({ timeout: LOAD });
      expect(await evalWithTimeout(page, () => document.activeElement?.getAttribute('data-testid'), null)).toBe('row-details');
      expect(await text(details.locator('[data-detail-metric="overdue_count"] .breakdown'))).toBe('6 đã GQ + 4 đang GQ');
      expect(Number(await details.locator('[data-detail-metric="on_time_rate"] [data-delta="previous"]').getAttribute('data-delta-value'))).toBeCloseTo(pct(765, 775) - pct(790, 802), 9);
      // the 12-period trend, told in words too: 11/2025 was 855/865 = 98,84 %
      const spark = details.locator('svg.sparkline').first();
      expect(await spark.getAttribute('aria-label')).toContain(`Tháng 11/2025 98,84${NB}%`);
      expect(await details.locator('svg.sparkline').count()).toBe(9);
      await page.keyboard.press('Escape');
      await details.waitFor({ state: 'detached', timeout: LOAD });
      expect(await evalWithTimeout(page, () => document.activeElement?.getAttribute('data-testid'), null)).toBe('row-more');

      const h = await header(page);
      expect(h.behind).toEqual({ on_time_rate: 2, overdue_count: 11, apology_rate: 9, online_share: 0, citizen_satisfaction: 1, digitized_rate: 13, index_766_total: 9 });
      expect(h.overdue).toBe('348 hồ sơ quá hạn (236 đã giải quyết quá hạn, 112 đang giải quyết quá hạn); 277 phiếu xin lỗi đã phát hành, còn thiếu 71.');
      expect(h.summary).toEqual([
        // 10.345/10.693 on time overall; 09/2026: 10.784/11.088
        `Tháng 10/2026: 14 đơn vị (Sở, ban, ngành); tỷ lệ đúng hạn chung 96,75${NB}%, giảm 0,51 điểm % so với Tháng 09/2026; 14 đơn vị chưa đạt ít nhất một chỉ tiêu.`,
        `Chưa đạt chỉ tiêu tỷ lệ đúng hạn (≥ 95${NB}%): Sở Nông nghiệp và Môi trường (93,71${NB}%) và Thanh tra tỉnh (94,12${NB}%); `
          + `số hồ sơ quá hạn (≤ 0): 11 đơn vị, cao nhất là Sở Xây dựng (151); `
          + `tỷ lệ hồ sơ quá hạn có phiếu xin lỗi (≥ 100${NB}%): 9 đơn vị, thấp nhất là Sở Tư pháp (0,00${NB}%); `
          + `tỷ lệ hài lòng (≥ 90${NB}%): Sở Tài chính (89,47${NB}%); `
          + `tỷ lệ số hóa (≥ 80${NB}%): 13 đơn vị, thấp nhất là Sở Công Thương (69,65${NB}%); `
          + 'điểm 766 (≥ 80): 9 đơn vị, thấp nhất là Sở Nội vụ (68,12).',
        'Có 348 hồ sơ quá hạn (236 đã giải quyết quá hạn, 112 đang giải quyết quá hạn) tại 11 đơn vị: '
          + 'Sở Xây dựng 151 hồ sơ, nhiều nhất ở lĩnh vực Đường bộ (116); '
          + 'Sở Nông nghiệp và Môi trường 92 hồ sơ, nhiều nhất ở lĩnh vực Đất đai (27); '
          + 'Sở Y tế 28 hồ sơ, nhiều nhất ở lĩnh vực Khám bệnh, chữa bệnh (11); 8 đơn vị khác 77 hồ sơ.',
        'Đã phát hành 277 phiếu xin lỗi cho 348 hồ sơ quá hạn; còn thiếu 71 phiếu tại 9 đơn vị: '
          + 'Sở Xây dựng thiếu 40, Sở Nông nghiệp và Môi trường thiếu 19, Sở Tài chính thiếu 4 và 6 đơn vị khác.',
        `Cải thiện nhiều nhất so với Tháng 09/2026: Thanh tra tỉnh, tỷ lệ hồ sơ quá hạn có phiếu xin lỗi tăng 46,67 điểm % (33,33${NB}% → 80,00${NB}%).`,
        `Giảm sút nhiều nhất so với Tháng 09/2026: Sở Tư pháp, tỷ lệ hồ sơ quá hạn có phiếu xin lỗi giảm 100,00 điểm % (100,00${NB}% → 0,00${NB}%).`,
      ]);

      const violations = await runAxe(page, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      expect(violations, formatAxe(violations)).toEqual([]);
      await page.waitForLoadState('networkidle').catch(() => {});
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('sorts by a column from its header (worst first, then the other way), the choice kept in the URL', async () => {
    const { page, problems, close } = await openPage('/?period=2026-10');
    try {
      await readScoreboard(page);
      const th = page.locator('th', { has: page.locator('button[data-sort="apology_rate"]') });
      await expect.poll(() => th.getAttribute('aria-sort'), { timeout: LOAD }).toBe('none');
      await page.locator('button[data-sort="apology_rate"]').click();
      await expect.poll(() => th.getAttribute('aria-sort'), { timeout: LOAD }).toBe('ascending');
      let { order } = await readScoreboard(page);
      // 0 % (Tư pháp), 66,67 % (BQL KCN), 73,51 % (Xây dựng)…; units without overdue dossiers last, by name
      expect(order.slice(0, 3)).toEqual(['MH.01', 'MH.12', 'MH.04']);
      expect(order.slice(-3)).toEqual(['MH.11', 'MH.10', 'MH.14']);
      expect(new URL(page.url()).searchParams.get('sort')).toBe('apology_rate');
      await page.locator('button[data-sort="apology_rate"]').press('Enter');
      await expect.poll(() => th.getAttribute('aria-sort'), { timeout: LOAD }).toBe('descending');
      ({ order } = await readScoreboard(page));
      expect(order.slice(0, 2)).toEqual(['MH.06', 'MH.09']); // 100 % each, by name
      // a reload keeps the order
      await page.reload();
      expect((await readScoreboard(page)).order.slice(0, 2)).toEqual(['MH.06', 'MH.09']);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('exports the scoreboard as CSV for Excel: BOM, Vietnamese intact, numbers as numbers', async () => {
    const { page, problems, close } = await openPage('/?period=2026-10', { context: { acceptDownloads: true } });
    try {
      await readScoreboard(page);
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-export').click()]);
      expect(dl.suggestedFilename()).toBe('bang-tong-hop-2026-10-agency.csv');
      const csv = fs.readFileSync((await dl.path())!, 'utf8');
      expect(csv.startsWith('\uFEFFKỳ,Mã đơn vị,Đơn vị,Số chỉ tiêu chưa đạt,Đúng hạn – giá trị,Đúng hạn – chỉ tiêu,Đúng hạn – đánh giá,')).toBe(true);
      const lines = csv.split('\r\n');
      expect(lines).toHaveLength(1 + 14 + 1);
      const noiVu = lines.find((l) => l.startsWith('2026-10,MH.02,'))!.split(',');
      const r4 = (v: number) => Math.round(v * 10_000) / 10_000;
      // period, id, name, targets missed, then on time: value, target, status, numerator, denominator, Δprev, Δyear, gap
      expect(noiVu.slice(0, 12)).toEqual(['2026-10', 'MH.02', 'Sở Nội vụ', '4', String(r4(pct(765, 775))), '≥ 95', 'Đạt', '765', '775',
        String(r4(pct(765, 775) - pct(790, 802))), String(r4(pct(765, 775) - pct(751, 762))), '0']);
      expect(lines[1].startsWith('2026-10,MH.08,Sở Nông nghiệp và Môi trường,5,')).toBe(true);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});

// Issue 11: the director's first screen. At 1366×768, without scrolling: every department with its status
// on every metric, and the three department-against-target charts, whose data tables hold the summary
// command's figures (same loader, same SQL); the header shows only the filters a page applies.
const ROOT = path.resolve(__dirname, '../..');
interface SummaryDoc { units: { unit_id: string; level: string; metrics: Record<string, { value: number | null; status: string | null; target: number | null }> }[] }
const summaryDoc = (from: string, to: string): SummaryDoc => JSON.parse(execFileSync(path.join(ROOT, 'node_modules/.bin/tsx'),
  [path.join(ROOT, 'src/cli/summary.ts'), 'data/sample', '--from', from, '--to', to], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));

async function firstScreenReady(page: Page) {
  await page.locator('[data-testid="overview-table"] [data-metric]').first().waitFor({ timeout: LOAD });
  await page.waitForFunction(() => document.querySelectorAll('.target-charts canvas').length === 3, undefined, { timeout: LOAD });
}

describe('the first screen at 1366×768 (and 1920×1080, and a phone)', () => {
  it('shows, without scrolling, every department\'s status on every metric and the three charts, whose tables equal the summary command', async () => {
    const { page, problems, close } = await openPage('/?period=2026-10', { viewport: { width: 1366, height: 768 } });
    try {
      await firstScreenReady(page);
      const seen = await evalWithTimeout(page, () => {
        const inView = (e: Element) => { const b = e.getBoundingClientRect(); return b.width > 0 && b.top >= 0 && b.left >= 0 && b.bottom <= innerHeight && b.right <= innerWidth; };
        const wrap = document.querySelector('[data-testid="overview-table"]')!.closest('.table-wrap')!.getBoundingClientRect();
        const rows = [...document.querySelectorAll('[data-testid="overview-table"] tbody tr[data-unit-row]')];
        return {
          scrollY: scrollY,
          rowHeights: rows.map((r) => Math.round(r.getBoundingClientRect().height)),
          units: rows.map((r) => r.getAttribute('data-unit-row')),
          // a cell counts as seen when it is inside the window and not scrolled away in the matrix
          cells: rows.flatMap((r) => [...r.querySelectorAll('td.cell')].map((td) => {
            const f = td.querySelector('[data-metric]')!;
            const b = td.getBoundingClientRect();
            const icon = f.querySelector('.status [aria-hidden]');
            return { unit: r.getAttribute('data-unit-row'), metric: f.getAttribute('data-metric'), status: f.getAttribute('data-status'), value: f.getAttribute('data-value'),
              seen: inView(td) && b.right <= wrap.right + 1, iconSeen: icon ? inView(icon) : null, missedTint: td.classList.contains('cell-missed') };
          })),
          charts: [...document.querySelectorAll('.target-charts [data-chart]')].map((c) => ({ id: c.getAttribute('data-chart'), seen: inView(c.querySelector('canvas')!) })),
          headline: [...document.querySelectorAll('[data-headline]')].map((h) => ({ id: h.getAttribute('data-headline'), seen: inView(h), status: h.getAttribute('data-status'), words: h.querySelector('.tile-status')?.textContent?.trim() })),
        };
      }, null);
      expect(seen.scrollY).toBe(0);
      expect(seen.units).toHaveLength(14);
      for (const h of seen.rowHeights) { expect(h).toBeGreaterThanOrEqual(28); expect(h).toBeLessThanOrEqual(32); }
      for (const c of seen.cells) {
        expect(c.seen, `${c.unit} ${c.metric} on the first screen`).toBe(true);
        if (c.status) expect(c.iconSeen, `${c.unit} ${c.metric} status icon`).toBe(true);
        expect(c.missedTint).toBe(c.status === 'missed');
      }
      expect(seen.charts.map((c) => c.id)).toEqual(['overdue_rate', 'online_share', 'citizen_satisfaction']);
      for (const c of seen.charts) expect(c.seen, `${c.id} chart on the first screen`).toBe(true);
      expect(seen.headline.map((h) => h.id)).toEqual(['on_time_rate', 'overdue_count', 'online_share', 'citizen_satisfaction', 'index_766_total']);
      for (const h of seen.headline) expect(h.seen).toBe(true);
      // status in words and colour: the 766 total of the province (78,23 against ≥ 80) is behind
      expect(seen.headline.find((h) => h.id === 'index_766_total')).toMatchObject({ status: 'missed', words: '✖ Chưa đạt · CT ≥ 80' });

      // the figures: every cell and every chart table row against the summary command
      const doc = summaryDoc('2026-10-01', '2026-10-31');
      const byUnit = new Map(doc.units.filter((u) => u.level === 'agency').map((u) => [u.unit_id, u.metrics]));
      expect([...new Set(seen.cells.map((c) => c.unit))].sort()).toEqual([...byUnit.keys()].sort());
      for (const c of seen.cells) {
        const m = byUnit.get(c.unit!)![c.metric!];
        expect(c.value === '' ? null : Number(c.value), `${c.unit} ${c.metric}`).toBe(m.value);
        expect(c.status, `${c.unit} ${c.metric} status`).toBe(m.status);
      }
      const tables = await evalWithTimeout(page, () => Object.fromEntries(['overdue_rate', 'online_share', 'citizen_satisfaction'].map((id) => [id,
        [...document.querySelectorAll(`[data-testid="chart-table-${id}"] tr[data-chart-unit]`)].map((tr) => ({
          unit: tr.getAttribute('data-chart-unit')!, value: tr.getAttribute('data-value'), status: tr.getAttribute('data-status'), target: tr.querySelector('td:nth-of-type(2)')!.textContent!.trim() })),
      ])), null);
      for (const [id, rows] of Object.entries(tables)) {
        expect(rows.map((r) => r.unit), `${id}: every department, in the matrix's order`).toEqual(seen.units);
        for (const r of rows) {
          const m = byUnit.get(r.unit)!;
          expect(Number(r.value), `${id} ${r.unit}`).toBe(m[id].value);
          // the overdue rate is judged against 100 − the on-time target (they share a denominator)
          expect(r.status || null, `${id} ${r.unit} status`).toBe(id === 'overdue_rate' ? m.on_time_rate.status : m[id].status);
        }
      }
      // Sở Xây dựng's own on-time target (90 %) is an overdue-rate target of ≤ 10 %
      expect(tables.overdue_rate.find((r) => r.unit === 'MH.04')!.target).toBe(`≤ 10,00${NB}%`);
      expect(tables.online_share.find((r) => r.unit === 'MH.02')!.target).toBe(`≥ 50,00${NB}%`);

      // the written summary: two sentences shown, the rest one click away (and in the DOM for copying)
      const summary = page.getByTestId('summary-text');
      expect(await summary.locator('p').count()).toBe(6);
      expect(await summary.locator('p:visible').count()).toBe(2);
      await page.getByTestId('summary-toggle').click();
      expect(await summary.locator('p:visible').count()).toBe(6);
      expect(await page.getByTestId('summary-toggle').getAttribute('aria-expanded')).toBe('true');

      const violations = await runAxe(page, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      expect(violations, formatAxe(violations)).toEqual([]);
      if (process.env.CHISO_SCREENSHOTS === '1') {
        fs.mkdirSync(path.join(ROOT, 'docs/screenshots'), { recursive: true });
        await page.getByTestId('summary-toggle').click();
        await page.evaluate(() => window.scrollTo(0, 0));
        await page.waitForTimeout(300);
        await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/first-screen-1366x768.png') });
        for (const [w, h] of [[1920, 1080], [390, 844]] as const) {
          await page.setViewportSize({ width: w, height: h });
          await page.waitForTimeout(800);
          await page.screenshot({ path: path.join(ROOT, `docs/screenshots/first-screen-${w}x${h}.png`) });
        }
      }
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('on a phone the matrix scrolls sideways with the unit column fixed, and stays axe-clean', async () => {
    const { page, problems, close } = await openPage('/?period=2026-10', { viewport: { width: 390, height: 844 } });
    try {
      await firstScreenReady(page);
      const before = await evalWithTimeout(page, () => ({ page: document.documentElement.scrollWidth, name: document.querySelector('[data-unit-row] th')!.getBoundingClientRect().left }), null);
      expect(before.page).toBe(390);
      const wrap = page.locator('[data-testid="overview-table"]').locator('xpath=..');
      await wrap.evaluate((e) => { e.scrollLeft = 400; });
      const after = await evalWithTimeout(page, () => ({
        name: document.querySelector('[data-unit-row] th')!.getBoundingClientRect().left,
        firstCell: document.querySelector('[data-unit-row] td.cell')!.getBoundingClientRect().left,
      }), null);
      expect(after.name).toBe(before.name);
      expect(after.firstCell).toBeLessThan(before.name);
      const violations = await runAxe(page, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      expect(violations, formatAxe(violations)).toEqual([]);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('shows only the filters a page applies: period and level on the scoreboard, level on oversight, none on import', async () => {
    const { page, problems, close } = await openPage('/?period=2026-10');
    try {
      await firstScreenReady(page);
      expect(await page.getByTestId('period-kind').count()).toBe(1);
      expect(await page.getByTestId('level').count()).toBe(1);
      // the sample has no dossier rows, so no channels to filter by
      expect(await page.getByTestId('channel-filter').count()).toBe(0);
      await page.getByRole('link', { name: 'Giám sát' }).click();
      await page.waitForURL(/giam-sat/);
      await page.getByTestId('level').waitFor({ timeout: LOAD });
      expect(await page.getByTestId('period-kind').count()).toBe(0);
      await page.getByRole('link', { name: 'Nhập dữ liệu' }).click();
      await page.waitForURL(/nhap-du-lieu/);
      await page.getByTestId('file-input').waitFor({ state: 'attached', timeout: LOAD });
      expect(await page.getByTestId('period-kind').count()).toBe(0);
      expect(await page.getByTestId('level').count()).toBe(0);
      // the period chosen before is still carried in the links
      expect(new URL(page.url()).searchParams.get('period')).toBe('2026-10');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});

describe('scoreboard, a second package (small variant, June 2026)', () => {
  it('shows its figures, statuses, deltas and summary in English', async () => {
    const { page, problems, close } = await openPage('/?data=/e2e-small/datapackage.json&period=2026-06&lang=en');
    try {
      await expect.poll(() => text(page.getByTestId('dataset-title')), { timeout: LOAD }).toContain('Tỉnh Thử Nghiệm');
      const { order, cells } = await readScoreboard(page);
      // one target missed each (overdue ≤ 0): Công Thương 4 overdue before Y tế 3
      expect(order).toEqual(['TN.02', 'TN.01']);
      // Sở Y tế: 350/353 on time (05/2026: 377/384; 06/2025: 315/321); 3 overdue (7; 6); online 200/315 (200/347)
      expect(cells['TN.01|on_time_rate'].value).toBeCloseTo(pct(350, 353), 9);
      expect(cells['TN.01|on_time_rate'].prev).toBeCloseTo(pct(350, 353) - pct(377, 384), 9);
      expect(cells['TN.01|on_time_rate'].year).toBeCloseTo(pct(350, 353) - pct(315, 321), 9);
      expect(cells['TN.01|overdue_count']).toMatchObject({ value: 3, status: 'missed', prev: -4, year: -3 });
      expect(cells['TN.01|online_share'].prev).toBeCloseTo(pct(200, 315) - pct(200, 347), 9);
      expect(cells['TN.02|on_time_rate'].value).toBeCloseTo(pct(324, 328), 9);
      expect(cells['TN.02|overdue_count']).toMatchObject({ value: 4, status: 'missed', prev: -3, year: 1 });
      // 766 monthly: 87,15 (05/2026: 88,27), no target in this package
      expect(cells['TN.02|index_766_total']).toMatchObject({ value: 87.15, status: null });

      const h = await header(page);
      expect(h.behind).toEqual({ on_time_rate: 0, overdue_count: 2, online_share: 0 });
      expect(h.overdue).toBe('7 overdue dossiers (5 resolved late, 2 pending past the deadline); 7 apology slips issued, 0 missing.');
      expect(h.summary).toEqual([
        // 674/681 on time; 05/2026: 750/764
        `06/2026: 2 units (Departments); overall on-time rate 98.97${NB}%, up 0.80 pp on 05/2026; 2 units missed at least one target.`,
        'Missed the overdue dossiers target (≤ 0): Sở Công Thương (4) and Sở Y tế (3).',
        '7 dossiers overdue (5 resolved late, 2 still pending past the deadline) in 2 units: '
          + 'Sở Công Thương 4 dossiers, most in the field Lưu thông hàng hóa trong nước (3); Sở Y tế 3 dossiers, all in the field Dược phẩm.',
        'Every overdue dossier has an apology slip (7 apology slips).',
        // online share 57,64 % → 63,49 % (+5,86) beats every other change; nothing declined
        `Most improved on 05/2026: Sở Y tế, online share up 5.86 pp (57.64${NB}% → 63.49${NB}%).`,
      ]);
      await expect.poll(() => text(page.getByRole('heading', { level: 1 })), { timeout: LOAD }).toContain('Dossier handling scoreboard');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('keeps a formula-like unit name as text on screen and neutralises it in the CSV', async () => {
    const { page, problems, close } = await openPage('/?data=/e2e-formula/datapackage.json&period=2026-06', { context: { acceptDownloads: true } });
    try {
      await readScoreboard(page);
      const name = '=HYPERLINK("http://example.invalid","Sở Y tế")';
      await expect.poll(() => text(page.locator('[data-unit-row="TN.01"] th a')), { timeout: LOAD }).toBe(name);
      // and in the workbook: text, never a formula (SheetJS reads it back as a string cell)
      const [xl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('xlsx-export').click()]);
      expect(xl.suggestedFilename()).toBe('bang-tong-hop-2026-06-agency.xlsx');
      const XLSX = await import('@e965/xlsx');
      const wb = XLSX.read(fs.readFileSync((await xl.path())!), { type: 'buffer' });
      const ws = wb.Sheets[wb.SheetNames[0]];
      const nameCells = Object.entries(ws).filter(([k, c]) => !k.startsWith('!') && String((c as { v?: unknown }).v ?? '').includes('HYPERLINK'));
      expect(nameCells.length).toBe(1);
      expect(nameCells[0][1]).toMatchObject({ t: 's', v: `'${name}` });
      expect((nameCells[0][1] as { f?: string }).f).toBeUndefined();
      await expect.poll(() => text(page.getByTestId('summary-text')), { timeout: LOAD }).toContain(`${name} 3 hồ sơ, toàn bộ thuộc lĩnh vực Dược phẩm`);
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('csv-export').click()]);
      const csv = fs.readFileSync((await dl.path())!, 'utf8');
      const line = csv.split('\r\n').find((l) => l.startsWith('2026-06,TN.01,'))!;
      expect(line.startsWith('2026-06,TN.01,"\'=HYPERLINK(""http://example.invalid"",""Sở Y tế"")",1,')).toBe(true);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});
