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
import { loadDataset } from '../../src/load';
import { evaluate } from '../../src/metrics/evaluate';

useBrowser();

const dist = process.env.CHISO_E2E_DIST ?? path.resolve('dist');
const dir = path.join(dist, 'e2e-dossiers');

beforeAll(() => {
  if (!fs.existsSync(path.join(dir, 'datapackage.json'))) {
    execFileSync('npx', ['tsx', 'src/cli/generate-dossiers.ts', '--rows', '20000', '--out', dir, '--format', 'parquet'], { stdio: 'ignore' });
  }
}, 120_000);

type RawDossier = { unit_id: string; channel: number | null; r: number; due: boolean; status: number | null };
/** the raw rows the channel test counts by hand (read once, in the first test) */
let raw: RawDossier[] | null = null;
/** October 2026 as the Node derivation gives it (the first case), for the packed package's case */
let october: Awaited<ReturnType<typeof evaluate>> | null = null;
const rawDossiers = (db: import('../../src/db/types').Db) => db.query<RawDossier>(
  'SELECT unit_id, channel, epoch_ms(received_at) AS r, due_at IS NOT NULL AS due, status FROM dossiers WHERE received_at IS NOT NULL');

describe('dossier-level data', () => {
  it('loads Parquet dossiers and shows the 766 figures DuckDB derives in Node', async () => {
    const db = await openNodeDb();
    const ds = await loadPackage(folderSource(dir));
    await loadDataset(db, ds, { parquet: nodeParquetDecoder });
    const expected = await evaluate(db, { from: '2026-10-01', to: '2026-10-31', levels: ['agency'] });
    october = expected;
    raw = await rawDossiers(db);
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

  it('the same package packed (npm run pack) opens in one step by ATTACH and shows the same figure', async () => {
    const packDir = path.join(dist, 'e2e-pack');
    if (!fs.existsSync(path.join(packDir, 'datapackage.json'))) {
      execFileSync('npx', ['tsx', 'src/cli/pack.ts', dir, '--out', packDir], { stdio: 'ignore' });
    }
    // the figures the first case derived in Node from the unpacked rows
    let expected = october;
    if (!expected) {
      const db = await openNodeDb();
      await loadDataset(db, await loadPackage(folderSource(dir)), { parquet: nodeParquetDecoder });
      expected = await evaluate(db, { from: '2026-10-01', to: '2026-10-31', levels: ['agency'] });
      await db.close();
    }
    const { page, problems, close } = await openPage('/?data=/e2e-pack/datapackage.json&period=2026-10', { waitUntil: 'commit' });
    try {
      await page.waitForFunction(() => performance.getEntriesByName('chiso:data-ready').length > 0, undefined, { timeout: 90_000 });
      const unit = expected.units.find((u) => u.metrics.on_time_rate.value != null)!;
      const cell = page.locator(`[data-metric="on_time_rate"][data-unit="${unit.unit_id}"]`).first();
      await cell.waitFor({ timeout: 60_000 });
      expect(Number(await cell.getAttribute('data-value'))).toBeCloseTo(unit.metrics.on_time_rate.value!, 9);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  }, 180_000);

  it('filters by channel from the header: the choice round-trips through the URL and the figures move by the hand-computed amount', async () => {
    // hand count from the raw rows (no app SQL): dossiers received in October 2026 (UTC days, as the
    // portal's counts), with a deadline and not refused (status 1), per unit: all, and online (channel 2)
    if (!raw) {
      const db = await openNodeDb();
      await loadDataset(db, await loadPackage(folderSource(dir)), { parquet: nodeParquetDecoder });
      raw = await rawDossiers(db);
      await db.close();
    }
    const from = Date.UTC(2026, 9, 1);
    const to = Date.UTC(2026, 10, 1);
    const counts = new Map<string, { all: number; online: number }>();
    for (const d of raw!) {
      const r = Number(d.r);
      if (r < from || r >= to || !d.due || d.status === 1) continue;
      const c = counts.get(d.unit_id) ?? { all: 0, online: 0 };
      c.all += 1;
      if (d.channel === 2) c.online += 1;
      counts.set(d.unit_id, c);
    }
    const [unitId, hand] = [...counts.entries()].sort((a, b) => b[1].all - a[1].all)[0];
    expect(hand.online).toBeGreaterThan(0);
    expect(hand.online).toBeLessThan(hand.all);

    const { page, problems, close } = await openPage('/?data=/e2e-dossiers/datapackage.json&period=2026-10', { waitUntil: 'commit' });
    try {
      await waitForDbReady(page);
      const online = page.locator(`[data-testid="overview-table"] [data-metric="online_share"][data-unit="${unitId}"]`);
      const figure = async () => ({ value: Number(await online.getAttribute('data-value')), counts: await online.getAttribute('title') });
      await online.waitFor({ timeout: 90_000 });
      await expect.poll(figure, { timeout: 60_000 }).toEqual({ value: (100 * hand.online) / hand.all, counts: `${hand.online} / ${hand.all}` });
      const filter = page.getByTestId('channel-filter');
      await filter.waitFor({ timeout: 60_000 });
      // online only: every dossier counted is an online one
      await filter.locator('[data-channel="1"]').uncheck();
      await filter.locator('[data-channel="3"]').uncheck();
      await expect.poll(() => new URL(page.url()).searchParams.get('channel'), { timeout: 30_000 }).toBe('2');
      await expect.poll(figure, { timeout: 60_000 }).toEqual({ value: 100, counts: `${hand.online} / ${hand.online}` });
      // the URL is the state: a link with ?channel=1,3 (opened in the app, without reloading the data)
      // sets the header's boxes and the figures: in person and postal, no online dossier left
      await page.evaluate(() => {
        const u = new URL(location.href);
        u.searchParams.set('channel', '1,3');
        history.pushState({}, '', u.href);
        dispatchEvent(new PopStateEvent('popstate'));
      });
      await expect.poll(() => filter.locator('[data-channel="2"]').isChecked(), { timeout: 30_000 }).toBe(false);
      expect(await filter.locator('[data-channel="1"]').isChecked()).toBe(true);
      expect(await filter.locator('[data-channel="3"]').isChecked()).toBe(true);
      await expect.poll(figure, { timeout: 60_000 }).toEqual({ value: 0, counts: `0 / ${hand.all - hand.online}` });
      // every channel again: the parameter leaves the URL, the figures are the unfiltered ones
      await filter.locator('[data-channel="2"]').check();
      await expect.poll(() => new URL(page.url()).searchParams.get('channel'), { timeout: 30_000 }).toBeNull();
      await expect.poll(figure, { timeout: 60_000 }).toEqual({ value: (100 * hand.online) / hand.all, counts: `${hand.online} / ${hand.all}` });
      assertNoProblems(problems);
    } finally {
      await close();
    }
  }, 240_000);
});
