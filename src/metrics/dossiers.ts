// Dossier rows (data contract §2.4) → Biểu 06 counts at DAY grain with the 766 rules (domain.md §1.2,
// group 2), so that the ordinary count queries give the 766 figures for any period, ISO weeks included:
// flows are summed over the days of a period, stocks are read at the edges of each series.
//
// Rules, all judged on calendar days of wall-clock time:
// - a dossier is received on the day of received_at (status 1 "submitted, not yet received" is not);
// - it is resolved on the day of finished_at; the effective end is finished_at − supplement_days
//   (time the citizen spent supplementing is not the unit's); early if that day is before the due
//   day, on time on the due day, overdue after it; more than one supplement request is overdue;
// - a dossier is pending at the end of every day from its receipt up to the day before it finishes;
//   judged at that day's end it is overdue once the day is past due + supplement days, from receipt
//   if it had more than one supplement request, and never while it waits for the citizen's documents
//   (status 5, one request) — the vendors' convention for Biểu 06a "trong hạn";
// - carried_over of a day is the pending stock at the end of the day before.
//
// Every change of stock is an event with a row, and a row exists on every day a series holds pending
// dossiers, so the first and last row of a series inside any window carry the window's edge stocks.
import type { Db } from '../db/types';
import type { UnitInfo } from './evaluate';
import { dropCube } from '../load/cube';

/** Day numbers (days since 1970-01-01) of wall-clock timestamps: integer arithmetic, no time zones. */
const DAY = (col: string) => `CAST(floor(epoch_ms(${col}) / 86400000) AS INTEGER)`;

/** The count columns of the derived tables, in the order of dossier_counts. */
const FLOWS = [
  'received_online', 'received_offline', 'received_postal', 'received_online_full',
  'resolved_early', 'resolved_on_time', 'resolved_overdue',
  'apologies_issued', 'digitized', 'results_electronic', 'ratings_total', 'ratings_dissatisfied',
] as const;

export const BY_CHANNEL_TABLE = 'dossier_counts_by_channel';

export interface DeriveResult {
  /** dossier rows read from the table */
  dossiers: number;
  /** rows left out of the counts because they were never received (status 1), with the reason */
  notReceived: number;
  /** rows of dossier_counts written (unit, field, day) */
  rows: number;
  /** rows of the channel pre-aggregate written (unit, field, channel, day) */
  channelRows: number;
}

/** Dossiers that enter the counts: received (status 1 is "submitted, not yet received"), with a due date. */
const COUNTED = 'received_at IS NOT NULL AND due_at IS NOT NULL AND coalesce(status, 0) <> 1';

/** The channel of receipt as 1 (in person; also null and unknown codes), 2 (online) or 3 (postal). */
const CHANNEL = 'CASE d.channel WHEN 2 THEN 2 WHEN 3 THEN 3 ELSE 1 END';

/**
 * One row per counted dossier of the rowid range [from, to): its series key k = sid·4 + channel (sid
 * numbers the (unit, field) pairs, so the heavy grouping runs on integers, not strings), its days —
 * receipt r, finish f, first overdue day o (null: never while pending, or not by the end day) — the 766
 * verdict of a finished dossier, and its flags.
 */
function dossierDaysSql(from: bigint, to: bigint, endDay: number): string {
  return `SELECT k.sid * 4 + ${CHANNEL} AS k,
      ${DAY('d.received_at')} AS r,
      ${DAY('d.finished_at')} AS f,
      coalesce(d.apology_issued, false) AS apology, coalesce(d.digitized, false) AS digitized,
      coalesce(d.result_electronic, false) AS electronic, d.rating IS NOT NULL AS rated,
      coalesce(d.rating, '') = 'dissatisfied' AS dissatisfied,
      ${CHANNEL} = 2 AND coalesce(d.online_level, '') = 'full' AS online_full,
      CASE
        WHEN d.finished_at IS NULL THEN NULL
        WHEN coalesce(d.supplement_requests, 0) > 1 THEN 3
        WHEN CAST(floor((epoch_ms(d.finished_at) - coalesce(d.supplement_days, 0) * 86400000) / 86400000) AS INTEGER) < ${DAY('d.due_at')} THEN 1
        WHEN CAST(floor((epoch_ms(d.finished_at) - coalesce(d.supplement_days, 0) * 86400000) / 86400000) AS INTEGER) = ${DAY('d.due_at')} THEN 2
        ELSE 3
      END::UTINYINT AS verdict,
      CASE WHEN o <= ${endDay} THEN o END AS o
    FROM (SELECT *,
        CASE
          WHEN coalesce(supplement_requests, 0) > 1 THEN ${DAY('received_at')}
          WHEN finished_at IS NULL AND status = 5 THEN NULL
          ELSE greatest(${DAY('received_at')}, ${DAY('due_at')} + CAST(floor(coalesce(supplement_days, 0)) AS INTEGER) + 1)
        END AS o
      FROM dossiers WHERE rowid >= ${from} AND rowid < ${to} AND ${COUNTED}) d
    JOIN __dossier_keys k ON k.unit_id = d.unit_id AND k.field = coalesce(d.field, '')`;
}

const EVENT_COLS = [...FLOWS, 'd_pending', 'd_overdue'];

/**
 * Events per (series key, day) of the dossiers in `dd`: flows of the day and changes of the pending
 * stocks. Each kind of event (receipt, finish, falling overdue) is grouped on its own with only its own
 * sums, then the three small results are merged: cheaper than grouping a union of every dossier three
 * times over.
 */
function eventsSql(): string {
  const sums = (named: Record<string, string>) => Object.entries(named).map(([c, e]) => `sum((${e})::INTEGER) AS ${c}`).join(', ');
  const receipt = sums({
    received_online: 'k % 4 = 2', received_offline: 'k % 4 <> 2', received_postal: 'k % 4 = 3',
    received_online_full: 'online_full', digitized: 'digitized',
    // an apology for a dossier still pending counts on the day it fell overdue (else on receipt)
    apologies_issued: 'f IS NULL AND apology AND o IS NULL', d_pending: '1',
  });
  const finish = sums({
    resolved_early: 'verdict = 1', resolved_on_time: 'verdict = 2', resolved_overdue: 'verdict = 3',
    apologies_issued: 'apology', results_electronic: 'electronic', ratings_total: 'rated', ratings_dissatisfied: 'dissatisfied',
    d_pending: '-1', d_overdue: 'CASE WHEN o IS NOT NULL AND o < f THEN -1 ELSE 0 END',
  });
  const fall = sums({ apologies_issued: 'f IS NULL AND apology', d_overdue: '1' });
  const merged = EVENT_COLS.map((c) => `coalesce(sum(${c}), 0)::INTEGER AS ${c}`).join(', ');
  return `SELECT k, day, ${merged} FROM (
      SELECT k, r AS day, ${receipt} FROM dd GROUP BY k, r
      UNION ALL BY NAME
      SELECT k, f AS day, ${finish} FROM dd WHERE f IS NOT NULL GROUP BY k, f
      UNION ALL BY NAME
      SELECT k, o AS day, ${fall} FROM dd WHERE o IS NOT NULL AND (f IS NULL OR o < f) GROUP BY k, o
    ) GROUP BY k, day`;
}

/** Dossier rows read per chunk: the generator's Parquet row group (src/sample/writeDossiers.ts), so a
 *  chunk's working set is about one decoded group, whatever the size of the table. */
export const DERIVE_CHUNK_ROWS = 262_144;

export interface DeriveOptions {
  /** rows per chunk (tests use small chunks to cross chunk edges) */
  chunkRows?: number;
  /** called after each chunk with the rowids done and the rowid span; may throw to stop (cancel) */
  onChunk?: (done: number, total: number) => void;
}

const safeInt = (v: unknown, fallback: number) => (Number.isSafeInteger(Number(v)) && v != null ? Number(v) : fallback);

/**
 * Build `dossier_counts` (unit, field, day) and `dossier_counts_by_channel` (unit, field, channel, day)
 * from the `dossiers` table. Replaces dossier_counts: call it only when the package published none.
 *
 * Chunk by chunk (rowid ranges): each chunk's dossiers become per-(series, day) event sums appended to
 * an events table, and the series keys grow with the chunk's new (unit, field) pairs; the events are
 * grouped once more at the end and the stocks come from their running sums. No working table ever holds
 * a row per dossier, so memory follows the number of series × days, not of dossiers.
 */
export async function deriveDossierCounts(db: Db, opts: DeriveOptions = {}): Promise<DeriveResult> {
  await dropCube(db); // it describes the counts being replaced; the load step builds it again
  // Series run from their first event to their last; days without events are filled in so that
  // stocks are visible on every day they are held.
  // The last day the data can judge: a dossier due later has not fallen overdue yet. Known before the
  // first chunk, since a chunk's "falling overdue" events after it are left out.
  // Rowids as text: rows written inside an open transaction (an atomic load of validated dossier rows)
  // have rowids from 2^62 up, past JS numbers' exact range.
  const [b] = await db.query<{ end_day: number | null; lo: string | null; hi: string | null }>(
    `SELECT greatest(max(${DAY('received_at')}) FILTER (WHERE ${COUNTED}),
        coalesce(max(${DAY('finished_at')}) FILTER (WHERE ${COUNTED}), max(${DAY('received_at')}) FILTER (WHERE ${COUNTED}))) AS end_day,
      min(rowid)::VARCHAR AS lo, max(rowid)::VARCHAR AS hi FROM dossiers`);
  // integers we computed, safe in SQL text
  const endDay = safeInt(b?.end_day, 0);
  const lo = /^\d+$/.test(b?.lo ?? '') ? BigInt(b!.lo!) : 0n;
  const end = /^\d+$/.test(b?.hi ?? '') ? BigInt(b!.hi!) + 1n : 0n; // one past the last rowid
  const span = Number(end - lo);
  const chunk = BigInt(Math.max(1, Math.floor(opts.chunkRows ?? DERIVE_CHUNK_ROWS)));
  const eventCols = EVENT_COLS.map((c) => `${c} INTEGER`).join(', ');
  // Working tables in the main database, not TEMP: the browser's main database is compressed.
  await db.exec(`CREATE OR REPLACE TEMP TABLE __dossier_keys (sid INTEGER, unit_id VARCHAR, field VARCHAR);
    CREATE OR REPLACE TABLE __dossier_chunks (k INTEGER, day INTEGER, ${eventCols})`);
  try {
    for (let from = lo; from < end; from += chunk) {
      const to = from + chunk < end ? from + chunk : end;
      // the chunk's new series get the next numbers; then its events, in one round trip
      await db.exec(`INSERT INTO __dossier_keys
          SELECT (SELECT coalesce(max(sid), 0) FROM __dossier_keys) + row_number() OVER (ORDER BY unit_id, field), unit_id, field
          FROM (SELECT DISTINCT unit_id, coalesce(field, '') AS field FROM dossiers WHERE rowid >= ${from} AND rowid < ${to} AND ${COUNTED}) n
          WHERE NOT EXISTS (SELECT 1 FROM __dossier_keys k WHERE k.unit_id = n.unit_id AND k.field = n.field);
        INSERT INTO __dossier_chunks WITH dd AS MATERIALIZED (${dossierDaysSql(from, to, endDay)}) ${eventsSql()}`);
      opts.onChunk?.(Number(to - lo), span);
    }
    // one (series, day) row of events from the chunks' partial sums
    await db.exec(`CREATE OR REPLACE TABLE __dossier_events AS
      SELECT k, day, ${EVENT_COLS.map((c) => `sum(${c})::INTEGER AS ${c}`).join(', ')} FROM __dossier_chunks GROUP BY k, day;
      DROP TABLE __dossier_chunks`);
    await writeCounts(db, endDay);
  } finally {
    await db.exec('DROP TABLE IF EXISTS __dossier_chunks; DROP TABLE IF EXISTS __dossier_events; DROP TABLE IF EXISTS __dossier_stocks; DROP TABLE IF EXISTS __dossier_keys');
  }
  const [n] = await db.query<{ dossiers: number; not_received: number; rows: number; channel_rows: number }>(
    `SELECT (SELECT count(*) FROM dossiers) AS dossiers,
      (SELECT count(*) FROM dossiers WHERE NOT (${COUNTED})) AS not_received,
      (SELECT count(*) FROM dossier_counts) AS "rows",
      (SELECT count(*) FROM ${BY_CHANNEL_TABLE}) AS channel_rows`);
  return { dossiers: n.dossiers, notReceived: n.not_received, rows: n.rows, channelRows: n.channel_rows };
}

/** The day rows of every series from __dossier_events: flows as they are, stocks from running sums. */
async function writeCounts(db: Db, endDay: number): Promise<void> {
  // Stocks are the running sums of their changes. Each event row stands for its day and, while the
  // series holds pending dossiers, for the days without events up to its next event (to the end of the
  // data after its last one): those days have no flows and the stocks of the event's day end.
  await db.exec(`CREATE OR REPLACE TABLE __dossier_stocks AS
    WITH ev AS (
      SELECT *, sum(d_pending) OVER w AS pending, sum(d_overdue) OVER w AS overdue, lead(day) OVER w AS next_day
      FROM __dossier_events
      WINDOW w AS (PARTITION BY k ORDER BY day ROWS UNBOUNDED PRECEDING)
    )
    SELECT k, day, ${FLOWS.join(', ')},
      (pending - d_pending)::INTEGER AS carried_over,
      (pending - overdue)::INTEGER AS pending_within,
      overdue::INTEGER AS pending_overdue
    FROM ev
    UNION ALL
    SELECT k, unnest(range(day + 1, coalesce(next_day, ${endDay} + 1)))::INTEGER AS day, ${FLOWS.map((c) => `0 AS ${c}`).join(', ')},
      pending::INTEGER AS carried_over, (pending - overdue)::INTEGER AS pending_within, overdue::INTEGER AS pending_overdue
    FROM ev
    -- a series still holding dossiers at its last event holds them to the end of the data
    WHERE pending <> 0 AND (next_day IS NOT NULL OR pending > 0)`);
  const COUNT_COLS = ['received_online', 'received_offline', 'received_postal', 'received_online_full', 'carried_over',
    'resolved_early', 'resolved_on_time', 'resolved_overdue', 'pending_within', 'pending_overdue',
    'apologies_issued', 'digitized', 'results_electronic', 'ratings_total', 'ratings_dissatisfied'];
  await db.exec(`CREATE OR REPLACE TABLE ${BY_CHANNEL_TABLE} AS
    SELECT DATE '1970-01-01' + s.day AS period_start, DATE '1970-01-01' + s.day AS period_end, k.unit_id, k.field,
      (s.k % 4)::INTEGER AS channel, ${COUNT_COLS.map((c) => `s.${c}`).join(', ')}, NULL::INTEGER AS complaints
    FROM __dossier_stocks s JOIN __dossier_keys k ON k.sid = s.k // 4`);
  await db.exec(`CREATE OR REPLACE TABLE dossier_counts AS
    WITH t AS (
      SELECT s.k // 4 AS sid, s.day, ${COUNT_COLS.map((c) => `sum(s.${c})::INTEGER AS ${c}`).join(', ')}
      FROM __dossier_stocks s GROUP BY sid, s.day
    )
    SELECT DATE '1970-01-01' + t.day AS period_start, DATE '1970-01-01' + t.day AS period_end, k.unit_id, k.field,
      ${COUNT_COLS.map((c) => `t.${c}`).join(', ')}, NULL::INTEGER AS complaints
    FROM t JOIN __dossier_keys k ON k.sid = t.sid`);
}

/** Whether the channel pre-aggregate exists (a dossier-level dataset is loaded). */
export async function hasChannelCounts(db: Db): Promise<boolean> {
  const [r] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE table_name = '${BY_CHANNEL_TABLE}'`);
  return (r?.n ?? 0) > 0;
}

/** What the stores and the snapshot need to know about a loaded dataset. */
export interface DataFacts {
  units: UnitInfo[];
  span: { from: string; to: string } | null;
  /** daily or weekly rows (or dossier rows) exist: ISO weeks make sense */
  hasDays: boolean;
  /** the per-channel pre-aggregate exists: a channel filter makes sense */
  hasChannels: boolean;
}
