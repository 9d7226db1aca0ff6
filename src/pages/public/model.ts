// What the public page shows (pure): the figures it leads with, the units that have any of them, the
// last day with data in the period, and the trend's two lines with the counts behind them.
import type { Evaluation, MetricValue, UnitResult } from '../../metrics/evaluate';
import type { LevelTotal } from '../../metrics/oversight';
import type { Period } from '../../metrics/periods';

/** The figures the public page leads with, in this order. */
export const PUBLIC_METRICS = ['on_time_rate', 'received_count', 'online_share', 'overdue_count'] as const;
/** The trend's figures (two lines; the counts behind them go in its table). */
export const TREND_METRICS = ['on_time_rate', 'online_share', 'received_count', 'overdue_count'];
export const TREND_LINES = ['on_time_rate', 'online_share'];

export interface PublicFiguresModel {
  period: Period;
  /** the level's total, figure by figure, in PUBLIC_METRICS order */
  cards: { id: string; figure: MetricValue | null }[];
  /** units with at least one of the public figures */
  units: UnitResult[];
  /** the last day with data in the period */
  updated: string;
}

export function publicFigures(ev: Evaluation, period: Period, spanTo: string | null): PublicFiguresModel {
  return {
    period,
    cards: PUBLIC_METRICS.map((id) => ({ id, figure: ev.total.metrics[id] ?? null })),
    units: ev.units.filter((u) => PUBLIC_METRICS.some((m) => u.metrics[m]?.value != null)),
    updated: spanTo && spanTo < period.to ? spanTo : period.to,
  };
}

export interface PublicTrendModel {
  /** one category per year */
  years: number[];
  lines: { id: string; values: (number | null)[] }[];
  totals: LevelTotal[];
}

export function publicTrend(totals: LevelTotal[]): PublicTrendModel {
  return {
    years: totals.map((x) => x.window.year),
    lines: TREND_LINES.map((id) => ({ id, values: totals.map((x) => x.metrics[id]?.value ?? null) })),
    totals,
  };
}
