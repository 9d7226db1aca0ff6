// The scoreboard page as plain data (pure, no Vue): query results → the headline figures, the status
// matrix (one line per unit, one column per metric), the three department-against-target charts, the
// 766 day-over-day change and the freshness notes. The unit rows themselves (figures, deltas, sparklines,
// gaps, overdue by field) come from metrics/scoreboard.ts's buildScoreboard, which the written summary,
// meeting mode, the print pack and the exports also read: one model, many readers.
import type { MetricValue, UnitInfo } from '../../metrics/evaluate';
import type { IndexRow } from '../../metrics/queries';
import { buildScoreboard, sortRows, type ScoreboardInput, type ScoreboardModel, type ScoreRow, type SortDir, type SortKey } from '../../metrics/scoreboard';

export { SCOREBOARD_METRICS, isSortKey, sortRows, behindRows } from '../../metrics/scoreboard';
export type { ScoreboardInput, ScoreboardModel, ScoreRow, SortDir, SortKey } from '../../metrics/scoreboard';

/** The headline strip, in the order. */
export const HEADLINE_METRICS = ['on_time_rate', 'overdue_count', 'online_share', 'citizen_satisfaction', 'index_766_total'] as const;
/** The three department-against-target charts. */
export const CHART_METRICS = ['overdue_rate', 'online_share', 'citizen_satisfaction'] as const;

export interface Headline {
  id: string;
  figure: MetricValue;
  /** the same figure one step earlier: the previous period, or for 766 the previous daily capture */
  previous: number | null;
  delta: number | null;
  /** what `previous` is: the previous period or an earlier capture (its as-of date) */
  against: { kind: 'period' } | { kind: 'capture'; asOf: string };
  /** the figure is the province unit's own (index scores) rather than the level's sum */
  fromUnit?: string;
}

export interface ChartPoint {
  unitId: string;
  name: string;
  short: string;
  value: number | null;
  target: number | null;
  comparator: '>=' | '<=' | null;
  status: 'met' | 'missed' | null;
}

export interface TargetChart {
  id: string;
  points: ChartPoint[];
}

/** A unit's 766 total in the latest capture of the period against the capture before it. */
export interface CaptureChange {
  unitId: string;
  name: string;
  score: number | null;
  previousScore: number | null;
  scoreDelta: number | null;
  rank: number | null;
  previousRank: number | null;
  /** positive = moved up (a smaller rank number) */
  rankChange: number | null;
}

export interface Captures {
  latest: string;
  previous: string;
  units: CaptureChange[];
}

/** What the headline query brings beside the scoreboard: the province unit's figures and 766 captures. */
export interface HeadlineInput {
  /** the unit of the level above (the province), with its figures for the period, when there is one */
  province: { unit: UnitInfo; metrics: Record<string, MetricValue> } | null;
  /** 766 TOTAL rows of the period: the latest capture and the one before it (empty when only one) */
  latest766: IndexRow[];
  previous766: IndexRow[];
}

export interface ScoreboardPageModel {
  board: ScoreboardModel;
  rows: ScoreRow[];
  headline: Headline[];
  charts: TargetChart[];
  captures: Captures | null;
  /** as-of dates of the index figures shown, when they differ from one another */
  asOfDates: string[];
}

const EMPTY: MetricValue = { value: null, numerator: null, denominator: null, target: null, comparator: null, status: null };

/**
 * Overdue rate and on-time rate add up to 100 % of the dossiers handled (same denominator), so the
 * overdue-rate target is 100 − the on-time target, judged the other way: a unit behind on one is behind
 * on the other. The registry has no overdue-rate target of its own.
 */
export function overdueRateFigure(cells: Record<string, MetricValue>): MetricValue {
  const f = cells.overdue_rate ?? EMPTY;
  const on = cells.on_time_rate;
  if (f.target != null || on?.target == null) return f;
  return { ...f, target: 100 - on.target, comparator: '<=', status: f.value == null ? null : on.status };
}

function chartPoint(u: UnitInfo, f: MetricValue): ChartPoint {
  return { unitId: u.unit_id, name: u.name, short: u.short_name || u.name, value: f.value, target: f.target, comparator: f.comparator, status: f.status };
}

/** One department-against-target chart from units' figures (in the order given). */
export function targetChart(id: string, units: { unit: UnitInfo; metrics: Record<string, MetricValue> }[]): TargetChart {
  return { id, points: units.map((u) => chartPoint(u.unit, id === 'overdue_rate' ? overdueRateFigure(u.metrics) : (u.metrics[id] ?? EMPTY))) };
}

/** The three charts straight from an evaluation (the build-time snapshot has no series): units behind on the metric first. */
export function targetChartsFromEvaluation(units: (UnitInfo & { metrics: Record<string, MetricValue> })[]): TargetChart[] {
  const list = units.map((u) => ({ unit: u as UnitInfo, metrics: u.metrics }));
  return CHART_METRICS.map((id) => targetChart(id, list)).filter((c) => c.points.some((p) => p.value != null));
}

/** The 766 day-over-day change per unit: score and rank in the latest capture against the one before. */
export function captureChanges(latest: IndexRow[], previous: IndexRow[], names: Map<string, string>): Captures | null {
  const total = (rows: IndexRow[]) => rows.filter((r) => r.index === '766' && r.component === 'TOTAL');
  const now = total(latest);
  const before = new Map(total(previous).map((r) => [r.unit_id, r]));
  const latestAsOf = now.map((r) => r.as_of).filter(Boolean).sort().pop();
  const prevAsOf = [...before.values()].map((r) => r.as_of).filter(Boolean).sort().pop();
  if (!latestAsOf || !prevAsOf || prevAsOf >= latestAsOf) return null;
  const units = now.filter((r) => r.as_of === latestAsOf).map((r): CaptureChange => {
    const p = before.get(r.unit_id);
    const score = r.score ?? null;
    const previousScore = p?.score ?? null;
    const rank = r.rank ?? null;
    const previousRank = p?.rank ?? null;
    return {
      unitId: r.unit_id, name: names.get(r.unit_id) ?? r.unit_id, score, previousScore,
      scoreDelta: score == null || previousScore == null ? null : score - previousScore,
      rank, previousRank, rankChange: rank == null || previousRank == null ? null : previousRank - rank,
    };
  }).sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name, 'vi'));
  return units.length ? { latest: latestAsOf, previous: prevAsOf, units } : null;
}

/** The board's part of the page: the matrix rows and the charts, from the scoreboard's answer alone. */
export interface BoardPart { board: ScoreboardModel; rows: ScoreRow[]; charts: TargetChart[] }

export function buildBoardPart(input: ScoreboardInput, sort: { key: SortKey; dir: SortDir } = { key: 'status', dir: 'desc' }): BoardPart {
  const board = buildScoreboard(input);
  const rows = sortRows(board.rows, sort.key, sort.dir);
  // every chart lists the units in the matrix's order, so a row reads across the page
  const byId = new Map(input.current.units.map((u) => [u.unit_id, u.metrics]));
  const ordered = rows.map((r) => ({ unit: r.unit, metrics: byId.get(r.unit.unit_id) ?? {} }));
  const charts = CHART_METRICS.map((id) => targetChart(id, ordered)).filter((c) => c.points.some((p) => p.value != null));
  return { board, rows, charts };
}

/** The page from the board's part and the headline's answer: the part's objects are kept as they are, so
 *  a headline that answers after the board leaves the matrix and the charts alone (the same props). */
export function withHeadline(part: BoardPart, input: ScoreboardInput, extra: HeadlineInput | null): ScoreboardPageModel {
  const { board, rows, charts } = part;
  const names = new Map(input.current.units.map((u) => [u.unit_id, u.name]));
  const captures = extra ? captureChanges(extra.latest766, extra.previous766, names) : null;

  const headline: Headline[] = HEADLINE_METRICS.map((id) => {
    const o = board.overall[id];
    let figure = o?.figure ?? EMPTY;
    let previous = o?.previous ?? null;
    let against: Headline['against'] = { kind: 'period' };
    let fromUnit: string | undefined;
    // index scores are the unit's own, never summed: the level above's unit carries the headline
    if (figure.value == null && extra?.province?.metrics[id]?.value != null) {
      figure = extra.province.metrics[id];
      fromUnit = extra.province.unit.unit_id;
      previous = null;
      if (id === 'index_766_total') {
        const c = captureChanges(extra.latest766, extra.previous766, new Map([[fromUnit, extra.province.unit.name]]));
        const mine = c?.units.find((u) => u.unitId === fromUnit);
        if (c && mine) { previous = mine.previousScore; against = { kind: 'capture', asOf: c.previous }; }
      }
    }
    return { id, figure, previous, delta: figure.value == null || previous == null ? null : figure.value - previous, against, fromUnit };
  });

  const asOf = new Set<string>();
  for (const r of rows) for (const c of Object.values(r.cells)) if (c.figure.as_of) asOf.add(c.figure.as_of);
  for (const h of headline) if (h.figure.as_of) asOf.add(h.figure.as_of);

  return { board, rows, headline, charts, captures, asOfDates: [...asOf].sort() };
}

export function buildScoreboardPage(input: ScoreboardInput, extra: HeadlineInput | null, sort: { key: SortKey; dir: SortDir } = { key: 'status', dir: 'desc' }): ScoreboardPageModel {
  return withHeadline(buildBoardPart(input, sort), input, extra);
}
