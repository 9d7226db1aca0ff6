// The spread of one metric across units in one window, and who is far from the rest. "Far" uses
// Tukey's fences (below Q1 − 1,5 × IQR or above Q3 + 1,5 × IQR): simple to state in a report and
// not pulled by the outliers themselves, as a mean and standard deviation would be.
import type { Db } from '../db/types';
import { metric, type Direction } from './registry';
import { queryCounts } from './queries';
import { indexByWindow, type YearWindow } from './oversight';

/** Quantile with linear interpolation between order statistics (Excel QUARTILE.INC, R type 7). */
export function quantile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

export interface Outlier {
  id: string;
  value: number;
  side: 'low' | 'high';
  /** on the bad side of the metric's direction */
  worse: boolean;
}

export interface SpreadStats {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  max: number;
  iqr: number;
  lowFence: number;
  highFence: number;
  outliers: Outlier[];
}

/** Fewer units than this: quartiles say little, so nobody is called far from the rest. */
export const MIN_UNITS_FOR_OUTLIERS = 4;

export function spreadOf(values: { id: string; value: number | null }[], direction: Direction): SpreadStats | null {
  const v = values.filter((x): x is { id: string; value: number } => x.value != null && Number.isFinite(x.value));
  if (!v.length) return null;
  const sorted = v.map((x) => x.value).sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  const lowFence = q1 - 1.5 * iqr;
  const highFence = q3 + 1.5 * iqr;
  const outliers: Outlier[] = v.length < MIN_UNITS_FOR_OUTLIERS ? [] : v
    .filter((x) => x.value < lowFence || x.value > highFence)
    .map((x) => {
      const side = x.value < lowFence ? 'low' as const : 'high' as const;
      return { id: x.id, value: x.value, side, worse: (side === 'low') === (direction === 'higher') };
    })
    .sort((a, b) => a.value - b.value || a.id.localeCompare(b.id));
  return { n: v.length, min: sorted[0], q1, median: quantile(sorted, 0.5), q3, max: sorted[sorted.length - 1], iqr, lowFence, highFence, outliers };
}

export interface SpreadPoint {
  unit_id: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  rows: number;
  as_of: string | null;
  source: string | null;
}

export interface Spread {
  metricId: string;
  window: YearWindow;
  points: SpreadPoint[];
  stats: SpreadStats | null;
}

/**
 * Each unit's own figure in the window (no lineage: a successor and its predecessors would otherwise
 * count the same dossiers twice in one comparison).
 */
export async function spreadFor(db: Db, q: { metricId: string; window: YearWindow; unitIds: string[] }): Promise<Spread> {
  const m = metric(q.metricId);
  const points: SpreadPoint[] = [];
  if (!q.unitIds.length) return { metricId: m.id, window: q.window, points, stats: null };
  if (m.kind === 'counts') {
    const rows = await queryCounts(db, { from: q.window.from, to: q.window.to, groupBy: ['unit'], unitIds: q.unitIds, metrics: [m.id] });
    for (const r of rows) {
      const c = r.metrics[m.id];
      points.push({ unit_id: r.unit_id!, value: c.value, numerator: c.numerator, denominator: c.denominator, rows: r.rows, as_of: null, source: null });
    }
  } else {
    const rows = (await indexByWindow(db, m, q.unitIds, [q.window])).get(q.window.year) ?? [];
    for (const r of rows.filter((x) => x.component === m.component)) {
      points.push({ unit_id: r.unit_id, value: r[m.field] as number | null, numerator: r.numerator, denominator: r.denominator, rows: 0, as_of: r.as_of, source: r.source });
    }
  }
  points.sort((a, b) => a.unit_id.localeCompare(b.unit_id));
  return { metricId: m.id, window: q.window, points, stats: spreadOf(points.map((p) => ({ id: p.unit_id, value: p.value })), m.direction) };
}
