// Rankings with rank changes and the spread across units: pure rules on small hand-made lists, then
// the sample against figures worked out by hand from data/sample/*.csv (throw-away script).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { loadSource } from '../../src/cli/loadSource';
import { loadUnits } from '../../src/metrics/evaluate';
import { yearWindow, yearWindows } from '../../src/metrics/oversight';
import { competitionRank, rankingsOverYears } from '../../src/metrics/rankings';
import { quantile, spreadFor, spreadOf } from '../../src/metrics/spread';

const SAMPLE = resolve(__dirname, '../../data/sample');
const SPAN = { from: '2021-01-01', to: '2026-10-31' };
let db: Db;
let agencies: string[];

beforeAll(async () => {
  if (!existsSync(`${SAMPLE}/datapackage.json`)) throw new Error('data/sample is missing: run `npm run data:sample`');
  db = await openNodeDb();
  await loadSource(db, SAMPLE);
  agencies = (await loadUnits(db)).filter((u) => u.level === 'agency').map((u) => u.unit_id);
});
afterAll(async () => {
  await db?.close();
});

describe('competition ranking', () => {
  it('shares a rank between equal values and skips the next (1, 2, 2, 4); units without a value are not ranked', () => {
    const r = competitionRank([{ id: 'a', value: 80 }, { id: 'b', value: 90 }, { id: 'c', value: 80 }, { id: 'd', value: 70 }, { id: 'e', value: null }], 'higher');
    expect([...r.entries()]).toEqual([['b', 1], ['a', 2], ['c', 2], ['d', 4]]);
    const low = competitionRank([{ id: 'a', value: 3 }, { id: 'b', value: 1 }], 'lower');
    expect(low.get('b')).toBe(1);
  });
});

describe('spread', () => {
  it('quartiles by linear interpolation (QUARTILE.INC) and Tukey fences', () => {
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    // values 10, 11, 12, 13, 30: Q1 11, Q3 13, IQR 2, fences 8 and 16 → 30 is far above
    const s = spreadOf(['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ id, value: [10, 11, 12, 13, 30][i] })), 'lower')!;
    expect(s).toMatchObject({ n: 5, q1: 11, median: 12, q3: 13, iqr: 2, lowFence: 8, highFence: 16 });
    expect(s.outliers).toEqual([{ id: 'e', value: 30, side: 'high', worse: true }]);
    // with three units nobody is called far from the rest
    expect(spreadOf([{ id: 'a', value: 1 }, { id: 'b', value: 2 }, { id: 'c', value: 100 }], 'higher')!.outliers).toEqual([]);
    expect(spreadOf([{ id: 'a', value: null }], 'higher')).toBeNull();
  });

  it('on-time rate of departments in 2023: Thanh tra, Xây dựng and TN và MT are far below the rest', async () => {
    const s = await spreadFor(db, { metricId: 'on_time_rate', window: yearWindow(2023, 'year', SPAN), unitIds: agencies });
    expect(s.stats!.n).toBe(18);
    expect(s.stats!.q1).toBeCloseTo(97.54515496600342, 9);
    expect(s.stats!.median).toBeCloseTo(98.74113117946918, 9);
    expect(s.stats!.q3).toBeCloseTo(99.12075982203096, 9);
    expect(s.stats!.outliers.map((o) => [o.id, o.side, o.worse])).toEqual([['MH.13', 'low', true], ['MH.04', 'low', true], ['MH.18', 'low', true]]);
    expect(s.stats!.outliers[0].value).toBeCloseTo(93.8426, 4);
  });
});

describe('rankings over years', () => {
  it('766 total: published ranks, and the change from the year before; a unit created in 2025 enters without a change', async () => {
    const r = await rankingsOverYears(db, { metricId: 'index_766_total', unitIds: agencies, windows: yearWindows([2023, 2024, 2025], 'year', SPAN) });
    const row = (u: string) => r.rows.find((x) => x.unit_id === u)!.cells;
    expect(row('MH.01').map((c) => [c.rank, c.rank_of, c.rank_source, c.change])).toEqual([[1, 18, 'published', null], [1, 18, 'published', 0], [1, 20, 'published', 0]]);
    // Sở Nội vụ: 16th of 18, then 18th (down 2), then 15th of 20 (up 3)
    expect(row('MH.02').map((c) => [c.rank, c.change])).toEqual([[16, null], [18, -2], [15, 3]]);
    expect(row('MH.08').map((c) => [c.score, c.rank, c.change, c.entered])).toEqual([[null, null, null, false], [null, null, null, false], [69.74, 14, null, true]]);
    expect(r.rows[0].unit_id).toBe('MH.01');
  });

  it('766 group TDGQ: no published rank, so ranks are computed from the scores of the units shown', async () => {
    const r = await rankingsOverYears(db, { metricId: 'index_766_TDGQ', unitIds: agencies, windows: yearWindows([2023, 2024, 2025], 'year', SPAN) });
    const row = (u: string) => r.rows.find((x) => x.unit_id === u)!.cells;
    expect(row('MH.01').map((c) => [c.score, c.rank, c.rank_of, c.rank_source])).toEqual([[19.86, 3, 18, 'computed'], [19.88, 3, 18, 'computed'], [19.9, 3, 20, 'computed']]);
    expect(row('MH.02').map((c) => [c.rank, c.change])).toEqual([[8, null], [6, 2], [7, -1]]);
    expect(row('MH.16').map((c) => c.rank)).toEqual([12, 13, 15]);
  });

  it('refuses a count metric', async () => {
    await expect(rankingsOverYears(db, { metricId: 'on_time_rate', unitIds: agencies, windows: [] })).rejects.toThrow(/index metric/);
  });
});
