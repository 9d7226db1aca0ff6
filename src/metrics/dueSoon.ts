// Pending dossiers that will become overdue within a few working days (dossier-level data only): the
// list a director hands to the heads of unit on Monday so that next week's report has fewer overdue
// dossiers. Working days are Monday to Friday; public holidays are not known to the app, so a holiday
// inside the window makes the window one day too short, never too long.
import type { Db, Param } from '../db/types';
import { addDays } from './periods';

/** Status codes that end processing (domain.md §4.2): refused, withdrawn, stopped, finished, returned. */
export const TERMINAL_STATUSES = [3, 7, 8, 9, 10] as const;
export const DUE_SOON_WORKING_DAYS = 3;

const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 Sunday … 6 Saturday
const isWorkingDay = (date: string) => weekday(date) >= 1 && weekday(date) <= 5;

/** The n-th working day after `date` (n = 0: `date` itself, even on a weekend). */
export function addWorkingDays(date: string, n: number): string {
  let d = date;
  for (let left = n; left > 0;) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days from `from` to `to` (0 when `to` is `from` or the weekend right after it). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = from; d < to;) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) n++;
  }
  return n;
}

/** The day the list is judged on: the period's last day, or today while the period is still running. */
export function referenceDate(periodEnd: string, today: string): string {
  return today < periodEnd ? today : periodEnd;
}

export interface DueSoonDossier {
  dossier_id: string;
  unit_id: string;
  field: string | null;
  procedure_code: string | null;
  received_at: string;
  due_at: string;
  status: number;
  /** working days between the reference day and the due day (0: due on the reference day) */
  working_days_left: number;
}

export interface DueSoonResult {
  asOf: string;
  /** last day of the window (included) */
  until: string;
  total: number;
  /** the first `limit` dossiers by due time */
  dossiers: DueSoonDossier[];
}

export interface DueSoonQuery {
  /** the reference day, YYYY-MM-DD */
  asOf: string;
  unitIds?: string[];
  workingDays?: number;
  limit?: number;
}

/** True when a dossiers table with at least one row is loaded (the panel shows only then). */
export async function hasDossiers(db: Db): Promise<boolean> {
  try {
    const [r] = await db.query<{ n: number }>('SELECT count(*) AS n FROM (SELECT 1 FROM dossiers LIMIT 1)');
    return (r?.n ?? 0) > 0;
  } catch {
    return false; // no dossiers table in this database
  }
}

/**
 * Dossiers received by the reference day, not finished, in a non-terminal status, and due between the
 * start of the reference day and the end of the n-th working day after it. Already overdue dossiers
 * (due before the reference day) are not listed: they are counted as overdue elsewhere.
 */
export async function queryDueSoon(db: Db, q: DueSoonQuery): Promise<DueSoonResult> {
  const until = addWorkingDays(q.asOf, q.workingDays ?? DUE_SOON_WORKING_DAYS);
  const params: Param[] = [`${q.asOf} 00:00:00`, `${addDays(until, 1)} 00:00:00`, `${addDays(q.asOf, 1)} 00:00:00`];
  const where = [
    'finished_at IS NULL',
    `status NOT IN (${TERMINAL_STATUSES.join(', ')})`,
    'due_at >= CAST(? AS TIMESTAMP)',
    'due_at < CAST(? AS TIMESTAMP)',
    'received_at < CAST(? AS TIMESTAMP)',
  ];
  if (q.unitIds?.length) {
    where.push(`unit_id IN (${q.unitIds.map(() => '?').join(', ')})`);
    params.push(...q.unitIds);
  }
  const cond = where.join(' AND ');
  const limit = Math.max(0, Math.floor(q.limit ?? 200));
  const [count, rows] = await Promise.all([
    db.query<{ n: number }>(`SELECT count(*) AS n FROM dossiers WHERE ${cond}`, params),
    db.query<Omit<DueSoonDossier, 'working_days_left'>>(
      `SELECT dossier_id, unit_id, field, procedure_code, received_at, due_at, status FROM dossiers WHERE ${cond}
       ORDER BY due_at, dossier_id LIMIT ${limit}`, params),
  ]);
  return {
    asOf: q.asOf,
    until,
    total: count[0]?.n ?? 0,
    dossiers: rows.map((r) => ({ ...r, status: Number(r.status), working_days_left: workingDaysBetween(q.asOf, r.due_at.slice(0, 10)) })),
  };
}
