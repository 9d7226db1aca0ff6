// The director's scoreboard as plain data: one row per unit with, for each column, the figure against its
// target, the change against the previous period and the same period a year before, the 12-period trend
// and the gap to target in dossiers; plus the header counts (units behind each target, overdue dossiers,
// apology slips). Pure: the store feeds it query results, the views, the written summary, the meeting
// mode, the print pack and the CSV export all read the same model.
import type { Evaluation, MetricValue, UnitInfo } from './evaluate';
import type { CountRow } from './queries';
import { metric } from './registry';
import type { SeriesResult } from './series';
import { metricGap, type Gap } from './gap';

/** Columns in the order of the issue: timeliness, overdue, apology, channel, satisfaction, digitisation, 766. */
export const SCOREBOARD_METRICS = [
  'on_time_rate', 'early_rate', 'overdue_count', 'apology_rate', 'online_share', 'online_full_share',
  'citizen_satisfaction', 'digitized_rate', 'index_766_total',
] as const;
/** Always shown, even without figures (they define the view); the others only where the data has them. */
const CORE = new Set<string>(['on_time_rate', 'overdue_count']);

export interface ScoreCell {
  figure: MetricValue;
  previous: number | null;
  yearAgo: number | null;
  /** value − previous value (percentage points for rates) */
  deltaPrevious: number | null;
  deltaYear: number | null;
  /** one value per period of the series, oldest first; the last is this period */
  spark: (number | null)[];
  gap: Gap | null;
}

export interface OverdueField {
  field: string;
  overdue: number;
  resolved_overdue: number;
  pending_overdue: number;
  apologies: number | null;
}

export interface ScoreRow {
  unit: UnitInfo;
  cells: Record<string, ScoreCell>;
  /** metric ids of the columns whose target is missed, in column order */
  missed: string[];
  overdue: { total: number | null; resolved: number | null; pending: number | null; apologies: number | null; missingApologies: number | null };
  /** fields with overdue dossiers, most first */
  overdueFields: OverdueField[];
}

export interface ScoreboardModel {
  columns: string[];
  rows: ScoreRow[];
  /** metric id → units behind its target (columns with a target only) */
  behind: Record<string, number>;
  behindAny: number;
  totals: { overdue: number; resolved: number; pending: number; apologies: number | null; missingApologies: number | null; unitsWithOverdue: number };
  /** overall figures of the level (sums over the units, ratios recomputed) with their previous values */
  overall: Record<string, { figure: MetricValue; previous: number | null }>;
}

export interface ScoreboardInput {
  current: Evaluation;
  /** the periods of the sparkline, the current one last (the one before it is the previous period) */
  series: SeriesResult;
  /** a one-period series: the same period a year before */
  yearAgo: SeriesResult;
  /** overdue and apology counts grouped by unit and field for the current period */
  fields: CountRow[];
  /** overall (all units) figures of the previous period, for the header and the summary */
  previousTotal?: Record<string, { value: number | null }>;
}

const diff = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a - b);

function overdueFields(rows: CountRow[], unitId: string): OverdueField[] {
  return rows
    .filter((r) => r.unit_id === unitId)
    .map((r) => ({
      field: r.field ?? '',
      resolved_overdue: r.sums.resolved_overdue ?? 0,
      pending_overdue: r.sums.pending_overdue ?? 0,
      overdue: (r.sums.resolved_overdue ?? 0) + (r.sums.pending_overdue ?? 0),
      apologies: r.sums.apologies_issued,
    }))
    .filter((f) => f.overdue > 0)
    .sort((a, b) => b.overdue - a.overdue || a.field.localeCompare(b.field, 'vi'));
}

export function buildScoreboard(input: ScoreboardInput): ScoreboardModel {
  const { current, series, yearAgo } = input;
  const last = series.periods.length - 1;
  const rows: ScoreRow[] = current.units.map((u) => {
    const cells: Record<string, ScoreCell> = {};
    for (const id of SCOREBOARD_METRICS) {
      const figure = u.metrics[id] ?? { value: null, numerator: null, denominator: null, target: null, comparator: null, status: null };
      const line = series.units[u.unit_id]?.[id];
      const previous = last >= 1 ? line?.[last - 1]?.value ?? null : null;
      const before = yearAgo.units[u.unit_id]?.[id]?.[0]?.value ?? null;
      cells[id] = {
        figure,
        previous,
        yearAgo: before,
        deltaPrevious: diff(figure.value, previous),
        deltaYear: diff(figure.value, before),
        // the last point is the figure itself, so the line always ends where the cell says
        spark: series.periods.map((_, i) => (i === last ? figure.value : line?.[i]?.value ?? null)),
        gap: metricGap(metric(id).unit, figure),
      };
    }
    const resolved = u.sums.resolved_overdue ?? null;
    const pending = u.sums.pending_overdue ?? null;
    const total = resolved == null || pending == null ? null : resolved + pending;
    const apologies = u.sums.apologies_issued ?? null;
    return {
      unit: { unit_id: u.unit_id, name: u.name, short_name: u.short_name, level: u.level, parent_id: u.parent_id, code: u.code, valid_from: u.valid_from, valid_to: u.valid_to },
      cells,
      missed: SCOREBOARD_METRICS.filter((id) => cells[id].figure.status === 'missed'),
      overdue: { total, resolved, pending, apologies, missingApologies: total == null || apologies == null ? null : Math.max(0, total - apologies) },
      overdueFields: overdueFields(input.fields, u.unit_id),
    };
  });

  const columns = SCOREBOARD_METRICS.filter((id) => CORE.has(id) || rows.some((r) => r.cells[id].figure.value != null));
  const behind: Record<string, number> = {};
  for (const id of columns) {
    if (rows.some((r) => r.cells[id].figure.target != null)) behind[id] = rows.filter((r) => r.cells[id].figure.status === 'missed').length;
  }
  const sum = (pick: (r: ScoreRow) => number | null) => rows.reduce((s, r) => s + (pick(r) ?? 0), 0);
  const apologiesKnown = rows.some((r) => r.overdue.apologies != null);
  const overall: ScoreboardModel['overall'] = {};
  for (const [id, figure] of Object.entries(current.total.metrics)) {
    overall[id] = { figure, previous: input.previousTotal?.[id]?.value ?? null };
  }
  return {
    columns,
    rows: sortRows(rows, 'status', 'desc'),
    behind,
    behindAny: rows.filter((r) => r.missed.length > 0).length,
    totals: {
      overdue: sum((r) => r.overdue.total),
      resolved: sum((r) => r.overdue.resolved),
      pending: sum((r) => r.overdue.pending),
      apologies: apologiesKnown ? sum((r) => r.overdue.apologies) : null,
      missingApologies: apologiesKnown ? sum((r) => r.overdue.missingApologies) : null,
      unitsWithOverdue: rows.filter((r) => (r.overdue.total ?? 0) > 0).length,
    },
    overall,
  };
}

/** 'status': behind target first (most targets missed first, then most overdue dossiers); or a column. */
export type SortKey = 'status' | 'name' | (typeof SCOREBOARD_METRICS)[number];
export type SortDir = 'asc' | 'desc';

export function isSortKey(k: unknown): k is SortKey {
  return k === 'status' || k === 'name' || (SCOREBOARD_METRICS as readonly unknown[]).includes(k);
}

const byName = (a: ScoreRow, b: ScoreRow) => a.unit.name.localeCompare(b.unit.name, 'vi') || a.unit.unit_id.localeCompare(b.unit.unit_id);

/** A sorted copy. Units without a figure always go last, whichever the direction; ties by name. */
export function sortRows(rows: ScoreRow[], key: SortKey, dir: SortDir): ScoreRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const cmp = (a: ScoreRow, b: ScoreRow): number => {
    if (key === 'name') return sign * byName(a, b);
    if (key === 'status') {
      return sign * (a.missed.length - b.missed.length || (a.overdue.total ?? 0) - (b.overdue.total ?? 0)) || byName(a, b);
    }
    const va = a.cells[key].figure.value;
    const vb = b.cells[key].figure.value;
    if (va == null || vb == null) return va == null && vb == null ? byName(a, b) : va == null ? 1 : -1;
    return sign * (va - vb) || byName(a, b);
  };
  return [...rows].sort(cmp);
}

/** Rows behind at least one target, in the given order (meeting mode steps through these; the print pack gives each a page). */
export function behindRows(rows: ScoreRow[]): ScoreRow[] {
  return rows.filter((r) => r.missed.length > 0);
}
