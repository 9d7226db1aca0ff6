// Metric queries: SQL is built here, in one place, from the registry. Values from filters and the URL
// reach SQL only as bound parameters; identifiers come only from the registry and fixed lists.
import type { Db, Param } from '../db/types';
import { COUNT_METRICS, INDEX_METRICS, type CountMetric, type IndexMetric } from './registry';
import { CUBE_SERIES_TABLE, CUBE_TABLE, GRAINS, cubeReady, lastSlotStartOnOrBefore, slotStartOnOrAfter } from '../load/cube';

/** Flow columns are summed over a period; stock columns are taken at the edges of each series. */
const FLOW_COLUMNS = [
  'received_online', 'received_offline', 'received_postal', 'received_online_full',
  'resolved_early', 'resolved_on_time', 'resolved_overdue',
  'apologies_issued', 'digitized', 'results_electronic', 'ratings_total', 'ratings_dissatisfied', 'complaints',
];
const FIRST_COLUMNS = ['carried_over'];
const LAST_COLUMNS = ['pending_within', 'pending_overdue'];
export const AGG_COLUMNS = [...FLOW_COLUMNS, ...FIRST_COLUMNS, ...LAST_COLUMNS];

export type Grouping = 'unit' | 'field' | 'bucket' | 'parent';
export type Bucket = 'month' | 'quarter' | 'half' | 'year' | 'week';

const BUCKET_SQL: Record<Bucket, string> = {
  month: "strftime(period_start, '%Y-%m')",
  quarter: "strftime(period_start, '%Y') || '-Q' || quarter(period_start)",
  half: "strftime(period_start, '%Y') || CASE WHEN month(period_start) <= 6 THEN '-H1' ELSE '-H2' END",
  year: "strftime(period_start, '%Y')",
  week: "strftime(period_start, '%G-W%V')",
};

export interface CountQuery {
  from: string;
  to: string;
  groupBy: Grouping[];
  bucket?: Bucket;
  unitIds?: string[];
  levels?: string[];
  fields?: string[];
  /** re-add counts of predecessor units to their successors through unit_lineage */
  lineage?: boolean;
  /** channels of receipt (1 in person, 2 online, 3 postal): only for dossier-level data, whose
   *  per-channel pre-aggregate (dossier_counts_by_channel) is read instead of dossier_counts */
  channels?: number[];
  metrics?: string[];
}

export interface MetricCell {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}

export interface CountRow {
  unit_id?: string;
  field?: string;
  bucket?: string;
  parent_id?: string;
  rows: number;
  metrics: Record<string, MetricCell>;
  /** the summed count columns, for gap computations and tables */
  sums: Record<string, number | null>;
}

const placeholders = (n: number) => new Array(n).fill('?').join(', ');

/** Wrap a metric expression so it is null unless every counted row has every required column. */
function guarded(m: CountMetric, expr: string): string {
  const checks = m.requires.map((c) => `"${c}__complete"`).join(' AND ');
  return checks ? `CASE WHEN ${checks} THEN ${expr} END` : expr;
}

/** A metric's numerator and denominator columns, named by its place in the registry. */
function metricOuts(m: CountMetric): string[] {
  const i = COUNT_METRICS.indexOf(m);
  return [`${guarded(m, m.numerator)} AS "n${i}"`, m.denominator ? `${guarded(m, m.denominator)} AS "d${i}"` : `NULL AS "d${i}"`];
}

/** Lineage: identity for every unit, plus closure of unit_lineage (A→B→C) with multiplied shares. */
const LINEAGE_CTE = `unit_map AS (
        WITH RECURSIVE chain(src, dst, share) AS (
          SELECT from_unit_id, to_unit_id, coalesce(share, 1) FROM unit_lineage
          UNION ALL
          SELECT chain.src, l.to_unit_id, chain.share * coalesce(l.share, 1)
          FROM chain JOIN unit_lineage l ON l.from_unit_id = chain.dst
        )
        SELECT unit_id AS src_unit, unit_id AS dst_unit, 1.0 AS share FROM units
        WHERE unit_id NOT IN (SELECT from_unit_id FROM unit_lineage)
        UNION ALL
        SELECT src, dst, share FROM chain WHERE dst NOT IN (SELECT from_unit_id FROM unit_lineage)
      ),`;

export function buildCountSql(q: CountQuery): { sql: string; params: Param[] } {
  const params: Param[] = [q.from, q.to];
  const where = ['c.period_start >= CAST(? AS DATE)', 'c.period_end <= CAST(? AS DATE)'];
  const unitExpr = q.lineage ? 'm.dst_unit' : 'c.unit_id';
  const share = q.lineage ? 'm.share' : '1';
  if (q.unitIds?.length) { where.push(`${unitExpr} IN (${placeholders(q.unitIds.length)})`); params.push(...q.unitIds); }
  if (q.levels?.length) { where.push(`u.level IN (${placeholders(q.levels.length)})`); params.push(...q.levels); }
  if (q.fields?.length) { where.push(`coalesce(c.field, '') IN (${placeholders(q.fields.length)})`); params.push(...q.fields); }
  const byChannel = Boolean(q.channels?.length);
  if (byChannel) { where.push(`c.channel IN (${placeholders(q.channels!.length)})`); params.push(...q.channels!); }
  const bucketExpr = q.bucket ? BUCKET_SQL[q.bucket].replaceAll('period_start', 'c.period_start') : "'all'";
  const lineageCte = q.lineage ? LINEAGE_CTE : '';
  const join = q.lineage ? 'JOIN unit_map m ON m.src_unit = c.unit_id JOIN units u ON u.unit_id = m.dst_unit' : 'JOIN units u ON u.unit_id = c.unit_id';
  // per-channel rows are separate series: each carries its own stocks
  const series = `${unitExpr}, coalesce(c.field, ''), ${byChannel ? 'c.channel, ' : ''}${bucketExpr}`;
  const groupCols: string[] = [];
  if (q.groupBy.includes('unit')) groupCols.push('unit_id');
  if (q.groupBy.includes('parent')) groupCols.push('parent_id');
  if (q.groupBy.includes('field')) groupCols.push('field');
  if (q.groupBy.includes('bucket')) groupCols.push('bucket');

  const aggs: string[] = ['count(*) AS "rows"'];
  for (const col of AGG_COLUMNS) {
    const pick = FIRST_COLUMNS.includes(col) ? 'is_first' : LAST_COLUMNS.includes(col) ? 'is_last' : 'TRUE';
    aggs.push(`sum(CASE WHEN ${pick} THEN "${col}" END) AS "${col}"`);
    aggs.push(`count(CASE WHEN ${pick} AND "${col}" IS NULL THEN 1 END) = 0 AS "${col}__complete"`);
  }
  const wanted = COUNT_METRICS.filter((m) => !q.metrics || q.metrics.includes(m.id));
  const outs: string[] = [];
  for (const m of wanted) outs.push(...metricOuts(m));
  const sql = `WITH ${lineageCte}
    base AS (
      SELECT ${unitExpr} AS unit_id, u.parent_id AS parent_id, coalesce(c.field, '') AS field, ${bucketExpr} AS bucket,
        ${AGG_COLUMNS.map((col) => `c."${col}" * ${share} AS "${col}"`).join(', ')},
        -- rank(), not row_number(): merged predecessors (lineage) share a series and each ends on the
        -- same day; all of their edge rows hold stock.
        rank() OVER (PARTITION BY ${series} ORDER BY c.period_end DESC) = 1 AS is_last,
        rank() OVER (PARTITION BY ${series} ORDER BY c.period_start ASC) = 1 AS is_first
      FROM ${byChannel ? 'dossier_counts_by_channel' : 'dossier_counts'} c ${join}
      WHERE ${where.join(' AND ')}
    ),
    agg AS (
      SELECT ${groupCols.map((g) => `"${g}"`).concat(aggs).join(', ')}
      FROM base ${groupCols.length ? `GROUP BY ${groupCols.map((g) => `"${g}"`).join(', ')}` : ''}
    )
    SELECT ${groupCols.map((g) => `"${g}"`).concat(['"rows"'], AGG_COLUMNS.map((c) => `"${c}"`), outs).join(', ')}
    FROM agg ${groupCols.length ? `ORDER BY ${groupCols.map((g) => `"${g}"`).join(', ')}` : ''}`;
  return { sql, params };
}

/** A window of the cube query: a closed date range. */
export interface CountWindow { from: string; to: string }

/** One grouping of the cube query (unit, parent, field, or none = the total) over some of its windows. */
export interface CountSet {
  groupBy: Exclude<Grouping, 'bucket'>[];
  /** indexes into windows; default every window */
  windows?: number[];
  metrics?: string[];
}

export interface CubeQuery extends Omit<CountQuery, 'from' | 'to' | 'groupBy' | 'bucket' | 'metrics'> {
  windows: CountWindow[];
  sets: CountSet[];
}

/**
 * Counts of many windows and groupings in one statement over the cube: per window and series, the two
 * edge slots are point lookups (the first slot at or after the window's start, the last one ending at
 * or before its end, clamped to the series' span); flows are differences of running totals, stocks the
 * edge rows' values. Series merged by lineage keep the reference's rule: stocks of the sources whose
 * first (last) row is the merged series' first (last). Same figures as buildCountSql for each window.
 */
export function buildCubeSql(q: CubeQuery): { sql: string; params: Param[] } {
  const params: Param[] = [];
  // Each window's edge slots for every grain, worked out here: (window, grain, first slot, last slot).
  const win = q.windows.flatMap((w, i) => GRAINS.map((g) => {
    params.push(slotStartOnOrAfter(w.from, g), lastSlotStartOnOrBefore(w.to, g));
    return `(${i}, ${g}, CAST(? AS DATE), CAST(? AS DATE))`;
  }));
  const where: string[] = [];
  const unitExpr = q.lineage ? 'm.dst_unit' : 's.unit_id';
  const byChannel = Boolean(q.channels?.length);
  if (byChannel) { where.push(`s.channel IN (${placeholders(q.channels!.length)})`); params.push(...q.channels!); } else where.push('s.channel = 0');
  if (q.unitIds?.length) { where.push(`${unitExpr} IN (${placeholders(q.unitIds.length)})`); params.push(...q.unitIds); }
  if (q.levels?.length) { where.push(`u.level IN (${placeholders(q.levels.length)})`); params.push(...q.levels); }
  if (q.fields?.length) { where.push(`s.field IN (${placeholders(q.fields.length)})`); params.push(...q.fields); }
  const join = q.lineage ? 'JOIN unit_map m ON m.src_unit = s.unit_id JOIN units u ON u.unit_id = m.dst_unit' : 'JOIN units u ON u.unit_id = s.unit_id';
  const flowEdge = FLOW_COLUMNS.flatMap((c) => [
    `sum(CASE WHEN k.kind = 1 THEN c."${c}" ELSE -c."${c}__p" END) AS "${c}"`,
    `sum(CASE WHEN k.kind = 1 THEN c."${c}__n" ELSE -c."${c}__np" END) AS "${c}__n"`,
  ]);
  const flowAgg = FLOW_COLUMNS.flatMap((c) => [
    `CASE WHEN sum(n - "${c}__n") > 0 THEN sum("${c}" * share) END AS "${c}"`,
    `coalesce(sum("${c}__n"), 0) = 0 AS "${c}__complete"`,
  ]);
  const stockAgg = [['carried_over', 'first_carried', 'is_first'], ['pending_within', 'last_within', 'is_last'], ['pending_overdue', 'last_overdue', 'is_last']]
    .flatMap(([c, v, pick]) => [
      `sum(CASE WHEN ${pick} THEN ${v} * share END) AS "${c}"`,
      `count(CASE WHEN ${pick} AND ${v} IS NULL THEN 1 END) = 0 AS "${c}__complete"`,
    ]);
  const outs = COUNT_METRICS.flatMap(metricOuts);
  const order = (['unit', 'parent', 'field'] as const).filter((x) => q.sets.some((set) => set.groupBy.includes(x)))
    .map((x) => (x === 'unit' ? '"unit_id"' : x === 'parent' ? '"parent_id"' : '"field"'));
  const selects = q.sets.map((set, g) => {
    const cols = (['unit', 'parent', 'field'] as const).filter((x) => set.groupBy.includes(x)).map((x) => (x === 'unit' ? 'unit_id' : x === 'parent' ? 'parent_id' : 'field'));
    const ws = set.windows ?? q.windows.map((_, i) => i);
    const only = ws.length < q.windows.length ? `WHERE w IN (${ws.join(', ') || '-1'})` : '';
    // the total of a window without rows is still one row (as a plain aggregate gives it)
    const from = cols.length ? `srs ${only}` : `(SELECT DISTINCT w AS ww FROM win ${only.replace('w IN', 'w IN')}) t LEFT JOIN srs ON srs.w = t.ww`;
    return `SELECT ${g} AS g, ${cols.length ? 'w' : 't.ww AS w'}, ${cols.map((c) => `"${c}", `).join('')}coalesce(sum(n), 0) AS "rows", ${flowAgg.join(', ')}, ${stockAgg.join(', ')}
      FROM ${from}
      GROUP BY ${cols.length ? 'w' : 't.ww'}${cols.map((c) => `, "${c}"`).join('')}`;
  });
  const sql = `WITH ${q.lineage ? LINEAGE_CTE : ''}
    win(w, grain, wa, wb) AS (VALUES ${win.join(', ')}),
    ser AS (
      SELECT s.sid, s.grain, s.first_start, s.last_start, s.field, s.channel, ${unitExpr} AS unit_id, u.parent_id AS parent_id,
        ${q.lineage ? 'm.share' : '1'} AS share
      FROM ${CUBE_SERIES_TABLE} s ${join}
      WHERE ${where.join(' AND ')}
    ),
    span AS (
      SELECT w.w, s.sid, greatest(s.first_start, w.wa) AS a, least(s.last_start, w.wb) AS b
      FROM win w JOIN (SELECT DISTINCT sid, grain, first_start, last_start FROM ser) s ON s.grain = w.grain
    ),
    keys AS (
      SELECT w, sid, 0 AS kind, a AS k FROM span WHERE a <= b
      UNION ALL
      SELECT w, sid, 1 AS kind, b AS k FROM span WHERE a <= b
    ),
    edge AS (
      SELECT k.w, k.sid,
        sum(CASE WHEN k.kind = 1 THEN c.rows_c ELSE -c.rows_p END) AS n,
        ${flowEdge.join(', ')},
        max(CASE WHEN k.kind = 0 THEN c.first_carried END) AS first_carried,
        max(CASE WHEN k.kind = 0 THEN c.first_start END) AS cstart,
        max(CASE WHEN k.kind = 1 THEN c.last_within END) AS last_within,
        max(CASE WHEN k.kind = 1 THEN c.last_overdue END) AS last_overdue,
        max(CASE WHEN k.kind = 1 THEN c.last_end END) AS lend
      FROM keys k JOIN ${CUBE_TABLE} c ON c.sid = k.sid AND c.period_start = k.k
      GROUP BY k.w, k.sid
      HAVING sum(CASE WHEN k.kind = 1 THEN c.rows_c ELSE -c.rows_p END) > 0
    ),
    srs AS (
      SELECT e.*, s.unit_id, s.parent_id, s.field, s.share,
        e.cstart = min(e.cstart) OVER (PARTITION BY e.w, s.unit_id, s.field, s.channel) AS is_first,
        e.lend = max(e.lend) OVER (PARTITION BY e.w, s.unit_id, s.field, s.channel) AS is_last
      FROM edge e JOIN ser s ON s.sid = e.sid
    ),
    agg AS (${selects.join('\n      UNION ALL BY NAME\n      ')})
    SELECT *, ${outs.join(', ')} FROM agg ORDER BY ${['g', 'w', ...order].join(', ')}`;
  return { sql, params };
}

/** Rows per set and window: result[set][window]. */
export async function queryCube(db: Db, q: CubeQuery): Promise<CountRow[][][]> {
  const out: CountRow[][][] = q.sets.map(() => q.windows.map(() => []));
  if (q.windows.length === 0 || q.sets.length === 0) return out;
  const { sql, params } = buildCubeSql(q);
  const rows = await db.query<Record<string, unknown>>(sql, params);
  const parsed = rows.map((r) => ({ g: Number(r.g), w: Number(r.w), r }));
  for (const [g, set] of q.sets.entries()) {
    const mine = parsed.filter((x) => x.g === g);
    const keep = (r: Record<string, unknown>) => {
      const o: Record<string, unknown> = { ...r };
      if (!set.groupBy.includes('unit')) delete o.unit_id;
      if (!set.groupBy.includes('parent')) delete o.parent_id;
      if (!set.groupBy.includes('field')) delete o.field;
      return o;
    };
    for (const [w] of q.windows.entries()) out[g][w] = toCountRows(mine.filter((x) => x.w === w).map((x) => keep(x.r)), set.metrics);
  }
  return out;
}

function cell(m: CountMetric, n: unknown, d: unknown): MetricCell {
  const num = typeof n === 'number' ? n : null;
  const den = typeof d === 'number' ? d : null;
  if (m.unit === 'count') return { value: num, numerator: num, denominator: null };
  return { value: num != null && den != null && den !== 0 ? (100 * num) / den : null, numerator: num, denominator: den };
}

/** The reference path: the SQL over dossier_counts (window functions at series edges), used when no
 *  cube exists, for bucketed queries, and by the tests as the check of the cube. */
export async function queryCountsReference(db: Db, q: CountQuery): Promise<CountRow[]> {
  const { sql, params } = buildCountSql(q);
  return toCountRows(await db.query<Record<string, unknown>>(sql, params), q.metrics);
}

/** Counts for one window: from the cube when one is loaded (bucketed queries: the reference SQL). */
export async function queryCounts(db: Db, q: CountQuery): Promise<CountRow[]> {
  if (q.bucket || !(await cubeReady(db))) return queryCountsReference(db, q);
  const [[rows]] = await queryCube(db, { ...q, windows: [{ from: q.from, to: q.to }], sets: [{ groupBy: q.groupBy.filter((x): x is CountSet['groupBy'][number] => x !== 'bucket'), metrics: q.metrics }] });
  return rows;
}

function toCountRows(rows: Record<string, unknown>[], metrics: string[] | undefined): CountRow[] {
  const wanted = COUNT_METRICS.filter((m) => !metrics || metrics.includes(m.id));
  return rows.map((r) => ({
    ...(r.unit_id !== undefined ? { unit_id: String(r.unit_id) } : {}),
    ...(r.parent_id !== undefined ? { parent_id: r.parent_id == null ? '' : String(r.parent_id) } : {}),
    ...(r.field !== undefined ? { field: String(r.field) } : {}),
    ...(r.bucket !== undefined ? { bucket: String(r.bucket) } : {}),
    rows: Number(r.rows),
    sums: Object.fromEntries(AGG_COLUMNS.map((c) => [c, typeof r[c] === 'number' ? (r[c] as number) : null])),
    metrics: Object.fromEntries(wanted.map((m) => [m.id, cell(m, r[`n${COUNT_METRICS.indexOf(m)}`], r[`d${COUNT_METRICS.indexOf(m)}`])])),
  }));
}

export interface IndexQuery {
  periods: { period_type: string; period: string }[];
  unitIds?: string[];
  /** latest snapshot on or before this date (portal figures change daily) */
  asOfMax?: string;
  indexes?: string[];
  /** every capture of the matching periods, not only the latest per unit and component (the caller
   *  picks: the scoreboard's change since the previous capture) */
  allCaptures?: boolean;
}

export interface IndexRow {
  index: string;
  component: string;
  unit_id: string;
  period_type: string;
  period: string;
  as_of: string | null;
  score: number | null;
  max_score: number | null;
  numerator: number | null;
  denominator: number | null;
  ratio: number | null;
  rank: number | null;
  rank_of: number | null;
  rank_group: string | null;
  source: string | null;
  quality_flag: string | null;
}

const INDEX_PERIODS_PAD = 2;

/** Index figures for the first matching period, latest snapshot per unit and component. */
export async function queryIndex(db: Db, q: IndexQuery): Promise<IndexRow[]> {
  if (q.periods.length === 0) return [];
  const params: Param[] = [];
  // At least INDEX_PERIODS_PAD periods (the rest match nothing): the text is the same for a month, a
  // quarter or a custom range (a period has at most two index periods), so the prepared statement is
  // planned once, not again at each kind of period.
  const periods: { period_type: string | null; period: string | null }[] = [...q.periods];
  while (periods.length < INDEX_PERIODS_PAD) periods.push({ period_type: null, period: null });
  const periodMatch = periods.map((p, i) => {
    params.push(p.period_type, p.period);
    return `WHEN period_type = ? AND period = ? THEN ${i}`;
  });
  // whole-unit figures only: a per-procedure figure (procedure_code set) is the procedure breakdown's
  const where: string[] = [`(CASE ${periodMatch.join(' ')} END) IS NOT NULL`, 'procedure_code IS NULL'];
  const prefParams = [...params];
  // Only a year-to-date figure grows after the window: one taken later covers more days than asked. A
  // month, quarter or year figure taken after its period ended (as every published one is) describes
  // exactly that period and stays.
  if (q.asOfMax) { where.push("(period_type <> 'ytd' OR as_of IS NULL OR as_of <= CAST(? AS DATE))"); params.push(q.asOfMax); }
  if (q.unitIds?.length) { where.push(`unit_id IN (${placeholders(q.unitIds.length)})`); params.push(...q.unitIds); }
  if (q.indexes?.length) { where.push(`"index" IN (${placeholders(q.indexes.length)})`); params.push(...q.indexes); }
  const sql = `SELECT * EXCLUDE (pref, rn) FROM (
      SELECT *, (CASE ${periodMatch.join(' ')} END) AS pref,
        row_number() OVER (PARTITION BY "index", component, unit_id ORDER BY (CASE ${periodMatch.join(' ')} END), as_of DESC NULLS LAST) AS rn
      FROM index_scores WHERE ${where.join(' AND ')}
    ) WHERE ${q.allCaptures ? 'true' : 'rn = 1'} ORDER BY "index", unit_id, component, as_of`;
  return db.query<IndexRow>(sql, [...prefParams, ...prefParams, ...params]);
}

export function indexValue(m: IndexMetric, rows: IndexRow[], unitId: string): { value: number | null; row: IndexRow | null } {
  const row = rows.find((r) => r.index === m.index && r.component === m.component && r.unit_id === unitId) ?? null;
  return { value: row ? (row[m.field] as number | null) : null, row };
}

export { INDEX_METRICS };
