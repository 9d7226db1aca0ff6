// The national portal's 766 evaluation JSON (Cổng DVCQG, "Đánh giá chất lượng phục vụ") and the daily
// snapshots a public crawler builds from it (shared/real/crawler-766) → index_scores, units and, from
// the TDGQ counts, dossier_counts.
//
// Shapes, told apart by their content (not their file names): the raw `service-results` response
// ({code, data:{overview, radar, donuts, evaluation[], monthlyChart, dossierChart}}), scores_Provinces
// (provinces[] with scores), details_Provinces (provinces[] with componentIndicators), agencies_detail
// (agenciesDetail[]), agencies / communes (overview + agencies[] / communes[]), comparison (daily:
// units[] with previousScoreDaily), score_comparison_month (units[] with previousScore), the catalogues
// config/provinces.json and departments.json (units only), and discovery/request.json (an API request,
// refused with a message).
//
// Conventions (documented for the loader and the metric registry):
//  - unit_id is the portal's departmentCode (H21, H21.17, H21.227); the nation is 'VN'.
//  - period: timeType "year" figures are cumulative from 1 January to the day they were taken, so a
//    year figure taken before 31 December is period_type 'ytd', period '2026', as_of = that day; month
//    figures are period_type 'month', period '2026-03'.
//  - as_of is the day the figure was taken, in Vietnam's time (UTC+7): metadata.extractedAt (or
//    comparedAt), else the run date (metadata runDateStr or the date in the file name), else opts.asOf.
//    When extractedAt and the run date disagree (a run that finished after midnight), extractedAt wins
//    and a warning says so.
//  - components: TOTAL; the groups CKMB, TDGQ, ONLINE (the portal's CLGQ), TTTT, MDSH, MDHL; metric codes
//    of componentIndicators (PUBLISH_ON_TIME…); the national radar's ONLINE_SERVICE (ONLINE + TTTT, 22);
//    and a few named figures: TDGQ_OVERDUE (overdue / received), TDGQ_AVG_PROCESSING_DAYS (days, in
//    score), TTTT_DOSSIER_PAYMENT, TTTT_FORMALITY_PAYMENT, MDHL_PETITIONS, MDHL_DOSSIERS,
//    TOTAL_DELTA / TOTAL_GROWTH_PCT (as published, in score), ONLINE_DOSSIER_<code> and
//    ONLINE_PROVISION_<code> (the national donuts). Any other number in a component object lands as
//    <GROUP>_<FIELD> with the value in numerator.
//  - ranks: TOTAL carries the rank within rank_group: PROVINCE (among provinces), AGENCY or COMMUNE
//    (groupRank, among the province's agencies or communes). The rank among all units of the province
//    (rank, currentRank) is on its own row, component TOTAL_RANK_ALL, rank_group ALL, no score.
//  - comparisons: the previous day's / month's figures become rows with their own as_of / period;
//    previous group scores are current − published delta (rounded to 0.01). Deltas, trends and top
//    lists are not stored: they follow from the stored scores.
//  - TDGQ counts → one dossier_counts row per unit (period 1 January … as_of, field empty), chosen so
//    that on_time_rate = (early + on_time + pending_within) / (resolved + pending) equals the published
//    ratio totalOnTime / totalReceived (checked on the real files: 653/654 → 99,85):
//      resolved_on_time = totalOnTime (the portal's "on time" already holds early, on time and pending
//      within the limit), resolved_overdue = totalOverdue (resolved and pending overdue together),
//      pending_overdue = totalReceived − totalOnTime − totalOverdue when positive (received but neither
//      on time nor overdue: only the denominator may hold them, else the published ratio is lost; a
//      warning names them), resolved_early = pending_within = empty (null, listed in allowEmpty: their
//      dossiers are inside resolved_on_time; the registry counts an empty one as 0 in on_time_rate and
//      overdue_rate, and early_rate stays null instead of a made-up 0 %).
//    The split of received dossiers (online / offline) and carried_over are not published: null, and
//    listed in allowEmpty (never zeros).
//  - Snapshots stack: each file gives its own rows. Two snapshots of the same year give dossier_counts
//    rows with the same period_start, unit_id and field but different period_end (cumulative): the
//    loader must keep, for each (period_start, unit_id, field) coming from 766 files, only the row with
//    the latest period_end (else a sum counts the same dossiers twice); see latestCumulativeRows().
//    index_scores rows of two files with the same key (index, component, period_type, period, as_of,
//    unit_id) are the same figure seen twice (e.g. agencies and comparison of one day) and units rows
//    repeat across files: the loader keeps one.
import type { Cell, Issue, ParsedFile, RawTable, RowAccount } from '../types';
import { errorIssue, viNumber, warningIssue } from './issues';
import { isoDate } from './vnDate';
import { arr, isObj, num, str, type Obj } from './jsonValues';

export interface Dvcqg766Options {
  /** the day the figures were taken (YYYY-MM-DD), when the file does not say */
  asOf?: string;
  /** the year of the figures, when the file does not say (raw service-results responses) */
  year?: number;
}

export type Dvcqg766Shape =
  | 'request'
  | 'service_results'
  | 'provinces_config'
  | 'departments_config'
  | 'scores_provinces'
  | 'details_provinces'
  | 'agencies_detail'
  | 'agencies'
  | 'communes'
  | 'comparison_daily'
  | 'comparison_month';


const REQUEST_KEYS = new Set(['timeType', 'year', 'quarter', 'month', 'departmentType', 'rootDepartmentId', 'currentPage', 'pageSize', 'fromDate', 'toDate', 'formalityId', 'formalityID', 'q']);

/** Which 766 shape a parsed JSON value is, or null when it is none of them. */
export function dvcqg766Shape(json: unknown): Dvcqg766Shape | null {
  if (!isObj(json)) return null;
  const keys = Object.keys(json);
  if (keys.length > 0 && keys.every((k) => REQUEST_KEYS.has(k)) && ('timeType' in json || 'fromDate' in json)) return 'request';
  if (isObj(json.data) && (Array.isArray(json.data.evaluation) || isObj(json.data.overview))) return 'service_results';
  const meta = isObj(json.metadata) ? json.metadata : {};
  if (Array.isArray(json.agenciesDetail)) return 'agencies_detail';
  if (Array.isArray(json.units) && ('previousRunDate' in meta || arr(json.units).some((u) => 'previousScoreDaily' in u))) return 'comparison_daily';
  if (Array.isArray(json.units) && arr(json.units).some((u) => 'previousScore' in u || 'currentScore' in u)) return 'comparison_month';
  if (Array.isArray(json.provinces)) {
    const ps = arr(json.provinces);
    if (ps.some((p) => isObj(p.componentIndicators))) return 'details_provinces';
    if (ps.some((p) => 'totalScore' in p)) return 'scores_provinces';
    if (ps.some((p) => 'departmentCode' in p)) return 'provinces_config';
  }
  if (Array.isArray(json.unclassified) || (Array.isArray(json.agencies) && Array.isArray(json.communes) && isObj(json.summary))) return 'departments_config';
  if (Array.isArray(json.agencies) && arr(json.agencies).some((a) => 'totalScore' in a)) return 'agencies';
  if (Array.isArray(json.communes) && arr(json.communes).some((a) => 'totalScore' in a)) return 'communes';
  return null;
}

export const INDEX_HEADER = ['index', 'component', 'period_type', 'period', 'as_of', 'unit_id', 'score', 'max_score', 'numerator', 'denominator', 'ratio', 'rank', 'rank_of', 'rank_group', 'source', 'quality_flag'];
const COUNT_HEADER = ['period_start', 'period_end', 'unit_id', 'field', 'received_online', 'received_offline', 'carried_over', 'resolved_early', 'resolved_on_time', 'resolved_overdue', 'pending_within', 'pending_overdue'];
const UNIT_HEADER = ['unit_id', 'name', 'short_name', 'parent_id', 'level', 'code'];

export const GROUP_MAX: Record<string, number> = { CKMB: 18, TDGQ: 20, ONLINE: 12, TTTT: 10, MDSH: 22, MDHL: 18 };
const GROUP_CODE: Record<string, string> = { CLGQ: 'ONLINE', ONLINE: 'ONLINE', ONLINE_SERVICE: 'ONLINE_SERVICE', CKMB: 'CKMB', TDGQ: 'TDGQ', TTTT: 'TTTT', MDSH: 'MDSH', MDHL: 'MDHL' };
/** componentIndicators keys → group code */
function groupOfIndicator(key: string): string | null {
  const prefix = key.split('_')[0].toUpperCase();
  return GROUP_CODE[prefix] ?? null;
}

interface Period {
  period_type: 'year' | 'ytd' | 'month' | 'quarter';
  period: string;
  start: string;
  end: string;
}

export interface ScoreValues {
  score?: number | null;
  max_score?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  ratio?: number | null;
  rank?: number | null;
  rank_of?: number | null;
  rank_group?: string | null;
  quality_flag?: string | null;
}

/** "2026-10-01T21:33:24Z" → the day in Vietnam (UTC+7): "2026-10-02". */
export function vietnamDate(timestamp: string): string | null {
  const t = Date.parse(timestamp);
  if (!Number.isFinite(t)) return null;
  const d = new Date(t + 7 * 3600 * 1000);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** "10102026" (ddmmyyyy, the crawler's run date) → "2026-10-10". */
function runDate(s: string | null): string | null {
  if (!s) return null;
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(s);
  return m ? isoDate(Number(m[3]), Number(m[2]), Number(m[1])) : null;
}

/** A date written in the file name: "…_10102026.json" (ddmmyyyy) or "api-20260917-104019" (yyyymmdd). */
function fileNameDate(file: string): string | null {
  const a = /(?:^|[^\d])(20\d{2})(\d{2})(\d{2})-\d{6}(?:[^\d]|$)/.exec(file);
  if (a) return isoDate(Number(a[1]), Number(a[2]), Number(a[3]));
  const b = /_(\d{2})(\d{2})(20\d{2})(?:[^\d]|$)/.exec(file);
  if (b && Number(b[2]) >= 1 && Number(b[2]) <= 12) return isoDate(Number(b[3]), Number(b[2]), Number(b[1]));
  return null;
}

function yearPeriod(year: number, asOf: string): Period {
  const end = isoDate(year, 12, 31);
  return asOf >= end ? { period_type: 'year', period: String(year), start: isoDate(year, 1, 1), end } : { period_type: 'ytd', period: String(year), start: isoDate(year, 1, 1), end: asOf };
}

function monthPeriod(year: number, month: number): Period {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { period_type: 'month', period: `${year}-${String(month).padStart(2, '0')}`, start: isoDate(year, month, 1), end: isoDate(year, month, last) };
}

/** "Month 3/2026", "Tháng 3/2026", "Năm 2026", "Quý III/2026" → period (null when unreadable). */
function periodFromLabel(label: string | null, asOf: string): Period | null {
  if (!label) return null;
  let m = /(?:month|tháng)\s*(\d{1,2})\s*\/\s*(\d{4})/i.exec(label);
  if (m) return monthPeriod(Number(m[2]), Number(m[1]));
  m = /(?:quarter|quý)\s*(iv|i{1,3}|[1-4])\s*\/\s*(\d{4})/i.exec(label);
  if (m) {
    const q = ({ i: 1, ii: 2, iii: 3, iv: 4 } as Record<string, number>)[m[1].toLowerCase()] ?? Number(m[1]);
    const year = Number(m[2]);
    const endDay = new Date(Date.UTC(year, q * 3, 0)).getUTCDate();
    const end = isoDate(year, q * 3, endDay);
    return { period_type: 'quarter', period: `${year}-Q${q}`, start: isoDate(year, q * 3 - 2, 1), end: asOf < end ? asOf : end };
  }
  m = /(?:year|năm)\s*(\d{4})/i.exec(label);
  if (m) return yearPeriod(Number(m[1]), asOf);
  return null;
}

class Builder {
  scores: Cell[][] = [];
  scoreRows: number[] = [];
  counts: Cell[][] = [];
  countRows: number[] = [];
  units = new Map<string, { row: Cell[]; at: number }>();
  issues: Issue[] = [];
  reported = 0;
  record = 0;
  constructor(
    readonly file: string,
    readonly source: string | null,
  ) {}

  next(): number {
    return ++this.record;
  }

  score(period: Period, asOf: string, unit: string, component: string, v: ScoreValues, at: number): void {
    const values = [v.score, v.max_score, v.numerator, v.denominator, v.ratio, v.rank, v.rank_of];
    if (values.every((x) => x === null || x === undefined)) return;
    this.scores.push([
      '766',
      component,
      period.period_type,
      period.period,
      asOf,
      unit,
      v.score ?? null,
      v.max_score ?? null,
      v.numerator ?? null,
      v.denominator ?? null,
      v.ratio ?? null,
      v.rank ?? null,
      v.rank_of ?? null,
      v.rank_group ?? null,
      this.source,
      v.quality_flag ?? null,
    ]);
    this.scoreRows.push(at);
  }

  unit(id: string, name: string, shortName: string | null, parent: string | null, level: string, code: string | null, at: number): void {
    if (this.units.has(id)) return;
    this.units.set(id, { row: [id, name, shortName, parent, level, code], at });
  }
}

/** "Sở Tư pháp - tỉnh Gia Lai" → "Sở Tư pháp"; "UBND tỉnh Gia Lai" → "Gia Lai". */
function shortNameOf(name: string, level: string): string | null {
  const dash = /^(.+?)\s+-\s+(tỉnh|thành phố)\s+.+$/.exec(name);
  if (dash) return dash[1];
  if (level === 'province') {
    const m = /^(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+(?:tỉnh|thành phố)\s+(.+)$/i.exec(name);
    if (m) return m[1];
  }
  return null;
}

function levelOf(rec: Obj, fallback: string): string {
  const g = str(rec.childGroup) ?? str(rec.departmentLevel) ?? '';
  if (/^AGENCY$/i.test(g)) return 'agency';
  if (/^COMMUNE$/i.test(g)) return 'commune';
  if (/^PROVINCE$/i.test(g)) return 'province';
  return fallback;
}

const round2 = (x: number) => Math.round(x * 100) / 100;

function snake(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

interface Ctx {
  b: Builder;
  period: Period;
  asOf: string;
  /** parent of agencies/communes: the province code */
  province: string | null;
  counts: { agency?: number; commune?: number; all?: number; provinces?: number };
}

/** One unit record (province, agency or commune) → its index_scores rows, its units row, its TDGQ counts. */
function unitRecord(ctx: Ctx, rec: Obj, path: string, fallbackLevel: string, dossierCounts: boolean): void {
  const { b, period, asOf } = ctx;
  const at = b.next();
  const code = str(rec.departmentCode) ?? str(rec.departmentId);
  const name = str(rec.departmentName) ?? code;
  if (!code || !name) {
    b.reported++;
    b.issues.push(errorIssue('unit_without_code', b.file, `${path}: bản ghi không có departmentCode/departmentId: bỏ qua.`, `${path}: the record has no departmentCode/departmentId: skipped.`, { row: at, column: path }));
    return;
  }
  const level = levelOf(rec, fallbackLevel);
  const parent = level === 'province' ? 'VN' : ctx.province ?? (code.includes('.') ? code.split('.')[0] : null);
  b.unit(code, name, str(rec.shortName) ?? shortNameOf(name, level), parent, level, str(rec.departmentCode), at);

  const total = num(rec.totalScore ?? rec.currentScore);
  const group = level === 'province' ? 'PROVINCE' : level === 'agency' ? 'AGENCY' : level === 'commune' ? 'COMMUNE' : null;
  const groupRank = level === 'province' ? num(rec.rank) : num(rec.groupRank);
  const rankOf = level === 'province' ? ctx.counts.provinces ?? null : level === 'agency' ? ctx.counts.agency ?? null : level === 'commune' ? ctx.counts.commune ?? null : null;
  const totalAt = b.scores.length;
  b.score(period, asOf, code, 'TOTAL', { score: total, max_score: num(rec.totalMaxScore) ?? (total !== null ? 100 : null), ratio: num(rec.ratio), rank: groupRank, rank_of: groupRank !== null ? rankOf : null, rank_group: groupRank !== null ? group : null }, at);
  if (level !== 'province') {
    const all = num(rec.rank ?? rec.currentRank);
    if (all !== null) b.score(period, asOf, code, 'TOTAL_RANK_ALL', { rank: all, rank_of: ctx.counts.all ?? null, rank_group: 'ALL' }, at);
  }
  const delta = num(rec.scoreDelta);
  if (delta !== null) b.score(period, asOf, code, 'TOTAL_DELTA', { score: delta }, at);

  for (const key of ['groupScores', 'componentIndicators']) {
    if (rec[key] !== undefined && rec[key] !== null && !isObj(rec[key])) {
      b.issues.push(errorIssue('bad_json_shape', b.file, `Bản ghi ${at} (${name}, ${path}.${key}): cần một đối tượng {…}, tệp ghi ${Array.isArray(rec[key]) ? 'một mảng' : typeof rec[key]}: bỏ qua phần này.`, `Record ${at} (${name}, ${path}.${key}): an object {…} was expected, the file has ${Array.isArray(rec[key]) ? 'an array' : `a ${typeof rec[key]}`}: this part is skipped.`, { row: at, column: `${path}.${key}` }));
    }
  }
  const groups = isObj(rec.groupScores) ? rec.groupScores : {};
  const ci = isObj(rec.componentIndicators) ? rec.componentIndicators : {};
  const groupObj: Record<string, Obj> = {};
  for (const [k, v] of Object.entries(ci)) {
    const g = groupOfIndicator(k);
    if (g && isObj(v)) groupObj[g] = v;
  }
  let sum = 0;
  let nGroups = 0;
  const seenGroups = new Set<string>();
  for (const [k, v] of Object.entries(groups)) {
    const g = GROUP_CODE[k];
    const s = num(v);
    if (!g || s === null) continue;
    seenGroups.add(g);
    sum += s;
    nGroups++;
    groupRow(ctx, code, g, s, groupObj[g], `${path}.componentIndicators`, at);
  }
  for (const [g, o] of Object.entries(groupObj)) if (!seenGroups.has(g)) groupRow(ctx, code, g, null, o, `${path}.componentIndicators`, at);
  if (total !== null && nGroups === 6 && Math.abs(round2(sum) - total) > 0.02 + 1e-9) {
    // the figure itself carries the flag (quality_flag), so every view that shows the total can say so
    const row = b.scores[totalAt];
    if (row && row[1] === 'TOTAL' && row[5] === code && row[15] === null) row[15] = 'GROUP_SUM_MISMATCH';
    b.issues.push(
      warningIssue(
        'group_sum_mismatch',
        b.file,
        `${name} (${code}): tổng điểm ${viNumber(total)} nhưng 6 nhóm chỉ số cộng lại được ${viNumber(round2(sum))}.`,
        `${name} (${code}): total score ${total} but its 6 group scores add up to ${round2(sum)}.`,
        { row: at, column: `${path}.groupScores` },
      ),
    );
  }
  const tdgq = groupObj.TDGQ;
  if (dossierCounts && tdgq) tdgqCounts(ctx, code, name, tdgq, at, path);
}

function groupRow(ctx: Ctx, unit: string, g: string, score: number | null, o: Obj | undefined, path: string, at: number): void {
  const { b, period, asOf } = ctx;
  const v: ScoreValues = { score: score ?? num(o?.score), max_score: num(o?.maxScore) ?? GROUP_MAX[g] ?? null, ratio: num(o?.ratio) };
  if (o && score !== null && num(o.score) !== null && Math.abs((num(o.score) as number) - score) > 0.005) {
    b.issues.push(warningIssue('group_score_differs', b.file, `${unit}, nhóm ${g}: groupScores ghi ${viNumber(score)} nhưng componentIndicators ghi ${viNumber(num(o.score) as number)}.`, `${unit}, group ${g}: groupScores says ${score} but componentIndicators says ${num(o.score)}.`, { row: at, column: path }));
  }
  if (g === 'TDGQ' && o) {
    v.numerator = num(o.totalOnTime);
    v.denominator = num(o.totalReceived);
  }
  b.score(period, asOf, unit, g, v, at);
  if (!o) return;
  const known = new Set(['score', 'maxScore', 'ratio', 'metrics']);
  if (g === 'TDGQ') {
    for (const k of ['totalOnTime', 'totalReceived', 'totalOverdue', 'avgProcessingDays']) known.add(k);
    b.score(period, asOf, unit, 'TDGQ_OVERDUE', { numerator: num(o.totalOverdue), denominator: num(o.totalReceived) }, at);
    b.score(period, asOf, unit, 'TDGQ_AVG_PROCESSING_DAYS', { score: num(o.avgProcessingDays) }, at);
  }
  if (g === 'TTTT') {
    for (const k of ['totalDossierOnlinePaymentSuccess', 'totalDossierFinancialObligation', 'totalDossierOnlineFormalityPaymentSuccess', 'totalFeeFormality']) known.add(k);
    b.score(period, asOf, unit, 'TTTT_DOSSIER_PAYMENT', { numerator: num(o.totalDossierOnlinePaymentSuccess), denominator: num(o.totalDossierFinancialObligation) }, at);
    b.score(period, asOf, unit, 'TTTT_FORMALITY_PAYMENT', { numerator: num(o.totalDossierOnlineFormalityPaymentSuccess), denominator: num(o.totalFeeFormality) }, at);
  }
  if (g === 'MDHL') {
    for (const k of ['totalPetitions', 'classifiedPetitions', 'totalDossiers', 'averageScore']) known.add(k);
    b.score(period, asOf, unit, 'MDHL_PETITIONS', { numerator: num(o.classifiedPetitions), denominator: num(o.totalPetitions) }, at);
    b.score(period, asOf, unit, 'MDHL_DOSSIERS', { denominator: num(o.totalDossiers) }, at);
    b.score(period, asOf, unit, 'MDHL_AVERAGE_SCORE', { score: num(o.averageScore) }, at);
  }
  for (const [k, val] of Object.entries(o)) {
    if (known.has(k)) continue;
    const n = num(val);
    if (n !== null) b.score(period, asOf, unit, `${g}_${snake(k)}`, { numerator: n }, at);
  }
  for (const m of arr(o.metrics)) {
    const codeM = str(m.code);
    if (!codeM) continue;
    b.score(period, asOf, unit, codeM, { numerator: num(m.numerator), denominator: num(m.denominator), ratio: num(m.ratio), score: num(m.score), max_score: num(m.maxScore), quality_flag: str(m.dataQualityStatus) }, at);
  }
}

function tdgqCounts(ctx: Ctx, unit: string, name: string, o: Obj, at: number, path: string): void {
  const { b, period } = ctx;
  const received = num(o.totalReceived);
  const onTime = num(o.totalOnTime);
  const overdue = num(o.totalOverdue);
  if (received === null || onTime === null || overdue === null) return;
  const negative = ([['totalReceived', received], ['totalOnTime', onTime], ['totalOverdue', overdue]] as const).filter(([, v]) => v < 0);
  if (negative.length > 0) {
    // no count can be below zero: the unit's record is reported, not loaded
    const list = negative.map(([k, v]) => `${k} = ${viNumber(v)}`).join(', ');
    b.issues.push(errorIssue('negative_count', b.file, `Bản ghi ${at} (${name}, ${unit}): số hồ sơ âm (${list}) không hợp lệ.`, `Record ${at} (${name}, ${unit}): a negative dossier count (${negative.map(([k, v]) => `${k} = ${v}`).join(', ')}) is not valid.`, { row: at, column: `${path}.componentIndicators.${negative[0][0]}` }));
    return;
  }
  let rest = received - onTime - overdue;
  if (rest > 0) {
    b.issues.push(
      warningIssue('tdgq_remainder', b.file, `${name} (${unit}): ${viNumber(rest)} hồ sơ tiếp nhận không thuộc đúng hạn hay quá hạn; tính vào "đang giải quyết quá hạn" để tỷ lệ đúng hạn khớp số công bố.`, `${name} (${unit}): ${rest} received dossiers are neither on time nor overdue; counted as pending overdue so the on-time rate matches the published one.`, { row: at, column: `${path}.componentIndicators.TDGQ_TienDoGiaiQuyet` }),
    );
  } else if (rest < 0) {
    b.issues.push(
      warningIssue('tdgq_exceeds', b.file, `${name} (${unit}): đúng hạn + quá hạn (${viNumber(onTime + overdue)}) lớn hơn số tiếp nhận (${viNumber(received)}).`, `${name} (${unit}): on time + overdue (${onTime + overdue}) exceeds received (${received}).`, { row: at, column: `${path}.componentIndicators.TDGQ_TienDoGiaiQuyet` }),
    );
    rest = 0;
  }
  b.counts.push([period.start, period.end, unit, '', null, null, null, null, onTime, overdue, null, rest]);
  b.countRows.push(at);
}

function catalogue(b: Builder, list: Obj[], fallbackLevel: string, path: string): void {
  list.forEach((rec, i) => {
    const at = b.next();
    const code = str(rec.departmentCode) ?? str(rec.departmentId);
    const name = str(rec.departmentName);
    if (!code || !name) {
      b.reported++;
      b.issues.push(errorIssue('unit_without_code', b.file, `${path}[${i}]: không có mã hoặc tên đơn vị.`, `${path}[${i}]: no unit code or name.`, { row: at, column: `${path}[${i}]` }));
      return;
    }
    let level = levelOf(rec, fallbackLevel);
    if (fallbackLevel === 'guess') level = /^(UBND|Ủy ban nhân dân)\s+(tỉnh|thành phố)/i.test(name) ? 'province' : /^(UBND\s+)?(xã|phường|đặc khu)/i.test(name) ? 'commune' : 'agency';
    const parent = level === 'province' ? 'VN' : code.includes('.') ? code.split('.')[0] : null;
    b.unit(code, name, shortNameOf(name, level), parent, level, str(rec.departmentCode), at);
  });
}

function refused(file: string, kind: string, issue: Issue): ParsedFile {
  return { file, kind, tables: {}, issues: [issue], accounts: [{ file, table: 'unknown', read: 0, loaded: 0, reported: 0 }], summary: { kind, rows: 0 } };
}

export function parseDvcqg766(json: unknown, file: string, opts: Dvcqg766Options = {}): ParsedFile {
  const shape = dvcqg766Shape(json);
  if (!shape) {
    return refused(file, 'dvcqg766:unknown', errorIssue('json_unknown', file, 'Tệp JSON này không phải dữ liệu chỉ số 766 đã biết (không có evaluation, provinces, agenciesDetail, agencies, communes hay units).', 'This JSON file is not a known 766 index shape (no evaluation, provinces, agenciesDetail, agencies, communes or units).'));
  }
  const kind = `dvcqg766:${shape}`;
  if (shape === 'request') {
    return refused(file, kind, errorIssue('api_request', file, 'Đây là yêu cầu gửi API (timeType, year…), không phải kết quả: hãy nạp tệp phản hồi (response.json).', 'This is an API request (timeType, year…), not results: load the response file (response.json).'));
  }
  const root = json as Obj;
  const meta = isObj(root.metadata) ? root.metadata : {};
  const b = new Builder(file, str(meta.sourceUrl));
  const issues = b.issues;

  if (shape === 'provinces_config' || shape === 'departments_config') {
    b.unit('VN', 'Cả nước', null, null, 'nation', null, 0);
    if (shape === 'provinces_config') catalogue(b, arr(root.provinces), 'province', 'provinces');
    else {
      catalogue(b, arr(root.agencies), 'agency', 'agencies');
      catalogue(b, arr(root.communes), 'commune', 'communes');
      catalogue(b, arr(root.unclassified), 'guess', 'unclassified');
    }
    return finish(b, kind, shape, null, null);
  }

  // ---- when the figures were taken
  const stamp = str(meta.extractedAt) ?? str(meta.comparedAt);
  const fromStamp = stamp ? vietnamDate(stamp) : null;
  const fromRun = runDate(str(meta.runDateStr) ?? str(meta.currentRunDate)) ?? fileNameDate(file);
  const asOf = fromStamp ?? fromRun ?? opts.asOf ?? null;
  if (!asOf) {
    return refused(file, kind, errorIssue('as_of_unknown', file, 'Không biết số liệu được lấy ngày nào (không có extractedAt, ngày chạy hay ngày trong tên tệp): hãy cho biết ngày lấy số liệu.', 'The day the figures were taken is unknown (no extractedAt, run date or date in the file name): give the date.'));
  }
  if (fromStamp && fromRun && fromStamp !== fromRun && shape !== 'comparison_month') {
    issues.push(warningIssue('as_of_differs', file, `Ngày chạy ${fromRun} khác ngày lấy số liệu theo giờ Việt Nam ${fromStamp} (${stamp}): dùng ${fromStamp}.`, `Run date ${fromRun} differs from the extraction day in Vietnam time ${fromStamp} (${stamp}): ${fromStamp} is used.`, { column: 'metadata.extractedAt' }));
  }
  const year = num(meta.year) ?? opts.year ?? null;
  const timeType = str(meta.timeType);
  let period: Period | null = null;
  if (timeType === 'month' && num(meta.month) !== null && year !== null) period = monthPeriod(year, num(meta.month) as number);
  else if (timeType === 'year' && year !== null) period = yearPeriod(year, asOf);
  else period = periodFromLabel(str(meta.periodLabel) ?? str(meta.currentPeriod), asOf);
  if (!period && shape === 'service_results') {
    const y = opts.year ?? Number(asOf.slice(0, 4));
    period = yearPeriod(y, asOf);
    issues.push(warningIssue('period_assumed', file, `Phản hồi API không ghi kỳ: coi là năm ${y}, lũy kế đến ngày ${asOf}.`, `The API response does not state its period: taken as year ${y}, to date ${asOf}.`));
  }
  if (!period) {
    return refused(file, kind, errorIssue('period_unknown', file, 'Không đọc được kỳ số liệu (timeType, year, periodLabel).', 'The period of the figures cannot be read (timeType, year, periodLabel).'));
  }
  const ctx: Ctx = { b, period, asOf, province: str(meta.provinceCode), counts: {} };
  const overview = isObj(root.overview) ? root.overview : isObj(root.data) && isObj((root.data as Obj).overview) ? ((root.data as Obj).overview as Obj) : null;
  if (overview) {
    ctx.counts.agency = num(overview.agencyCount) ?? undefined;
    ctx.counts.commune = num(overview.communeCount) ?? undefined;
    ctx.counts.all = num(overview.totalUnitsCount ?? overview.totalUnits) ?? undefined;
    ctx.counts.provinces = num(overview.totalProvincesCount) ?? undefined;
  }

  const overviewRows = (o: Obj, p: Period, date: string, scoreKey = 'totalScore') => {
    const at = b.next();
    const nameO = str(o.departmentName);
    const national = !str(o.departmentCode) && (!ctx.province || (nameO !== null && /cả nước/i.test(nameO)));
    const code = national ? 'VN' : str(o.departmentCode) ?? ctx.province;
    if (!code) return;
    if (national) b.unit('VN', 'Cả nước', null, null, 'nation', null, at);
    else b.unit(code, nameO ?? str(meta.province) ?? code, shortNameOf(nameO ?? str(meta.province) ?? '', 'province'), 'VN', 'province', code, at);
    const c2: Ctx = { ...ctx, period: p, asOf: date };
    b.score(p, date, code, 'TOTAL', { score: num(o[scoreKey]), max_score: num(o.totalMaxScore) ?? 100, ratio: num(o.ratio) }, at);
    b.score(p, date, code, 'TOTAL_DELTA', { score: num(o.scoreDelta) }, at);
    b.score(p, date, code, 'TOTAL_GROWTH_PCT', { score: num(o.growthPercent) }, at);
    if (isObj(o.groupScores)) for (const [k, v] of Object.entries(o.groupScores)) if (GROUP_CODE[k] && num(v) !== null) groupRow(c2, code, GROUP_CODE[k], num(v), undefined, 'overview', at);
  };

  switch (shape) {
    case 'service_results': {
      const data = root.data as Obj;
      ctx.counts.provinces = arr(data.evaluation).length || undefined;
      if (overview) overviewRows(overview, period, asOf);
      else b.unit('VN', 'Cả nước', null, null, 'nation', null, 0);
      const at = b.record;
      b.score(period, asOf, 'VN', 'TOTAL_GROWTH_PCT', { score: num(data.growthPercent) }, at);
      for (const r of arr(data.radar)) {
        const g = GROUP_CODE[str(r.code) ?? ''] ?? str(r.code);
        if (g) b.score(period, asOf, 'VN', g, { score: num(r.score), max_score: num(r.maxScore), ratio: num(r.ratio) }, at);
      }
      if (isObj(data.donuts)) {
        for (const [dk, list] of Object.entries(data.donuts)) {
          for (const d of arr(list)) {
            const c = str(d.code);
            if (c) b.score(period, asOf, 'VN', `${snake(dk)}_${c}`, { numerator: num(d.value), ratio: num(d.percent) }, at);
          }
        }
      }
      arr(data.evaluation).forEach((rec, i) => unitRecord(ctx, rec, `data.evaluation[${i}]`, 'province', true));
      for (const m of arr(data.monthlyChart)) {
        const month = num(m.month);
        if (month === null || num(m.averageScore) === null) continue;
        const mp = monthPeriod(Number(period.period.slice(0, 4)), month);
        b.score(mp, asOf, 'VN', 'TOTAL', { score: num(m.averageScore), max_score: 100 }, b.next());
      }
      for (const m of arr(data.dossierChart)) {
        const month = num(m.month);
        if (month === null) continue;
        const mp = monthPeriod(Number(period.period.slice(0, 4)), month);
        const at2 = b.next();
        b.score(mp, asOf, 'VN', 'TDGQ', { ratio: num(m.onTimePct) }, at2);
        b.score(mp, asOf, 'VN', 'TDGQ_OVERDUE', { ratio: num(m.overduePct) }, at2);
      }
      break;
    }
    case 'scores_provinces':
    case 'details_provinces': {
      ctx.counts.provinces ??= arr(root.provinces).length;
      if (overview) overviewRows(overview, period, asOf);
      ctx.province = null;
      arr(root.provinces).forEach((rec, i) => unitRecord(ctx, rec, `provinces[${i}]`, 'province', true));
      break;
    }
    case 'agencies_detail':
    case 'agencies':
    case 'communes': {
      if (overview) overviewRows(overview, period, asOf);
      else if (ctx.province) b.unit(ctx.province, str(meta.province) ?? ctx.province, shortNameOf(str(meta.province) ?? '', 'province'), 'VN', 'province', ctx.province, 0);
      const list = shape === 'agencies_detail' ? arr(root.agenciesDetail) : shape === 'agencies' ? arr(root.agencies) : arr(root.communes);
      const key = shape === 'agencies_detail' ? 'agenciesDetail' : shape;
      const fallback = shape === 'communes' ? 'commune' : 'agency';
      if (shape !== 'communes') ctx.counts.agency ??= list.length;
      else ctx.counts.commune ??= list.length;
      list.forEach((rec, i) => unitRecord(ctx, rec, `${key}[${i}]`, fallback, true));
      break;
    }
    case 'comparison_daily': {
      const prevDate = runDate(str(meta.previousRunDate));
      const prevPeriod = prevDate ? periodFromLabel(str(meta.previousPeriod), prevDate) ?? yearPeriod(Number(period.period.slice(0, 4)), prevDate) : null;
      const list = Array.isArray(root.units) ? arr(root.units) : [...arr(root.agencies), ...arr(root.communes)];
      if (overview) {
        ctx.counts.all = num(overview.totalUnits) ?? undefined;
        overviewRows(overview, period, asOf, 'currentScore');
        if (prevDate && prevPeriod && ctx.province) b.score(prevPeriod, prevDate, ctx.province, 'TOTAL', { score: num(overview.previousScoreDaily), max_score: 100 }, b.record);
      }
      list.forEach((rec, i) => {
        unitRecord(ctx, rec, `units[${i}]`, 'agency', false);
        const code = str(rec.departmentCode) ?? str(rec.departmentId);
        if (!code || !prevDate || !prevPeriod) return;
        const at = b.record;
        b.score(prevPeriod, prevDate, code, 'TOTAL', { score: num(rec.previousScoreDaily), max_score: 100 }, at);
        b.score(prevPeriod, prevDate, code, 'TOTAL_RANK_ALL', { rank: num(rec.previousRankDaily), rank_of: ctx.counts.all ?? null, rank_group: 'ALL' }, at);
        const gs = isObj(rec.groupScores) ? rec.groupScores : {};
        const gd = isObj(rec.groupScoresDeltaDaily) ? rec.groupScoresDeltaDaily : {};
        for (const [k, v] of Object.entries(gs)) {
          const g = GROUP_CODE[k];
          const cur = num(v);
          const d = num(gd[k]);
          if (g && cur !== null && d !== null) b.score(prevPeriod, prevDate, code, g, { score: round2(cur - d), max_score: GROUP_MAX[g] ?? null }, at);
        }
      });
      break;
    }
    case 'comparison_month': {
      const cur = periodFromLabel(str(meta.currentPeriod), asOf);
      const prev = periodFromLabel(str(meta.previousPeriod), asOf);
      if (!cur) {
        return refused(file, kind, errorIssue('period_unknown', file, `Không đọc được kỳ so sánh «${str(meta.currentPeriod)}».`, `Cannot read the compared period "${str(meta.currentPeriod)}".`));
      }
      ctx.period = cur;
      if (overview && ctx.province) {
        const at = b.next();
        b.unit(ctx.province, str(meta.province) ?? ctx.province, shortNameOf(str(meta.province) ?? '', 'province'), 'VN', 'province', ctx.province, at);
        b.score(cur, asOf, ctx.province, 'TOTAL', { score: num(overview.currentScore), max_score: 100 }, at);
        if (prev) b.score(prev, asOf, ctx.province, 'TOTAL', { score: num(overview.previousScore), max_score: 100 }, at);
        ctx.counts.all = num(overview.totalUnits) ?? undefined;
      }
      arr(root.units).forEach((rec, i) => {
        unitRecord(ctx, rec, `units[${i}]`, 'agency', false);
        const code = str(rec.departmentCode) ?? str(rec.departmentId);
        if (!code || !prev) return;
        const at = b.record;
        b.score(prev, asOf, code, 'TOTAL', { score: num(rec.previousScore), max_score: 100 }, at);
        b.score(prev, asOf, code, 'TOTAL_RANK_ALL', { rank: num(rec.previousRank), rank_of: ctx.counts.all ?? null, rank_group: 'ALL' }, at);
      });
      break;
    }
  }
  const out = finish(b, kind, shape, period, asOf);
  // when the figures were taken, as precisely as the file says: orders two snapshots of one day
  out.summary.takenAt = stamp ?? asOf;
  return out;
}

function finish(b: Builder, kind: string, shape: Dvcqg766Shape, period: Period | null, asOf: string | null): ParsedFile {
  const file = b.file;
  const tables: ParsedFile['tables'] = {};
  const accounts: RowAccount[] = [];
  // every parent named must be a unit of the same file (the validator checks units.parent_id)
  if ([...b.units.values()].some((u) => u.row[3] === 'VN') && !b.units.has('VN')) b.unit('VN', 'Cả nước', null, null, 'nation', null, 0);
  for (const u of b.units.values()) if (u.row[3] !== null && !b.units.has(u.row[3] as string)) u.row[3] = null;
  const unitList = [...b.units.values()];
  tables.units = { file, header: UNIT_HEADER, rows: unitList.map((u) => u.row), rowNumbers: unitList.map((u) => u.at) };
  accounts.push({ file, table: 'units', read: unitList.length + b.reported, loaded: unitList.length, reported: b.reported });
  if (b.scores.length > 0) {
    tables.index_scores = { file, header: INDEX_HEADER, rows: b.scores, rowNumbers: b.scoreRows };
    accounts.push({ file, table: 'index_scores', read: b.scores.length, loaded: b.scores.length, reported: 0 });
  }
  if (b.counts.length > 0) {
    const t: RawTable & { allowEmpty?: string[] } = { file, header: COUNT_HEADER, rows: b.counts, rowNumbers: b.countRows, allowEmpty: ['received_online', 'received_offline', 'carried_over', 'resolved_early', 'pending_within'] };
    tables.dossier_counts = t;
    accounts.push({ file, table: 'dossier_counts', read: b.counts.length, loaded: b.counts.length, reported: 0 });
  }
  const totals = b.scores.filter((r) => r[1] === 'TOTAL' && r[4] === asOf && r[3] === period?.period);
  return {
    file,
    kind,
    tables,
    issues: b.issues,
    accounts,
    summary: {
      kind,
      shape,
      units: unitList.map((u) => u.row[1]),
      period: period ? { type: period.period_type, period: period.period, start: period.start, end: period.end } : null,
      asOf,
      rows: b.scores.length + b.counts.length,
      indexRows: b.scores.length,
      dossierCountRows: b.counts.length,
      totals: Object.fromEntries(totals.map((r) => [r[5] as string, r[6] as number | null])),
      ...(b.counts.length > 0
        ? {
            cumulative: true,
            bucketNote: 'resolved_on_time holds every on-time dossier (early, on time, pending within the limit); resolved_overdue every overdue one; resolved_early and pending_within are not published (null: early_rate stays empty); received split and carried_over are not published (null).',
          }
        : {}),
    },
  };
}

/** For dossier_counts rows of cumulative 766 snapshots: the rows to keep, i.e. for each
 *  (period_start, unit_id, field) only the one with the latest period_end. Input and output are
 *  { file, rowIndex } references so the loader can account for the rows it sets aside (as superseded). */
export function latestCumulativeRows(tables: { file: string; rows: Cell[][]; header: string[] }[]): { keep: { file: string; rowIndex: number }[]; superseded: { file: string; rowIndex: number; by: string }[] } {
  const best = new Map<string, { file: string; rowIndex: number; end: string }>();
  const all: { file: string; rowIndex: number; key: string; end: string }[] = [];
  for (const t of tables) {
    const ix = (n: string) => t.header.indexOf(n);
    t.rows.forEach((r, rowIndex) => {
      const key = [r[ix('period_start')], r[ix('unit_id')], r[ix('field')] ?? ''].join('\u0000');
      const end = String(r[ix('period_end')]);
      all.push({ file: t.file, rowIndex, key, end });
      const cur = best.get(key);
      if (!cur || end > cur.end) best.set(key, { file: t.file, rowIndex, end });
    });
  }
  const keep: { file: string; rowIndex: number }[] = [];
  const superseded: { file: string; rowIndex: number; by: string }[] = [];
  for (const a of all) {
    const w = best.get(a.key) as { file: string; rowIndex: number; end: string };
    if (w.file === a.file && w.rowIndex === a.rowIndex) keep.push({ file: a.file, rowIndex: a.rowIndex });
    else superseded.push({ file: a.file, rowIndex: a.rowIndex, by: w.file });
  }
  return { keep, superseded };
}
