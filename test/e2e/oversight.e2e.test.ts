// Issue 5, oversight view in the browser: the numbers on screen against figures worked out by hand from
// data/sample/*.csv with a throw-away script (rows summed per window; a predecessor's rows times its
// unit_lineage share; stocks at the edges of each unit-and-field series), including a commune merged on
// 1/7/2025; every filter round-trips through the URL; exports (CSV, PNG, SVG) and the printable report.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertNoProblems, evalWithTimeout, openPage, printToPdf, useBrowser } from './harness';

useBrowser();

const ROOT = path.resolve(__dirname, '../..');
const LOAD = 90_000;

/** data-value of every figure in the period-over-period table, keyed "unit|window". */
async function changeValues(page: Page): Promise<Record<string, number | null>> {
  await page.locator('[data-testid="ov-change-table"] .figure').first().waitFor({ timeout: LOAD });
  return evalWithTimeout(page, () => Object.fromEntries([...document.querySelectorAll('[data-testid="ov-change-table"] .figure')].map((el) => {
    const v = el.getAttribute('data-value');
    return [`${el.getAttribute('data-unit')}|${el.getAttribute('data-window')}`, v === '' || v == null ? null : Number(v)];
  })), null);
}

/** Polls `fn` in the page (short evaluations, as the harness does under the page's CSP) until it is true. */
async function until<A>(page: Page, fn: (arg: A) => boolean, arg: A, what: string) {
  const end = Date.now() + LOAD;
  while (!(await evalWithTimeout(page, fn, arg).catch(() => false))) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await page.waitForTimeout(200);
  }
}

/** Waits until the table shows `n` figures of `metric` (a filter change re-renders it). */
async function waitForFigures(page: Page, n: number, metric: string) {
  await until(page, ([k, m]) => document.querySelectorAll(`[data-testid="ov-change-table"] .figure[data-metric="${m}"]`).length === k, [n, metric] as const, `${n} figures of ${metric}`);
}

const query = (page: Page) => Object.fromEntries(new URL(page.url()).searchParams);

describe('oversight: figures against hand-computed expectations', () => {
  it('online share of Sở Nội vụ 2021–2023 with 60 % of Sở LĐ-TB và XH, and of the commune merged on 1/7/2025', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02,MH.X07&metric=online_share&years=2021-2023');
    try {
      const v = await changeValues(page);
      // MH.02 + 0,6 × MH.19: 471,8 / 5.459,2; 1.538 / 5.628,8; 2.353 / 5.770,6
      expect(v['MH.02|2021']).toBeCloseTo(8.642291910902697, 9);
      expect(v['MH.02|2022']).toBeCloseTo(27.323763501989756, 9);
      expect(v['MH.02|2023']).toBeCloseTo(40.77565591099712, 9);
      // MH.X07 = MH.X11 + MH.X12 + MH.X13 before the merger: 527 / 4.602; 1.789 / 4.783; 2.825 / 5.172
      expect(v['MH.X07|2021']).toBeCloseTo((100 * 527) / 4602, 9);
      expect(v['MH.X07|2022']).toBeCloseTo((100 * 1789) / 4783, 9);
      expect(v['MH.X07|2023']).toBeCloseTo((100 * 2825) / 5172, 9);
      const cell = page.locator('[data-testid="ov-change-table"] tr[data-unit-row="MH.02"][data-window="2021"]');
      expect(await cell.locator('.figure').innerText()).toBe('8,64\u00a0%');
      expect(await cell.locator('td.counts').innerText()).toBe('471,8 / 5.459,2');
      // the provenance of the figure: numerator, denominator, file and rows, the predecessor and its share
      await cell.locator('details.provenance summary').click();
      const prov = cell.locator('details.provenance');
      expect(await prov.locator('[data-role="numerator"]').innerText()).toBe('471,8');
      expect(await prov.locator('[data-role="denominator"]').innerText()).toBe('5.459,2');
      expect(await prov.locator('[data-role="files"]').innerText()).toBe('dossier_counts.csv — 108 dòng số liệu');
      expect(await prov.innerText()).toContain('Sở Lao động - Thương binh và Xã hội (60\u00a0%)');
      expect(await prov.innerText()).toContain('01/01/2021 – 31/12/2021');
      expect(await prov.innerText()).toContain('Dữ liệu mẫu – Tỉnh Minh Họa');
      // 2022 against 2021: +18,68 percentage points
      const d = await page.locator('tr[data-unit-row="MH.02"][data-window="2022"] td[data-delta]').getAttribute('data-delta');
      expect(Number(d)).toBeCloseTo(27.323763501989756 - 8.642291910902697, 9);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('own figures only (lineage=0): 221 / 2.902 = 7,62 % in 2021', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02&metric=online_share&years=2021-2023&lineage=0');
    try {
      const v = await changeValues(page);
      expect(v['MH.02|2021']).toBeCloseTo((100 * 221) / 2902, 9);
      expect(v['MH.02|2023']).toBeCloseTo((100 * 1078) / 3103, 9);
      expect(await page.locator('tr[data-unit-row="MH.02"][data-window="2021"] td.counts').innerText()).toBe('221 / 2.902');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('first 9 months of each year compare like with like', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02&metric=online_share&years=2021-2023&window=nine');
    try {
      const v = await changeValues(page);
      expect(v['MH.02|2021-9M']).toBeCloseTo(7.825474309294956, 9);
      expect(v['MH.02|2022-9M']).toBeCloseTo(25.337191622933922, 9);
      expect(v['MH.02|2023-9M']).toBeCloseTo(39.864377434713596, 9);
      expect(await page.locator('tr[data-window="2023-9M"] td').first().innerText()).toBe('9 tháng năm 2023');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('the merged commune: dossiers received 2021–2026 continue through its predecessors; the break and the incomplete year are marked', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.X07&metric=received_count&years=2021-2026');
    try {
      const v = await changeValues(page);
      expect(['2021', '2022', '2023', '2024', '2025', '2026'].map((y) => v[`MH.X07|${y}`])).toEqual([4602, 4783, 5172, 5092, 6015, 5265]);
      const breaks = await page.getByTestId('ov-breaks').innerText();
      expect(breaks).toContain('Từ 01/07/2025, UBND xã Minh Sơn nhận thêm công việc của: UBND xã Sơn Thủy, UBND xã Sơn Hà, UBND xã Sơn Bình.');
      expect(breaks).toContain('đã cộng phần của đơn vị tiền nhiệm');
      expect(await page.getByTestId('ov-incomplete').innerText()).toContain('31/10/2026');
      // the table behind the chart carries the same numbers, the incomplete year starred
      const behind = await evalWithTimeout(page, () => [...document.querySelectorAll('[data-testid="ov-trend"] table td[data-series="MH.X07"]')].map((td) => Number(td.getAttribute('data-value'))), null);
      expect(behind).toEqual([4602, 4783, 5172, 5092, 6015, 5265]);
      expect(await page.locator('[data-testid="ov-trend"] table tbody th').last().textContent()).toBe('2026*');
      // the chart's break line and its label: the SVG export renders the very option drawn on screen
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="ov-trend"] [data-export="svg"]').click()]);
      const svg = fs.readFileSync((await download.path())!, 'utf8');
      expect(svg).toContain('Sáp nhập 01/07/2025');
      expect(svg).toMatch(/<title>Biểu đồ đường: Số hồ sơ tiếp nhận mới của UBND xã Minh Sơn/);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('index scores are never carried across a merger', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.08,MH.02&metric=index_766_total&years=2023-2025');
    try {
      const v = await changeValues(page);
      expect([v['MH.08|2023'], v['MH.08|2024'], v['MH.08|2025']]).toEqual([null, null, 69.74]);
      expect([v['MH.02|2023'], v['MH.02|2024'], v['MH.02|2025']]).toEqual([57.89, 60.94, 68.94]);
      expect(await page.getByTestId('ov-breaks').innerText()).toContain('Điểm chỉ số không được chuyển qua sáp nhập');
      const cell = page.locator('tr[data-unit-row="MH.02"][data-window="2025"]');
      await cell.locator('details.provenance summary').click();
      expect(await cell.locator('[data-role="as-of"]').innerText()).toBe('31/12/2025');
      expect(await cell.locator('details.provenance').innerText()).toContain('Cổng Dịch vụ công quốc gia (mô phỏng)');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('rankings by the 766 total (published) and by a group (computed), with rank changes', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02&years=2023-2025');
    try {
      const rankOf = async () => {
        await page.locator('[data-testid="ov-rank-table"] tr[data-unit-row="MH.02"] td[data-rank]').first().waitFor({ timeout: LOAD });
        return evalWithTimeout(page, () => [...document.querySelectorAll('[data-testid="ov-rank-table"] tr[data-unit-row="MH.02"] td')].map((td) => [td.getAttribute('data-rank'), td.getAttribute('data-change')]), null);
      };
      // Sở Nội vụ: 16th of 18, 18th (down 2), 15th of 20 (up 3)
      expect(await rankOf()).toEqual([['16', ''], ['18', '-2'], ['15', '3']]);
      const row = page.locator('[data-testid="ov-rank-table"] tr[data-unit-row="MH.02"]');
      expect(await row.locator('td').nth(1).innerText()).toContain('xuống 2 bậc');
      expect(await row.locator('td').nth(2).innerText()).toContain('15/20');
      await page.getByTestId('ov-rank-metric').selectOption('index_766_TDGQ');
      await page.waitForURL(/rank=index_766_TDGQ/);
      await until(page, () => document.querySelector('[data-testid="ov-rank-table"] tr[data-unit-row="MH.02"] td')?.getAttribute('data-rank') === '8', null, 'the TDGQ ranking');
      expect(await rankOf()).toEqual([['8', ''], ['6', '2'], ['7', '-1']]);
      expect(await page.getByTestId('ov-ranking').innerText()).toContain('Hạng do chiso tính từ điểm');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('the spread across departments in 2023 names the three far below the rest', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02&metric=on_time_rate&years=2023');
    try {
      await page.getByTestId('ov-far').waitFor({ timeout: LOAD });
      const far = await evalWithTimeout(page, () => [...document.querySelectorAll('[data-far]')].map((li) => [li.getAttribute('data-far'), li.getAttribute('data-side')]), null);
      expect(far).toEqual([['MH.13', 'low'], ['MH.04', 'low'], ['MH.18', 'low']]);
      const summary = await page.getByTestId('ov-spread-summary').innerText();
      expect(summary).toBe('18 đơn vị, Năm 2023: trung vị 98,74 %; một nửa số đơn vị nằm trong khoảng 97,55 % đến 99,12 %; thấp nhất 93,84 %, cao nhất 99,80 %.'.replaceAll(' %', '\u00a0%'));
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('fields over years: overdue dossiers of Sở Nội vụ by field', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02&metric=overdue_count&years=2021-2023&lineage=0');
    try {
      await page.getByTestId('ov-fields-table').waitFor({ timeout: LOAD });
      const row = (f: string) => evalWithTimeout(page, (field) => {
        const tr = [...document.querySelectorAll('[data-testid="ov-fields-table"] tr')].find((x) => x.getAttribute('data-field') === field);
        return tr ? [...tr.querySelectorAll('td[data-window]')].map((td) => Number(td.getAttribute('data-value'))) : null;
      }, f);
      expect(await row('Thi đua, khen thưởng')).toEqual([22, 16, 17]);
      expect(await row('Công chức, viên chức')).toEqual([17, 9, 13]);
      expect(await row('Văn thư, lưu trữ')).toEqual([10, 5, 4]);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});

describe('oversight: every filter in the URL', () => {
  it('each control writes its key, and the URL alone restores every control', async () => {
    const { page, problems, close } = await openPage('/giam-sat');
    try {
      await page.locator('[data-unit-choice="MH.01"]').waitFor({ timeout: LOAD });
      await page.locator('[data-unit-choice="MH.03"]').check();
      await page.waitForURL(/units=MH\.01%2CMH\.03|units=MH\.01,MH\.03/);
      await page.getByTestId('ov-metric').selectOption('online_share');
      await page.waitForURL(/metric=online_share/);
      await page.getByTestId('ov-from').selectOption('2022');
      await page.waitForURL(/years=2022-2026/);
      await page.getByTestId('ov-to').selectOption('2024');
      await page.waitForURL(/years=2022-2024/);
      await page.getByTestId('ov-window').selectOption('h1');
      await page.waitForURL(/window=h1/);
      await page.getByTestId('ov-lineage').uncheck();
      await page.waitForURL(/lineage=0/);
      await page.getByTestId('ov-rank-metric').selectOption('ddci_total');
      await page.waitForURL(/rank=ddci_total/);
      await page.getByTestId('ov-field-unit').selectOption('MH.03');
      await page.waitForURL(/fieldUnit=MH\.03/);
      const q = query(page);
      expect(q).toMatchObject({ units: 'MH.01,MH.03', metric: 'online_share', years: '2022-2024', window: 'h1', lineage: '0', rank: 'ddci_total', fieldUnit: 'MH.03' });
      await waitForFigures(page, 6, 'online_share');
      const shown = await changeValues(page);
      // a fresh page from the URL alone shows the same controls and the same figures
      const again = await openPage(page.url());
      try {
        const p2 = again.page;
        const v2 = await changeValues(p2);
        expect(v2).toEqual(shown);
        expect(Object.keys(v2).sort()).toEqual(['MH.01|2022-H1', 'MH.01|2023-H1', 'MH.01|2024-H1', 'MH.03|2022-H1', 'MH.03|2023-H1', 'MH.03|2024-H1']);
        expect(await p2.locator('[data-unit-choice="MH.01"]').isChecked()).toBe(true);
        expect(await p2.locator('[data-unit-choice="MH.03"]').isChecked()).toBe(true);
        expect(await p2.locator('[data-unit-choice="MH.02"]').isChecked()).toBe(false);
        expect(await p2.getByTestId('ov-metric').inputValue()).toBe('online_share');
        expect(await p2.getByTestId('ov-from').inputValue()).toBe('2022');
        expect(await p2.getByTestId('ov-to').inputValue()).toBe('2024');
        expect(await p2.getByTestId('ov-window').inputValue()).toBe('h1');
        expect(await p2.getByTestId('ov-lineage').isChecked()).toBe(false);
        expect(await p2.getByTestId('ov-rank-metric').inputValue()).toBe('ddci_total');
        expect(await p2.getByTestId('ov-field-unit').inputValue()).toBe('MH.03');
        expect(await p2.locator('tr[data-window="2023-H1"] td').first().innerText()).toBe('6 tháng đầu năm 2023');
        // the report link carries every filter and adds report=<unit>
        const href = await p2.locator('[data-report-link="MH.03"]').getAttribute('href');
        expect(Object.fromEntries(new URL(href!, p2.url()).searchParams)).toMatchObject({ ...q, report: 'MH.03' });
        assertNoProblems(again.problems);
      } finally {
        await again.close();
      }
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('unknown units in the URL are named, not silently dropped; a bad metric or window falls back', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02,XX.99&metric=nope&window=weekly&years=abc');
    try {
      const v = await changeValues(page);
      expect(Object.keys(v)).toHaveLength(6);
      expect(await page.getByRole('status').filter({ hasText: 'XX.99' }).innerText()).toContain('XX.99');
      expect(await page.getByTestId('ov-metric').inputValue()).toBe('on_time_rate');
      expect(await page.getByTestId('ov-window').inputValue()).toBe('year');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('works by keyboard: Tab reaches a unit box with a visible focus, Space ticks it and the URL follows', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.01');
    try {
      const box = page.locator('[data-unit-choice="MH.05"]');
      await box.waitFor({ timeout: LOAD });
      await page.locator('[data-unit-choice="MH.04"]').focus();
      await page.keyboard.press('Tab');
      expect(await evalWithTimeout(page, () => document.activeElement?.getAttribute('data-unit-choice'), null)).toBe('MH.05');
      const outline = await evalWithTimeout(page, () => { const s = getComputedStyle(document.activeElement!); return [s.outlineStyle, s.outlineWidth]; }, null);
      expect(outline[0]).not.toBe('none');
      expect(parseFloat(outline[1])).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('Space');
      await page.waitForURL(/units=MH\.01(%2C|,)MH\.05/);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});

describe('oversight: exports and the printable report', () => {
  it('exports the period table as CSV (BOM, CRLF, counts behind each figure) and the chart as PNG and SVG', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02&metric=online_share&years=2021-2023');
    try {
      await changeValues(page);
      const [csvDl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="ov-change"] [data-export="csv"]').click()]);
      expect(csvDl.suggestedFilename()).toBe('giam-sat-so-sanh-online-share.csv');
      const csv = fs.readFileSync((await csvDl.path())!, 'utf8');
      expect(csv.startsWith('\uFEFFunit_id,unit_name,window,from,to,metric,value,numerator,denominator,')).toBe(true);
      const line = csv.split('\r\n').find((l) => l.startsWith('MH.02,Sở Nội vụ,2021,'))!;
      expect(line).toBe('MH.02,Sở Nội vụ,2021,2021-01-01,2021-12-31,online_share,8.642292,471.8,5459.2,,,,,');
      const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="ov-trend"] [data-export="png"]').click()]);
      const bytes = fs.readFileSync((await png.path())!);
      expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      expect(bytes.length).toBeGreaterThan(5000);
      const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="ov-trend"] [data-export="svg"]').click()]);
      const text = fs.readFileSync((await svg.path())!, 'utf8');
      expect(text.startsWith('<?xml')).toBe(true);
      expect(text).toContain('<svg');
      expect(text).toContain('Nội vụ');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('the report for Sở Nội vụ 2021–2023: whole span as one period, sentences from the figures, prints to PDF', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02&years=2021-2023&report=MH.02');
    try {
      await page.getByTestId('ov-report').waitFor({ timeout: LOAD });
      const total = (m: string) => page.locator(`[data-testid="ov-report-counts"] tr[data-metric-row="${m}"] td[data-window="total"]`).getAttribute('data-value');
      expect(Number(await total('on_time_rate'))).toBeCloseTo((100 * 16676.8) / 16913.6, 6);
      expect(Number(await total('received_count'))).toBeCloseTo(16858.6, 6);
      const sentences = await page.getByTestId('ov-report-sentences').innerText();
      expect(sentences).toContain('Giai đoạn 2021–2023: tiếp nhận mới 16.858,6 hồ sơ; 16.676,8 trên 16.913,6 hồ sơ');
      expect(sentences).toContain('8,64\u00a0% năm 2021; 27,32\u00a0% năm 2022; 40,78\u00a0% năm 2023');
      expect(await page.getByTestId('ov-report').innerText()).toContain('Sở Lao động - Thương binh và Xã hội (60\u00a0%, 01/03/2025)');
      const index = await evalWithTimeout(page, () => [...document.querySelectorAll('[data-testid="ov-report-index"] tr[data-metric-row="index_766_total"] td')].map((td) => td.getAttribute('data-value')), null);
      expect(index).toEqual(['', '52.4', '57.89']);
      const pdf = await printToPdf(page, 'oversight-report-MH.02.pdf');
      const head = fs.readFileSync(pdf).subarray(0, 5).toString('latin1');
      expect(head).toBe('%PDF-');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('reads in English with ?lang=en', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02&metric=online_share&years=2021-2023&lang=en');
    try {
      await changeValues(page);
      expect(await page.locator('h1').innerText()).toBe('Oversight of administrative procedure handling across years');
      expect(await page.locator('tr[data-unit-row="MH.02"][data-window="2021"] .figure').innerText()).toBe('8.64\u00a0%');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('on a phone nothing is wider than the screen (tables scroll in their own focusable region)', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02,MH.X07&years=2021-2026', { viewport: { width: 390, height: 844 } });
    try {
      await changeValues(page);
      await page.getByTestId('ov-rank-table').waitFor({ timeout: LOAD });
      expect(await evalWithTimeout(page, () => document.documentElement.scrollWidth - window.innerWidth, null)).toBeLessThanOrEqual(0);
      expect(await page.locator('.units').getAttribute('open')).toBeNull();
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it.runIf(process.env.CHISO_SCREENSHOTS === '1')('screenshot for docs/', async () => {
    const { page, close } = await openPage('/giam-sat?units=MH.02,MH.X07,MH.13&metric=online_share&years=2021-2026', { viewport: { width: 1366, height: 768 } });
    try {
      await changeValues(page);
      await page.getByTestId('ov-far').waitFor({ timeout: LOAD });
      await page.locator('.units summary').click(); // fold the unit list: the chart and table come up
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/oversight-desktop.png'), fullPage: true, clip: { x: 0, y: 0, width: 1366, height: 1700 } });
    } finally {
      await close();
    }
  });
});
