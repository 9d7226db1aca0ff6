// The portal's evaluation API responses as saved ({code, data, message}): small responses written here
// with the traps of the real ones (children sorted by code as text, units with no dossiers at ratio 0 /
// score 0, integer ratios, " - Tỉnh …" suffixes in mixed case, metrics not scored, units by departmentId
// only), the period from a capture manifest matched by SHA-256 (or given by the person), the six groups
// combined into TOTAL, per-procedure rows, and broken inputs refused with file, column and reason.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { importFiles, type FileInput } from '../../../src/datasets/files';
import { readFile } from '../../../src/datasets/formats/detect';
import { cleanUnitName, parseEvaluation766, periodOfKey, periodOfPayload, type EvaluationCapture } from '../../../src/datasets/formats/evaluation766';
import type { CanonicalTable } from '../../../src/datasets/types';
import { XSS_TEXTS } from '../../fixtures/xss/payloads';
import { records } from './helpers';

const ROOT_ID = 'root-0000';
const enc = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const ok = (data: unknown) => ({ code: 'OK', data, message: 'OK' });
const url = (e: string) => `https://dichvucong.gov.vn/api/v1/reporting/evaluation/${e}`;
const year = (extra: Record<string, unknown> = {}) => ({ timeType: 'year', year: 2026, rootDepartmentId: ROOT_ID, currentPage: 1, pageSize: 200, ...extra });
const cap = (endpoint: string, payload = year()): EvaluationCapture => ({ url: url(endpoint), payload, capturedAt: '2026-09-26T11:21:36Z' });

// three children, sorted by code as text as the portal sorts them: H99.100 before H99.13
const CHILDREN = [
  { departmentId: 'id-01', departmentName: 'Sở Tư Pháp - Tỉnh Mẫu Sơn', departmentCode: 'H99.01', level: 'PROVINCE' },
  { departmentId: 'id-100', departmentName: 'UBND Xã An Phú - tỉnh mẫu sơn', departmentCode: 'H99.100', level: 'COMMUNE' },
  { departmentId: 'id-13', departmentName: 'UBND Phường Bắc - TỈNH MẪU SƠN', departmentCode: 'H99.13', level: 'COMMUNE' },
];
const tdgqChild = (i: number, received: number, onTime: number) => {
  const ratio = received === 0 ? 0 : Math.round((10000 * onTime) / received) / 100;
  return { ...CHILDREN[i], totalReceived: received, totalOnTime: onTime, totalOverdue: received - onTime, avgProcessingDays: 2.5, ratio, score: Math.round(ratio * 20) / 100, maxScore: 20, scoreDelta: null };
};
function tdgq(children = [tdgqChild(0, 161, 156), tdgqChild(1, 10, 4), tdgqChild(2, 0, 0)]) {
  const received = children.reduce((n, c) => n + c.totalReceived, 0);
  const onTime = children.reduce((n, c) => n + c.totalOnTime, 0);
  const ratio = Math.round((10000 * onTime) / received) / 100;
  return ok({
    parent: { departmentId: ROOT_ID, departmentName: 'UBND tỉnh Mẫu Sơn', departmentCode: 'H99', totalReceived: received, totalOnTime: onTime, totalCompleted: onTime, avgProcessingDays: 3, ratio, totalScore: Math.round(ratio * 20) / 100, totalMaxScore: 20 },
    children,
    monthlyChart: [{ month: '01', onTimePct: 90, overduePct: 10 }, { month: '12', onTimePct: 0, overduePct: 0 }],
  });
}
/** a tree endpoint (ONLINE, TTTT): one group score per unit */
function treeGroup(max: number, scores: number[], extra: Record<string, unknown> = {}) {
  return ok({
    parent: { departmentId: ROOT_ID, departmentName: 'UBND tỉnh Mẫu Sơn', departmentCode: 'H99', totalScore: scores[0], totalMaxScore: max, ratio: (100 * scores[0]) / max, ...extra },
    children: CHILDREN.map((c, i) => ({ ...c, totalScore: scores[i + 1], totalMaxScore: max, ratio: (100 * scores[i + 1]) / max, scoreDelta: null, ...extra })),
    monthlyChart: [],
  });
}
/** an overview/evaluation endpoint (CKMB, MDSH, MDHL): units by departmentId (and code when withCode), metrics[] */
function evalGroup(max: number, metricCode: string, scores: number[], withCode: boolean) {
  const unit = (c: { departmentId: string; departmentName: string; departmentCode: string; level?: string }, s: number, root: boolean) => ({
    departmentId: c.departmentId,
    departmentName: c.departmentName,
    ...(withCode ? { departmentCode: c.departmentCode } : {}),
    departmentLevel: root ? 'PROVINCE' : c.level,
    departmentType: root ? 'PROVINCE' : 'PROVINCIAL_DEPARTMENT',
    totalScore: s,
    totalMaxScore: max,
    ratio: Math.round((10000 * s) / max) / 100,
    scoreDelta: null,
    metrics: [
      { code: metricCode, name: 'Tỷ lệ <b>thử</b>', numerator: 3, denominator: 4, ratio: 75, score: s, maxScore: max },
      { code: `${metricCode}_NA`, name: 'Không tính điểm', numerator: 1, denominator: 2, ratio: 50, score: null, maxScore: 0 },
      { code: `${metricCode}_EMPTY`, name: 'Không có hồ sơ', numerator: 0, denominator: 0, ratio: 0, score: 0, maxScore: 2 },
    ],
  });
  return ok({
    overview: unit({ departmentId: ROOT_ID, departmentName: 'UBND tỉnh Mẫu Sơn', departmentCode: 'H99' }, scores[0], true),
    evaluation: CHILDREN.map((c, i) => unit(c, scores[i + 1], false)),
    pagination: { total: 3, currentPage: 1, pageSize: 200, totalPages: 1 },
  });
}

const index = (t: CanonicalTable | undefined) => (t ? Array.from({ length: t.rowCount }, (_, r) => Object.fromEntries(Object.entries(t.columns).map(([k, v]) => [k, v[r]]))) : []);

describe('one response, its capture given', () => {
  it('dvc-progress-tree: counts, ratio, score, max of every unit; clean names; levels; no dossiers → empty + NO_DOSSIERS', () => {
    const p = parseEvaluation766(tdgq(), 'tdgq.json', { capture: cap('dvc-progress-tree') });
    expect(p.kind).toBe('evaluation766:dvc-progress-tree');
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(p.summary).toMatchObject({ period: { type: 'ytd', period: '2026', start: '2026-01-01', end: '2026-09-26' }, asOf: '2026-09-26', unitCount: 3, noDossiers: 1, identityMismatches: 0 });
    const rows = records(p, 'index_scores').filter((r) => r.component === 'TDGQ');
    const of = (u: string) => rows.find((r) => r.unit_id === u)!;
    expect(of('H99.01')).toMatchObject({ index: '766', period_type: 'ytd', period: '2026', as_of: '2026-09-26', numerator: 156, denominator: 161, ratio: 96.89, score: 19.38, max_score: 20, quality_flag: null, procedure_code: null });
    expect(of('H99.100')).toMatchObject({ numerator: 4, denominator: 10, ratio: 40, score: 8 }); // an integer ratio
    expect(of('H99.13')).toMatchObject({ numerator: 0, denominator: 0, ratio: null, score: null, max_score: 20, quality_flag: 'NO_DOSSIERS' });
    expect(of('H99')).toMatchObject({ numerator: 160, denominator: 171, ratio: 93.57 });
    const units = records(p, 'units');
    expect(units.map((u) => [u.unit_id, u.name, u.level, u.parent_id])).toEqual([
      ['VN', 'Cả nước', 'nation', null],
      ['H99', 'UBND tỉnh Mẫu Sơn', 'province', 'VN'],
      ['H99.01', 'Sở Tư Pháp', 'agency', 'H99'],
      ['H99.100', 'UBND Xã An Phú', 'commune', 'H99'],
      ['H99.13', 'UBND Phường Bắc', 'commune', 'H99'],
    ]);
    // TDGQ counts for the children with dossiers, mapped so that on time / received = the published ratio
    expect(records(p, 'dossier_counts')).toEqual([
      { period_start: '2026-01-01', period_end: '2026-09-26', unit_id: 'H99.01', field: '', received_online: null, received_offline: null, carried_over: null, resolved_early: null, resolved_on_time: 156, resolved_overdue: 5, pending_within: null, pending_overdue: 0 },
      { period_start: '2026-01-01', period_end: '2026-09-26', unit_id: 'H99.100', field: '', received_online: null, received_offline: null, carried_over: null, resolved_early: null, resolved_on_time: 4, resolved_overdue: 6, pending_within: null, pending_overdue: 0 },
    ]);
    expect(p.summary.monthlyChartNote).toMatch(/not stored/);
    expect(p.issues.map((i) => i.code)).toEqual(['no_dossiers']);
  });

  it('identities that fail are flags on the figure and warnings, never errors', () => {
    const bad = tdgq([{ ...tdgqChild(0, 161, 156), totalOverdue: 4, ratio: 96.5, score: 19 }, tdgqChild(1, 10, 4), tdgqChild(2, 0, 0)]);
    (bad.data as { parent: { totalReceived: number } }).parent.totalReceived += 1;
    const p = parseEvaluation766(bad, 'tdgq.json', { capture: cap('dvc-progress-tree') });
    expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
    // (the parent's received, one more than its children's, no longer gives its ratio either)
    expect(p.issues.map((i) => i.code).sort()).toEqual(['identity_counts', 'identity_ratio', 'identity_ratio', 'identity_score', 'no_dossiers', 'parent_sum_mismatch']);
    const row = records(p, 'index_scores').find((r) => r.component === 'TDGQ' && r.unit_id === 'H99.01')!;
    expect(row.quality_flag).toBe('COUNT_MISMATCH,RATIO_MISMATCH,SCORE_MISMATCH');
    expect(row.ratio).toBe(96.5); // as published
    expect(records(p, 'index_scores').find((r) => r.component === 'TDGQ' && r.unit_id === 'H99')!.quality_flag).toMatch(/PARENT_SUM_MISMATCH/);
    const i = p.issues.filter((x) => x.code === 'identity_ratio').map((x) => [x.file, x.row, x.column]);
    expect(i).toEqual([['tdgq.json', 1, 'data.parent.ratio'], ['tdgq.json', 2, 'data.children[0].ratio']]);
  });

  it('metrics: numerator, denominator, ratio, score, max; not scored → score empty; 0 / 0 → no dossiers', () => {
    const p = parseEvaluation766(evalGroup(22, 'ORIGINAL_RESULT_AVAILABLE', [9.59, 4.43, 10, 12], true), 'mdsh.json', { capture: cap('dossier-digitized') });
    expect(p.kind).toBe('evaluation766:dossier-digitized');
    const rows = records(p, 'index_scores').filter((r) => r.unit_id === 'H99.01');
    const c = (x: string) => rows.find((r) => r.component === x);
    expect(c('MDSH')).toMatchObject({ score: 4.43, max_score: 22, ratio: 20.14 });
    expect(c('ORIGINAL_RESULT_AVAILABLE')).toMatchObject({ numerator: 3, denominator: 4, ratio: 75, score: 4.43, max_score: 22, quality_flag: null });
    expect(c('ORIGINAL_RESULT_AVAILABLE_NA')).toMatchObject({ numerator: 1, denominator: 2, ratio: 50, score: null, max_score: 0, quality_flag: 'NOT_SCORED' });
    expect(c('ORIGINAL_RESULT_AVAILABLE_EMPTY')).toMatchObject({ numerator: 0, denominator: 0, ratio: null, score: null, quality_flag: 'NO_DOSSIERS' });
  });

  it('the period from the payload: year (open → ytd), quarter (open), month, fromDate/toDate', () => {
    expect(periodOfPayload(year(), '2026-09-26')).toEqual({ period_type: 'ytd', period: '2026', start: '2026-01-01', end: '2026-09-26' });
    expect(periodOfPayload(year(), '2027-01-05')).toEqual({ period_type: 'year', period: '2026', start: '2026-01-01', end: '2026-12-31' });
    expect(periodOfPayload({ timeType: 'quarter', year: 2026, quarter: 3 }, '2026-09-26')).toEqual({ period_type: 'quarter', period: '2026-Q3', start: '2026-07-01', end: '2026-09-26' });
    expect(periodOfPayload({ timeType: 'month', year: 2026, month: 8 }, '2026-09-27')).toEqual({ period_type: 'month', period: '2026-08', start: '2026-08-01', end: '2026-08-31' });
    expect(periodOfPayload({ fromDate: '2026-01-01', toDate: '2026-12-31' }, '2026-09-26')).toMatchObject({ period_type: 'ytd', period: '2026' });
    expect(periodOfPayload({ fromDate: '2026-07-01', toDate: '2026-09-30' }, '2026-09-26')).toMatchObject({ period_type: 'quarter', period: '2026-Q3', end: '2026-09-26' });
    expect(periodOfPayload({ fromDate: '2026-08-01', toDate: '2026-08-31' }, '2026-09-28')).toMatchObject({ period_type: 'month', period: '2026-08' });
    expect(periodOfPayload({ fromDate: '2026-08-03', toDate: '2026-08-31' }, null)).toBeNull();
    expect(periodOfKey('2026-Q3', '2026-09-26')).toMatchObject({ period_type: 'quarter', period: '2026-Q3' });
    expect(periodOfKey('2026-13', null)).toBeNull();
  });

  it('names: the " - Tỉnh …" suffix in any case goes, the rest stays', () => {
    expect(cleanUnitName('Sở Nông Nghiệp và Môi Trường - Tỉnh Phú Thọ')).toBe('Sở Nông Nghiệp và Môi Trường');
    expect(cleanUnitName('Văn phòng UBND Tỉnh - TỈNH PHÚ THỌ')).toBe('Văn phòng UBND Tỉnh');
    expect(cleanUnitName('UBND tỉnh Phú Thọ')).toBe('UBND tỉnh Phú Thọ');
  });
});

describe('several responses through the import', () => {
  const file = (name: string, v: unknown): FileInput => ({ name, bytes: enc(v) });
  const six = () => [
    ['tdgq.json', 'dvc-progress-tree', tdgq()],
    ['ckmb.json', 'transparency', evalGroup(18, 'PUBLISH_ON_TIME', [7.96, 7.96, 5, 6], false)],
    ['online.json', 'provide-online-tree', treeGroup(12, [8.56, 6, 7.33, 5], { authorityCount: 3 })],
    ['tttt.json', 'formality-online-payment-tree', treeGroup(10, [6.67, 0, 4, 10], { totalDossierOnlinePaymentSuccess: 1, totalDossierFinancialObligation: 2, totalFeeFormality: 1 })],
    ['mdsh.json', 'dossier-digitized', evalGroup(22, 'ORIGINAL_RESULT_AVAILABLE', [9.59, 4.43, 10, 12], true)],
    ['mdhl.json', 'handling-satisfaction', evalGroup(18, 'DOSSIER_RECEIVING_SATISFACTION', [11.43, 18, 9, 3], false)],
  ] as const;
  /** the files and a manifest naming each by SHA-256 and byte count (its file names deliberately wrong) */
  function withManifest(list: readonly (readonly [string, string, unknown])[], payload: (e: string) => Record<string, unknown> = (e) => (e === 'handling-satisfaction' ? { fromDate: '2026-01-01', toDate: '2026-12-31', rootDepartmentId: ROOT_ID } : year())) {
    const files = list.map(([n, , v]) => file(n, v));
    const captures = list.map(([, e], i) => ({ file: `${e}/year-all.json`, url: url(e), payload: payload(e), capturedAt: '2026-09-26T11:20:53+00:00', httpStatus: 201, sha256: createHash('sha256').update(files[i].bytes).digest('hex'), bytes: files[i].bytes.byteLength }));
    return [...files, file('manifest.m0.json', { schemaVersion: 1, province: { id: ROOT_ID, name: 'UBND tỉnh Mẫu Sơn' }, formality: { code: '2.000815', id: 'f-1', name: 'Chứng thực bản sao từ bản chính' }, captures })];
  }

  it('six group files of one root and period: TOTAL = Σ six groups for every unit; units by departmentId get their code', async () => {
    const r = await importFiles(withManifest(six()));
    expect(r.dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.files.find((f) => f.file === 'manifest.m0.json')?.summary).toMatchObject({ kind: 'evaluation766:manifest', captures: 6, matched: 6 });
    for (const f of r.files.filter((x) => x.file !== 'manifest.m0.json')) expect(f.period, f.file).toMatchObject({ type: 'ytd', start: '2026-01-01', end: '2026-09-26' });
    const rows = index(r.dataset.tables.index_scores);
    const sum = (u: string) => ['CKMB', 'TDGQ', 'ONLINE', 'TTTT', 'MDSH', 'MDHL'].reduce((n, g) => n + ((rows.find((x) => x.unit_id === u && x.component === g)?.score as number | null) ?? 0), 0);
    for (const u of ['H99', 'H99.01', 'H99.100', 'H99.13']) {
      const t = rows.find((x) => x.unit_id === u && x.component === 'TOTAL')!;
      expect(t, u).toBeDefined();
      expect(t.score as number, u).toBeCloseTo(sum(u), 9);
      expect(t.max_score).toBe(100);
    }
    // the unit with no dossiers: its TDGQ is empty and counts as the portal's 0 in the total, which says so
    expect(rows.find((x) => x.unit_id === 'H99.13' && x.component === 'TOTAL')!.quality_flag).toBe('NO_DOSSIERS_TDGQ');
    // CKMB and MDHL named units by departmentId only: joined to the codes of the other files
    expect(rows.filter((x) => String(x.unit_id).startsWith('id-') || x.unit_id === ROOT_ID)).toEqual([]);
    expect(r.dataset.issues.map((i) => i.code)).not.toContain('unit_id_only');
    expect(r.dataset.tables.units!.rowCount).toBe(5);
    for (const a of r.dataset.accounts) expect(a.read).toBe(a.loaded + a.reported + (a.subtotal ?? 0) + (a.repeated ?? 0));
  });

  it('five of six: no TOTAL, a warning names the missing group', async () => {
    const r = await importFiles(withManifest(six().filter(([n]) => n !== 'mdhl.json')));
    expect(index(r.dataset.tables.index_scores).filter((x) => x.component === 'TOTAL')).toEqual([]);
    const w = r.dataset.issues.find((i) => i.code === 'total_missing_groups')!;
    expect(w.severity).toBe('warning');
    expect(w.message_en).toContain('MDHL');
  });

  it('a unit known only by departmentId keeps a stable id and a warning', async () => {
    const r = await importFiles(withManifest([six()[1]]));
    const ids = new Set(index(r.dataset.tables.index_scores).map((x) => x.unit_id));
    expect(ids).toEqual(new Set([ROOT_ID, 'id-01', 'id-100', 'id-13']));
    expect(r.dataset.issues.find((i) => i.code === 'unit_id_only')).toMatchObject({ severity: 'warning', file: 'ckmb.json' });
    expect(r.dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('per procedure: procedure_code and procedure_name from the manifest; no dossier_counts', async () => {
    const r = await importFiles(withManifest([six()[0]], () => year({ formalityId: 'f-1' })));
    expect(r.dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const rows = index(r.dataset.tables.index_scores);
    expect(rows.length).toBeGreaterThan(0);
    for (const x of rows) expect([x.procedure_code, x.procedure_name]).toEqual(['2.000815', 'Chứng thực bản sao từ bản chính']);
    expect(r.dataset.tables.dossier_counts?.rowCount ?? 0).toBe(0);
  });

  it('the same figures whole-unit and per procedure do not collide (procedure_code is part of the key)', async () => {
    const a = file('a.json', tdgq());
    const b = file('b.json', { ...tdgq(), message: 'OK ' });
    const m = file('m.json', { captures: [a, b].map((f, i) => ({ url: url('dvc-progress-tree'), payload: year(i ? { formalityId: 'f-1' } : {}), capturedAt: '2026-09-26T11:20:53Z', sha256: createHash('sha256').update(f.bytes).digest('hex'), bytes: f.bytes.byteLength })), formality: { id: 'f-1', code: '2.000815', name: 'X' } });
    const r = await importFiles([a, b, m]);
    expect(r.dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const tdgqRows = index(r.dataset.tables.index_scores).filter((x) => x.component === 'TDGQ' && x.unit_id === 'H99.01');
    expect(tdgqRows.map((x) => x.procedure_code).sort()).toEqual(['2.000815', null]);
  });

  it('no manifest: the preview asks for the period (and the day); given, the file reads', async () => {
    const asked = await importFiles([file('tdgq.json', tdgq())]);
    expect(asked.files[0].needs).toEqual(['asOf', 'period']);
    expect(asked.dataset.issues.map((i) => i.code)).toEqual(['period_unknown', 'as_of_unknown']);
    const given = await importFiles([file('tdgq.json', tdgq())], { perFile: { 'tdgq.json': { periodKey: '2026-Q3', asOf: '2026-09-26' } } });
    expect(given.dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(given.files[0].period).toMatchObject({ type: 'quarter', start: '2026-07-01', end: '2026-09-26' });
    // a closed month needs no day
    const month = await importFiles([file('tdgq.json', tdgq())], { perFile: { 'tdgq.json': { periodKey: '2026-08' } } });
    expect(month.files[0].period).toMatchObject({ type: 'month', start: '2026-08-01', end: '2026-08-31' });
    expect(month.dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});

describe('the crawler\'s file and the API response of the same day', () => {
  it('give the same TDGQ figure and counts once (snapshot merge), not twice', async () => {
    const { dvc766Agency, dvc766Detail } = await import('../../../scripts/generate-bad-corpus');
    // the crawler's agencies-detail of 10-10-2026 (H99.01: 654 received, 653 on time) …
    const crawler = { name: 'agencies_detail.json', bytes: enc(dvc766Detail([dvc766Agency('H99.01', 'Sở Tư pháp - tỉnh Mẫu Sơn', 654, 653)])) };
    // … and the portal's dvc-progress-tree captured the same day, with the same unit
    const api = { name: 'year-all.json', bytes: enc(tdgq([{ ...tdgqChild(0, 654, 653), departmentCode: 'H99.01' }])) };
    const m = { name: 'manifest.json', bytes: enc({ captures: [{ url: url('dvc-progress-tree'), payload: year(), capturedAt: '2026-10-10T03:00:00Z', sha256: createHash('sha256').update(api.bytes).digest('hex'), bytes: api.bytes.byteLength }] }) };
    const r = await importFiles([crawler, api, m]);
    expect(r.dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const dc = index(r.dataset.tables.dossier_counts).filter((x) => x.unit_id === 'H99.01');
    expect(dc).toHaveLength(1);
    expect(dc[0]).toMatchObject({ period_start: '2026-01-01', period_end: '2026-10-10', resolved_on_time: 653, resolved_overdue: 1 });
    const t = index(r.dataset.tables.index_scores).filter((x) => x.unit_id === 'H99.01' && x.component === 'TDGQ');
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ numerator: 653, denominator: 654, as_of: '2026-10-10' });
    expect(r.dataset.accounts.filter((a) => a.table === 'dossier_counts').reduce((n, a) => n + (a.repeated ?? 0), 0)).toBe(1);
    for (const a of r.dataset.accounts) expect(a.read).toBe(a.loaded + a.reported + (a.subtotal ?? 0) + (a.repeated ?? 0));
  });
});

describe('broken responses: refused or read with file, column and reason; nothing run', () => {
  const read = (name: string, text: string) => readFile(new TextEncoder().encode(text), name);

  it('truncated JSON', () => {
    const text = JSON.stringify(tdgq());
    const p = read('cut.json', text.slice(0, text.length / 2));
    expect(p.issues.map((i) => [i.severity, i.code, i.file])).toEqual([['error', 'truncated', 'cut.json']]);
    expect(p.tables).toEqual({});
  });

  it('wrong envelope: code is not OK, data missing, data of no known endpoint', () => {
    const e1 = read('err.json', JSON.stringify({ code: 'UNAUTHORIZED', data: null, message: 'Phiên đăng nhập <img src=x onerror=alert(1)> hết hạn' }));
    expect(e1.issues).toMatchObject([{ severity: 'error', code: 'api_error', file: 'err.json', column: 'code' }]);
    expect(e1.issues[0].message_en).toContain('UNAUTHORIZED');
    const e2 = read('nodata.json', JSON.stringify({ code: 'OK', message: 'OK' }));
    expect(e2.issues).toMatchObject([{ severity: 'error', code: 'bad_envelope', column: 'data' }]);
    const e3 = read('odd.json', JSON.stringify(ok({ something: [1, 2] })));
    expect(e3.issues).toMatchObject([{ severity: 'error', code: 'bad_json_shape', column: 'data' }]);
    for (const p of [e1, e2, e3]) expect(p.tables).toEqual({});
  });

  it('a child that is not an object, a negative count: named by row and column, the rest read', () => {
    const v = tdgq();
    const d = v.data as { children: unknown[] };
    d.children.push('oops');
    (d.children[0] as { totalOnTime: number }).totalOnTime = -1;
    const p = parseEvaluation766(v, 'x.json', { capture: cap('dvc-progress-tree') });
    expect(p.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.row, i.column])).toEqual([
      ['negative_count', 2, 'data.children[0].totalOnTime'],
      ['bad_json_shape', 5, 'data.children[3]'],
    ]);
    expect(records(p, 'index_scores').some((r) => r.unit_id === 'H99.100')).toBe(true);
  });

  it('hostile names in every text field stay plain text in the rows', () => {
    for (const x of XSS_TEXTS) {
      const v = tdgq();
      const d = v.data as { parent: Record<string, unknown>; children: Record<string, unknown>[] };
      d.children[0].departmentName = x;
      d.children[1].departmentCode = `H99.${x}`;
      const p = parseEvaluation766(v, 'x.json', { capture: cap('dvc-progress-tree') });
      expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
      // the name as text (trimmed, NFC; a " - Tỉnh …" tail would go), never parsed or run
      const names = records(p, 'units').map((u) => u.name);
      if (x.trim() !== '') expect(names).toContain(cleanUnitName(x.trim().normalize('NFC')));
      expect(records(p, 'units').map((u) => u.unit_id)).toContain(x.trim() === '' ? 'H99.' : `H99.${x}`.trim().normalize('NFC'));
    }
  });
});
