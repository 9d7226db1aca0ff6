// The cumulative cube: after a load, per series (unit, field, channel) and per slot of the series' own
// grain (day for dossier-derived counts; week, month, quarter, half or year for published ones), the
// running totals of every flow column and the stocks at the series' edges, so that a window's flows are
// `total at its last slot − total before its first slot` and its stocks are point lookups. Its size is
// series × slots, never dossiers. The query builders over it live in src/metrics/queries.ts.
//
// Semantics kept exactly (docs/architecture.md "Period aggregation"): a row counts in a window when its
// whole range lies inside it; stocks are taken at the edges of each series (carried_over on its first
// row in the window, pending_* on its last); a metric is null when any counted row lacks a required
// column (running null counts per flow column; the edge rows' own values for stocks).
//
// A series is cube-able when every row of it is one calendar slot of a single grain and no two rows
// share a start (then rows never overlap, and the rows inside a window are a run of slots). Slots
// without a row are filled in (flows 0, not counted as rows) and carry the edge stocks of the nearest
// real row on the side a window would take them from. When any series is not cube-able (mixed grains,
// duplicate rows, ranges that are not calendar slots) no cube is built and the builders use the
// reference SQL over dossier_counts: the same figures, slower.
//
// Tables: count_cube_series (sid, unit_id, field, channel, grain, first_start, last_start, last_end) and
// count_cube (sid, period_start, period_end, running totals…). channel 0 is dossier_counts (all channels),
// 1–3 dossier_counts_by_channel. The same SQL runs on duckdb-wasm and on native DuckDB.
import type { Db } from '../db/types';

/** Flow columns (summed over a window), in the order of queries.ts. */
export const CUBE_FLOWS = [
  'received_online', 'received_offline', 'received_postal', 'received_online_full',
  'resolved_early', 'resolved_on_time', 'resolved_overdue',
  'apologies_issued', 'digitized', 'results_electronic', 'ratings_total', 'ratings_dissatisfied', 'complaints',
] as const;

export const CUBE_TABLE = 'count_cube';
export const CUBE_SERIES_TABLE = 'count_cube_series';

export interface CubeInfo {
  /** rows of count_cube (series × slots); 0 when no cube was built */
  rows: number;
  series: number;
  /** rows of the source tables read */
  sourceRows: number;
  /** false: some series is not cube-able, the builders use the reference SQL */
  built: boolean;
  ms: number;
}

/**
 * Grain codes of count_cube_series.grain: 1 day, 7 ISO week; −k a calendar slot of k months
 * (−1 month, −3 quarter, −6 half, −12 year). null: not a calendar slot.
 */
const GRAIN_SQL = `CASE
    WHEN period_start = period_end THEN 1
    WHEN isodow(period_start) = 1 AND period_end = period_start + 6 THEN 7
    WHEN day(period_start) = 1 AND period_end = last_day(period_start) THEN -1
    WHEN day(period_start) = 1 AND month(period_start) % 3 = 1 AND period_end = last_day(period_start + INTERVAL 2 MONTH) THEN -3
    WHEN day(period_start) = 1 AND month(period_start) % 6 = 1 AND period_end = last_day(period_start + INTERVAL 5 MONTH) THEN -6
    WHEN day(period_start) = 1 AND month(period_start) = 1 AND period_end = last_day(period_start + INTERVAL 11 MONTH) THEN -12
  END`;

/** Grain codes a cube series may have (count_cube_series.grain). */
export const GRAINS = [1, 7, -1, -3, -6, -12] as const;

/** Month index (year·12 + month − 1) of a date expression. */
const MI = (d: string) => `(year(${d}) * 12 + month(${d}) - 1)`;
/** The first day of month index `i`. */
const MONTH_DATE = (i: string) => `make_date(CAST((${i}) // 12 AS INTEGER), CAST((${i}) % 12 + 1 AS INTEGER), 1)`;

const pad = (n: number) => String(n).padStart(2, '0');
const dayNum = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;
const isoOf = (day: number) => { const d = new Date(day * 86_400_000); return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`; };
const monthIndex = (iso: string) => Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
const monthStart = (i: number) => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}-01`;

/** The first slot start of grain `g` on or after the date (ISO yyyy-mm-dd). */
export function slotStartOnOrAfter(date: string, g: number): string {
  if (g === 1) return date;
  if (g === 7) { const d = dayNum(date); const dow = ((new Date(d * 86_400_000).getUTCDay() + 6) % 7) + 1; return isoOf(d + ((8 - dow) % 7)); }
  const k = -g;
  const mi = monthIndex(date);
  return date.endsWith('-01') && mi % k === 0 ? date : monthStart((Math.floor(mi / k) + 1) * k);
}

/** The start of the last slot of grain `g` that ends on or before the date: the slot before the one
 *  holding the next day. */
export function lastSlotStartOnOrBefore(date: string, g: number): string {
  if (g === 1) return date;
  const next = dayNum(date) + 1;
  if (g === 7) { const dow = (new Date(next * 86_400_000).getUTCDay() + 6) % 7; return isoOf(next - dow - 7); }
  const k = -g;
  return monthStart((Math.floor(monthIndex(isoOf(next)) / k) - 1) * k);
}

/** SQL: the last day of the slot starting on `s`. */
function slotEnd(s: string, g: string): string {
  return `(CASE WHEN ${g} = 1 THEN ${s} WHEN ${g} = 7 THEN ${s} + 6 ELSE ${MONTH_DATE(`${MI(s)} - ${g}`)} - 1 END)`;
}

async function tableExists(db: Db, name: string): Promise<boolean> {
  const [r] = await db.query<{ n: number }>(
    'SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = ? AND database_name = current_database()', [name]);
  return (r?.n ?? 0) > 0;
}

/** Drop the cube (every writer of dossier_counts calls this first, so a stale cube is never read). */
export async function dropCube(db: Db): Promise<void> {
  await db.exec(`DROP TABLE IF EXISTS ${CUBE_SERIES_TABLE}; DROP TABLE IF EXISTS ${CUBE_TABLE}; DROP TABLE IF EXISTS __cube_src`);
}

/** Whether a cube matching the loaded counts exists (else the builders use the reference SQL). */
export async function cubeReady(db: Db): Promise<boolean> {
  return tableExists(db, CUBE_SERIES_TABLE);
}

export async function buildCube(db: Db): Promise<CubeInfo> {
  const t0 = performance.now();
  await dropCube(db);
  const cols = `${CUBE_FLOWS.map((c) => `"${c}"`).join(', ')}, carried_over, pending_within, pending_overdue`;
  const parts = [`SELECT 0 AS channel, unit_id, coalesce(field, '') AS field, period_start, period_end, ${cols} FROM dossier_counts`];
  if (await tableExists(db, 'dossier_counts_by_channel')) {
    parts.push(`SELECT channel, unit_id, coalesce(field, '') AS field, period_start, period_end, ${cols} FROM dossier_counts_by_channel`);
  }
  // A working table in the main database (compressed in the browser), dropped at the end. Series are
  // numbered by (channel, unit, field) through a join with their distinct list (a small hash join, not a
  // sort of every row).
  await db.exec(`CREATE TABLE __cube_src AS
    WITH src AS (${parts.join(' UNION ALL ')}),
    ser AS (SELECT (row_number() OVER (ORDER BY channel, unit_id, field))::INTEGER AS sid, channel, unit_id, field
      FROM (SELECT DISTINCT channel, unit_id, field FROM src))
    SELECT ser.sid, src.*, (${GRAIN_SQL})::INTEGER AS grain FROM src JOIN ser USING (channel, unit_id, field)`);
  const [check] = await db.query<{ n: number; series: number; bad: number }>(
    `SELECT (SELECT count(*) FROM __cube_src) AS n, (SELECT count(DISTINCT sid) FROM __cube_src) AS series,
      (SELECT count(*) FROM (SELECT sid FROM __cube_src GROUP BY sid
        HAVING count(grain) < count(*) OR count(DISTINCT grain) > 1 OR count(DISTINCT period_start) < count(*))) AS bad`);
  if (check.bad > 0) {
    await db.exec('DROP TABLE __cube_src');
    return { rows: 0, series: check.series, sourceRows: check.n, built: false, ms: performance.now() - t0 };
  }
  // Running sums once each, over the real rows only. A column without any null (most derived ones) or
  // without any value (complaints of dossier rows) needs one running sum, not two: its null count is 0,
  // or the row count.
  const [nulls] = await db.query<Record<string, number>>(
    `SELECT ${CUBE_FLOWS.map((c, i) => `count(*) - count("${c}") AS n${i}, count("${c}") AS v${i}`).join(', ')} FROM __cube_src`);
  const run: string[] = [];
  const slot: string[] = [];
  for (const [i, c] of CUBE_FLOWS.entries()) {
    const none = Number(nulls?.[`n${i}`] ?? 1) === 0;
    const all = Number(nulls?.[`v${i}`] ?? 1) === 0;
    if (!all) run.push(`sum(coalesce("${c}", 0)) OVER w AS "${c}__c"`);
    if (!none && !all) run.push(`sum(("${c}" IS NULL)::INTEGER) OVER w AS "${c}__nc"`);
    // on a real slot the totals before it leave out its own row; on the empty slots after it, nothing
    const value = all ? '0' : `"${c}__c"`;
    const own = all ? '0' : `CASE WHEN real THEN coalesce("${c}", 0) ELSE 0 END`;
    const nullCount = none ? '0' : all ? 'rows_c' : `"${c}__nc"`;
    const ownNull = none ? '0' : all ? 'real::INTEGER' : `(real AND "${c}" IS NULL)::INTEGER`;
    slot.push(`CAST(${value} AS BIGINT) AS "${c}"`, `CAST(${value} - ${own} AS BIGINT) AS "${c}__p"`,
      `CAST(${nullCount} AS INTEGER) AS "${c}__n"`, `CAST(${nullCount} - ${ownNull} AS INTEGER) AS "${c}__np"`);
  }
  await db.exec(`CREATE TABLE ${CUBE_SERIES_TABLE} AS
    SELECT sid, any_value(unit_id) AS unit_id, any_value(field) AS field, any_value(channel)::UTINYINT AS channel,
      any_value(grain)::INTEGER AS grain, min(period_start) AS first_start, max(period_start) AS last_start, max(period_end) AS last_end
    FROM __cube_src GROUP BY sid ORDER BY sid`);
  // Every slot of each series from its first row to its last: each real row (one pass of running sums in
  // slot order, no join) stands for itself and the empty slots up to the next real row. A slot's edge
  // stocks come from the nearest real row: the next one for carried_over (a window starting here takes its
  // first row from there), this one for pending_* (a window ending on an empty slot takes its last row from
  // the real row before it). The rows of a cube-able series are slots of one grain with distinct starts,
  // so their ends grow with their starts: the last end so far is this row's end.
  const step = 'CASE WHEN grain = 1 THEN INTERVAL 1 DAY WHEN grain = 7 THEN INTERVAL 7 DAY ELSE to_months(-grain) END';
  await db.exec(`CREATE TABLE ${CUBE_TABLE} AS
    WITH run AS (
      SELECT sid, grain, period_start, period_end, carried_over, pending_within, pending_overdue,
        ${CUBE_FLOWS.map((c) => `"${c}"`).join(', ')}, ${[...run, ''].join(', ')}
        row_number() OVER w AS rows_c,
        lead(period_start) OVER w AS next_start, lead(carried_over) OVER w AS next_carried
      FROM __cube_src
      WINDOW w AS (PARTITION BY sid ORDER BY period_start ROWS UNBOUNDED PRECEDING)
    ),
    slots AS (
      SELECT *, s = period_start AS real FROM (
        SELECT *, CAST(unnest(range(CAST(period_start AS TIMESTAMP), CAST(coalesce(next_start, period_start + 1) AS TIMESTAMP), ${step})) AS DATE) AS s
        FROM run)
    )
    SELECT sid, s AS period_start, ${slotEnd('s', 'grain')} AS period_end, ${slot.join(', ')},
      CAST(rows_c AS INTEGER) AS rows_c, CAST(rows_c - real::INTEGER AS INTEGER) AS rows_p,
      CASE WHEN real THEN period_start ELSE next_start END AS first_start, period_end AS last_end,
      CASE WHEN real THEN carried_over ELSE next_carried END AS first_carried,
      pending_within AS last_within, pending_overdue AS last_overdue
    FROM slots
    ORDER BY sid, period_start`);
  await db.exec('DROP TABLE __cube_src');
  const [n] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${CUBE_TABLE}`);
  const info = { rows: n.n, series: check.series, sourceRows: check.n, built: true, ms: performance.now() - t0 };
  // the benchmark reads the cube's size and build time from this mark
  if (typeof performance.mark === 'function') performance.mark('chiso:cube-built', { detail: info });
  return info;
}
