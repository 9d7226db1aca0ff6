// The printable oversight report for one unit and chosen years: every count metric per window and
// for the whole span, every published index figure per window, and the mergers that shape the series.
// Each figure keeps its numerator and denominator so the delegation can defend it.
import type { Db } from '../db/types';
import { COUNT_METRICS, INDEX_METRICS, metric, type IndexMetric } from './registry';
import { indexValue, queryCounts, type MetricCell } from './queries';
import {
  breaksOf, cellKey, countsByWindow, indexByWindow, isPredecessor, loadLineage, predecessorsOf, viaOf,
  type LineageLink, type Predecessor, type SeriesBreak, type YearWindow,
} from './oversight';

export interface ReportCountCell extends MetricCell {
  rows: number;
}

export interface ReportCountLine {
  metricId: string;
  cells: ReportCountCell[];
  /** the whole span: one query over it (contiguous whole years) or the sum of the windows' counts */
  total: MetricCell | null;
}

export interface ReportIndexCell {
  value: number | null;
  max_score: number | null;
  rank: number | null;
  rank_of: number | null;
  as_of: string | null;
  source: string | null;
  quality_flag: string | null;
}

export interface OversightReport {
  unitId: string;
  windows: YearWindow[];
  lineage: boolean;
  /** 'range': contiguous whole years read as one period; 'sum': windows added up */
  totalKind: 'range' | 'sum';
  counts: ReportCountLine[];
  index: { metricId: string; cells: ReportIndexCell[] }[];
  breaks: SeriesBreak[];
  predecessors: Predecessor[];
  /** predecessors counted in each window (same order as windows) */
  via: Predecessor[][];
}

const contiguousYears = (ws: YearWindow[]) => ws.every((w, i) => w.kind === 'year' && (i === 0 || w.year === ws[i - 1].year + 1));

export async function oversightReport(db: Db, q: { unitId: string; windows: YearWindow[]; lineage?: boolean }, links?: LineageLink[]): Promise<OversightReport> {
  const lk = links ?? (await loadLineage(db));
  const lineage = q.lineage !== false;
  const { unitId, windows } = q;
  const cells = await countsByWindow(db, { unitIds: [unitId], windows, lineage, links: lk });
  const totalKind = contiguousYears(windows) ? 'range' : 'sum';
  let range: Record<string, MetricCell> | null = null;
  if (totalKind === 'range' && windows.length) {
    const own = !lineage || isPredecessor(lk, unitId);
    const [r] = await queryCounts(db, { from: windows[0].from, to: windows[windows.length - 1].to, groupBy: ['unit'], unitIds: [unitId], lineage: !own });
    range = r?.metrics ?? null;
  }
  const counts: ReportCountLine[] = COUNT_METRICS.map((m) => {
    const line = windows.map((w) => {
      const r = cells.get(cellKey(unitId, w.year));
      const c = r?.metrics[m.id];
      return { value: c?.value ?? null, numerator: c?.numerator ?? null, denominator: c?.denominator ?? null, rows: r?.rows ?? 0 };
    });
    return { metricId: m.id, cells: line, total: totalKind === 'range' ? range?.[m.id] ?? null : sumCells(m.id, line) };
  });
  const index: OversightReport['index'] = [];
  const byIndex = new Map<string, Awaited<ReturnType<typeof indexByWindow>>>();
  for (const m of INDEX_METRICS) {
    if (!byIndex.has(m.index)) byIndex.set(m.index, await indexByWindow(db, m, [unitId], windows));
    const rows = byIndex.get(m.index)!;
    const line = windows.map((w) => {
      const { value, row } = indexValue(m as IndexMetric, rows.get(w.year) ?? [], unitId);
      return { value, max_score: row?.max_score ?? null, rank: row?.rank ?? null, rank_of: row?.rank_of ?? null, as_of: row?.as_of ?? null, source: row?.source ?? null, quality_flag: row?.quality_flag ?? null };
    });
    if (line.some((c) => c.value != null)) index.push({ metricId: m.id, cells: line });
  }
  return {
    unitId, windows, lineage, totalKind, counts, index,
    breaks: breaksOf(lk, [unitId]),
    predecessors: lineage && !isPredecessor(lk, unitId) ? predecessorsOf(lk, unitId) : [],
    via: windows.map((w) => viaOf(lk, unitId, w, lineage)),
  };
}

/** Windows added up: numerators and denominators summed, the ratio recomputed (never averaged). */
function sumCells(metricId: string, cells: MetricCell[]): MetricCell | null {
  const m = metric(metricId);
  if (m.kind !== 'counts' || !cells.length || cells.some((c) => c.numerator == null)) return null;
  const num = cells.reduce((s, c) => s + (c.numerator ?? 0), 0);
  if (m.unit === 'count') return { value: num, numerator: num, denominator: null };
  if (cells.some((c) => c.denominator == null)) return null;
  const den = cells.reduce((s, c) => s + (c.denominator ?? 0), 0);
  return { value: den ? (100 * num) / den : null, numerator: num, denominator: den };
}
