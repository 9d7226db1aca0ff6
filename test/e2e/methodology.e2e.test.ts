// Issue 5, methodology page: generated from the metric registry (every metric, its formula in words and
// as counts, direction, targets with their source documents, certainty, basis), with the open dataset's
// files; a figure's provenance links to its metric's entry.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COUNT_METRICS, INDEX_METRICS } from '../../src/metrics/registry';
import { assertNoProblems, evalWithTimeout, openPage, useBrowser } from './harness';

useBrowser();
const LOAD = 90_000;

describe('methodology', () => {
  it('lists every metric of the registry with its formula, counts, direction and certainty', async () => {
    const { page, problems, close } = await openPage('/phuong-phap');
    try {
      await page.locator('[data-metric-def="on_time_rate"]').waitFor({ timeout: LOAD });
      const shown = await evalWithTimeout(page, () => [...document.querySelectorAll('[data-metric-def]')].map((a) => ({
        id: a.getAttribute('data-metric-def'),
        anchor: a.id,
        formula: a.querySelector('[data-role="formula"]')?.textContent?.trim(),
        numerator: a.querySelector('[data-role="numerator"]')?.textContent ?? null,
        denominator: a.querySelector('[data-role="denominator"]')?.textContent ?? null,
        direction: a.querySelector('[data-role="direction"]')?.textContent?.trim(),
        certainty: a.querySelector('[data-role="certainty"]')?.textContent?.trim(),
      })), null);
      const all = [...COUNT_METRICS, ...INDEX_METRICS];
      expect(shown.map((s) => s.id)).toEqual(all.map((m) => m.id));
      const words = { verified: 'đã kiểm chứng', partly: 'kiểm chứng một phần', unverified: 'chưa kiểm chứng' };
      for (const m of all) {
        const s = shown.find((x) => x.id === m.id)!;
        expect(s.anchor).toBe(`m-${m.id}`);
        expect(s.formula).toBe(m.formula.vi);
        expect(s.direction).toBe(m.direction === 'higher' ? 'càng cao càng tốt' : 'càng thấp càng tốt');
        expect(s.certainty).toBe(words[m.certainty]);
        if (m.kind === 'counts') {
          expect(s.numerator).toBe(m.numerator);
          expect(s.denominator).toBe(m.denominator ?? null);
        }
      }
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('shows the dataset\'s targets with their source documents, and the files read', async () => {
    const { page, problems, close } = await openPage('/phuong-phap');
    try {
      const targets = page.locator('#m-online_share [data-role="targets"]');
      await targets.locator('li').nth(2).waitFor({ timeout: LOAD });
      const lines = await targets.locator('li').allTextContents();
      expect(lines.map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
        '≥ 30 %, áp dụng mọi đơn vị từ 01/01/2021 đến 31/12/2022 — Kế hoạch CCHC tỉnh giai đoạn 2021–2022 (mô phỏng)',
        '≥ 50 %, áp dụng mọi đơn vị từ 01/01/2023 — NQ 76/NQ-CP; QĐ 766/QĐ-TTg',
        '≥ 30 %, áp dụng Thanh tra tỉnh từ 01/01/2023 — Kế hoạch CCHC tỉnh: chỉ tiêu riêng Thanh tra tỉnh (mô phỏng)',
      ]);
      expect((await page.locator('#m-overdue_count [data-role="targets"]').textContent())!.replace(/\s+/g, ' ').trim())
        .toBe('≤ 0, áp dụng mọi đơn vị từ 01/01/2026 đến 31/12/2026 — Kế hoạch CCHC tỉnh năm 2026: không để hồ sơ trễ hạn (mô phỏng)');
      const files = await page.getByTestId('mt-files').innerText();
      expect(files).toContain('dossier_counts.csv (dossier_counts): 11.324 dòng đọc, 11.324 dòng nạp, 0 dòng báo lỗi');
      expect(await page.getByTestId('mt-dataset-title').innerText()).toContain('Dữ liệu mẫu – Tỉnh Minh Họa');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('a figure\'s provenance links to its metric\'s entry, which comes into view', async () => {
    const { page, problems, close } = await openPage('/giam-sat?units=MH.02&metric=online_share&years=2022');
    try {
      const cell = page.locator('[data-testid="ov-change-table"] tr[data-unit-row="MH.02"]').first();
      await cell.waitFor({ timeout: LOAD });
      await cell.locator('details.provenance summary').click();
      await cell.locator('details.provenance .method a').click();
      await page.waitForURL(/\/phuong-phap.*#m-online_share$/);
      const entry = page.locator('#m-online_share');
      await entry.waitFor({ timeout: LOAD });
      expect(await entry.isVisible()).toBe(true);
      const inView = await evalWithTimeout(page, () => { const r = document.getElementById('m-online_share')!.getBoundingClientRect(); return r.top >= -2 && r.top < window.innerHeight; }, null);
      expect(inView).toBe(true);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('reads in English', async () => {
    const { page, problems, close } = await openPage('/phuong-phap?lang=en');
    try {
      await page.locator('#m-on_time_rate').waitFor({ timeout: LOAD });
      expect(await page.locator('h1').innerText()).toBe('Methodology and data sources');
      expect(await page.locator('#m-on_time_rate [data-role="formula"]').innerText()).toBe(COUNT_METRICS[0].formula.en);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('the standings page /chi-so: the province’s PAR INDEX rank against its target, another province from the picker, the link to the method', async () => {
    // expected from the sample's own CSV (the build embeds data/sample)
    const csv = readFileSync(path.resolve(__dirname, '../../data/sample/index_scores.csv'), 'utf8').split(/\r?\n/).map((l) => l.split(','));
    const head = csv[0];
    const par = csv.find((r) => r[0] === 'PAR' && r[1] === 'TOTAL' && r[3] === '2025' && r[head.indexOf('unit_id')] === 'MH')!;
    const rank = Number(par[head.indexOf('rank')]);
    const { page, problems, close } = await openPage('/chi-so');
    try {
      const row = page.locator('[data-testid="indices-overview"] tr[data-index="PAR"]');
      await row.waitFor({ timeout: LOAD });
      expect(await page.locator('h1').innerText()).toBe('Các chỉ số công bố: Tỉnh Minh Họa');
      expect(await row.locator('[data-role="rank"]').innerText()).toBe(`${rank}/12`);
      expect(await row.locator('[data-role="target"]').innerText()).toBe(`trong nhóm 5 dẫn đầu (${rank <= 5 ? 'đạt' : 'chưa đạt'})`);
      expect(await page.locator('[data-index-card]').evaluateAll((els) => els.map((e) => e.getAttribute('data-index-card')))).toEqual(['PCI', 'PAPI', 'SIPAS', 'PAR', '766']);
      await page.selectOption('[data-testid="indices-unit"]', 'VD');
      await page.waitForURL(/[?&]unit=VD/);
      await page.locator('h1', { hasText: 'Tỉnh Ví Dụ' }).waitFor({ timeout: LOAD });
      await page.locator('[data-index-card="PAR"] a', { hasText: 'Cách tính' }).click();
      await page.waitForURL(/\/phuong-phap.*#m-par_total$/);
      await page.locator('#m-par_total [data-role="in-dataset"]').waitFor({ timeout: LOAD });
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});
