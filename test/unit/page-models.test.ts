// Page models are plain functions (src/pages/<page>/model.ts) and the URL's defaults (src/url/defaults.ts):
// tested here with figures worked out by hand.
import { describe, expect, it } from 'vitest';
import type { MetricValue, UnitResult } from '../../src/metrics/evaluate';
import { channelMix, groupScores, groupTotals, pointGaps } from '../../src/pages/unit/model';
import { parseUnits, parseYears, windowFrom } from '../../src/pages/oversight/model';
import { levelFrom, periodFrom } from '../../src/url/defaults';

const fig = (value: number | null, extra: Partial<MetricValue> = {}): MetricValue =>
  ({ value, numerator: null, denominator: null, target: null, comparator: null, status: null, ...extra }) as MetricValue;
const unit = (metrics: Record<string, MetricValue>): UnitResult =>
  ({ unit_id: 'U', name: 'U', short_name: null, level: 'agency', parent_id: null, code: null, valid_from: null, valid_to: null, metrics, sums: {} });

describe('unit page model', () => {
  it('channel mix: full/partial online and in person/postal when the data splits them, shares of all received', () => {
    const mix = channelMix({ received_online: 60, received_online_full: 45, received_offline: 40, received_postal: 10 });
    expect(mix.map((c) => [c.key, c.count])).toEqual([['full', 45], ['partial', 15], ['inPerson', 30], ['postal', 10]]);
    expect(mix.map((c) => c.share)).toEqual([45, 15, 30, 10]);
    // without the splits: online and offline only; 1 of 3 online is 33,33… %
    expect(channelMix({ received_online: 1, received_offline: 2, received_online_full: null, received_postal: null }).map((c) => [c.key, c.share]))
      .toEqual([['online', 100 / 3], ['offline', 200 / 3]]);
    expect(channelMix({ received_online: 0, received_offline: 0 })).toEqual([]);
    expect(channelMix({ received_online: null, received_offline: 5 })).toEqual([]);
  });

  it('766: points short of a missed target; groups lost against their maxima; the group that lost most', () => {
    expect(pointGaps(unit({ index_766_total: fig(68.12, { target: 80, status: 'missed' }) }))[0].points).toBeCloseTo(11.88, 9);
    expect(pointGaps(unit({ index_766_total: fig(85, { target: 80, status: 'met' }) }))).toEqual([]);
    const groups = groupScores(unit({ index_766_CKMB: fig(15), index_766_TDGQ: fig(12, { max_score: 20 }) }), 'en');
    expect(groups.map((g) => [g.code, g.max, g.lost])).toEqual([['CKMB', 18, 3], ['TDGQ', 20, 8]]);
    const totals = groupTotals(groups)!;
    expect([totals.score, totals.max, totals.lost, totals.worst.code]).toEqual([27, 38, 11, 'TDGQ']);
    expect(groupTotals([])).toBeNull();
  });
});

describe('oversight URL state', () => {
  it('keeps known units (unique, at most 8), else the level\'s first; years within the data; unknown window → year', () => {
    const known = new Set(['A', 'B', 'C']);
    expect(parseUnits('B,X,B,A', known, ['C'])).toEqual(['B', 'A']);
    expect(parseUnits('X', known, ['C', 'A'])).toEqual(['C']);
    expect(parseYears('2023-2021', [2020, 2021, 2022, 2023, 2024])).toEqual([2021, 2022, 2023]);
    expect(parseYears('1999', [2020, 2021])).toEqual([2020, 2021]);
    expect(windowFrom('nine')).toBe('nine');
    expect(windowFrom('<b>')).toBe('year');
  });
});

describe('URL defaults', () => {
  it('level: a known level or agency; period: the URL\'s, else the data\'s last month, or the year to a day inside a month', () => {
    expect(levelFrom('commune')).toBe('commune');
    expect(levelFrom('nope')).toBe('agency');
    expect(periodFrom('2026-09', null, false)?.key).toBe('2026-09');
    expect(periodFrom(undefined, { from: '2021-01-01', to: '2026-10-31' }, false)?.key).toBe('2026-10');
    // the 766 portal's year to date: 1 January to 19 October, no daily rows
    const ytd = periodFrom(undefined, { from: '2026-01-01', to: '2026-10-19' }, false)!;
    expect([ytd.kind, ytd.from, ytd.to]).toEqual(['ytd', '2026-01-01', '2026-10-19']);
    expect(periodFrom(undefined, { from: '2026-01-01', to: '2026-10-19' }, true)?.key).toBe('2026-10');
    expect(periodFrom(undefined, null, false)).toBeNull();
  });
});
