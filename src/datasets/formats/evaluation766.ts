// The national portal's evaluation API responses, exactly as saved: the envelope {code, data, message} of
// POST /api/v1/reporting/evaluation/<endpoint> (and /api/v1/reporting/formalities, the procedure
// catalogue) → index_scores, units and, from TDGQ, dossier_counts. The crawler's reshaped files stay in
// dvcqg766.ts; this reader shares its conventions (unit_id = departmentCode, index '766', components
// TOTAL / CKMB / TDGQ / ONLINE / TTTT / MDSH / MDHL and the portal's metric codes, period_type / period /
// as_of, TDGQ counts mapped so that on_time_rate equals the published ratio).
//
// Endpoints, told apart by their content (the capture's URL wins when a manifest gives it):
//   dvc-progress-tree (TDGQ), provide-online-tree (ONLINE), formality-online-payment-tree (TTTT):
//     data.parent (the root unit) + data.children[] (agencies `level: PROVINCE`, communes `COMMUNE`);
//   transparency (CKMB), dossier-digitized (MDSH), handling-satisfaction (MDHL):
//     data.overview (the root) + data.evaluation[] with metrics[] (code, numerator, denominator, ratio,
//     score, maxScore); transparency and handling-satisfaction name units by departmentId only: the
//     combining step (evaluation766Combine.ts) gives them their departmentCode from the other files;
//   formalities: data.items[] (id, code, name): the catalogue that names a per-procedure response's
//     formalityId.
//
// The bodies do not state their period: the request payload does (timeType + year + quarter/month, or
// fromDate/toDate), from a capture manifest matched by SHA-256 and byte count (evaluation766Manifest.ts),
// else the person gives it (ReadOptions periodKey "2026-08" | "2026-Q3" | "2026", or period start/end);
// as_of is the capture day in Vietnam's time (UTC+7). A year or quarter captured before its end is open:
// 'ytd' / 'quarter' ending on as_of, as in dvcqg766.ts.
//
// Traps kept in mind (all seen in the real responses): children sorted by code as text (order is never
// relied on); units with no dossiers carry ratio 0 and score 0: stored as empty (null) with quality_flag
// NO_DOSSIERS, never as 0 %; integer ratios (40); monthlyChart months with no data written 0: the
// monthly series is not stored (a note in the summary says so); metrics not scored (maxScore 0 or score
// null): score empty, flag NOT_SCORED; names with a " - Tỉnh …" suffix in any case: a clean name, the
// code as id. Identities checked on every unit (a mismatch is a flag on the figure and a warning, never
// an error): received = on time + overdue; ratio = round(100 × on time / received, 2); score =
// round(ratio × max / 100, 2); a metric's ratio = round(100 × numerator / denominator, 2); a group's score
// = Σ its metrics' scores; the parent's received and on time = Σ children.
//
// Per-procedure responses (payload formalityId / formalityID): every row carries procedure_code and
// procedure_name (whole-unit rows leave them empty) and no dossier_counts rows are made (the counts of
// one procedure are inside the unit's counts: summing both would count them twice).
import type { Cell, Issue, ParsedFile, RowAccount } from '../types';
import { INDEX_HEADER, vietnamDate } from './dvcqg766';
import { errorIssue, viNumber, warningIssue } from './issues';
import { isoDate } from './vnDate';
import { arr, isObj, num, round2, str, type Obj } from './jsonValues';

export type EvaluationEndpoint =
  | 'dvc-progress-tree'
  | 'transparency'
  | 'provide-online-tree'
  | 'formality-online-payment-tree'
  | 'dossier-digitized'
  | 'handling-satisfaction'
  | 'formalities';

export const ENDPOINT_GROUP: Record<Exclude<EvaluationEndpoint, 'formalities'>, string> = {
  'dvc-progress-tree': 'TDGQ',
  transparency: 'CKMB',
  'provide-online-tree': 'ONLINE',
  'formality-online-payment-tree': 'TTTT',
  'dossier-digitized': 'MDSH',
  'handling-satisfaction': 'MDHL',
};
export const ENDPOINTS = [...Object.keys(ENDPOINT_GROUP), 'formalities'] as EvaluationEndpoint[];

/** One capture of a manifest: what was asked and when (manifest.m0.json → captures[]). */
export interface EvaluationCapture {
  file?: string;
  url?: string;
  payload: Record<string, unknown>;
  capturedAt?: string;
  /** the manifest's procedure record, when the payload names one */
  formality?: Procedure | null;
}

export interface Procedure {
  id?: string;
  code: string;
  name?: string | null;
}

export interface EvaluationOptions {
  capture?: EvaluationCapture;
  /** procedures by their portal id (from the catalogue files and the manifest) */
  procedures?: Record<string, Procedure>;
  /** the period when no capture states it: "2026-08", "2026-Q3", "2026" */
  periodKey?: string;
  /** or as dates (the Biểu 06 period the preview already asks for) */
  period?: { period_start: string; period_end: string };
  /** the day the figures were taken, when no capture states it */
  asOf?: string;
}

/** published figures are rounded to 0,01 (half up or half even): within 0,01 + float noise is equal */
const near = (a: number, b: number) => Math.abs(a - b) <= 0.01 + 1e-9;
const snake = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

// ── what a response is ───────────────────────────────────────────────────────────────────────────────

const TDGQ_KEYS = ['totalReceived', 'totalOnTime'];
const TTTT_KEYS = ['totalDossierOnlinePaymentSuccess', 'totalDossierFinancialObligation', 'totalFeeFormality'];
const ONLINE_KEYS = ['authorityCount', 'channelTotalSum', 'onlineServiceTotal', 'fullCount'];

function metricCodes(data: Obj): string[] {
  const list = [...arr(data.evaluation), ...(isObj(data.overview) ? [data.overview] : [])];
  return list.flatMap((u) => arr(u.metrics).map((m) => str(m.code) ?? ''));
}

/** The endpoint a URL names (".../evaluation/dvc-progress-tree" → 'dvc-progress-tree'). */
export function endpointOfUrl(url: string | undefined): EvaluationEndpoint | null {
  if (!url) return null;
  const last = url.split('?')[0].replace(/\/+$/, '').split('/').pop() ?? '';
  return (ENDPOINTS as string[]).includes(last) ? (last as EvaluationEndpoint) : null;
}

/** Is this JSON value the portal's envelope {code, data, message}? (not the crawler's shapes) */
export function isEvaluationEnvelope(json: unknown): boolean {
  if (!isObj(json) || !('code' in json) || !('message' in json || 'data' in json)) return false;
  const data = json.data;
  // the crawler's raw service-results response has the same envelope, with radar/donuts or groupScores
  if (isObj(data) && (Array.isArray(data.radar) || isObj(data.donuts) || arr(data.evaluation).some((u) => isObj(u.groupScores)))) return false;
  return true;
}

/** The endpoint of an envelope's data, or null when none fits. */
export function evaluationEndpoint(data: unknown, url?: string): EvaluationEndpoint | null {
  const fromUrl = endpointOfUrl(url);
  if (fromUrl) return fromUrl;
  if (!isObj(data)) return null;
  if (Array.isArray(data.items) && arr(data.items).some((i) => 'code' in i && 'name' in i)) return 'formalities';
  if (isObj(data.parent) || Array.isArray(data.children)) {
    const all = [...(isObj(data.parent) ? [data.parent] : []), ...arr(data.children)];
    const has = (keys: string[]) => all.some((u) => keys.some((k) => k in u));
    if (has(TDGQ_KEYS)) return 'dvc-progress-tree';
    if (has(TTTT_KEYS)) return 'formality-online-payment-tree';
    if (has(ONLINE_KEYS) || all.some((u) => num(u.totalMaxScore) === 12)) return 'provide-online-tree';
    return null;
  }
  if (Array.isArray(data.evaluation) || isObj(data.overview)) {
    const codes = metricCodes(data);
    const units = [...arr(data.evaluation), ...(isObj(data.overview) ? [data.overview] : [])];
    if (codes.some((c) => /^PETITION_|^DOSSIER_RECEIVING/.test(c)) || units.some((u) => 'totalPetitions' in u)) return 'handling-satisfaction';
    if (codes.some((c) => /^(ORIGINAL_RESULT|SO_HOA|REUSED_DIGITIZED|SYNCED_WITH|CITIZEN_DATA|ELECTRONIC_CERTIFIED)/.test(c)) || units.some((u) => num(u.totalMaxScore) === 22)) return 'dossier-digitized';
    if (codes.some((c) => /^(PUBLISH_|PUBLIC_|DOSSIER_SYNC)/.test(c))) return 'transparency';
  }
  return null;
}

// ── the period ───────────────────────────────────────────────────────────────────────────────────────

export interface EvalPeriod {
  period_type: 'year' | 'ytd' | 'quarter' | 'month';
  period: string;
  start: string;
  end: string;
}

const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const until = (end: string, asOf: string | null) => (asOf && asOf < end ? asOf : end);

function yearP(y: number, asOf: string | null): EvalPeriod {
  const end = isoDate(y, 12, 31);
  const open = asOf !== null && asOf < end;
  return { period_type: open ? 'ytd' : 'year', period: String(y), start: isoDate(y, 1, 1), end: until(end, asOf) };
}
function quarterP(y: number, q: number, asOf: string | null): EvalPeriod {
  return { period_type: 'quarter', period: `${y}-Q${q}`, start: isoDate(y, q * 3 - 2, 1), end: until(isoDate(y, q * 3, lastDay(y, q * 3)), asOf) };
}
function monthP(y: number, m: number, asOf: string | null): EvalPeriod {
  return { period_type: 'month', period: `${y}-${String(m).padStart(2, '0')}`, start: isoDate(y, m, 1), end: until(isoDate(y, m, lastDay(y, m)), asOf) };
}

/** "2026" | "2026-Q3" | "2026-08" → the period (null when it is none of these). */
export function periodOfKey(key: string, asOf: string | null): EvalPeriod | null {
  const k = key.trim();
  let m = /^(\d{4})$/.exec(k);
  if (m) return yearP(Number(m[1]), asOf);
  m = /^(\d{4})-Q([1-4])$/i.exec(k);
  if (m) return quarterP(Number(m[1]), Number(m[2]), asOf);
  m = /^(\d{4})-(\d{2})$/.exec(k);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return monthP(Number(m[1]), Number(m[2]), asOf);
  return null;
}

/** A date range that is a whole year, quarter or month → that period. */
function periodOfRange(from: string, to: string, asOf: string | null): EvalPeriod | null {
  const a = /^(\d{4})-(\d{2})-01$/.exec(from);
  const b = /^(\d{4})-(\d{2})-(\d{2})$/.exec(to);
  if (!a || !b || a[1] !== b[1]) return null;
  const y = Number(a[1]);
  const m1 = Number(a[2]);
  const m2 = Number(b[2]);
  if (Number(b[3]) !== lastDay(y, m2)) return null;
  if (m1 === 1 && m2 === 12) return yearP(y, asOf);
  if (m1 === m2) return monthP(y, m1, asOf);
  if (m2 === m1 + 2 && m1 % 3 === 1) return quarterP(y, (m1 + 2) / 3, asOf);
  return null;
}

/** The period a request payload asks for (timeType + year + quarter/month, or fromDate/toDate). */
export function periodOfPayload(p: Obj, asOf: string | null): EvalPeriod | null {
  const year = num(p.year);
  const type = str(p.timeType)?.toLowerCase();
  if (type === 'year' && year !== null) return yearP(year, asOf);
  if (type === 'quarter' && year !== null && num(p.quarter) !== null && (num(p.quarter) as number) >= 1 && (num(p.quarter) as number) <= 4) return quarterP(year, num(p.quarter) as number, asOf);
  if (type === 'month' && year !== null && num(p.month) !== null && (num(p.month) as number) >= 1 && (num(p.month) as number) <= 12) return monthP(year, num(p.month) as number, asOf);
  const from = str(p.fromDate);
  const to = str(p.toDate);
  if (from && to) return periodOfRange(from.slice(0, 10), to.slice(0, 10), asOf);
  return null;
}

// ── names ────────────────────────────────────────────────────────────────────────────────────────────

/** "Sở Nông Nghiệp và Môi Trường - Tỉnh Phú Thọ" → "Sở Nông Nghiệp và Môi Trường" (the suffix in any case). */
export function cleanUnitName(name: string): string {
  const m = /^(.+?)\s+[-–]\s+(tỉnh|thành phố|tp\.?)\s+\S.*$/iu.exec(name);
  return m ? m[1].trim() : name;
}
function provinceShort(name: string): string | null {
  const m = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố)\s+(.+)$/iu.exec(name);
  return m ? m[1] : null;
}

// ── the rows ─────────────────────────────────────────────────────────────────────────────────────────

export const EVAL_INDEX_HEADER = [...INDEX_HEADER, 'procedure_code', 'procedure_name'];
const COUNT_HEADER = ['period_start', 'period_end', 'unit_id', 'field', 'received_online', 'received_offline', 'carried_over', 'resolved_early', 'resolved_on_time', 'resolved_overdue', 'pending_within', 'pending_overdue'];
const UNIT_HEADER = ['unit_id', 'name', 'short_name', 'parent_id', 'level', 'code'];

interface Values {
  score?: number | null;
  max_score?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  ratio?: number | null;
  flags?: string[];
}

class Rows {
  scores: Cell[][] = [];
  scoreAt: number[] = [];
  counts: Cell[][] = [];
  countAt: number[] = [];
  units = new Map<string, { row: Cell[]; at: number }>();
  issues: Issue[] = [];
  reported = 0;
  constructor(
    readonly file: string,
    readonly period: EvalPeriod,
    readonly asOf: string | null,
    readonly source: string,
    readonly procedure: Procedure | null,
  ) {}

  score(unit: string, component: string, v: Values, at: number): void {
    if ([v.score, v.max_score, v.numerator, v.denominator, v.ratio].every((x) => x === null || x === undefined)) return;
    const p = this.period;
    const flag = v.flags?.length ? [...new Set(v.flags)].join(',') : null;
    this.scores.push(['766', component, p.period_type, p.period, this.asOf, unit, v.score ?? null, v.max_score ?? null, v.numerator ?? null, v.denominator ?? null, v.ratio ?? null, null, null, null, this.source, flag, this.procedure?.code ?? null, this.procedure?.name ?? null]);
    this.scoreAt.push(at);
  }

  unit(id: string, name: string, short: string | null, parent: string | null, level: string, code: string | null, at: number): void {
    if (!this.units.has(id)) this.units.set(id, { row: [id, name, short, parent, level, code], at });
  }

  warn(code: string, vi: string, en: string, at: number, column: string): void {
    this.issues.push(warningIssue(code, this.file, vi, en, { row: at, column }));
  }
}

/** A unit record's id: its departmentCode; else its departmentId (the combining step maps it to a code). */
function idOf(rec: Obj): { id: string | null; code: string | null; departmentId: string | null } {
  const code = str(rec.departmentCode);
  const departmentId = str(rec.departmentId);
  return { id: code ?? departmentId, code, departmentId };
}

function levelOfChild(rec: Obj): 'agency' | 'commune' {
  const l = (str(rec.level) ?? str(rec.departmentLevel) ?? '').toUpperCase();
  if (l === 'COMMUNE') return 'commune';
  return 'agency';
}

interface Ctx {
  r: Rows;
  endpoint: Exclude<EvaluationEndpoint, 'formalities'>;
  group: string;
  /** the root's id (parent of every child) */
  root: string | null;
  /** departmentId → departmentCode, for the combining step */
  ids: Record<string, string>;
  /** records with no departmentCode, by departmentId */
  idOnly: number;
  noDossiers: number;
  mismatches: number;
}

/** TDGQ: counts, ratio, score of one unit, identities checked; dossier_counts for children of a whole-unit response. */
function tdgqRows(ctx: Ctx, id: string, name: string, rec: Obj, at: number, path: string, isRoot: boolean): void {
  const { r } = ctx;
  const received = num(rec.totalReceived);
  const onTime = num(rec.totalOnTime);
  let overdue = num(rec.totalOverdue);
  const ratio = num(rec.ratio);
  const score = num(rec.score ?? rec.totalScore);
  const max = num(rec.maxScore ?? rec.totalMaxScore) ?? 20;
  const flags: string[] = [];
  const negative = ([['totalReceived', received], ['totalOnTime', onTime], ['totalOverdue', overdue]] as const).filter(([, v]) => v !== null && v < 0);
  if (negative.length > 0) {
    r.issues.push(errorIssue('negative_count', r.file, `Bản ghi ${at} (${name}, ${id}): số hồ sơ âm (${negative.map(([k, v]) => `${k} = ${viNumber(v as number)}`).join(', ')}) không hợp lệ.`, `Record ${at} (${name}, ${id}): a negative dossier count (${negative.map(([k, v]) => `${k} = ${v}`).join(', ')}) is not valid.`, { row: at, column: `${path}.${negative[0][0]}` }));
    return;
  }
  if (received === 0) {
    // the portal writes ratio 0 and score 0 for a unit that received nothing: "no dossiers", never 0 %
    ctx.noDossiers++;
    r.score(id, 'TDGQ', { max_score: max, numerator: onTime, denominator: 0, flags: ['NO_DOSSIERS'] }, at);
    return;
  }
  if (received !== null && onTime !== null) {
    if (overdue !== null && onTime + overdue !== received) {
      flags.push('COUNT_MISMATCH');
      r.warn('identity_counts', `${name} (${id}): đúng hạn ${viNumber(onTime)} + quá hạn ${viNumber(overdue)} ≠ tiếp nhận ${viNumber(received)}.`, `${name} (${id}): on time ${onTime} + overdue ${overdue} ≠ received ${received}.`, at, `${path}.totalReceived`);
    }
    if (ratio !== null && !near(round2((100 * onTime) / received), ratio)) {
      flags.push('RATIO_MISMATCH');
      r.warn('identity_ratio', `${name} (${id}): tỷ lệ công bố ${viNumber(ratio)} khác 100 × ${viNumber(onTime)} / ${viNumber(received)} = ${viNumber(round2((100 * onTime) / received))}.`, `${name} (${id}): published ratio ${ratio} differs from 100 × ${onTime} / ${received} = ${round2((100 * onTime) / received)}.`, at, `${path}.ratio`);
    }
  }
  if (ratio !== null && score !== null && !near(round2((ratio * max) / 100), score)) {
    flags.push('SCORE_MISMATCH');
    r.warn('identity_score', `${name} (${id}): điểm công bố ${viNumber(score)} khác ${viNumber(ratio)} × ${viNumber(max)} / 100 = ${viNumber(round2((ratio * max) / 100))}.`, `${name} (${id}): published score ${score} differs from ${ratio} × ${max} / 100 = ${round2((ratio * max) / 100)}.`, at, `${path}.score`);
  }
  ctx.mismatches += flags.length;
  r.score(id, 'TDGQ', { score, max_score: max, numerator: onTime, denominator: received, ratio, flags }, at);
  if (overdue === null && isRoot && received !== null && onTime !== null) overdue = received - onTime;
  r.score(id, 'TDGQ_OVERDUE', { numerator: overdue, denominator: received }, at);
  r.score(id, 'TDGQ_AVG_PROCESSING_DAYS', { score: num(rec.avgProcessingDays) }, at);
  r.score(id, 'TDGQ_TOTAL_COMPLETED', { numerator: num(rec.totalCompleted), denominator: received }, at);
  // dossier_counts for the children of a whole-unit response only: the root's counts are their sums
  // (checked), a procedure's counts are inside its unit's
  if (isRoot || r.procedure || received === null || onTime === null || overdue === null) return;
  let rest = received - onTime - overdue;
  if (rest < 0) rest = 0;
  r.counts.push([r.period.start, r.period.end, id, '', null, null, null, null, onTime, overdue, null, rest]);
  r.countAt.push(at);
}

/** One metric of metrics[]: numerator, denominator, ratio, score, maxScore, flags. */
function metricRow(ctx: Ctx, id: string, name: string, m: Obj, at: number, path: string): number | null {
  const { r } = ctx;
  const code = str(m.code);
  if (!code) return null;
  const numerator = num(m.numerator);
  const denominator = num(m.denominator);
  let ratio = num(m.ratio);
  let score = num(m.score);
  const max = num(m.maxScore);
  const flags: string[] = [];
  const status = str(m.dataQualityStatus);
  if (status) flags.push(status);
  const published = score;
  if (max === 0 || score === null) {
    // not scored for this unit (the portal's "not applicable"): no score, the counts kept
    flags.push('NOT_SCORED');
    score = null;
  }
  if (denominator === 0) {
    // nothing to count: the published 0 % (and a 0 score) mean "no dossiers"
    flags.push('NO_DOSSIERS');
    ratio = null;
    if (score === 0) score = null;
  } else if (numerator !== null && denominator !== null && ratio !== null && !near(round2((100 * numerator) / denominator), ratio)) {
    flags.push('RATIO_MISMATCH');
    ctx.mismatches++;
    r.warn('identity_ratio', `${name} (${id}), ${code}: tỷ lệ công bố ${viNumber(ratio)} khác 100 × ${viNumber(numerator)} / ${viNumber(denominator)}.`, `${name} (${id}), ${code}: published ratio ${ratio} differs from 100 × ${numerator} / ${denominator}.`, at, `${path}.ratio`);
  }
  r.score(id, code, { numerator, denominator, ratio, score, max_score: max, flags }, at);
  return published;
}

/** One unit (root or child) of any endpoint. */
function unitRecord(ctx: Ctx, rec: Obj, at: number, path: string, isRoot: boolean): void {
  const { r } = ctx;
  const { id, code, departmentId } = idOf(rec);
  const rawName = str(rec.departmentName);
  if (!id) {
    r.reported++;
    r.issues.push(errorIssue('unit_without_code', r.file, `${path}: bản ghi không có departmentCode/departmentId: bỏ qua.`, `${path}: the record has no departmentCode/departmentId: skipped.`, { row: at, column: path }));
    return;
  }
  if (code && departmentId) ctx.ids[departmentId] = code;
  if (!code) ctx.idOnly++;
  const name = rawName ? cleanUnitName(rawName) : id;
  if (isRoot) {
    ctx.root = id;
    r.unit('VN', 'Cả nước', null, null, 'nation', null, 0);
    r.unit(id, name, provinceShort(name), 'VN', 'province', code, at);
  } else {
    r.unit(id, name, null, ctx.root, levelOfChild(rec), code, at);
  }
  const g = ctx.group;
  if (g === 'TDGQ') {
    tdgqRows(ctx, id, name, rec, at, path, isRoot);
  } else {
    const score = num(rec.score ?? rec.totalScore);
    const max = num(rec.maxScore ?? rec.totalMaxScore);
    const flags: string[] = [];
    const metrics = arr(rec.metrics);
    let sum = 0;
    let scored = 0;
    metrics.forEach((m, k) => {
      const s = metricRow(ctx, id, name, m, at, `${path}.metrics[${k}]`);
      if (s !== null) {
        sum += s;
        scored++;
      }
    });
    if (scored > 0 && score !== null && !near(round2(sum), score)) {
      flags.push('GROUP_SUM_MISMATCH');
      ctx.mismatches++;
      r.warn('group_sum_mismatch', `${name} (${id}), nhóm ${g}: điểm ${viNumber(score)} nhưng các chỉ tiêu cộng lại ${viNumber(round2(sum))}.`, `${name} (${id}), group ${g}: score ${score} but its metrics add up to ${round2(sum)}.`, at, `${path}.totalScore`);
    }
    r.score(id, g, { score, max_score: max, ratio: num(rec.ratio), flags }, at);
    if (g === 'TTTT') {
      r.score(id, 'TTTT_DOSSIER_PAYMENT', { numerator: num(rec.totalDossierOnlinePaymentSuccess), denominator: num(rec.totalDossierFinancialObligation) }, at);
      r.score(id, 'TTTT_FORMALITY_PAYMENT', { numerator: num(rec.totalDossierOnlineFormalityPaymentSuccess), denominator: num(rec.totalFeeFormality) }, at);
    }
    if (g === 'MDHL') {
      r.score(id, 'MDHL_PETITIONS', { numerator: num(rec.classifiedPetitions), denominator: num(rec.totalPetitions) }, at);
      r.score(id, 'MDHL_DOSSIERS', { denominator: num(rec.totalDossiers) }, at);
    }
    const known = new Set(['stt', 'totalScore', 'totalMaxScore', 'score', 'maxScore', 'ratio', 'scoreDelta', 'totalDossierOnlinePaymentSuccess', 'totalDossierFinancialObligation', 'totalDossierOnlineFormalityPaymentSuccess', 'totalFeeFormality', 'classifiedPetitions', 'totalPetitions', 'totalDossiers']);
    for (const [k, v] of Object.entries(rec)) {
      if (known.has(k)) continue;
      const n = num(v);
      if (n !== null) r.score(id, `${g}_${snake(k)}`, k === 'averageScore' ? { score: n } : { numerator: n }, at);
    }
  }
  const delta = num(rec.scoreDelta);
  if (delta !== null) r.score(id, `${g}_DELTA`, { score: delta }, at);
}

// ── one response ─────────────────────────────────────────────────────────────────────────────────────

function refused(file: string, kind: string, issue: Issue): ParsedFile {
  return { file, kind, tables: {}, issues: [issue], accounts: [{ file, table: 'unknown', read: 0, loaded: 0, reported: 0 }], summary: { kind, rows: 0 } };
}

/** The procedure a payload restricts the figures to (null for whole-unit figures). */
function procedureOf(payload: Obj | undefined, opts: EvaluationOptions, file: string, issues: Issue[]): Procedure | null | undefined {
  const id = payload ? str(payload.formalityId) ?? str(payload.formalityID) : null;
  if (!id) return null;
  const known = opts.procedures?.[id] ?? (opts.capture?.formality && opts.capture.formality.id === id ? opts.capture.formality : undefined);
  if (known) return { id, code: known.code, name: known.name ?? null };
  issues.push(warningIssue('procedure_unknown', file, `Thủ tục ${id} (formalityId) không có trong danh mục thủ tục đã nạp: dùng mã định danh làm mã thủ tục.`, `Procedure ${id} (formalityId) is not in any loaded procedure catalogue: its id is used as the procedure code.`, { column: 'payload.formalityId' }));
  return { id, code: id, name: null };
}

/** The procedure catalogue (formalities): no table of its own; its procedures name per-procedure rows. */
function catalogue(data: Obj, file: string): ParsedFile {
  const kind = 'evaluation766:formalities';
  const procedures: Record<string, Procedure> = {};
  let n = 0;
  for (const it of arr(data.items)) {
    const id = str(it.id);
    const code = str(it.code);
    if (!id || !code) continue;
    n++;
    procedures[id] = { id, code, name: str(it.name) };
  }
  const pg = isObj(data.pagination) ? data.pagination : {};
  const account: RowAccount = { file, table: 'unknown', read: 0, loaded: 0, reported: 0 };
  return { file, kind, tables: {}, issues: [], accounts: [account], summary: { kind, rows: 0, procedures: n, page: num(pg.currentPage), pages: num(pg.totalPages), catalogueTotal: num(pg.total), procedureList: procedures, units: [] } };
}

export function parseEvaluation766(json: unknown, file: string, opts: EvaluationOptions = {}): ParsedFile {
  const root = json as Obj;
  const capture = opts.capture;
  const code = str(root.code);
  if (code !== 'OK') {
    const message = str(root.message) ?? '';
    return refused(file, 'evaluation766:error', errorIssue('api_error', file, `Tệp ${file}: cổng trả lời lỗi (code = ${code ?? 'trống'}${message ? `, «${message.slice(0, 200)}»` : ''}), không có số liệu.`, `File ${file}: the portal answered an error (code = ${code ?? 'empty'}${message ? `, "${message.slice(0, 200)}"` : ''}), no figures.`, { column: 'code' }));
  }
  if (!isObj(root.data)) {
    return refused(file, 'evaluation766:error', errorIssue('bad_envelope', file, `Tệp ${file}: phản hồi không có phần data {…}.`, `File ${file}: the response has no data {…} part.`, { column: 'data' }));
  }
  const data = root.data;
  const endpoint = evaluationEndpoint(data, capture?.url);
  if (!endpoint) {
    return refused(file, 'evaluation766:unknown', errorIssue('bad_json_shape', file, `Tệp ${file}: phản hồi API đánh giá không rõ loại (không có parent/children, overview/evaluation hay items đã biết).`, `File ${file}: an evaluation API response of unknown kind (no known parent/children, overview/evaluation or items).`, { column: 'data' }));
  }
  if (endpoint === 'formalities') return catalogue(data, file);
  const kind = `evaluation766:${endpoint}`;
  const issues: Issue[] = [];

  // ── when, and for which period
  const stamp = capture?.capturedAt ? str(capture.capturedAt) : null;
  const asOf = (stamp ? vietnamDate(stamp) : null) ?? opts.asOf ?? null;
  let period: EvalPeriod | null = null;
  if (capture) period = periodOfPayload(capture.payload, asOf);
  if (!period && opts.periodKey) period = periodOfKey(opts.periodKey, asOf);
  if (!period && opts.period) period = periodOfRange(opts.period.period_start, opts.period.period_end, asOf);
  const needs: string[] = [];
  if (!period) needs.push('period');
  if (!asOf && (!period || period.period_type !== 'month')) needs.push('asOf');
  if (needs.length > 0) {
    const out: Issue[] = [];
    if (!period) out.push(errorIssue('period_unknown', file, `Tệp ${file}: phản hồi API không ghi kỳ số liệu (kỳ nằm trong yêu cầu gửi đi): hãy nạp kèm tệp ghi lại các lần lấy (manifest), hoặc cho biết kỳ (2026-08, 2026-Q3 hoặc 2026).`, `File ${file}: the API response does not state its period (the request did): load the capture manifest with it, or give the period (2026-08, 2026-Q3 or 2026).`, { column: 'payload' }));
    if (needs.includes('asOf')) out.push(errorIssue('as_of_unknown', file, `Tệp ${file}: không biết số liệu được lấy ngày nào: hãy cho biết ngày lấy số liệu.`, `File ${file}: the day the figures were taken is unknown: give the date.`, { column: 'capturedAt' }));
    return { file, kind, tables: {}, issues: out, accounts: [{ file, table: 'unknown', read: 0, loaded: 0, reported: 0 }], summary: { kind, endpoint, rows: 0 } };
  }
  const procedure = procedureOf(capture?.payload, opts, file, issues) ?? null;
  const source = capture?.url ?? `dichvucong.gov.vn /api/v1/reporting/evaluation/${endpoint}`;
  const r = new Rows(file, period!, asOf, source, procedure);
  r.issues.push(...issues);
  const group = ENDPOINT_GROUP[endpoint];
  const ctx: Ctx = { r, endpoint, group, root: null, ids: {}, idOnly: 0, noDossiers: 0, mismatches: 0 };

  // ── the root, then every child (the order of the children is never relied on)
  const tree = endpoint === 'dvc-progress-tree' || endpoint === 'provide-online-tree' || endpoint === 'formality-online-payment-tree';
  const rootRec = tree ? data.parent : data.overview;
  const listKey = tree ? 'children' : 'evaluation';
  const children = Array.isArray(data[listKey]) ? (data[listKey] as unknown[]) : null;
  if (!isObj(rootRec) && !children) {
    return refused(file, kind, errorIssue('bad_json_shape', file, `Tệp ${file}: không có data.${tree ? 'parent' : 'overview'} hay data.${listKey}[].`, `File ${file}: no data.${tree ? 'parent' : 'overview'} nor data.${listKey}[].`, { column: `data.${listKey}` }));
  }
  let at = 0;
  if (isObj(rootRec)) unitRecord(ctx, rootRec, ++at, `data.${tree ? 'parent' : 'overview'}`, true);
  else if (capture?.payload && str(capture.payload.rootDepartmentId)) ctx.root = str(capture.payload.rootDepartmentId);
  const rootId = ctx.root;
  let childCount = 0;
  (children ?? []).forEach((c, i) => {
    const path = `data.${listKey}[${i}]`;
    at++;
    if (!isObj(c)) {
      r.reported++;
      r.issues.push(errorIssue('bad_json_shape', file, `${path}: cần một đối tượng {…}.`, `${path}: an object {…} was expected.`, { row: at, column: path }));
      return;
    }
    childCount++;
    unitRecord(ctx, c, at, path, false);
  });

  // ── the parent = Σ children (TDGQ counts)
  if (group === 'TDGQ' && isObj(rootRec) && rootId) {
    const kids = arr(children);
    for (const k of ['totalReceived', 'totalOnTime'] as const) {
      const p = num(rootRec[k]);
      const sum = kids.reduce((n, c) => n + (num(c[k]) ?? 0), 0);
      if (p !== null && kids.length > 0 && p !== sum) {
        ctx.mismatches++;
        const row = r.scores.find((s) => s[1] === 'TDGQ' && s[5] === rootId);
        if (row) row[15] = row[15] ? `${row[15]},PARENT_SUM_MISMATCH` : 'PARENT_SUM_MISMATCH';
        r.warn('parent_sum_mismatch', `${rootId}: ${k} = ${viNumber(p)} nhưng các đơn vị con cộng lại ${viNumber(sum)}.`, `${rootId}: ${k} = ${p} but the children add up to ${sum}.`, 1, `data.parent.${k}`);
      }
    }
  }
  if (ctx.noDossiers > 0) {
    r.issues.push(warningIssue('no_dossiers', file, `${viNumber(ctx.noDossiers)} đơn vị không có hồ sơ nào trong kỳ: tỷ lệ và điểm để trống (không phải 0 %).`, `${ctx.noDossiers} units received no dossiers in the period: their ratio and score are left empty (not 0 %).`, { column: 'totalReceived' }));
  }

  const tables: ParsedFile['tables'] = {};
  const accounts: RowAccount[] = [];
  const unitList = [...r.units.values()];
  tables.units = { file, header: UNIT_HEADER, rows: unitList.map((u) => u.row), rowNumbers: unitList.map((u) => u.at) };
  accounts.push({ file, table: 'units', read: unitList.length + r.reported, loaded: unitList.length, reported: r.reported });
  if (r.scores.length) {
    tables.index_scores = { file, header: EVAL_INDEX_HEADER, rows: r.scores, rowNumbers: r.scoreAt };
    accounts.push({ file, table: 'index_scores', read: r.scores.length, loaded: r.scores.length, reported: 0 });
  }
  if (r.counts.length) {
    tables.dossier_counts = { file, header: COUNT_HEADER, rows: r.counts, rowNumbers: r.countAt, allowEmpty: ['received_online', 'received_offline', 'carried_over', 'resolved_early', 'pending_within'] };
    accounts.push({ file, table: 'dossier_counts', read: r.counts.length, loaded: r.counts.length, reported: 0 });
  }
  const monthly = Array.isArray(data.monthlyChart) && data.monthlyChart.length > 0;
  const rootGroup = r.scores.find((s) => s[1] === group && s[5] === rootId);
  return {
    file,
    kind,
    tables,
    issues: r.issues,
    accounts,
    summary: {
      kind,
      endpoint,
      group,
      root: rootId,
      rootDepartmentId: capture?.payload ? str(capture.payload.rootDepartmentId) : isObj(rootRec) ? str(rootRec.departmentId) : null,
      units: unitList.filter((u) => u.row[0] !== 'VN').map((u) => u.row[1]),
      unitCount: childCount,
      period: { type: period!.period_type, period: period!.period, start: period!.start, end: period!.end },
      periodFrom: capture ? 'manifest' : 'person',
      asOf,
      takenAt: stamp ?? asOf,
      procedure: procedure ? { code: procedure.code, name: procedure.name ?? null } : null,
      rows: r.scores.length + r.counts.length,
      indexRows: r.scores.length,
      dossierCountRows: r.counts.length,
      noDossiers: ctx.noDossiers,
      identityMismatches: ctx.mismatches,
      /** departmentId → departmentCode, for files that name units by id only */
      departmentCodes: ctx.ids,
      idOnlyUnits: ctx.idOnly,
      totals: rootGroup ? { [group]: rootGroup[6] as number | null } : {},
      ...(monthly ? { monthlyChartNote: 'monthlyChart is not stored: the portal writes 0 for a month without data, so a 0 cannot be told from no data.' } : {}),
      ...(procedure ? { countsNote: 'per-procedure counts stay in index_scores (numerator/denominator); no dossier_counts rows, which would count the unit’s dossiers twice.' } : {}),
    },
  };
}
