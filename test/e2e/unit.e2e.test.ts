// Issue 3, the unit page in the browser: summary, gap to target in dossiers, overdue dossiers by field,
// channel mix, 766 groups against their maxima, every metric over 12 periods (data table behind each
// chart, PNG export), and the dossiers due within 3 working days for a package with dossier rows.
// Expectations worked out by hand from the packages' CSV files (throw-away script), never by the app.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { assertNoProblems, evalWithTimeout, formatAxe, openPage, runAxe, useBrowser } from './harness';
import { writeSamplePackage } from '../../src/sample/sample';

useBrowser();

const LOAD = 90_000;
const NB = '\u00a0';
const text = async (l: Locator) => ((await l.count()) ? (await l.first().textContent())?.trim() ?? '' : '');

async function openUnit(page: Page, unitId: string) {
  await page.locator(`[data-unit-row="${unitId}"] th a`).waitFor({ timeout: LOAD });
  await page.locator(`[data-unit-row="${unitId}"] th a`).click();
  await page.getByTestId('unit-title').waitFor({ timeout: LOAD });
}

const rows = (page: Page, sel: string, attrs: string[]) => evalWithTimeout(page, ([s, a]) =>
  [...document.querySelectorAll(s)].map((e) => Object.fromEntries(a.map((x) => [x, e.getAttribute(x)]))), [sel, attrs] as const);

// Dossier rows for Sở Y tế of the small package, judged on Tuesday 30/06/2026 (the period's last day):
// the window runs to the end of Friday 03/07/2026.
const DOSSIERS = [
  'dossier_id,unit_id,field,procedure_code,channel,online_level,received_at,due_at,finished_at,status,supplement_requests,supplement_days,apology_issued,rating,digitized,result_electronic',
  'HS-A1,TN.01,Dược phẩm,1.001,2,full,2026-06-20T08:00:00,2026-06-30T17:00:00,,4,0,,false,,true,false', // due that day: 0 left
  'HS-A2,TN.01,Dược phẩm,1.002,1,,2026-06-22T09:00:00,2026-07-03T10:00:00,,5,1,,false,,false,false', // Friday: 3 left
  'HS-A3,TN.01,Dược phẩm,1.002,1,,2026-06-22T09:00:00,2026-07-06T09:00:00,,4,0,,false,,false,false', // next Monday: out
  'HS-A4,TN.01,Y tế dự phòng,1.003,1,,2026-06-10T09:00:00,2026-06-29T17:00:00,,4,0,,false,,false,false', // already overdue: out
  'HS-A5,TN.01,Y tế dự phòng,1.003,2,partial,2026-06-15T09:00:00,2026-07-01T17:00:00,2026-06-29T10:00:00,10,0,,false,satisfied,true,true', // finished: out
  'HS-A6,TN.02,Điện,2.001,2,full,2026-06-25T09:00:00,2026-07-02T17:00:00,,4,0,,false,,true,false', // another unit
];

beforeAll(() => {
  const dist = inject('distDir');
  writeSamplePackage(path.join(dist, 'e2e-small'), { variant: 'small' });
  const dir = path.join(dist, 'e2e-small-dossiers');
  writeSamplePackage(dir, { variant: 'small' });
  fs.writeFileSync(path.join(dir, 'dossiers.csv'), `${DOSSIERS.join('\n')}\n`);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'datapackage.json'), 'utf8'));
  pkg.resources.push({ name: 'dossiers', path: 'dossiers.csv', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8' });
  fs.writeFileSync(path.join(dir, 'datapackage.json'), JSON.stringify(pkg, null, 2));
});

describe('unit page, sample, October 2026', () => {
  it('Sở Nội vụ: summary, gaps in dossiers, overdue all in one field, channels, 766 groups, trends', async () => {
    const { page, problems, close } = await openPage('/?period=2026-10', { context: { acceptDownloads: true } });
    try {
      await openUnit(page, 'MH.02');
      expect(await text(page.getByTestId('unit-title'))).toBe('Sở Nội vụ – Tháng 10/2026');
      const summary = await evalWithTimeout(page, () => [...document.querySelectorAll('[data-testid="unit-summary-text"] p')].map((p) => p.textContent!.trim()), null);
      expect(summary).toEqual([
        `Sở Nội vụ, Tháng 10/2026: chưa đạt 4/7 chỉ tiêu – số hồ sơ quá hạn 10 (chỉ tiêu ≤ 0), tỷ lệ hồ sơ quá hạn có phiếu xin lỗi 80,00${NB}% (chỉ tiêu ≥ 100${NB}%), tỷ lệ số hóa 77,29${NB}% (chỉ tiêu ≥ 80${NB}%), điểm 766 68,12 (chỉ tiêu ≥ 80).`,
        'Có 10 hồ sơ quá hạn (6 đã giải quyết quá hạn, 4 đang giải quyết), toàn bộ thuộc lĩnh vực Thi đua, khen thưởng.',
        'Đã phát hành 8 phiếu xin lỗi, còn thiếu 2 phiếu.',
        `Để đạt chỉ tiêu cần bớt 10 hồ sơ quá hạn (số hồ sơ quá hạn ≤ 0); thêm 2 phiếu xin lỗi (tỷ lệ hồ sơ quá hạn có phiếu xin lỗi ≥ 100${NB}%); thêm 21 hồ sơ được số hóa (tỷ lệ số hóa ≥ 80${NB}%); thêm 11,88 điểm (điểm 766 ≥ 80).`,
        // 790/802 → 765/775
        `So với Tháng 09/2026, tỷ lệ đúng hạn tăng 0,21 điểm % (98,50${NB}% → 98,71${NB}%).`,
      ]);

      // gaps: apology 8/10 → 2 slips; digitised 599/775 against 80 % → 620 → 21; overdue 10 → 0
      const gaps = Object.fromEntries((await rows(page, '[data-testid="gap-table"] tr[data-gap-metric]', ['data-gap-metric', 'data-gap', 'data-gap-state', 'data-gap-points']))
        .map((r) => [r['data-gap-metric'], r]));
      expect(gaps.apology_rate).toMatchObject({ 'data-gap': '2', 'data-gap-state': 'short' });
      expect(gaps.digitized_rate).toMatchObject({ 'data-gap': '21', 'data-gap-state': 'short' });
      expect(gaps.overdue_count).toMatchObject({ 'data-gap': '10', 'data-gap-state': 'short' });
      expect(gaps.on_time_rate).toMatchObject({ 'data-gap': '0', 'data-gap-state': 'met' });
      expect(gaps.satisfaction_766).toMatchObject({ 'data-gap-state': 'met' });
      expect(Number(gaps.index_766_total['data-gap-points'])).toBeCloseTo(80 - 68.12, 9);
      expect(await text(page.locator('[data-gap-metric="apology_rate"] .gap-text'))).toBe(`Cần thêm 2 phiếu xin lỗi để đạt chỉ tiêu ≥ 100${NB}%.`);

      // overdue dossiers by field: all 10 in one field
      expect(await rows(page, '[data-testid="fields-table"] tbody tr', ['data-field', 'data-overdue'])).toEqual([{ 'data-field': 'Thi đua, khen thưởng', 'data-overdue': '10' }]);
      // channels of the 667 newly received: 216 full online, 407 − 216 partial, 260 − 6 in person, 6 postal
      expect(await rows(page, '[data-testid="channel-table"] tbody tr', ['data-channel', 'data-count'])).toEqual([
        { 'data-channel': 'full', 'data-count': '216' }, { 'data-channel': 'partial', 'data-count': '191' },
        { 'data-channel': 'inPerson', 'data-count': '254' }, { 'data-channel': 'postal', 'data-count': '6' },
      ]);
      // 766 groups (10/2026): points lost = max − score; most in MDSH (22 − 12,35)
      const groups = await rows(page, '[data-testid="groups-table"] tbody tr', ['data-group', 'data-lost']);
      expect(groups.map((g) => g['data-group'])).toEqual(['CKMB', 'TDGQ', 'ONLINE', 'TTTT', 'MDSH', 'MDHL']);
      const lost = groups.map((g) => Number(g['data-lost']));
      [18 - 13.22, 20 - 19.74, 12 - 8.58, 10 - 3.78, 22 - 12.35, 18 - 10.45].forEach((v, i) => expect(lost[i]).toBeCloseTo(v, 9));
      expect(await text(page.getByTestId('groups-total'))).toBe('Tổng: 68,12/100 điểm, mất 31,88 điểm; nhiều nhất ở nhóm Số hóa hồ sơ (9,65).');

      // every metric over 12 periods, with the table behind each chart
      const trend = page.locator('[data-trend-metric="on_time_rate"]');
      expect(await page.locator('[data-trend-metric]').count()).toBeGreaterThanOrEqual(12);
      const firstRow = await evalWithTimeout(page, () => [...document.querySelectorAll('[data-trend-metric="on_time_rate"] table tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.replace(/\s+/g, ' ').trim()).join(' | ')), null);
      expect(firstRow).toHaveLength(12);
      expect(firstRow[0]).toBe('Tháng 11/2025 | 98,84 % | ≥ 95,00 % | ✔ Đạt'); // 855/865, spaces normalised
      // PNG of a chart
      const [png] = await Promise.all([page.waitForEvent('download'), trend.getByTestId('chart-png').click()]);
      expect(png.suggestedFilename()).toBe('MH-02-2026-10-on-time-rate.png');
      const bytes = fs.readFileSync((await png.path())!);
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(bytes.length).toBeGreaterThan(3000);
      // no dossier rows in the sample: no "due soon" panel
      expect(await page.getByTestId('due-soon').count()).toBe(0);

      const violations = await runAxe(page, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      expect(violations, formatAxe(violations)).toEqual([]);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('Sở Nông nghiệp và Môi trường, opened by its address: 19 more dossiers on time would have reached 95 %', async () => {
    const { page, problems, close } = await openPage('/don-vi/MH.08?period=2026-10');
    try {
      await page.locator('[data-gap-metric="on_time_rate"]').waitFor({ timeout: LOAD });
      // 95 % of 1.462 = 1.388,9 → 1.389 − 1.370 = 19
      expect(await page.locator('[data-gap-metric="on_time_rate"]').getAttribute('data-gap')).toBe('19');
      expect(await text(page.locator('[data-gap-metric="on_time_rate"] .gap-text'))).toBe(`Cần thêm 19 hồ sơ đúng hạn để đạt chỉ tiêu ≥ 95${NB}%.`);
      // a dataset unit id that does not exist says so
      await page.goto(page.url().replace('MH.08', 'MH.99'));
      await page.getByTestId('unit-not-found').waitFor({ timeout: LOAD });
      expect(await text(page.getByTestId('unit-not-found'))).toBe('Không có đơn vị "MH.99" trong bộ dữ liệu, hoặc đơn vị không có số liệu trong kỳ đã chọn.');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});

describe('unit page, a second package', () => {
  it('a commune of the small package: 2 more dossiers on time (226/239 against 95 %), in English', async () => {
    const { page, problems, close } = await openPage('/?data=/e2e-small/datapackage.json&period=2026-06&level=commune&lang=en');
    try {
      await openUnit(page, 'TN.X02');
      expect(await page.locator('[data-gap-metric="on_time_rate"]').getAttribute('data-gap')).toBe('2');
      expect(await text(page.locator('[data-gap-metric="on_time_rate"] .gap-text'))).toBe(`2 more dossiers on time would have reached the ≥ 95${NB}% target.`);
      // 13 overdue (8 resolved late, 5 pending)
      expect(await text(page.getByTestId('unit-summary-text'))).toContain('13 dossiers overdue (8 resolved late, 5 still pending)');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('with dossier rows: lists the pending dossiers due within 3 working days of 30/06/2026', async () => {
    const { page, problems, close } = await openPage('/?data=/e2e-small-dossiers/datapackage.json&period=2026-06');
    try {
      await openUnit(page, 'TN.01');
      const panel = page.getByTestId('due-soon');
      await panel.waitFor({ timeout: LOAD });
      expect(await text(panel.locator('p').first())).toBe('Tính đến 30/06/2026, hạn trả đến hết 03/07/2026 (thứ Hai đến thứ Sáu; chưa trừ ngày lễ): 2 hồ sơ.');
      const listed = await evalWithTimeout(page, () => [...document.querySelectorAll('[data-testid="due-soon"] tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent!.trim())), null);
      expect(listed).toEqual([
        ['HS-A1', 'Dược phẩm', '1.001', '20/06/2026', '30/06/2026 17:00', '0'],
        ['HS-A2', 'Dược phẩm', '1.002', '22/06/2026', '03/07/2026 10:00', '3'],
      ]);
      // the counts of the package are untouched by the dossier rows (it publishes dossier_counts)
      expect(await text(page.getByTestId('unit-summary-text'))).toContain('Có 3 hồ sơ quá hạn (2 đã giải quyết quá hạn, 1 đang giải quyết), toàn bộ thuộc lĩnh vực Dược phẩm.');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});
