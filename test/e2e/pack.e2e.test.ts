// A packed package (npm run pack) opened in the browser loads only its part: the common file and the
// partitions of the period shown and the year before; a period picked outside them attaches its year
// then. The figures on screen equal `npm run summary` on the same pack (Node, every partition attached).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertNoProblems, openPage, useBrowser } from './harness';

useBrowser();

const dist = process.env.CHISO_E2E_DIST ?? path.resolve('dist');
const rows = path.join(dist, 'e2e-pack-parts-rows');
const pack = path.join(dist, 'e2e-pack-parts');

interface Summary { units: { unit_id: string; level: string; metrics: Record<string, { value: number | null }> }[] }
const summary = (from: string, to: string): Summary => JSON.parse(execFileSync('npx', ['tsx', 'src/cli/summary.ts', pack, '--from', from, '--to', to], { encoding: 'utf8', maxBuffer: 64 << 20 }));

beforeAll(() => {
  if (!fs.existsSync(path.join(pack, 'datapackage.json'))) {
    execFileSync('npx', ['tsx', 'src/cli/generate-dossiers.ts', '--rows', '20000', '--out', rows, '--format', 'parquet'], { stdio: 'ignore' });
    execFileSync('npx', ['tsx', 'src/cli/pack.ts', rows, '--out', pack], { stdio: 'ignore' });
  }
}, 180_000);

/** The pack's .duckdb files the page fetched so far (Resource Timing). */
const fetchedFiles = (page: Page) => page.evaluate(() => performance.getEntriesByType('resource')
  .map((e) => e.name).filter((n) => n.endsWith('.duckdb')).map((n) => n.slice(n.lastIndexOf('/') + 1)).sort());

/** Every agency's on-time rate on screen equals the summary's for the period. */
async function expectFigures(page: Page, expected: Summary) {
  const units = expected.units.filter((u) => u.level === 'agency' && u.metrics.on_time_rate?.value != null);
  expect(units.length).toBeGreaterThan(5);
  for (const u of units) {
    const cell = page.locator(`[data-metric="on_time_rate"][data-unit="${u.unit_id}"]`).first();
    // polled: after a period change the previous period's cells stay until the new figures replace them
    await expect.poll(async () => Math.round(Number(await cell.getAttribute('data-value', { timeout: 60_000 })) * 1e9), { timeout: 60_000, message: u.unit_id })
      .toBe(Math.round(u.metrics.on_time_rate.value! * 1e9));
  }
}

describe('packed package, partitions on demand', () => {
  it('fetches only the partitions of the period and the year before; a period outside them attaches its year', async () => {
    const descriptor = JSON.parse(fs.readFileSync(path.join(pack, 'datapackage.json'), 'utf8')) as { pack: { partitions: { path: string; year: number }[] } };
    expect(descriptor.pack.partitions.map((p) => p.path)).toEqual(['MH-2024.duckdb', 'MH-2025.duckdb', 'MH-2026.duckdb']);
    const october = summary('2026-10-01', '2026-10-31');
    const may2024 = summary('2024-05-01', '2024-05-31');

    // no period in the URL: the data's last month (October 2026) and the year before
    const { page, problems, close } = await openPage('/?data=/e2e-pack-parts/datapackage.json', { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => performance.getEntriesByName('chiso:data-ready').length > 0, undefined, { timeout: 90_000 });
      await expectFigures(page, october);
      expect(await fetchedFiles(page)).toEqual(['MH-2025.duckdb', 'MH-2026.duckdb', 'common.duckdb']);

      // May 2024 from the header's period picker: 2024's partition is fetched now, the figures follow
      await page.locator('[data-testid="period-value"]').selectOption('2024-05');
      await page.waitForURL(/period=2024-05/);
      await expect.poll(() => fetchedFiles(page), { timeout: 60_000 }).toEqual(['MH-2024.duckdb', 'MH-2025.duckdb', 'MH-2026.duckdb', 'common.duckdb']);
      await expectFigures(page, may2024);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  }, 240_000);

  it('?years= names the partitions to attach', async () => {
    const { page, problems, close } = await openPage('/?data=/e2e-pack-parts/datapackage.json&years=2026&period=2026-10', { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => performance.getEntriesByName('chiso:data-ready').length > 0, undefined, { timeout: 90_000 });
      await expectFigures(page, summary('2026-10-01', '2026-10-31'));
      expect(await fetchedFiles(page)).toEqual(['MH-2026.duckdb', 'common.duckdb']);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  }, 240_000);
});
