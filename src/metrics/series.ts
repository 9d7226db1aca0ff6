// Figures of many periods at once (sparklines, trends, the previous period and the year before), with
// the target in force at the end of each period. The same rules as evaluate(): counts summed per period
// (stocks at the edges of each series), index figures of the matching period and latest snapshot.
//
// Speed: with the cumulative cube (src/load/cube.ts) every period is one window of a single statement,
// the same numbers as evaluate() for each period. Without it (reference path), a run of consecutive
// months (quarters, halves, years, ISO weeks) is read with one bucketed query when no row of the data
// straddles two buckets; otherwise each period is read on its own.
import type { Db, Param } from '../db/types';
import { COUNT_METRICS, INDEX_METRICS } from './registry';
import { indexPeriodsFor, previousPeriod, type Period } from './periods';
import { queryCounts, queryCube, type Bucket, type CountRow, type IndexRow } from './queries';
import { cubeReady } from '../load/cube';
import type { TargetRow } from './targets';
import type { UnitInfo } from './evaluate';
import { loadTargets, loadUnits, withTarget, type MetricValue } from './evaluate';

export interface SeriesOptions {
  /** oldest first */
  periods: Period[];
  levels?: string[];
  unitIds?: string[];
  /** count and index metric ids; default every metric */
  metrics?: string[];
  /** channels of receipt (dossier-level data only): queries.ts CountQuery.channels */
  channels?: number[];
}

export interface SeriesResult {
  periods: Period[];
  /** unit id → metric id → one figure per period (null value when there is none) */
  units: Record<string, Record<string, MetricValue[]>>;
  /** unit id → per period, the summed count columns (for channel mixes and gaps over time) */
  sums: Record<string, (Record<string, number | null> | null)[]>;
}

const BUCKETED: Partial<Record<Period['kind'], Bucket>> = { month: 'month', quarter: 'quarter', half: 'half', year: 'year', week: 'week' };

/** Same labels as queries.ts builds for buckets: here only to find rows that would straddle two. */
const BUCKET_LABEL: Record<Bucket, (col: string) => string> = {
  month: (c) => `strftime(${c}, '%Y-%m')`,
  quarter: (c) => `strftime(${c}, '%Y') || '-Q' || quarter(${c})`,
  half: (c) => `strftime(${c}, '%Y') || CASE WHEN month(${c}) <= 6 THEN '-H1' ELSE '-H2' END`,
  year: (c) => `strftime(${c}, '%Y')`,
  week: (c) => `strftime(${c}, '%G-W%V')`,
};

function consecutive(periods: Period[]): boolean {
  for (let i = 1; i < periods.length; i++) if (previousPeriod(periods[i]).key !== periods[i - 1].key) return false;
  return true;
}

async function straddling(db: Db, bucket: Bucket, from: string, to: string): Promise<number> {
  const [r] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM dossier_counts WHERE period_start >= CAST(? AS DATE) AND period_end <= CAST(? AS DATE)
       AND ${BUCKET_LABEL[bucket]('period_start')} <> ${BUCKET_LABEL[bucket]('period_end')}`, [from, to]);
  return r?.n ?? 0;
}

/** Count rows per period index (unit-grouped). */
async function countRows(db: Db, o: SeriesOptions, countIds: string[]): Promise<CountRow[][]> {
  const { periods } = o;
  const base = { levels: o.levels, unitIds: o.unitIds, metrics: countIds, channels: o.channels };
  if (await cubeReady(db)) {
    const [rows] = await queryCube(db, { ...base, windows: periods.map((p) => ({ from: p.from, to: p.to })), sets: [{ groupBy: ['unit'], metrics: countIds }] });
    return rows;
  }
  const bucket = BUCKETED[periods[0].kind];
  const sameKind = periods.every((p) => p.kind === periods[0].kind);
  if (periods.length > 1 && bucket && sameKind && consecutive(periods)) {
    const from = periods[0].from;
    const to = periods[periods.length - 1].to;
    if ((await straddling(db, bucket, from, to)) === 0) {
      const rows = await queryCounts(db, { ...base, from, to, groupBy: ['unit', 'bucket'], bucket });
      const index = new Map(periods.map((p, i) => [p.key, i]));
      const out: CountRow[][] = periods.map(() => []);
      for (const r of rows) {
        const i = index.get(r.bucket!);
        if (i !== undefined) out[i].push(r);
      }
      return out;
    }
  }
  return Promise.all(periods.map((p) => queryCounts(db, { ...base, from: p.from, to: p.to, groupBy: ['unit'] })));
}

export type IndexSeriesRow = Omit<IndexRow, 'rank_group' | 'source'>;

/** One index period of indexRows: only year-to-date figures are limited to those taken by the period's end (as queryIndex). */
const INDEX_CLAUSE = "(period_type = ? AND period = ? AND (period_type <> 'ytd' OR as_of IS NULL OR as_of <= CAST(? AS DATE)))";

/** Index rows for every period: each (period type, period) taken at its latest snapshot on or before the period's end. */
export async function indexRows(db: Db, periods: Period[], unitIds: string[] | undefined, indexes: string[] | null): Promise<IndexSeriesRow[]> {
  const clauses: string[] = [];
  const params: Param[] = [];
  for (const p of periods) {
    for (const ip of indexPeriodsFor(p)) {
      clauses.push(INDEX_CLAUSE);
      params.push(ip.period_type, ip.period, p.to);
    }
  }
  if (clauses.length === 0 || indexes?.length === 0) return [];
  // As many clauses whatever the periods' kind (at most two index periods each; the rest match
  // nothing): the statement's text, prepared once, stays the same from a month to a quarter (planning
  // it is the slow part).
  while (clauses.length < 2 * periods.length) {
    clauses.push(INDEX_CLAUSE);
    params.push(null, null, null);
  }
  // whole-unit figures only (per-procedure figures carry procedure_code)
  let where = `(${clauses.join(' OR ')}) AND procedure_code IS NULL`;
  if (indexes) {
    where += ` AND "index" IN (${indexes.map(() => '?').join(', ')})`;
    params.push(...indexes);
  }
  if (unitIds?.length) {
    where += ` AND unit_id IN (${unitIds.map(() => '?').join(', ')})`;
    params.push(...unitIds);
  }
  // One period's `as_of` limit differs from another's only for ytd rows shared by several periods; the
  // latest snapshot per period is picked in JS below for those.
  return db.query<IndexSeriesRow>(
    `SELECT "index", component, unit_id, period_type, period, as_of, score, max_score, numerator, denominator, ratio, rank, rank_of, quality_flag
     FROM index_scores WHERE ${where}`, params);
}

const figure = withTarget;

const EMPTY = { value: null, numerator: null, denominator: null };

export async function evaluateSeries(db: Db, o: SeriesOptions): Promise<SeriesResult> {
  const { periods } = o;
  if (periods.length === 0) return { periods, units: {}, sums: {} };
  const wanted = (id: string) => !o.metrics || o.metrics.includes(id);
  const countDefs = COUNT_METRICS.filter((m) => wanted(m.id));
  const indexDefs = INDEX_METRICS.filter((m) => wanted(m.id));
  const [units, targets] = await Promise.all([loadUnits(db), loadTargets(db)]);
  const [counts, index] = await Promise.all([
    countDefs.length ? countRows(db, o, countDefs.map((m) => m.id)) : Promise.resolve(periods.map(() => [] as CountRow[])),
    indexDefs.length ? indexRows(db, periods, o.unitIds, [...new Set(indexDefs.map((m) => m.index))]) : Promise.resolve([]),
  ]);
  return assembleSeries(o, units, targets, counts, index);
}

/** A year-to-date figure taken after the period's end covers more than the period (see queryIndex). */
const lateYtd = (r: IndexSeriesRow, p: Period) => r.period_type === 'ytd' && r.as_of != null && r.as_of > p.to;

/** Per period: (index, component, unit) → the row of the most preferred period type, latest snapshot on or before its end. */
export function pickIndex(periods: Period[], index: IndexSeriesRow[]): Map<string, IndexSeriesRow>[] {
  return periods.map((p) => {
    const prefs = indexPeriodsFor(p);
    const best = new Map<string, { row: IndexSeriesRow; pref: number }>();
    for (const r of index) {
      const pref = prefs.findIndex((x) => x.period_type === r.period_type && x.period === r.period);
      if (pref < 0 || lateYtd(r, p)) continue;
      const key = `${r.index}\u0000${r.component}\u0000${r.unit_id}`;
      const had = best.get(key);
      if (!had || pref < had.pref || (pref === had.pref && (r.as_of ?? '') > (had.row.as_of ?? ''))) best.set(key, { row: r, pref });
    }
    return new Map([...best].map(([k, v]) => [k, v.row]));
  });
}

/** The series from query results (pure): counts per period (unit-grouped) and the index rows of every period. */
export function assembleSeries(o: SeriesOptions, units: UnitInfo[], targets: TargetRow[], counts: CountRow[][], index: IndexSeriesRow[]): SeriesResult {
  const { periods } = o;
  if (periods.length === 0) return { periods, units: {}, sums: {} };
  const wanted = (id: string) => !o.metrics || o.metrics.includes(id);
  const countDefs = COUNT_METRICS.filter((m) => wanted(m.id));
  const indexDefs = INDEX_METRICS.filter((m) => wanted(m.id));
  const indexNames = new Set(indexDefs.map((m) => m.index));
  const levelOf = new Map(units.map((u) => [u.unit_id, u.level]));
  const inScope = (id: string) => (!o.levels?.length || o.levels.includes(levelOf.get(id) ?? '')) && (!o.unitIds?.length || o.unitIds.includes(id));
  const ids = new Set<string>();
  counts.forEach((rows) => rows.forEach((r) => inScope(r.unit_id!) && ids.add(r.unit_id!)));
  // units with an index row of one of these periods (the rows may have been read for more periods)
  const pick = pickIndex(periods, index);
  const usable = index.filter((r) => periods.some((p) => indexPeriodsFor(p).some((x) => x.period_type === r.period_type && x.period === r.period) && !lateYtd(r, p)));
  usable.forEach((r) => indexNames.has(r.index) && inScope(r.unit_id) && ids.add(r.unit_id));

  const out: SeriesResult = { periods, units: {}, sums: {} };
  for (const id of [...ids].sort()) {
    const byMetric: Record<string, MetricValue[]> = {};
    const byUnit = counts.map((rows) => rows.find((r) => r.unit_id === id));
    for (const m of countDefs) {
      byMetric[m.id] = periods.map((p, i) => figure(byUnit[i]?.metrics[m.id] ?? EMPTY, targets, m.id, id, p.to));
    }
    for (const m of indexDefs) {
      byMetric[m.id] = periods.map((p, i) => {
        const row = pick[i].get(`${m.index}\u0000${m.component}\u0000${id}`);
        if (!row) return figure(EMPTY, targets, m.id, id, p.to);
        return { ...figure({ value: row[m.field] as number | null, numerator: row.numerator, denominator: row.denominator }, targets, m.id, id, p.to),
          as_of: row.as_of, quality_flag: row.quality_flag, max_score: row.max_score, rank_of: row.rank_of };
      });
    }
    out.units[id] = byMetric;
    out.sums[id] = byUnit.map((r) => r?.sums ?? null);
  }
  return out;
}
