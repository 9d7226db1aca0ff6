// Issue 2's browser checks: the overview shows exactly the figures of the summary command (same loader,
// same SQL) for the sample and for a package opened with ?data=; a broken package lists its errors and
// leaves the previous data on screen; no console error, no CSP violation, no request to another origin.
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { assertNoProblems, evalWithTimeout, openPage, useBrowser } from './harness';

useBrowser();

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

interface Summary { units: { unit_id: string; level: string; metrics: Record<string, { value: number | null; status: string | null }> }[] }

function summary(source: string, from: string, to: string): Summary {
  return JSON.parse(execFileSync(TSX, [path.join(ROOT, 'src/cli/summary.ts'), source, '--from', from, '--to', to], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }));
}

async function figures(page: Page) {
  await page.locator('[data-testid="overview-table"] [data-metric]').first().waitFor({ timeout: 90_000 });
  return evalWithTimeout(page, () => [...document.querySelectorAll('[data-testid="overview-table"] [data-metric]')].map((el) => ({
    metric: el.getAttribute('data-metric')!, unit: el.getAttribute('data-unit')!, value: el.getAttribute('data-value')!, status: el.getAttribute('data-status'),
  })), null);
}

function expectSame(shown: Awaited<ReturnType<typeof figures>>, doc: Summary, level: string) {
  const units = doc.units.filter((u) => u.level === level);
  expect([...new Set(shown.map((f) => f.unit))].sort()).toEqual(units.map((u) => u.unit_id).sort());
  for (const f of shown) {
    const m = units.find((u) => u.unit_id === f.unit)!.metrics[f.metric];
    expect(f.value === '' ? null : Number(f.value), `${f.unit} ${f.metric}`).toBe(m.value);
    expect(f.status, `${f.unit} ${f.metric} status`).toBe(m.status);
  }
}

beforeAll(() => {
  const dist = inject('distDir');
  for (const name of ['tiny', 'broken']) cpSync(path.join(ROOT, 'test/fixtures/packages', name), path.join(dist, 'test-data', name), { recursive: true });
});

describe('overview', () => {
  it('shows the summary command\'s figures for the embedded sample (October 2026, departments)', async () => {
    const { page, problems, close } = await openPage('/?period=2026-10');
    try {
      const shown = await figures(page);
      expect(shown.length).toBeGreaterThan(40);
      expectSame(shown, summary('data/sample', '2026-10-01', '2026-10-31'), 'agency');
      // Sở Tư pháp: one overdue dossier, no apology slip.
      expect(shown.find((f) => f.unit === 'MH.01' && f.metric === 'overdue_count')?.value).toBe('1');
      expect(shown.find((f) => f.unit === 'MH.01' && f.metric === 'apology_rate')?.status).toBe('missed');
      expect(await page.getByTestId('dataset-title').innerText()).toContain('Tỉnh Minh Họa');
      // the figures come from the snapshot at once; the live chart arrives with ECharts
      await page.locator('canvas').first().waitFor({ state: 'visible', timeout: 30_000 });
      expect(await page.locator('canvas').first().isVisible()).toBe(true);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('shows the same figures as the summary command for a package it has never seen, opened with ?data=', async () => {
    const { page, problems, close } = await openPage('/?data=/test-data/tiny/datapackage.json&period=2026-10');
    try {
      const shown = await figures(page);
      expectSame(shown, summary('test/fixtures/packages/tiny', '2026-10-01', '2026-10-31'), 'agency');
      // Hand-checked: Sở Nội vụ on time 75/85 against its own target 90 %.
      const b = shown.find((f) => f.unit === 'B' && f.metric === 'on_time_rate')!;
      expect(Number(b.value)).toBeCloseTo(88.23529411764706, 10);
      expect(b.status).toBe('missed');
      expect(await page.locator('[data-unit="B"][data-metric="on_time_rate"] .value').textContent()).toBe('88,24\u00a0%');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('refuses a broken package with file, row and column, and keeps the previous data on screen', async () => {
    const { page, problems, close } = await openPage('/?data=/test-data/tiny/datapackage.json&period=2026-10');
    try {
      const before = await figures(page);
      // Navigate inside the app (no reload) to the broken package.
      await evalWithTimeout(page, () => {
        history.pushState({}, '', '/?data=/test-data/broken/datapackage.json&period=2026-10');
        dispatchEvent(new PopStateEvent('popstate'));
      }, null);
      const alert = page.locator('[role="alert"][data-testid="issues-error"]');
      await alert.waitFor({ timeout: 60_000 });
      const text = await alert.innerText();
      expect(text).toContain('Tệp dossier_counts.csv, dòng 5, cột carried_over: số âm (-5) không hợp lệ cho số hồ sơ.');
      expect(text).toContain('Tệp dossier_counts.csv, dòng 2, cột unit_id: mã đơn vị "Z" không có trong bảng units.');
      expect(text).toContain('dossier_counts.csv: đọc 4 dòng, nạp 2, báo lỗi 2');
      expect(await figures(page)).toEqual(before);
      expect(await page.getByTestId('dataset-title').innerText()).toContain('Gói kiểm thử nhỏ');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('switches to English with vi-VN-style figures kept and every label translated', async () => {
    const { page, problems, close } = await openPage('/?data=/test-data/tiny/datapackage.json&period=2026-10&lang=en');
    try {
      await figures(page);
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toContain('Dossier handling scoreboard');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});
