// Figures of many periods (sparklines, previous period, year before) on the embedded sample, against
// numbers worked out by hand from data/sample/*.csv (a throw-away script summing the rows; stocks at the
// edges of each unit-and-field series).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { loadSource } from '../../src/cli/loadSource';
import { lastPeriods, parsePeriod, yearAgo } from '../../src/metrics/periods';
import { evaluateSeries } from '../../src/metrics/series';

const SAMPLE = resolve(__dirname, '../../data/sample');
let db: Db;

beforeAll(async () => {
  if (!existsSync(`${SAMPLE}/datapackage.json`)) throw new Error('data/sample is missing: run `npm run data:sample`');
  db = await openNodeDb();
  await loadSource(db, SAMPLE);
});
afterAll(async () => {
  await db?.close();
});

const oct = parsePeriod('2026-10')!;

describe('evaluateSeries on months (one bucketed query)', () => {
  it('gives 12 months ending October 2026 for every department, with counts and targets per month', async () => {
    const s = await evaluateSeries(db, { periods: lastPeriods(oct, 12), levels: ['agency'], metrics: ['on_time_rate', 'apology_rate', 'overdue_count', 'index_766_total'] });
    expect(s.periods.map((p) => p.key)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(Object.keys(s.units)).toHaveLength(14);
    const noiVu = s.units['MH.02'];
    // Sở Nội vụ: on time 855/865 (11/2025), 773/785 (05/2026), 790/802 (09/2026), 765/775 (10/2026)
    expect(noiVu.on_time_rate[0]).toMatchObject({ numerator: 855, denominator: 865, target: 95, status: 'met' });
    expect(noiVu.on_time_rate[6]).toMatchObject({ numerator: 773, denominator: 785 });
    expect(noiVu.on_time_rate[10]).toMatchObject({ numerator: 790, denominator: 802 });
    expect(noiVu.on_time_rate[11].value).toBeCloseTo((100 * 765) / 775, 10);
    // overdue dossiers 10 (11/2025, no 2025 target), 12 (09/2026, target ≤ 0 from 2026), 10 (10/2026)
    expect(noiVu.overdue_count[0]).toMatchObject({ value: 10, target: null, status: null });
    expect(noiVu.overdue_count[10]).toMatchObject({ value: 12, target: 0, comparator: '<=', status: 'missed' });
    expect(noiVu.apology_rate[11]).toMatchObject({ numerator: 8, denominator: 10, status: 'missed' });
    // Sở Xây dựng has its own 90 % on-time target in 2026 only: 2.477/2.631 = 94,15 % missed 95 % in 11/2025,
    // 2.460/2.611 = 94,22 % meets 90 % in 10/2026.
    expect(s.units['MH.04'].on_time_rate[0]).toMatchObject({ numerator: 2477, denominator: 2631, target: 95, status: 'missed' });
    expect(s.units['MH.04'].on_time_rate[11]).toMatchObject({ numerator: 2460, denominator: 2611, target: 90, status: 'met' });
    // 766 total, monthly from 2026 only: Sở KH và CN 72,80 (09/2026) and 72,09 (10/2026) against ≥ 80.
    const kh = s.units['MH.10'].index_766_total;
    expect(kh[0].value).toBeNull();
    expect(kh[10]).toMatchObject({ value: 72.8, target: 80, status: 'missed', max_score: 100 });
    expect(kh[11].value).toBe(72.09);
  });

  it('keeps the summed count columns per month', async () => {
    const s = await evaluateSeries(db, { periods: lastPeriods(oct, 2), unitIds: ['MH.02'], metrics: ['overdue_count'] });
    expect(s.sums['MH.02'][1]).toMatchObject({ resolved_overdue: 6, pending_overdue: 4, apologies_issued: 8 });
    expect(s.sums['MH.02'][0]).toMatchObject({ resolved_overdue: 12, pending_overdue: 0, apologies_issued: 10 });
  });
});

describe('evaluateSeries on quarters, lone and scattered periods', () => {
  it('quarters take carried-over dossiers from the first month and pending ones from the last', async () => {
    const q3 = parsePeriod('2026-Q3')!;
    const s = await evaluateSeries(db, { periods: lastPeriods(q3, 2), unitIds: ['MH.02', 'MH.08'], metrics: ['on_time_rate', 'apology_rate'] });
    // Q2 2026: 2.056/2.090 (Nội vụ), 3.722/3.863 (NN và MT); Q3 2026: 2.026/2.054 and 3.680/3.833
    expect(s.units['MH.02'].on_time_rate.map((f) => [f.numerator, f.denominator])).toEqual([[2056, 2090], [2026, 2054]]);
    expect(s.units['MH.08'].on_time_rate.map((f) => [f.numerator, f.denominator])).toEqual([[3722, 3863], [3680, 3833]]);
    expect(s.units['MH.02'].apology_rate[1]).toMatchObject({ numerator: 25, denominator: 28 });
    // the bucketed read of two quarters and the read of Q3 alone agree
    const alone = await evaluateSeries(db, { periods: [q3], unitIds: ['MH.02', 'MH.08'], metrics: ['on_time_rate', 'apology_rate'] });
    expect(alone.units['MH.08'].on_time_rate[0]).toEqual(s.units['MH.08'].on_time_rate[1]);
    expect(alone.sums['MH.02'][0]).toEqual(s.sums['MH.02'][1]);
  });

  it('a lone period (the year before) and periods that are not consecutive', async () => {
    const ago = yearAgo(oct);
    expect(ago.key).toBe('2025-10');
    const s = await evaluateSeries(db, { periods: [ago, oct], levels: ['agency'], metrics: ['on_time_rate', 'online_share'] });
    // October 2025: Nội vụ 751/762 on time, 367/663 online; Thanh tra 83/87 on time, 40/75 online (own target 30 %)
    expect(s.units['MH.02'].on_time_rate[0]).toMatchObject({ numerator: 751, denominator: 762 });
    expect(s.units['MH.02'].online_share[0]).toMatchObject({ numerator: 367, denominator: 663, target: 50, status: 'met' });
    expect(s.units['MH.13'].online_share[0]).toMatchObject({ numerator: 40, denominator: 75, target: 30, status: 'met' });
    expect(s.units['MH.13'].on_time_rate[1]).toMatchObject({ numerator: 80, denominator: 85, status: 'missed' });
  });

  it('year figures of the 766 index for a year period', async () => {
    const s = await evaluateSeries(db, { periods: [parsePeriod('2025')!], unitIds: ['MH.10', 'MH.13'], metrics: ['index_766_total'] });
    expect(s.units['MH.10'].index_766_total[0]).toMatchObject({ value: 66.35, rank_of: 20 });
    expect(s.units['MH.13'].index_766_total[0]).toMatchObject({ value: 64.2, status: 'missed' });
  });
});
