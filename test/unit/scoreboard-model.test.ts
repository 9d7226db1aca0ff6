// The director's scoreboard on the embedded sample, October 2026, departments (Sở, ban, ngành): values,
// statuses, deltas, header counts, default order, gaps in dossiers and the written summary, against
// numbers worked out by hand from data/sample/*.csv and targets.csv (a throw-away script, not the app).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { loadSource } from '../../src/cli/loadSource';
import { parsePeriod } from '../../src/metrics/periods';
import { behindRows, buildScoreboard, sortRows, type ScoreboardModel, type ScoreRow } from '../../src/metrics/scoreboard';
import { queryScoreboard } from '../../src/metrics/scoreboardQuery';
import { scoreboardSummary, unitSummary } from '../../src/narrative';

const SAMPLE = resolve(__dirname, '../../data/sample');
const NB = '\u00a0';
let db: Db;
let model: ScoreboardModel;
const row = (id: string): ScoreRow => model.rows.find((r) => r.unit.unit_id === id)!;

beforeAll(async () => {
  if (!existsSync(`${SAMPLE}/datapackage.json`)) throw new Error('data/sample is missing: run `npm run data:sample`');
  db = await openNodeDb();
  await loadSource(db, SAMPLE);
  model = buildScoreboard(await queryScoreboard(db, { period: parsePeriod('2026-10')!, levels: ['agency'] }));
});
afterAll(async () => {
  await db?.close();
});

describe('scoreboard model, sample, October 2026', () => {
  it('has the 14 departments with figures, every column, and the header counts', () => {
    expect(model.rows).toHaveLength(14);
    expect(model.columns).toEqual(['on_time_rate', 'early_rate', 'overdue_count', 'apology_rate', 'online_share', 'online_full_share',
      'citizen_satisfaction', 'digitized_rate', 'index_766_total']);
    // units behind each target (early and full-process online have none)
    expect(model.behind).toEqual({ on_time_rate: 2, overdue_count: 11, apology_rate: 9, online_share: 0, citizen_satisfaction: 1, digitized_rate: 13, index_766_total: 9 });
    expect(model.behindAny).toBe(14);
    // 236 resolved late + 112 pending late = 348 overdue; 277 apology slips; 71 missing in 9 units
    expect(model.totals).toEqual({ overdue: 348, resolved: 236, pending: 112, apologies: 277, missingApologies: 71, unitsWithOverdue: 11 });
  });

  it('orders rows behind target first: most targets missed, then most overdue dossiers, then name', () => {
    expect(model.rows.map((r) => r.unit.unit_id)).toEqual(['MH.08', 'MH.13', 'MH.05', 'MH.03', 'MH.02', 'MH.12', 'MH.04', 'MH.07', 'MH.06', 'MH.09', 'MH.01', 'MH.11', 'MH.10', 'MH.14']);
    expect(row('MH.08').missed).toEqual(['on_time_rate', 'overdue_count', 'apology_rate', 'digitized_rate', 'index_766_total']);
    expect(behindRows(model.rows)).toHaveLength(14);
  });

  it('sorts by a column either way, units without a figure last', () => {
    const asc = sortRows(model.rows, 'apology_rate', 'asc').map((r) => r.unit.unit_id);
    expect(asc.slice(0, 2)).toEqual(['MH.01', 'MH.12']); // 0 % then 66,67 %
    expect(asc.slice(-3)).toEqual(['MH.11', 'MH.10', 'MH.14']); // no overdue dossier, no apology rate: by name (Dân tộc, Khoa học, Ngoại vụ)
    const desc = sortRows(model.rows, 'apology_rate', 'desc').map((r) => r.unit.unit_id);
    expect(desc.slice(0, 2)).toEqual(['MH.06', 'MH.09']); // 100 % each, by name: Giáo dục before Văn hóa
    expect(desc.slice(-3)).toEqual(['MH.11', 'MH.10', 'MH.14']);
    expect(sortRows(model.rows, 'name', 'asc')[0].unit.unit_id).toBe('MH.12'); // Ban Quản lý…
  });

  it('Sở Nội vụ: values, statuses, deltas against 09/2026 and 10/2025, overdue by field', () => {
    const r = row('MH.02');
    const on = r.cells.on_time_rate;
    expect(on.figure).toMatchObject({ numerator: 765, denominator: 775, target: 95, status: 'met' });
    expect(on.previous).toBeCloseTo((100 * 790) / 802, 10);
    expect(on.deltaPrevious).toBeCloseTo((100 * 765) / 775 - (100 * 790) / 802, 10);
    expect(on.deltaYear).toBeCloseTo((100 * 765) / 775 - (100 * 751) / 762, 10);
    expect(on.spark).toHaveLength(12);
    expect(on.spark[0]).toBeCloseTo((100 * 855) / 865, 10); // 11/2025
    expect(r.cells.overdue_count.figure).toMatchObject({ value: 10, target: 0, status: 'missed' });
    expect(r.cells.overdue_count.deltaPrevious).toBe(-2); // 12 in 09/2026
    expect(r.cells.overdue_count.deltaYear).toBe(-1); // 11 in 10/2025
    expect(r.overdue).toEqual({ total: 10, resolved: 6, pending: 4, apologies: 8, missingApologies: 2 });
    expect(r.overdueFields).toEqual([{ field: 'Thi đua, khen thưởng', overdue: 10, resolved_overdue: 6, pending_overdue: 4, apologies: 8 }]);
    expect(r.cells.apology_rate.gap).toEqual({ state: 'short', dossiers: 2 });
    expect(r.cells.overdue_count.gap).toEqual({ state: 'short', dossiers: 10 });
    expect(r.cells.index_766_total.figure).toMatchObject({ value: 68.12, target: 80, status: 'missed' });
  });

  it('gaps in dossiers: 19 more on time for Sở NN và MT, 1 for Thanh tra tỉnh; Sở Xây dựng meets its own 90 %', () => {
    expect(row('MH.08').cells.on_time_rate.gap).toEqual({ state: 'short', dossiers: 19 });
    expect(row('MH.13').cells.on_time_rate.gap).toEqual({ state: 'short', dossiers: 1 });
    expect(row('MH.04').cells.on_time_rate.figure).toMatchObject({ numerator: 2460, denominator: 2611, target: 90, status: 'met' });
    expect(row('MH.04').cells.on_time_rate.gap).toEqual({ state: 'met', dossiers: 0 });
    // digitised 1.141 of 1.462 against 80 % → 1.169,6 → 1.170 → 29 more
    expect(row('MH.08').cells.digitized_rate.gap).toEqual({ state: 'short', dossiers: 29 });
  });
});

describe('written summary, sample, October 2026', () => {
  const ctx = { lang: 'vi' as const, periodLabel: 'Tháng 10/2026', previousLabel: 'Tháng 09/2026', levelLabel: 'Sở, ban, ngành' };

  it('says who missed which target, the overdue dossiers and their fields, the missing slips and what changed most (vi)', () => {
    const s = scoreboardSummary(model, ctx);
    expect(s).toHaveLength(6);
    // overall on time 10.345/10.693 = 96,75 %; 09/2026: 10.784/11.088 = 97,26 % → −0,51
    expect(s[0]).toBe(`Tháng 10/2026: 14 đơn vị (Sở, ban, ngành); tỷ lệ đúng hạn chung 96,75${NB}%, giảm 0,51 điểm % so với Tháng 09/2026; 14 đơn vị chưa đạt ít nhất một chỉ tiêu.`);
    expect(s[1]).toBe(`Chưa đạt chỉ tiêu tỷ lệ đúng hạn (≥ 95${NB}%): Sở Nông nghiệp và Môi trường (93,71${NB}%) và Thanh tra tỉnh (94,12${NB}%); `
      + `số hồ sơ quá hạn (≤ 0): 11 đơn vị, cao nhất là Sở Xây dựng (151); `
      + `tỷ lệ hồ sơ quá hạn có phiếu xin lỗi (≥ 100${NB}%): 9 đơn vị, thấp nhất là Sở Tư pháp (0,00${NB}%); `
      + `tỷ lệ hài lòng (≥ 90${NB}%): Sở Tài chính (89,47${NB}%); `
      + `tỷ lệ số hóa (≥ 80${NB}%): 13 đơn vị, thấp nhất là Sở Công Thương (69,65${NB}%); `
      + `điểm 766 (≥ 80): 9 đơn vị, thấp nhất là Sở Nội vụ (68,12).`);
    expect(s[2]).toBe('Có 348 hồ sơ quá hạn (236 đã giải quyết quá hạn, 112 đang giải quyết quá hạn) tại 11 đơn vị: '
      + 'Sở Xây dựng 151 hồ sơ, nhiều nhất ở lĩnh vực Đường bộ (116); '
      + 'Sở Nông nghiệp và Môi trường 92 hồ sơ, nhiều nhất ở lĩnh vực Đất đai (27); '
      + 'Sở Y tế 28 hồ sơ, nhiều nhất ở lĩnh vực Khám bệnh, chữa bệnh (11); 8 đơn vị khác 77 hồ sơ.');
    expect(s[3]).toBe('Đã phát hành 277 phiếu xin lỗi cho 348 hồ sơ quá hạn; còn thiếu 71 phiếu tại 9 đơn vị: '
      + 'Sở Xây dựng thiếu 40, Sở Nông nghiệp và Môi trường thiếu 19, Sở Tài chính thiếu 4 và 6 đơn vị khác.');
    // Thanh tra tỉnh: apology 2/6 → 4/5; Sở Tư pháp: 9/9 → 0/1
    expect(s[4]).toBe(`Cải thiện nhiều nhất so với Tháng 09/2026: Thanh tra tỉnh, tỷ lệ hồ sơ quá hạn có phiếu xin lỗi tăng 46,67 điểm % (33,33${NB}% → 80,00${NB}%).`);
    expect(s[5]).toBe(`Giảm sút nhiều nhất so với Tháng 09/2026: Sở Tư pháp, tỷ lệ hồ sơ quá hạn có phiếu xin lỗi giảm 100,00 điểm % (100,00${NB}% → 0,00${NB}%).`);
  });

  it('in English, with the same numbers', () => {
    const s = scoreboardSummary(model, { lang: 'en', periodLabel: '10/2026', previousLabel: '09/2026', levelLabel: 'Departments' });
    expect(s[0]).toBe(`10/2026: 14 units (Departments); overall on-time rate 96.75${NB}%, down 0.51 pp on 09/2026; 14 units missed at least one target.`);
    expect(s[2]).toMatch(/^348 dossiers overdue \(236 resolved late, 112 still pending past the deadline\) in 11 units: Sở Xây dựng 151 dossiers, most in the field Đường bộ \(116\);/);
    expect(s[3]).toBe('277 apology slips issued for 348 dossiers overdue; 71 missing in 9 units: Sở Xây dựng 40 missing, Sở Nông nghiệp và Môi trường 19 missing, Sở Tài chính 4 missing and 6 other units.');
  });

  it('the unit summaries: Sở Nội vụ (10 overdue, all in one field) and Sở Tư pháp (1 overdue, no slip)', () => {
    const uctx = { lang: 'vi' as const, periodLabel: 'Tháng 10/2026', previousLabel: 'Tháng 09/2026', columns: model.columns };
    // 7 targets judged: on time, overdue, apology, online, satisfaction, digitised, 766 (early and full online have none)
    expect(unitSummary(row('MH.02'), uctx)).toEqual([
      `Sở Nội vụ, Tháng 10/2026: chưa đạt 4/7 chỉ tiêu – số hồ sơ quá hạn 10 (chỉ tiêu ≤ 0), tỷ lệ hồ sơ quá hạn có phiếu xin lỗi 80,00${NB}% (chỉ tiêu ≥ 100${NB}%), tỷ lệ số hóa 77,29${NB}% (chỉ tiêu ≥ 80${NB}%), điểm 766 68,12 (chỉ tiêu ≥ 80).`,
      'Có 10 hồ sơ quá hạn (6 đã giải quyết quá hạn, 4 đang giải quyết), toàn bộ thuộc lĩnh vực Thi đua, khen thưởng.',
      'Đã phát hành 8 phiếu xin lỗi, còn thiếu 2 phiếu.',
      // digitised 599/775 against 80 % → 620 → 21 more; 766: 80 − 68,12 = 11,88 points
      `Để đạt chỉ tiêu cần bớt 10 hồ sơ quá hạn (số hồ sơ quá hạn ≤ 0); thêm 2 phiếu xin lỗi (tỷ lệ hồ sơ quá hạn có phiếu xin lỗi ≥ 100${NB}%); thêm 21 hồ sơ được số hóa (tỷ lệ số hóa ≥ 80${NB}%); thêm 11,88 điểm (điểm 766 ≥ 80).`,
      `So với Tháng 09/2026, tỷ lệ đúng hạn tăng 0,21 điểm % (98,50${NB}% → 98,71${NB}%).`,
    ]);
    const tuPhap = unitSummary(row('MH.01'), uctx);
    expect(tuPhap[1]).toBe('Có 1 hồ sơ quá hạn (1 đang giải quyết), thuộc lĩnh vực Lý lịch tư pháp.');
    expect(tuPhap[2]).toBe('Chưa phát hành phiếu xin lỗi nào: còn thiếu 1 phiếu xin lỗi.');
  });
});
