// Oversight across years on the embedded sample, against numbers worked out by hand from
// data/sample/*.csv with a throw-away script (not the app): rows summed per window, predecessors'
// rows multiplied by their unit_lineage share, stocks at the edges of each unit-and-field series.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { loadSource } from '../../src/cli/loadSource';
import {
  breaksOf, fieldsOverYears, loadLineage, oversightSeries, periodOverPeriod, predecessorsOf, yearWindow, yearWindows,
} from '../../src/metrics/oversight';
import { oversightReport } from '../../src/metrics/oversightReport';

const SAMPLE = resolve(__dirname, '../../data/sample');
const SPAN = { from: '2021-01-01', to: '2026-10-31' };
let db: Db;

beforeAll(async () => {
  if (!existsSync(`${SAMPLE}/datapackage.json`)) throw new Error('data/sample is missing: run `npm run data:sample`');
  db = await openNodeDb();
  await loadSource(db, SAMPLE);
});
afterAll(async () => {
  await db?.close();
});

describe('year windows', () => {
  it('names comparable windows of each year and marks those the data does not fully cover', () => {
    expect(yearWindow(2023, 'nine', SPAN)).toEqual({ year: 2023, kind: 'nine', key: '2023-9M', from: '2023-01-01', to: '2023-09-30', complete: true });
    expect(yearWindow(2022, 'h2', SPAN)).toMatchObject({ key: '2022-H2', from: '2022-07-01', to: '2022-12-31', complete: true });
    expect(yearWindow(2026, 'year', SPAN)).toMatchObject({ from: '2026-01-01', to: '2026-12-31', complete: false });
    // "1 January to the data's last day" in every year: 31 October
    expect(yearWindows([2025, 2024], 'ytd', SPAN).map((w) => [w.key, w.to, w.complete])).toEqual([
      ['ytd:2024-10-31', '2024-10-31', true],
      ['ytd:2025-10-31', '2025-10-31', true],
    ]);
    // 29 February in the data's last day becomes 28 February in a common year
    expect(yearWindow(2023, 'ytd', { from: '2020-01-01', to: '2024-02-29' }).to).toBe('2023-02-28');
  });
});

describe('lineage', () => {
  it('finds predecessors with their shares and the breaks to mark on a chart', async () => {
    const links = await loadLineage(db);
    expect(predecessorsOf(links, 'MH.X07').map((p) => [p.unit_id, p.share, p.effective_date])).toEqual([
      ['MH.X11', 1, '2025-07-01'], ['MH.X12', 1, '2025-07-01'], ['MH.X13', 1, '2025-07-01'],
    ]);
    expect(predecessorsOf(links, 'MH.02')).toEqual([{ unit_id: 'MH.19', share: 0.6, effective_date: '2025-03-01' }]);
    const b = breaksOf(links, ['MH.X07', 'MH.X11', 'MH.01']);
    expect(b.map((x) => [x.unit_id, x.kind, x.date, x.others.map((o) => o.unit_id).join()])).toEqual([
      ['MH.X07', 'merged_in', '2025-07-01', 'MH.X11,MH.X12,MH.X13'],
      ['MH.X11', 'merged_away', '2025-07-01', 'MH.X07'],
    ]);
  });
});

describe('a metric for chosen units across years', () => {
  it('online share of Sở Nội vụ 2021–2023, with 60 % of Sở LĐ-TB và XH through lineage, and on its own', async () => {
    const ws = yearWindows([2021, 2022, 2023], 'year', SPAN);
    const withLineage = await oversightSeries(db, { metricId: 'online_share', unitIds: ['MH.02'], windows: ws });
    // 471,8 / 5.459,2; 1.538 / 5.628,8; 2.353 / 5.770,6 (MH.02 + 0,6 × MH.19)
    expect(withLineage.points.map((p) => [p.numerator, p.denominator].map((x) => Math.round(x! * 10) / 10))).toEqual([[471.8, 5459.2], [1538, 5628.8], [2353, 5770.6]]);
    expect(withLineage.points[0].value).toBeCloseTo(8.642291910902697, 9);
    expect(withLineage.points[0].via.map((v) => v.unit_id)).toEqual(['MH.19']);
    expect(withLineage.points.map((p) => p.rows)).toEqual([108, 108, 108]);
    const own = await oversightSeries(db, { metricId: 'online_share', unitIds: ['MH.02'], windows: ws, lineage: false });
    // 221 / 2.902 = 7,62 %; 725 / 3.053 = 23,75 %; 1.078 / 3.103 = 34,74 %
    expect(own.points.map((p) => [p.numerator, p.denominator, p.rows])).toEqual([[221, 2902, 48], [725, 3053, 48], [1078, 3103, 48]]);
    expect(own.points[2].value).toBeCloseTo(34.74057363841444, 9);
    expect(own.points[0].via).toEqual([]);
  });

  it('first 9 months of each year (one query per window) and the change from year to year', async () => {
    const s = await oversightSeries(db, { metricId: 'online_share', unitIds: ['MH.02'], windows: yearWindows([2021, 2022, 2023], 'nine', SPAN) });
    expect(s.points.map((p) => p.value)).toEqual([
      expect.closeTo(7.825474309294956, 9), expect.closeTo(25.337191622933922, 9), expect.closeTo(39.864377434713596, 9),
    ]);
    const pop = periodOverPeriod(s);
    expect(pop[0]).toMatchObject({ previous: null, delta: null, note: null });
    expect(pop[1].delta).toBeCloseTo(25.337191622933922 - 7.825474309294956, 9);
    expect(pop[2].delta).toBeCloseTo(39.864377434713596 - 25.337191622933922, 9);
    expect(pop[2].previousWindow?.key).toBe('2022-9M');
  });

  it('a commune merged on 1/7/2025: counts continue through its three predecessors; the chart break is 1/7/2025', async () => {
    const ws = yearWindows([2021, 2022, 2023, 2024, 2025, 2026], 'year', SPAN);
    const rec = await oversightSeries(db, { metricId: 'received_count', unitIds: ['MH.X07'], windows: ws });
    expect(rec.points.map((p) => p.value)).toEqual([4602, 4783, 5172, 5092, 6015, 5265]);
    expect(rec.points.map((p) => p.rows)).toEqual([180, 180, 180, 180, 132, 70]);
    expect(rec.points[4].via.map((v) => v.unit_id)).toEqual(['MH.X11', 'MH.X12', 'MH.X13']);
    expect(rec.points[5].via).toEqual([]);
    expect(rec.breaks).toMatchObject([{ unit_id: 'MH.X07', date: '2025-07-01', kind: 'merged_in' }]);
    const online = await oversightSeries(db, { metricId: 'online_share', unitIds: ['MH.X07', 'MH.X11'], windows: ws });
    const x07 = online.points.filter((p) => p.unit_id === 'MH.X07');
    expect(x07.map((p) => [p.numerator, p.denominator])).toEqual([[527, 4602], [1789, 4783], [2825, 5172], [3143, 5092], [3846, 6015], [3462, 5265]]);
    // a predecessor chosen on its own keeps its own rows (1.050 / 1.878 in 2023) and ends with the merger
    const x11 = online.points.filter((p) => p.unit_id === 'MH.X11');
    expect([x11[2].numerator, x11[2].denominator]).toEqual([1050, 1878]);
    expect(x11[5].value).toBeNull();
    const pop = periodOverPeriod(online).filter((c) => c.unit_id === 'MH.X07');
    expect(pop.map((c) => c.note)).toEqual([null, null, null, null, 'merger_lineage', 'incomplete']);
  });

  // With lineage, a successor's stocks come from every predecessor's edge rows (they end on the same day).
  // Hand-computed 2021: (4.504) / (4.655) = 96,76 %.
  it('on-time rate of the merged commune before the merger counts every predecessor\'s pending dossiers', async () => {
    const s = await oversightSeries(db, { metricId: 'on_time_rate', unitIds: ['MH.X07'], windows: yearWindows([2021, 2024, 2025], 'year', SPAN) });
    expect(s.points.map((p) => [p.numerator, p.denominator])).toEqual([[4504, 4655], [5032, 5169], [5949, 6083]]);
  });

  it('index scores are never carried across a merger: the successor has only its own', async () => {
    const ws = yearWindows([2023, 2024, 2025], 'year', SPAN);
    const s = await oversightSeries(db, { metricId: 'index_766_total', unitIds: ['MH.08', 'MH.18', 'MH.02'], windows: ws });
    const v = (u: string) => s.points.filter((p) => p.unit_id === u).map((p) => p.value);
    expect(v('MH.08')).toEqual([null, null, 69.74]);
    expect(v('MH.18')).toEqual([74.58, 80.2, 82.25]);
    expect(v('MH.02')).toEqual([57.89, 60.94, 68.94]);
    expect(s.lineage).toBe(false);
    const p25 = s.points.find((p) => p.unit_id === 'MH.18' && p.window.year === 2025)!;
    expect(p25).toMatchObject({ as_of: '2025-02-28', rank: 5, rank_of: 20, source: 'Cổng Dịch vụ công quốc gia (mô phỏng)' });
  });
});

describe('fields over years', () => {
  it('overdue dossiers of Sở Nội vụ by field, 2021–2023 (own rows)', async () => {
    const f = await fieldsOverYears(db, { metricId: 'overdue_count', unitId: 'MH.02', windows: yearWindows([2021, 2022, 2023], 'year', SPAN), lineage: false });
    expect(f.fields).toEqual(['Công chức, viên chức', 'Thi đua, khen thưởng', 'Tổ chức phi chính phủ', 'Văn thư, lưu trữ']);
    const get = (field: string) => f.cells.filter((c) => c.field === field).map((c) => c.value);
    expect(get('Thi đua, khen thưởng')).toEqual([22, 16, 17]);
    expect(get('Công chức, viên chức')).toEqual([17, 9, 13]);
    expect(get('Tổ chức phi chính phủ')).toEqual([3, 3, 1]);
    expect(get('Văn thư, lưu trữ')).toEqual([10, 5, 4]);
  });
});

describe('the unit report', () => {
  it('Sở Nội vụ 2021–2023: per year and over the whole span as one period', async () => {
    const r = await oversightReport(db, { unitId: 'MH.02', windows: yearWindows([2021, 2022, 2023], 'year', SPAN) });
    expect(r.totalKind).toBe('range');
    const onTime = r.counts.find((c) => c.metricId === 'on_time_rate')!;
    expect(onTime.cells.map((c) => c.value)).toEqual([
      expect.closeTo(98.19738130644515, 9), expect.closeTo(98.68361006775021, 9), expect.closeTo(98.81644660327018, 9),
    ]);
    // whole span: stocks at its edges, so 16.676,8 / 16.913,6 (not the sum of the three years)
    expect(onTime.total!.numerator).toBeCloseTo(16676.8, 6);
    expect(onTime.total!.denominator).toBeCloseTo(16913.6, 6);
    const received = r.counts.find((c) => c.metricId === 'received_count')!;
    expect(received.total!.value).toBeCloseTo(16858.6, 6);
    expect(r.index.find((i) => i.metricId === 'index_766_total')!.cells.map((c) => c.value)).toEqual([null, 52.4, 57.89]);
    expect(r.predecessors.map((p) => p.unit_id)).toEqual(['MH.19']);
    expect(r.breaks).toMatchObject([{ kind: 'merged_in', date: '2025-03-01' }]);
  });

  it('9-month windows are added up (numerators and denominators, never averaged)', async () => {
    const r = await oversightReport(db, { unitId: 'MH.02', windows: yearWindows([2021, 2022, 2023], 'nine', SPAN) });
    expect(r.totalKind).toBe('sum');
    const online = r.counts.find((c) => c.metricId === 'online_share')!;
    expect(online.total!.numerator).toBeCloseTo(311 + 1033.2 + 1657.8, 6);
    expect(online.total!.denominator).toBeCloseTo(3974.2 + 4077.8 + 4158.6, 6);
  });
});
