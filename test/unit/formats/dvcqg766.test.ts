import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dvcqg766Shape, latestCumulativeRows, parseDvcqg766, vietnamDate } from '../../../src/datasets/formats/dvcqg766';
import { readFile } from '../../../src/datasets/formats/detect';
import { records, repoRoot } from './helpers';

const real = resolve(repoRoot, '../shared/real');
const data = join(real, 'crawler-766/data');
const haveReal = existsSync(data);
if (!haveReal) console.warn(`[formats/dvcqg766] ${real} is absent: the tests on real portal files are skipped.`);
const load = (p: string) => JSON.parse(readFileSync(join(data, p), 'utf8'));

/** on_time_rate of the metric registry: (early + on time + pending within) / (resolved + pending). */
function onTimeRate(r: Record<string, unknown>): number {
  const n = (k: string) => (r[k] as number | null) ?? 0;
  const resolved = n('resolved_early') + n('resolved_on_time') + n('resolved_overdue');
  const pending = n('pending_within') + n('pending_overdue');
  return (100 * (n('resolved_early') + n('resolved_on_time') + n('pending_within'))) / (resolved + pending);
}

describe('766 JSON: small hand-made shapes', () => {
  it('refuses the API request with a clear message', () => {
    const p = parseDvcqg766({ timeType: 'year', year: 2026, departmentType: 'ADMINISTRATIVE_UNIT' }, 'request.json');
    expect(p.kind).toBe('dvcqg766:request');
    expect(p.issues).toHaveLength(1);
    expect(p.issues[0]).toMatchObject({ severity: 'error', code: 'api_request' });
    expect(p.issues[0].message).toContain('không phải kết quả');
  });
  it('takes as_of in Vietnam time (UTC+7)', () => {
    expect(vietnamDate('2026-10-01T21:33:24Z')).toBe('2026-10-02');
    expect(vietnamDate('2026-10-10T07:00:18Z')).toBe('2026-10-10');
  });
  it('TDGQ counts give the published on-time ratio; a remainder goes to pending_overdue with a warning', () => {
    const json = {
      metadata: { provinceCode: 'H99', runDateStr: '10102026', timeType: 'year', year: 2026, extractedAt: '2026-10-10T07:00:18Z' },
      agenciesDetail: [
        { departmentCode: 'H99.01', departmentName: 'Sở A - tỉnh X', childGroup: 'AGENCY', totalScore: 14, groupScores: { CKMB: 0, TDGQ: 14, ONLINE: 0, TTTT: 0, MDSH: 0, MDHL: 0 }, componentIndicators: { TDGQ_TienDoGiaiQuyet: { totalReceived: 10, totalOnTime: 7, totalOverdue: 2, ratio: 70, score: 14, maxScore: 20 } }, rank: 3, groupRank: 1 },
      ],
    };
    const p = parseDvcqg766(json, 'x.json');
    const [row] = records(p, 'dossier_counts');
    expect(row).toMatchObject({ period_start: '2026-01-01', period_end: '2026-10-10', unit_id: 'H99.01', field: '', received_online: null, received_offline: null, carried_over: null, resolved_on_time: 7, resolved_overdue: 2, pending_overdue: 1 });
    expect(onTimeRate(row)).toBe(70);
    expect(p.tables.dossier_counts?.allowEmpty).toEqual(['received_online', 'received_offline', 'carried_over', 'resolved_early', 'pending_within']);
    expect(p.issues.map((i) => i.code)).toEqual(['tdgq_remainder']);
    expect(p.issues[0].message).toContain('1 hồ sơ');
  });
});

describe.skipIf(!haveReal)('766 JSON: real portal files', () => {
  it('every file in shared/real parses with no error (except the API request, refused on purpose)', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        // the portal's own API responses (qd766/) have their reader and tests (evaluation766.test.ts)
        if (statSync(p).isDirectory()) { if (f !== 'qd766') walk(p); }
        else if (f.endsWith('.json')) files.push(p);
      }
    };
    walk(real);
    expect(files.length).toBeGreaterThanOrEqual(13);
    for (const f of files) {
      const name = relative(real, f);
      const p = readFile(new Uint8Array(readFileSync(f)), name);
      const errors = p.issues.filter((i) => i.severity === 'error');
      if (name.endsWith('request.json')) {
        expect(errors.map((e) => e.code), name).toEqual(['api_request']);
        continue;
      }
      expect(errors, name).toEqual([]);
      expect(p.kind, name).toMatch(/^dvcqg766:/);
      expect(p.tables.units?.rows.length ?? 0, name).toBeGreaterThan(0);
      for (const a of p.accounts) expect(a.read, `${name} ${a.table}`).toBe(a.loaded + a.reported + (a.subtotal ?? 0));
    }
  });

  it('Gia Lai agencies on 10-10: dossier_counts give the published TDGQ ratio and TOTAL = totalScore', () => {
    const json = load('gia_lai/agencies_detail_GiaLai_10102026.json');
    const p = parseDvcqg766(json, 'agencies_detail_GiaLai_10102026.json');
    expect(p.issues).toEqual([]);
    const counts = records(p, 'dossier_counts');
    const scores = records(p, 'index_scores');
    expect(counts).toHaveLength(14);
    for (const a of json.agenciesDetail) {
      const t = a.componentIndicators.TDGQ_TienDoGiaiQuyet;
      const row = counts.find((r) => r.unit_id === a.departmentCode) as Record<string, unknown>;
      expect(row.period_start).toBe('2026-01-01');
      expect(row.period_end).toBe('2026-10-10');
      if (t.totalReceived > 0) expect(Math.round(onTimeRate(row) * 100) / 100, a.departmentName).toBe(t.ratio);
      const total = scores.find((s) => s.unit_id === a.departmentCode && s.component === 'TOTAL');
      expect(total, a.departmentName).toMatchObject({ index: '766', period_type: 'ytd', period: '2026', as_of: '2026-10-10', score: a.totalScore, rank: a.groupRank, rank_group: 'AGENCY', rank_of: 14 });
    }
    // hand-checked: Sở VHTTDL 653 on time of 654 received → 99,85
    const vh = counts.find((r) => r.unit_id === 'H21.17') as Record<string, unknown>;
    expect([vh.resolved_on_time, vh.resolved_overdue, vh.resolved_early, vh.pending_within, vh.pending_overdue]).toEqual([653, 1, null, null, 0]);
    expect(Math.round(onTimeRate(vh) * 100) / 100).toBe(99.85);
    // components: groups, metrics with numerator/denominator, quality flags; CLGQ is ONLINE
    const vhRows = scores.filter((s) => s.unit_id === 'H21.17');
    expect(vhRows.find((s) => s.component === 'TDGQ')).toMatchObject({ score: 19.97, max_score: 20, numerator: 653, denominator: 654, ratio: 99.85 });
    expect(vhRows.find((s) => s.component === 'ONLINE')).toMatchObject({ score: 6.72, max_score: 12 });
    expect(vhRows.find((s) => s.component === 'DOSSIER_SYNC')).toMatchObject({ numerator: 547, denominator: 547, quality_flag: 'TEMP_NATIONAL_REPORT_DENOMINATOR' });
    expect(vhRows.find((s) => s.component === 'ELECTRONIC_CERTIFIED_COPY')).toMatchObject({ numerator: null, denominator: null, ratio: 100, score: 2 });
    expect(vhRows.find((s) => s.component === 'TOTAL_RANK_ALL')).toMatchObject({ rank: 1, rank_group: 'ALL', score: null });
    expect(records(p, 'units').find((u) => u.unit_id === 'H21.17')).toMatchObject({ name: 'Sở Văn hóa, Thể thao và Du lịch - tỉnh Gia Lai', short_name: 'Sở Văn hóa, Thể thao và Du lịch', parent_id: 'H21', level: 'agency', code: 'H21.17' });
  });

  it('Sở Công Thương on 01-10: group scores 53,77 against total 65,62 is a warning', () => {
    const p = parseDvcqg766(load('gia_lai/agencies_detail_GiaLai_01102026.json'), 'agencies_detail_GiaLai_01102026.json');
    const w = p.issues.find((i) => i.code === 'group_sum_mismatch' && i.message.includes('Sở Công Thương'));
    expect(w?.severity).toBe('warning');
    expect(w?.message).toContain('65,62');
    expect(w?.message).toContain('53,77');
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // extracted at 21:33 UTC on 1 October = 2 October in Vietnam: said, not hidden
    expect(p.summary.asOf).toBe('2026-10-02');
    expect(p.issues.find((i) => i.code === 'as_of_differs')).toBeTruthy();
  });

  it('daily snapshots stack by as_of; the loader keeps the latest cumulative dossier_counts', () => {
    const a = parseDvcqg766(load('gia_lai/agencies_detail_GiaLai_24092026.json'), 'a24.json');
    const b = parseDvcqg766(load('gia_lai/agencies_detail_GiaLai_10102026.json'), 'a10.json');
    const ta = a.tables.dossier_counts!;
    const tb = b.tables.dossier_counts!;
    const { keep, superseded } = latestCumulativeRows([ta, tb]);
    expect(keep.every((k) => k.file === 'a10.json')).toBe(true);
    expect(keep).toHaveLength(14);
    expect(superseded).toHaveLength(14);
    const sa = records(a, 'index_scores').filter((s) => s.component === 'TOTAL' && s.unit_id === 'H21.17');
    const sb = records(b, 'index_scores').filter((s) => s.component === 'TOTAL' && s.unit_id === 'H21.17');
    expect(sa[0].as_of).toBe('2026-09-24');
    expect(sb[0].as_of).toBe('2026-10-10');
  });

  it('provinces: ranks among 34, CLGQ → ONLINE, nation VN', () => {
    const p = parseDvcqg766(load('provinces/scores_Provinces_10102026.json'), 'scores.json');
    const s = records(p, 'index_scores');
    expect(s.find((r) => r.unit_id === 'H20' && r.component === 'TOTAL')).toMatchObject({ score: 68.8, rank: 1, rank_of: 34, rank_group: 'PROVINCE' });
    expect(s.find((r) => r.unit_id === 'VN' && r.component === 'TOTAL')).toMatchObject({ score: 62.59 });
    const d = parseDvcqg766(load('provinces/details_Provinces_10102026.json'), 'details.json');
    const hn = records(d, 'dossier_counts').find((r) => r.unit_id === 'H01' || false);
    expect(hn).toBeTruthy();
    const hanoi = load('provinces/details_Provinces_10102026.json').provinces.find((x: { departmentName: string }) => /Hà Nội/.test(x.departmentName));
    const row = records(d, 'dossier_counts').find((r) => r.unit_id === hanoi.departmentCode) as Record<string, unknown>;
    expect([row.resolved_on_time, row.resolved_overdue]).toEqual([788612, 276538]);
    expect(Math.round(onTimeRate(row) * 100) / 100).toBe(hanoi.componentIndicators.TDGQ_TienDoGiaiQuyet.ratio);
  });

  it('comparisons: previous day and previous month become rows with their own as_of / period', () => {
    const c = parseDvcqg766(load('gia_lai/comparison_GiaLai_10102026.json'), 'cmp.json');
    const s = records(c, 'index_scores').filter((r) => r.unit_id === 'H21.17');
    expect(s.find((r) => r.component === 'TOTAL' && r.as_of === '2026-10-10')).toMatchObject({ score: 79.27 });
    expect(s.find((r) => r.component === 'TOTAL' && r.as_of === '2026-10-09')).toMatchObject({ score: 79.14 });
    expect(s.find((r) => r.component === 'TTTT' && r.as_of === '2026-10-09')).toMatchObject({ score: 8.58 });
    const m = parseDvcqg766(load('gia_lai/score_comparison_month_2026_3.json'), 'month.json');
    const ms = records(m, 'index_scores').filter((r) => r.unit_id === 'H21');
    expect(ms.find((r) => r.period === '2026-03')).toMatchObject({ period_type: 'month', score: 33.36, as_of: '2026-09-23' });
    expect(ms.find((r) => r.period === '2026-02')).toMatchObject({ period_type: 'month', score: 34.19 });
  });

  it('the raw national response: provinces, radar, donuts and monthly series', () => {
    const p = parseDvcqg766(load('discovery/api-20260917-104019/response.json'), 'discovery/api-20260917-104019/response.json');
    expect(p.summary.asOf).toBe('2026-09-17');
    const s = records(p, 'index_scores');
    expect(s.find((r) => r.unit_id === 'VN' && r.component === 'TOTAL' && r.period === '2026')).toMatchObject({ score: 56.56, period_type: 'ytd' });
    expect(s.find((r) => r.unit_id === 'VN' && r.component === 'TOTAL' && r.period === '2026-01')).toMatchObject({ score: 36.23, period_type: 'month' });
    expect(s.find((r) => r.unit_id === 'VN' && r.component === 'ONLINE_DOSSIER_ONLINE')).toMatchObject({ numerator: 11122091, ratio: 94.88 });
    expect(s.find((r) => r.unit_id === 'H20' && r.component === 'ONLINE')).toMatchObject({ score: 8.83 });
    expect(s.filter((r) => r.period === '2026-10')).toEqual([]); // months not yet published are not rows
    expect(p.issues.map((i) => i.code)).toEqual(['period_assumed']);
  });

  it('catalogues give units only', () => {
    const p = parseDvcqg766(load('config/provinces.json'), 'provinces.json');
    expect(p.tables.index_scores).toBeUndefined();
    expect(records(p, 'units').find((u) => u.unit_id === 'H21')).toMatchObject({ level: 'province', parent_id: 'VN' });
    expect(dvcqg766Shape(load('config/departments.json'))).toBe('departments_config');
  });
});
