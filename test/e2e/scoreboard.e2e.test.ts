// Issue 3, the director's scoreboard in the browser: values, statuses, deltas, order, header counts and
// the written summary for the sample (October 2026) and for a second package never seen before (the
// small variant, June 2026), against numbers worked out by hand from the packages' CSV files with a
// throw-away script (rows summed per unit; stocks at the edges of each unit-and-field series); sorting;
// the CSV export (BOM, Vietnamese intact, formula-like text neutralised); accessibility.
import fs from 'node:fs';
import path from 'node:path';
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
        cells[`${f.getAttribute('data-unit')}|${f.getAttribute('data-metric')}`] = {
          value: num(f.getAttribute('data-value')),
          status: f.getAttribute('data-status'),
          prev: num(td.querySelector('[data-delta="previous"]')?.getAttribute('data-delta-value')),
          year: num(td.querySelector('[data-delta="year"]')?.getAttribute('data-delta-value')),
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
      await expect.poll(() => text(cell.locator('.breakdown')), { timeout: LOAD }).toBe('6 đã GQ + 4 đang GQ');
      // the 12-period trend, told in words too: 11/2025 was 855/865 = 98,84 %
      const spark = page.locator('[data-unit-row="MH.02"] td.cell svg.sparkline').first();
      expect(await spark.getAttribute('aria-label')).toContain(`Tháng 11/2025 98,84${NB}%`);
      expect(await page.locator('[data-unit-row="MH.02"] svg.sparkline').count()).toBe(9);

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
