import { describe, expect, it } from 'vitest';
import { lastPeriods, parsePeriod, periodLabel, periodOf, previousPeriod, weekKey, yearAgo } from '../../src/metrics/periods';

describe('periods', () => {
  it('parses every kind of key into a closed date range', () => {
    expect(parsePeriod('2026-10')).toMatchObject({ kind: 'month', from: '2026-10-01', to: '2026-10-31' });
    expect(parsePeriod('2024-02')).toMatchObject({ to: '2024-02-29' });
    expect(parsePeriod('2026-Q3')).toMatchObject({ kind: 'quarter', from: '2026-07-01', to: '2026-09-30' });
    expect(parsePeriod('2026-H1')).toMatchObject({ kind: 'half', from: '2026-01-01', to: '2026-06-30' });
    expect(parsePeriod('2023-9M')).toMatchObject({ kind: 'nine', from: '2023-01-01', to: '2023-09-30' });
    expect(parsePeriod('2026')).toMatchObject({ kind: 'year', from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('ytd:2026-10-10')).toMatchObject({ kind: 'ytd', from: '2026-01-01', to: '2026-10-10' });
    expect(parsePeriod('2026-W41')).toMatchObject({ kind: 'week', from: '2026-10-05', to: '2026-10-11' });
    expect(parsePeriod('2026-01-05..2026-02-10')).toMatchObject({ kind: 'custom', from: '2026-01-05', to: '2026-02-10' });
    for (const bad of ['2026-13', '2026-Q5', 'ytd:2026-02-31', '2026-10-10..2026-01-01', "2026'; DROP", '']) expect(parsePeriod(bad)).toBeNull();
  });

  it('steps to the previous period of the same length and to the same period a year before', () => {
    expect(previousPeriod(parsePeriod('2026-01')!).key).toBe('2025-12');
    expect(previousPeriod(parsePeriod('2026-Q1')!).key).toBe('2025-Q4');
    expect(previousPeriod(parsePeriod('2026-H1')!).key).toBe('2025-H2');
    expect(previousPeriod(parsePeriod('2026-W01')!).key).toBe('2025-W52');
    expect(previousPeriod(parsePeriod('2026-03-01..2026-03-10')!)).toMatchObject({ from: '2026-02-19', to: '2026-02-28' });
    expect(yearAgo(parsePeriod('2024-02')!).key).toBe('2023-02');
    expect(yearAgo(parsePeriod('ytd:2024-02-29')!).to).toBe('2023-02-28');
    expect(lastPeriods(parsePeriod('2026-03')!, 12).map((p) => p.key)).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
  });

  it('names ISO weeks by the Thursday rule and labels periods the Vietnamese way', () => {
    expect(weekKey('2021-01-03')).toBe('2020-W53');
    expect(weekKey('2026-12-31')).toBe('2026-W53');
    expect(weekKey('2024-12-30')).toBe('2025-W01');
    expect(periodOf('quarter', '2026-08-15').key).toBe('2026-Q3');
    expect(periodLabel(parsePeriod('2026-Q3')!)).toBe('Quý III/2026');
    expect(periodLabel(parsePeriod('2026-10')!)).toBe('Tháng 10/2026');
    expect(periodLabel(parsePeriod('2023-9M')!, 'en')).toBe('First 9 months 2023');
  });
});
