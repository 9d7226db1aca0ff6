// The scoreboard page model: the headline figures (the province's own 766 score), the three
// department-against-target charts (overdue rate judged against 100 − the on-time target), the 766
// day-over-day change from two real daily captures of the portal (../shared/real/crawler-766: the
// agencies' detail files of 02/10 and 10/10/2026, whose totalScore we read straight from the JSON), and
// the freshness rules (open period, captured early, late against the publisher's cadence).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { loadSource } from '../../src/cli/loadSource';
import { parsePeriod } from '../../src/metrics/periods';
import { queryScoreboard } from '../../src/metrics/scoreboardQuery';
import { buildScoreboardPage, overdueRateFigure } from '../../src/pages/scoreboard/model';
import { headlineQuery, pickCaptures } from '../../src/pages/scoreboard/headlineQuery';
import { chartHeight, targetChartOption } from '../../src/pages/scoreboard/charts';
import { freshness, isLate, isSamplePackage } from '../../src/metrics/freshness';
import { channelsParam, parseChannels } from '../../src/metrics/channels';

const SAMPLE = path.resolve(__dirname, '../../data/sample');
const REAL = path.resolve(__dirname, '../../../shared/real/crawler-766/data/gia_lai');
const CAPTURES = ['agencies_detail_GiaLai_01102026.json', 'agencies_detail_GiaLai_10102026.json'];

describe('scoreboard page model, sample, October 2026', () => {
  let db: Db;
  beforeAll(async () => {
    if (!existsSync(`${SAMPLE}/datapackage.json`)) throw new Error('data/sample is missing: run `npm run data:sample`');
    db = await openNodeDb();
    await loadSource(db, SAMPLE);
  });
  afterAll(async () => { await db?.close(); });

  it('builds the headline, the matrix order and the three charts', async () => {
    const period = parsePeriod('2026-10')!;
    const input = await queryScoreboard(db, { period, levels: ['agency'] });
    const extra = await headlineQuery({ period, level: 'agency' }).run(db);
    const page = buildScoreboardPage(input, extra);
    const h = Object.fromEntries(page.headline.map((x) => [x.id, x]));
    // 10.345/10.693 on time overall (09/2026: 10.784/11.088)
    expect(h.on_time_rate.figure.value).toBeCloseTo((100 * 10345) / 10693, 9);
    expect(h.on_time_rate.delta).toBeCloseTo((100 * 10345) / 10693 - (100 * 10784) / 11088, 9);
    expect(h.overdue_count.figure).toMatchObject({ value: 348, status: 'missed' });
    // the 766 total is the province's own score (78,23 against ≥ 80), not a sum of departments
    expect(h.index_766_total).toMatchObject({ fromUnit: 'MH', figure: { value: 78.23, status: 'missed', target: 80 } });
    expect(page.captures).toBeNull(); // one capture per period in the sample
    expect(page.rows[0].unit.unit_id).toBe('MH.08');
    expect(page.charts.map((c) => c.id)).toEqual(['overdue_rate', 'online_share', 'citizen_satisfaction']);
    for (const c of page.charts) expect(c.points.map((p) => p.unitId)).toEqual(page.rows.map((r) => r.unit.unit_id));
    // Sở Xây dựng: on-time target 90 % → overdue rate ≤ 10 %, met (151 of 2.611 = 5,78 %)
    const xd = page.charts[0].points.find((p) => p.unitId === 'MH.04')!;
    expect(xd).toMatchObject({ target: 10, comparator: '<=', status: 'met' });
    expect(xd.value).toBeCloseTo((100 * 151) / 2611, 9);
    // the chart options: one dot per unit with a figure, one target tick per unit with a target, no HTML from names
    const opt = targetChartOption(page.charts[0], { lang: 'vi', target: 'Chỉ tiêu', met: 'Đạt', missed: 'Chưa đạt', noTarget: '–' });
    const series = opt.series as { data: unknown[] }[];
    expect(series[1].data).toHaveLength(14);
    expect(series[2].data).toHaveLength(14);
    expect(chartHeight(page.charts[0])).toBe(28 + 14 * 26 + 24);
  });

  it('derives the overdue-rate target from the on-time target only when it has none', () => {
    const f = (v: number | null, t: number | null, s: 'met' | 'missed' | null) => ({ value: v, numerator: null, denominator: null, target: t, comparator: t == null ? null : '>=' as const, status: s });
    expect(overdueRateFigure({ overdue_rate: f(6, null, null), on_time_rate: f(94, 95, 'missed') })).toMatchObject({ target: 5, comparator: '<=', status: 'missed' });
    expect(overdueRateFigure({ overdue_rate: f(6, null, null), on_time_rate: f(94, null, null) })).toMatchObject({ target: null, status: null });
  });
});

describe.skipIf(!existsSync(path.join(REAL, CAPTURES[0])))('766 day-over-day, two real captures of Gia Lai (02/10 and 10/10/2026)', () => {
  let db: Db;
  beforeAll(async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chiso-captures-'));
    for (const f of CAPTURES) copyFileSync(path.join(REAL, f), path.join(dir, f));
    db = await openNodeDb();
    await loadSource(db, dir);
  }, 120_000);
  afterAll(async () => { await db?.close(); });

  it('gives every agency its score and rank change since the previous capture, as the files say', async () => {
    const period = parsePeriod('ytd:2026-10-10')!;
    const input = await queryScoreboard(db, { period, levels: ['agency'] });
    const extra = await headlineQuery({ period, level: 'agency' }).run(db);
    const page = buildScoreboardPage(input, extra);
    expect(page.captures).not.toBeNull();
    expect(page.captures!.latest).toBe('2026-10-10');
    // the earlier file is dated 01/10 by its name; its figures are as of 02/10 (the portal's own as-of)
    expect(page.captures!.previous < '2026-10-10').toBe(true);
    const read = (f: string) => new Map<string, number>((JSON.parse(readFileSync(path.join(REAL, f), 'utf8')).agenciesDetail as { departmentCode: string; totalScore: number }[])
      .map((a) => [a.departmentCode, a.totalScore]));
    const [before, now] = CAPTURES.map(read);
    expect(page.captures!.units).toHaveLength(now.size);
    for (const u of page.captures!.units) {
      expect(u.score, u.unitId).toBe(now.get(u.unitId));
      expect(u.previousScore, u.unitId).toBe(before.get(u.unitId));
      expect(u.scoreDelta!).toBeCloseTo(now.get(u.unitId)! - before.get(u.unitId)!, 9);
    }
    // ranks follow the scores: the best score of 10/10 is rank 1, and a rank change is previous − now
    const best = [...now.entries()].sort((a, b) => b[1] - a[1])[0][0];
    expect(page.captures!.units.find((u) => u.unitId === best)!.rank).toBe(1);
    for (const u of page.captures!.units) if (u.rank != null && u.previousRank != null) expect(u.rankChange).toBe(u.previousRank - u.rank);
  });
});

describe('freshness and channels', () => {
  it('marks an open period provisional, an early capture too, and a dataset behind its cadence', () => {
    const oct = parsePeriod('2026-10')!;
    expect(freshness(oct, { dataTo: '2026-10-31', today: '2026-12-01' })).toMatchObject({ provisional: false, reason: null, late: null });
    expect(freshness(oct, { dataTo: '2026-10-20', today: '2026-12-01' })).toMatchObject({ provisional: true, reason: 'open' });
    expect(freshness(oct, { dataTo: '2026-10-31', today: '2026-10-25' })).toMatchObject({ provisional: true, reason: 'open' });
    // a quarter whose 766 figures were taken in its second month
    expect(freshness(parsePeriod('2026-Q3')!, { dataTo: '2026-10-31', today: '2026-12-01', indexAsOf: ['2026-08-31'] })).toMatchObject({ provisional: true, reason: 'captured-early' });
    // two figures captured on different days
    expect(freshness(oct, { dataTo: '2026-10-31', today: '2026-12-01', indexAsOf: ['2026-10-31', '2026-10-30'] }).captures).toEqual(['2026-10-30', '2026-10-31']);
    // the portal republishes 766 daily; Biểu 06 comes by the middle of the next month
    expect(isLate('2026-11-28', 'daily', '2026-12-01')).toBe(true);
    expect(isLate('2026-11-30', 'daily', '2026-12-01')).toBe(false);
    expect(isLate('2026-10-31', 'monthly', '2026-12-01')).toBe(false);
    expect(isLate('2026-09-30', 'monthly', '2026-12-01')).toBe(true);
    // the dataset's lateness, whatever the period on screen: 766 captures to 10/10 seen on 01/12
    expect(freshness(parsePeriod('ytd:2026-10-10')!, { dataTo: '2026-10-10', today: '2026-12-01', cadence: 'daily' }).late).toEqual({ cadence: 'daily', asOf: '2026-10-10' });
    expect(freshness(oct, { dataTo: '2026-10-31', today: '2026-12-01', cadence: 'monthly' }).late).toBeNull();
    expect(freshness(oct, { dataTo: '2026-10-31', today: '2026-12-20', cadence: 'monthly' }).late).toEqual({ cadence: 'monthly', asOf: '2026-10-31' });
  });

  it('reads and writes ?channel= (known codes, sorted; every channel = no filter)', () => {
    expect(parseChannels('3,2')).toEqual([2, 3]);
    expect(parseChannels('2,9,x')).toEqual([2]);
    expect(parseChannels('1,2,3')).toEqual([]);
    expect(parseChannels(undefined)).toEqual([]);
    expect(channelsParam([3, 1])).toBe('1,3');
    expect(channelsParam([1, 2, 3])).toBeUndefined();
  });
});

describe('pickCaptures: the change since the previous capture', () => {
  const row = (unit: string, period_type: string, period: string, as_of: string, score: number) => ({
    index: '766', component: 'TOTAL', unit_id: unit, period_type, period, as_of, score,
    max_score: 100, numerator: null, denominator: null, ratio: null, rank: null, rank_of: null, rank_group: null, source: null, quality_flag: null,
  });
  it('takes two daily captures of an open quarter as latest and previous, and never another period as "previous"', () => {
    const periods = [{ period_type: 'quarter', period: '2026-Q3' }, { period_type: 'ytd', period: '2026' }];
    const { latest766, previous766 } = pickCaptures([
      row('A', 'quarter', '2026-Q3', '2026-09-25', 60),
      row('A', 'quarter', '2026-Q3', '2026-09-26', 61.5),
      row('B', 'quarter', '2026-Q3', '2026-09-26', 70),
      row('B', 'ytd', '2026', '2026-09-25', 55),
    ], periods);
    expect(latest766.map((r) => [r.unit_id, r.as_of, r.score])).toEqual([['A', '2026-09-26', 61.5], ['B', '2026-09-26', 70]]);
    expect(previous766.map((r) => [r.unit_id, r.as_of, r.score])).toEqual([['A', '2026-09-25', 60]]);
  });
});

describe('the embedded sample has no publisher cadence', () => {
  it('is recognised by its package name (both sample packages), and nothing else is', () => {
    expect(isSamplePackage('mau-tinh-minh-hoa')).toBe(true);
    expect(isSamplePackage('mau-tinh-minh-hoa-ho-so')).toBe(true);
    expect(isSamplePackage('bieu-06-so-tu-phap')).toBe(false);
    expect(isSamplePackage(null)).toBe(false);
  });
});
