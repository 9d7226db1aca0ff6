// The written summary rules on small hand-made scoreboards: sentence count (3–6), wording in both
// languages, determinism, and the edge cases (no overdue dossier, every target met, no apology column,
// no previous period, a field left empty).
import { describe, expect, it } from 'vitest';
import type { Evaluation, MetricValue, UnitResult } from '../../src/metrics/evaluate';
import type { CountRow } from '../../src/metrics/queries';
import { parsePeriod } from '../../src/metrics/periods';
import { buildScoreboard, type ScoreboardModel } from '../../src/metrics/scoreboard';
import type { SeriesResult } from '../../src/metrics/series';
import { scoreboardSummary, unitSummary } from '../../src/narrative';
import { joinList, sentence } from '../../src/narrative/phrases';

const NB = '\u00a0';
type Fig = Partial<MetricValue>;
const fig = (f: Fig): MetricValue => ({ value: null, numerator: null, denominator: null, target: null, comparator: null, status: null, ...f });
const rate = (n: number, d: number, target?: number): MetricValue => {
  const value = (100 * n) / d;
  return fig({ value, numerator: n, denominator: d, ...(target != null ? { target, comparator: '>=', status: value >= target ? 'met' : 'missed' } : {}) });
};

interface UnitSpec {
  id: string;
  name: string;
  onTime: [number, number];
  prevOnTime?: [number, number];
  overdue: [number, number]; // resolved late, pending late
  apologies: number | null;
  fields?: [string, number, number][]; // field, resolved late, pending late
}

function model(units: UnitSpec[], opts: { overdueTarget?: boolean } = {}): ScoreboardModel {
  const results: UnitResult[] = units.map((u) => {
    const total = u.overdue[0] + u.overdue[1];
    return {
      unit_id: u.id, name: u.name, short_name: null, level: 'agency', parent_id: 'P', code: null, valid_from: null, valid_to: null,
      sums: { resolved_overdue: u.overdue[0], pending_overdue: u.overdue[1], apologies_issued: u.apologies },
      metrics: {
        on_time_rate: rate(u.onTime[0], u.onTime[1], 95),
        overdue_count: fig({ value: total, numerator: total, ...(opts.overdueTarget ? { target: 0, comparator: '<=', status: total <= 0 ? 'met' : 'missed' } : {}) }),
        ...(u.apologies != null && total > 0 ? { apology_rate: rate(u.apologies, total, 100) } : {}),
      },
    };
  });
  const sum = (k: 0 | 1) => units.reduce((s, u) => s + u.onTime[k], 0);
  const prevSum = (k: 0 | 1) => units.reduce((s, u) => s + (u.prevOnTime?.[k] ?? 0), 0);
  const current: Evaluation = {
    period: { from: '2026-06-01', to: '2026-06-30', key: '2026-06', kind: 'month' },
    units: results,
    total: { metrics: { on_time_rate: rate(sum(0), sum(1), 95) }, sums: {} },
  };
  const periods = [parsePeriod('2026-05')!, parsePeriod('2026-06')!];
  const series: SeriesResult = {
    periods,
    units: Object.fromEntries(units.map((u) => [u.id, {
      on_time_rate: [u.prevOnTime ? rate(u.prevOnTime[0], u.prevOnTime[1], 95) : fig({}), rate(u.onTime[0], u.onTime[1], 95)],
    }])),
    sums: {},
  };
  const fields: CountRow[] = units.flatMap((u) => (u.fields ?? []).map(([field, r, p]) => ({
    unit_id: u.id, field, rows: 1, metrics: {}, sums: { resolved_overdue: r, pending_overdue: p, apologies_issued: null },
  })));
  const hasPrev = units.some((u) => u.prevOnTime);
  return buildScoreboard({ current, series, yearAgo: { periods: [parsePeriod('2025-06')!], units: {}, sums: {} }, fields,
    previousTotal: hasPrev ? { on_time_rate: { value: (100 * prevSum(0)) / prevSum(1) } } : {} });
}

const vi = { lang: 'vi' as const, periodLabel: 'Tháng 06/2026', previousLabel: 'Tháng 05/2026', levelLabel: 'Sở, ban, ngành' };
const en = { lang: 'en' as const, periodLabel: '06/2026', previousLabel: '05/2026', levelLabel: 'Departments' };

// Sở Y tế: 97/100 on time (05: 95/100), 3 overdue all in Dược phẩm, 3 slips; Sở Công Thương: 50/50 (05: 49/50), none overdue.
const SMALL: UnitSpec[] = [
  { id: 'TN.01', name: 'Sở Y tế', onTime: [97, 100], prevOnTime: [95, 100], overdue: [2, 1], apologies: 3, fields: [['Dược phẩm', 2, 1]] },
  { id: 'TN.02', name: 'Sở Công Thương', onTime: [50, 50], prevOnTime: [49, 50], overdue: [0, 0], apologies: 0 },
];

describe('scoreboardSummary', () => {
  it('every target met: scope, "all met", overdue with its field, slips complete, most improved', () => {
    const s = scoreboardSummary(model(SMALL), vi);
    expect(s).toEqual([
      // 147/150 = 98 %; 05: 144/150 = 96 % → +2
      `Tháng 06/2026: 2 đơn vị (Sở, ban, ngành); tỷ lệ đúng hạn chung 98,00${NB}%, tăng 2,00 điểm % so với Tháng 05/2026; không đơn vị nào chưa đạt chỉ tiêu.`,
      'Tất cả đơn vị đều đạt các chỉ tiêu được giao.',
      'Có 3 hồ sơ quá hạn (2 đã giải quyết quá hạn, 1 đang giải quyết quá hạn) tại 1 đơn vị: Sở Y tế 3 hồ sơ, toàn bộ thuộc lĩnh vực Dược phẩm.',
      'Mọi hồ sơ quá hạn đều đã có phiếu xin lỗi (3 phiếu xin lỗi).',
      // Y tế +2 points beats Công Thương +2 points? 97−95 = 2 and 100−98 = 2: equal, so the first by name wins (Công Thương)
      `Cải thiện nhiều nhất so với Tháng 05/2026: Sở Công Thương, tỷ lệ đúng hạn tăng 2,00 điểm % (98,00${NB}% → 100,00${NB}%).`,
    ]);
  });

  it('is the same text every time for the same numbers', () => {
    expect(scoreboardSummary(model(SMALL), vi)).toEqual(scoreboardSummary(model([...SMALL].reverse()), vi));
  });

  it('no overdue dossier, no previous period: exactly three sentences', () => {
    const units: UnitSpec[] = [{ id: 'A', name: 'Sở A', onTime: [10, 10], overdue: [0, 0], apologies: 0 }];
    const s = scoreboardSummary(model(units), { ...vi, previousLabel: null });
    expect(s).toEqual([
      `Tháng 06/2026: 1 đơn vị (Sở, ban, ngành); tỷ lệ đúng hạn chung 100,00${NB}%; không đơn vị nào chưa đạt chỉ tiêu.`,
      'Tất cả đơn vị đều đạt các chỉ tiêu được giao.',
      'Không có hồ sơ quá hạn.',
    ]);
  });

  it('names at most three units per list and counts the rest; a missing slip is counted per unit', () => {
    const units: UnitSpec[] = ['A', 'B', 'C', 'D', 'E'].map((x, i) => ({
      id: x, name: `Sở ${x}`, onTime: [90 - i, 100] as [number, number], prevOnTime: [90, 100] as [number, number], overdue: [i + 1, 0] as [number, number], apologies: 0,
      fields: [['Hộ tịch', i + 1, 0]] as [string, number, number][],
    }));
    const s = scoreboardSummary(model(units, { overdueTarget: true }), vi);
    expect(s).toHaveLength(5); // nothing improved: no "most improved" sentence
    expect(s[1]).toBe(`Chưa đạt chỉ tiêu tỷ lệ đúng hạn (≥ 95${NB}%): 5 đơn vị, thấp nhất là Sở E (86,00${NB}%); `
      + `số hồ sơ quá hạn (≤ 0): 5 đơn vị, cao nhất là Sở E (5); tỷ lệ hồ sơ quá hạn có phiếu xin lỗi (≥ 100${NB}%): 5 đơn vị, thấp nhất là Sở A (0,00${NB}%).`);
    expect(s[2]).toBe('Có 15 hồ sơ quá hạn (15 đã giải quyết quá hạn) tại 5 đơn vị: Sở E 5 hồ sơ, toàn bộ thuộc lĩnh vực Hộ tịch; '
      + 'Sở D 4 hồ sơ, toàn bộ thuộc lĩnh vực Hộ tịch; Sở C 3 hồ sơ, toàn bộ thuộc lĩnh vực Hộ tịch; 2 đơn vị khác 3 hồ sơ.');
    expect(s[3]).toBe('Đã phát hành 0 phiếu xin lỗi cho 15 hồ sơ quá hạn; còn thiếu 15 phiếu tại 5 đơn vị: Sở E thiếu 5, Sở D thiếu 4, Sở C thiếu 3 và 2 đơn vị khác.');
    // Sở A unchanged (90 → 90) is neither; Sở E fell most (−4)
    expect(s[4]).toBe(`Giảm sút nhiều nhất so với Tháng 05/2026: Sở E, tỷ lệ đúng hạn giảm 4,00 điểm % (90,00${NB}% → 86,00${NB}%).`);
  });

  it('without an apology column the slips sentence is left out; English plurals', () => {
    const units: UnitSpec[] = [{ id: 'A', name: 'Sở A', onTime: [99, 100], overdue: [0, 1], apologies: null, fields: [['', 0, 1]] }];
    const s = scoreboardSummary(model(units), { ...en, previousLabel: null });
    expect(s).toEqual([
      `06/2026: 1 unit (Departments); overall on-time rate 99.00${NB}%; no unit missed a target.`,
      'Every unit met its targets.',
      '1 dossier overdue (1 still pending past the deadline) in 1 unit: Sở A 1 dossier, in the field (no field given).',
    ]);
  });

  it('keeps dataset text as it is (it is rendered as text, never as HTML)', () => {
    const units: UnitSpec[] = [{ id: 'X', name: '<b>Sở "X"</b>', onTime: [1, 2], overdue: [1, 0], apologies: 1, fields: [['=cmd', 1, 0]] }];
    const s = scoreboardSummary(model(units), vi);
    expect(s[1]).toContain('<b>Sở "X"</b> (50,00');
    expect(s[2]).toContain('<b>Sở "X"</b> 1 hồ sơ, thuộc lĩnh vực =cmd.');
  });
});

describe('unitSummary', () => {
  const ctx = { lang: 'en' as const, periodLabel: '06/2026', previousLabel: '05/2026', columns: ['on_time_rate', 'overdue_count', 'apology_rate'] };
  it('Sở Y tế in English: targets, overdue in one field, slips, change', () => {
    const m = model(SMALL);
    const yTe = m.rows.find((r) => r.unit.unit_id === 'TN.01')!;
    expect(unitSummary(yTe, ctx)).toEqual([
      'Sở Y tế, 06/2026: met all 2 targets.',
      '3 dossiers overdue (2 resolved late, 1 still pending), all in the field Dược phẩm.',
      'Every overdue dossier has an apology slip (3 apology slips).',
      `Compared with 05/2026, the on-time rate rose by 2.00 pp (95.00${NB}% → 97.00${NB}%).`,
    ]);
  });
  it('a unit short of its targets gets the gap in dossiers, fields listed with counts', () => {
    const units: UnitSpec[] = [{ id: 'A', name: 'Sở A', onTime: [180, 200], overdue: [5, 3], apologies: 6,
      fields: [['Hộ tịch', 3, 1], ['Đất đai', 2, 0], ['Chứng thực', 0, 1], ['Tư pháp', 0, 1]] }];
    const a = model(units, { overdueTarget: true }).rows[0];
    expect(unitSummary(a, { ...ctx, lang: 'vi', periodLabel: 'Tháng 06/2026', previousLabel: null })).toEqual([
      `Sở A, Tháng 06/2026: chưa đạt 3/3 chỉ tiêu – tỷ lệ đúng hạn 90,00${NB}% (chỉ tiêu ≥ 95${NB}%), số hồ sơ quá hạn 8 (chỉ tiêu ≤ 0), tỷ lệ hồ sơ quá hạn có phiếu xin lỗi 75,00${NB}% (chỉ tiêu ≥ 100${NB}%).`,
      'Có 8 hồ sơ quá hạn (5 đã giải quyết quá hạn, 3 đang giải quyết), theo lĩnh vực: Hộ tịch (4), Đất đai (2), Chứng thực (1) và 1 lĩnh vực khác.',
      'Đã phát hành 6 phiếu xin lỗi, còn thiếu 2 phiếu.',
      // 95 % of 200 = 190 → 10 more on time
      `Để đạt chỉ tiêu cần thêm 10 hồ sơ đúng hạn (tỷ lệ đúng hạn ≥ 95${NB}%); bớt 8 hồ sơ quá hạn (số hồ sơ quá hạn ≤ 0); thêm 2 phiếu xin lỗi (tỷ lệ hồ sơ quá hạn có phiếu xin lỗi ≥ 100${NB}%).`,
    ]);
  });
});

describe('phrases', () => {
  it('joins lists and closes sentences', () => {
    expect(joinList(['A', 'B', 'C'], 'vi')).toBe('A, B và C');
    expect(joinList(['A', 'B'], 'en')).toBe('A and B');
    expect(sentence('có 3 hồ sơ')).toBe('Có 3 hồ sơ.');
  });
});
