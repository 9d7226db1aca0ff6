// What the embeds show (pure): the metric embed's bars per unit with the target line, and its one-unit
// line across years with the dates where the unit's lineage changes.
import type { Evaluation, MetricValue } from '../../metrics/evaluate';
import type { OversightSeries } from '../../metrics/oversight';

export const EMBED_VIEWS = ['scoreboard', 'metric', 'public'] as const;
/** The scoreboard embed's four key figures. */
export const EMBED_SCOREBOARD_COLUMNS = ['on_time_rate', 'overdue_count', 'online_share', 'apology_rate'];

export interface Bar { id: string; name: string; value: number; status: MetricValue['status'] }

/** Units with a value of the metric, as bars (short names). */
export function metricBars(ev: Evaluation | null, metricId: string): Bar[] {
  return (ev?.units ?? [])
    .filter((u) => u.metrics[metricId]?.value != null)
    .map((u) => ({ id: u.unit_id, name: u.short_name || u.name, value: u.metrics[metricId].value!, status: u.metrics[metricId].status }));
}

/** The target in force for the metric (the first unit that has one), with its comparator. */
export function metricTarget(ev: Evaluation | null, metricId: string): { value: number; comparator: MetricValue['comparator'] } | null {
  const f = (ev?.units ?? []).map((u) => u.metrics[metricId]).find((m) => m?.target != null);
  return f ? { value: f.target!, comparator: f.comparator } : null;
}

/** The one-unit line: a value per window, and each lineage change placed at the first window that ends on or after it. */
export function metricLine(s: OversightSeries): { values: (number | null)[]; breaks: { index: number; date: string }[] } {
  const at = (d: string) => s.windows.findIndex((w) => w.to >= d);
  return {
    values: s.points.map((p) => p.value),
    breaks: [...new Set(s.breaks.map((b) => b.date))].filter((d) => at(d) >= 0).map((d) => ({ index: at(d), date: d })),
  };
}
