// Figures for a period: every metric of the registry for each unit (and the total), with its target
// and status. The summary command, the browser stores and the tests all call this one function.
import type { Db } from '../db/types';
import { COUNT_METRICS, INDEX_METRICS } from './registry';
import { indexPeriodsFor, parsePeriod, type Period } from './periods';
import { indexValue, queryCounts, queryCube, queryIndex, type CountRow, type IndexRow } from './queries';
import { cubeReady } from '../load/cube';
import { resolveTarget, statusOf, type TargetRow } from './targets';

export interface MetricValue {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  comparator: '>=' | '<=' | null;
  status: 'met' | 'missed' | null;
  target_source?: string | null;
  as_of?: string | null;
  quality_flag?: string | null;
  max_score?: number | null;
  rank_of?: number | null;
}

export interface UnitInfo {
  unit_id: string;
  name: string;
  short_name: string | null;
  level: string;
  parent_id: string | null;
  code: string | null;
  valid_from: string | null;
  valid_to: string | null;
}

export interface UnitResult extends UnitInfo {
  metrics: Record<string, MetricValue>;
  sums: Record<string, number | null>;
}

export interface Evaluation {
  period: { from: string; to: string; key: string; kind: string };
  units: UnitResult[];
  total: { metrics: Record<string, MetricValue>; sums: Record<string, number | null> };
}

export interface EvaluateOptions {
  from: string;
  to: string;
  levels?: string[];
  unitIds?: string[];
  fields?: string[];
  lineage?: boolean;
  /** channels of receipt (1 in person, 2 online, 3 postal): dossier-level data only (queries.ts) */
  channels?: number[];
}

export async function loadUnits(db: Db): Promise<UnitInfo[]> {
  return db.query<UnitInfo>('SELECT unit_id, name, short_name, level, parent_id, code, valid_from, valid_to FROM units ORDER BY unit_id');
}

export async function loadTargets(db: Db): Promise<TargetRow[]> {
  return db.query<TargetRow>('SELECT metric, unit_id, period_from, period_to, comparator, value, source_doc FROM targets');
}

/** The whole span of the data: first period_start to last period_end (index figures as a fallback). */
export async function dataSpan(db: Db): Promise<{ from: string; to: string } | null> {
  const [c] = await db.query<{ from: string | null; to: string | null }>('SELECT min(period_start) AS "from", max(period_end) AS "to" FROM dossier_counts');
  if (c?.from && c.to) return { from: c.from, to: c.to };
  const [i] = await db.query<{ to: string | null }>('SELECT max(as_of) AS "to" FROM index_scores');
  return i?.to ? { from: `${i.to.slice(0, 4)}-01-01`, to: i.to } : null;
}

/** Name the range as a standard period when it is one (a month, a quarter…), else a custom range. */
export function periodFromRange(from: string, to: string): Period {
  const candidates = [from.slice(0, 7), `${from.slice(0, 4)}-Q${Math.ceil(Number(from.slice(5, 7)) / 3)}`,
    `${from.slice(0, 4)}-H${Number(from.slice(5, 7)) <= 6 ? 1 : 2}`, `${from.slice(0, 4)}-9M`, from.slice(0, 4)];
  for (const key of candidates) {
    const p = parsePeriod(key);
    if (p && p.from === from && p.to === to) return p;
  }
  if (from.endsWith('-01-01') && from.slice(0, 4) === to.slice(0, 4)) return parsePeriod(`ytd:${to}`)!;
  return parsePeriod(`${from}..${to}`)!;
}

/** A figure with the target in force on `date` and its status. */
export function withTarget(base: { value: number | null; numerator: number | null; denominator: number | null }, targets: TargetRow[], metricId: string, unitId: string, date: string): MetricValue {
  const t = resolveTarget(targets, metricId, unitId, date);
  return {
    ...base,
    target: t?.value ?? null,
    comparator: t?.comparator ?? null,
    status: statusOf(base.value, t),
    target_source: t?.source_doc ?? null,
  };
}

function countMetrics(row: CountRow | undefined, targets: TargetRow[], unitId: string, to: string): Record<string, MetricValue> {
  const out: Record<string, MetricValue> = {};
  for (const m of COUNT_METRICS) {
    const c = row?.metrics[m.id] ?? { value: null, numerator: null, denominator: null };
    out[m.id] = withTarget(c, targets, m.id, unitId, to);
  }
  return out;
}

function indexMetrics(rows: IndexRow[], targets: TargetRow[], unitId: string, to: string): Record<string, MetricValue> {
  const out: Record<string, MetricValue> = {};
  for (const m of INDEX_METRICS) {
    const { value, row } = indexValue(m, rows, unitId);
    if (!row) continue;
    out[m.id] = {
      ...withTarget({ value, numerator: row.numerator, denominator: row.denominator }, targets, m.id, unitId, to),
      as_of: row.as_of, quality_flag: row.quality_flag, max_score: row.max_score, rank_of: row.rank_of,
    };
  }
  return out;
}

export async function evaluate(db: Db, opts: EvaluateOptions): Promise<Evaluation> {
  const period = periodFromRange(opts.from, opts.to);
  const [units, targets] = await Promise.all([loadUnits(db), loadTargets(db)]);
  const filter = { from: opts.from, to: opts.to, levels: opts.levels, unitIds: opts.unitIds, fields: opts.fields, lineage: opts.lineage, channels: opts.channels };
  const [[byUnit, [total]], index] = await Promise.all([
    // with the cube: by unit and the total in one statement (two reference queries without it)
    (await cubeReady(db))
      ? queryCube(db, { ...filter, windows: [{ from: opts.from, to: opts.to }], sets: [{ groupBy: ['unit'] }, { groupBy: [] }] }).then(([[u], [t]]) => [u, t] as const)
      : Promise.all([queryCounts(db, { ...filter, groupBy: ['unit'] }), queryCounts(db, { ...filter, groupBy: [] })]),
    queryIndex(db, { periods: indexPeriodsFor(period), asOfMax: opts.to, unitIds: opts.unitIds }),
  ]);
  return assembleEvaluation(opts, units, targets, byUnit, total, index);
}

/** The evaluation from query results (pure): also used by the scoreboard's batched query. */
export function assembleEvaluation(opts: EvaluateOptions, units: UnitInfo[], targets: TargetRow[], byUnit: CountRow[], total: CountRow | undefined,
  index: Pick<IndexRow, 'index' | 'component' | 'unit_id' | 'as_of' | 'quality_flag' | 'max_score' | 'rank_of' | 'numerator' | 'denominator' | 'score' | 'ratio' | 'rank'>[]): Evaluation {
  const period = periodFromRange(opts.from, opts.to);
  const countByUnit = new Map(byUnit.map((r) => [r.unit_id!, r]));
  const indexUnits = new Set(index.map((r) => r.unit_id));
  const levelOk = (u: UnitInfo) => !opts.levels?.length || opts.levels.includes(u.level);
  const result: UnitResult[] = units
    .filter((u) => (countByUnit.has(u.unit_id) || indexUnits.has(u.unit_id)) && levelOk(u) && (!opts.unitIds?.length || opts.unitIds.includes(u.unit_id)))
    .map((u) => ({
      ...u,
      sums: countByUnit.get(u.unit_id)?.sums ?? {},
      metrics: { ...countMetrics(countByUnit.get(u.unit_id), targets, u.unit_id, opts.to), ...indexMetrics(index as IndexRow[], targets, u.unit_id, opts.to) },
    }));
  return {
    period: { from: opts.from, to: opts.to, key: period.key, kind: period.kind },
    units: result,
    total: { metrics: countMetrics(total, targets, '*', opts.to), sums: total?.sums ?? {} },
  };
}
