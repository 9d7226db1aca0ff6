// Each metric of the registry on the hand-checked package test/fixtures/packages/tiny: the expected
// figures below were computed by hand from its CSV (see the comments), not by the app.
import { beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { loadIntoDb } from '../../src/db/tables';
import { loadPackage } from '../../src/datasets/package';
import { folderSource } from '../../src/cli/nodeSource';
import { evaluate } from '../../src/metrics/evaluate';
import { COUNT_METRICS, METRICS, isMetricId } from '../../src/metrics/registry';

const TINY = path.resolve(__dirname, '../fixtures/packages/tiny');
let db: Db;

beforeAll(async () => {
  db = await openNodeDb();
  const ds = await loadPackage(folderSource(TINY));
  expect(ds.issues.filter((i) => i.severity === 'error')).toEqual([]);
  await loadIntoDb(db, ds);
});

const pct = (n: number, d: number) => (100 * n) / d;

describe('registry', () => {
  it('defines every metric of the data contract once, with labels in both languages', () => {
    const ids = METRICS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ['on_time_rate', 'overdue_rate', 'resolved_overdue_rate', 'early_rate', 'online_share', 'online_full_share',
      'postal_share', 'apology_rate', 'digitized_rate', 'satisfaction_766', 'citizen_satisfaction', 'overdue_count',
      'index_766_total', 'index_766_TDGQ', 'ddci_total', 'ddci_rank']) expect(isMetricId(id)).toBe(true);
    for (const m of METRICS) {
      expect(m.label.vi.length).toBeGreaterThan(0);
      expect(m.label.en.length).toBeGreaterThan(0);
    }
    expect(isMetricId('on_time_rate; DROP TABLE units')).toBe(false);
  });

  it('computes every count metric for Sở Nội vụ (B), October 2026, from summed counts of its two fields', async () => {
    const ev = await evaluate(db, { from: '2026-10-01', to: '2026-10-31' });
    const b = ev.units.find((u) => u.unit_id === 'B')!;
    // Fields: Thi đua khen thưởng (15/5/6 resolved, 0/4 pending) + Công chức (40/10/0, 5/0).
    // resolved = 55 + 15 + 6 = 76; pending = 5 + 4 = 9; handled = 85.
    const expected: Record<string, [number | null, number | null, number | null]> = {
      on_time_rate: [pct(75, 85), 75, 85],
      overdue_rate: [pct(10, 85), 10, 85],
      resolved_overdue_rate: [pct(6, 76), 6, 76],
      early_rate: [pct(55, 76), 55, 76],
      online_share: [pct(50, 80), 50, 80],
      online_full_share: [pct(35, 80), 35, 80],
      postal_share: [pct(1, 80), 1, 80],
      apology_rate: [80, 8, 10],
      digitized_rate: [pct(75, 85), 75, 85], // digitised 25 + 50 over received 30 + 55 (col 3)
      satisfaction_766: [pct(73, 85), 73, 85], // 85 − 10 overdue − 2 dissatisfied − 0 complaints
      citizen_satisfaction: [87.5, 14, 16],
      overdue_count: [10, 10, null],
      received_count: [80, 80, null],
      apologies_count: [8, 8, null],
    };
    for (const m of COUNT_METRICS) {
      const [value, num, den] = expected[m.id];
      const f = b.metrics[m.id];
      expect(f.numerator, m.id).toBe(num);
      expect(f.denominator, m.id).toBe(den);
      expect(f.value, m.id).toBeCloseTo(value!, 10);
    }
    // Targets: the unit's own row (≥ 90) beats '*' (≥ 95); 88,24 % misses it.
    expect(b.metrics.on_time_rate).toMatchObject({ target: 90, comparator: '>=', status: 'missed', target_source: 'Kế hoạch riêng' });
    expect(b.metrics.apology_rate).toMatchObject({ target: 100, status: 'missed' });
    expect(b.metrics.online_share).toMatchObject({ target: 50, status: 'met' });
    expect(b.metrics.early_rate).toMatchObject({ target: null, status: null });
  });

  it('takes stocks at the edges of a multi-month window: carried over from the first month, pending from the last', async () => {
    const ev = await evaluate(db, { from: '2026-09-01', to: '2026-10-31' });
    const a = ev.units.find((u) => u.unit_id === 'A')!;
    // Flows Sept+Oct: early 60+70, on time 20+20, overdue 2+0; pending at end of October: 37 within, 1 overdue.
    expect(a.metrics.on_time_rate).toMatchObject({ numerator: 207, denominator: 210, status: 'met' });
    expect(a.metrics.overdue_count.value).toBe(3);
    expect(a.metrics.apology_rate).toMatchObject({ value: 100, numerator: 3, denominator: 3, status: 'met' });
    // received (col 3) = new 80 + 120 plus carried over 10 from September only (not October's 28).
    expect(a.metrics.digitized_rate).toMatchObject({ numerator: 170, denominator: 210 });
  });

  it('totals every counted row of the period and applies the * target', async () => {
    const ev = await evaluate(db, { from: '2026-10-01', to: '2026-10-31' });
    // A (70/20/0; 37/1) + B (55/15/6; 5/4): (125 + 35 + 42) / (166 + 47)
    expect(ev.total.metrics.on_time_rate).toMatchObject({ numerator: 202, denominator: 213, target: 95, status: 'missed' });
    expect(ev.total.metrics.on_time_rate.value).toBeCloseTo(94.83568075117371, 10);
  });

  it('gives null, never a partial figure, when a period has no rows or a required column is missing', async () => {
    const ev = await evaluate(db, { from: '2026-08-01', to: '2026-08-31' });
    expect(ev.units).toEqual([]);
    expect(ev.total.metrics.on_time_rate.value).toBeNull();
    expect(ev.total.metrics.on_time_rate.status).toBeNull();
  });
});
