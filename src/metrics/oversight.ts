// Oversight across years: one metric for chosen units over comparable windows of each year (whole
// year, first 9 months, a half, or "1 January to the same day as the data's last day"), so that a
// delegation compares like with like. Counts continue across the 2025 mergers through unit_lineage;
// index scores never do (a merged unit's score is its own, from its first published figure on).
import type { Db } from '../db/types';
import { metric, type MetricDef } from './registry';
import { indexPeriodsFor, parsePeriod } from './periods';
import { indexValue, queryCounts, queryIndex, type CountRow, type IndexRow } from './queries';

export type WindowKind = 'year' | 'nine' | 'h1' | 'h2' | 'ytd';
export const WINDOW_KINDS: readonly WindowKind[] = ['year', 'nine', 'h1', 'h2', 'ytd'];

export interface YearWindow {
  year: number;
  kind: WindowKind;
  /** a period key of periods.ts (2023, 2023-9M, 2023-H1, ytd:2023-10-31) */
  key: string;
  from: string;
  to: string;
  /** the data covers the whole window (a window past the data's last day is not comparable) */
  complete: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** The window of `kind` in `year`; `dataEnd` (the data's last day) sets the day of a 'ytd' window. */
export function yearWindow(year: number, kind: WindowKind, span: { from: string; to: string } | null): YearWindow {
  let key: string;
  if (kind === 'ytd') {
    const end = span?.to ?? `${year}-12-31`;
    let md = end.slice(5);
    if (md === '02-29' && !isLeap(year)) md = '02-28';
    key = `ytd:${year}-${md}`;
  } else {
    key = kind === 'year' ? String(year) : kind === 'nine' ? `${year}-9M` : `${year}-${kind.toUpperCase()}`;
  }
  const p = parsePeriod(key)!;
  return { year, kind, key, from: p.from, to: p.to, complete: !!span && span.from <= p.from && span.to >= p.to };
}

export function yearWindows(years: number[], kind: WindowKind, span: { from: string; to: string } | null): YearWindow[] {
  return [...new Set(years)].sort((a, b) => a - b).map((y) => yearWindow(y, kind, span));
}

/** Years that hold any data (from the dataset's span). */
export function spanYears(span: { from: string; to: string } | null): number[] {
  if (!span) return [];
  const out: number[] = [];
  for (let y = Number(span.from.slice(0, 4)); y <= Number(span.to.slice(0, 4)); y++) out.push(y);
  return out;
}

// ── lineage ──────────────────────────────────────────────────────────────────────────────────────────

export interface LineageLink {
  from_unit_id: string;
  to_unit_id: string;
  effective_date: string;
  share: number;
}

export async function loadLineage(db: Db): Promise<LineageLink[]> {
  return db.query<LineageLink>(
    'SELECT from_unit_id, to_unit_id, effective_date, coalesce(share, 1) AS share FROM unit_lineage ORDER BY effective_date, from_unit_id, to_unit_id',
  );
}

export interface Predecessor {
  unit_id: string;
  /** product of the shares along the chain */
  share: number;
  /** first day of the successor on this chain's last link */
  effective_date: string;
}

/** Every unit whose counts flow into `unitId` through unit_lineage (closure: A→B→C gives A and B for C). */
export function predecessorsOf(links: LineageLink[], unitId: string): Predecessor[] {
  const out: Predecessor[] = [];
  const walk = (to: string, share: number, date: string | null, seen: Set<string>) => {
    for (const l of links) {
      if (l.to_unit_id !== to || seen.has(l.from_unit_id)) continue;
      const s = share * l.share;
      const d = date ?? l.effective_date;
      out.push({ unit_id: l.from_unit_id, share: s, effective_date: d });
      walk(l.from_unit_id, s, d, new Set([...seen, l.from_unit_id]));
    }
  };
  walk(unitId, 1, null, new Set([unitId]));
  return out;
}

/** A unit that ended in a merger: with lineage on, queryCounts moves its rows to the successor. */
export function isPredecessor(links: LineageLink[], unitId: string): boolean {
  return links.some((l) => l.from_unit_id === unitId);
}

export interface SeriesBreak {
  unit_id: string;
  date: string;
  /** merged_in: other units joined this one on `date`; merged_away: this unit ended, its work went on */
  kind: 'merged_in' | 'merged_away';
  others: { unit_id: string; share: number }[];
}

export function breaksOf(links: LineageLink[], unitIds: string[]): SeriesBreak[] {
  const out: SeriesBreak[] = [];
  for (const u of unitIds) {
    const groups = new Map<string, SeriesBreak>();
    for (const l of links) {
      const kind = l.to_unit_id === u ? 'merged_in' : l.from_unit_id === u ? 'merged_away' : null;
      if (!kind) continue;
      const key = `${kind}:${l.effective_date}`;
      let b = groups.get(key);
      if (!b) groups.set(key, (b = { unit_id: u, date: l.effective_date, kind, others: [] }));
      b.others.push({ unit_id: kind === 'merged_in' ? l.from_unit_id : l.to_unit_id, share: l.share });
    }
    out.push(...groups.values());
  }
  return out.sort((a, b) => a.unit_id.localeCompare(b.unit_id) || a.date.localeCompare(b.date));
}

// ── series ───────────────────────────────────────────────────────────────────────────────────────────

export interface SeriesPoint {
  unit_id: string;
  window: YearWindow;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** dossier_counts rows counted (index metrics: 0) */
  rows: number;
  /** predecessors whose rows are counted in this point through unit_lineage */
  via: Predecessor[];
  /** index metrics: the published row behind the value */
  as_of: string | null;
  source: string | null;
  quality_flag: string | null;
  max_score: number | null;
  rank: number | null;
  rank_of: number | null;
}

export interface SeriesQuery {
  metricId: string;
  unitIds: string[];
  windows: YearWindow[];
  /** count metrics: re-add predecessors' counts (default true); never applies to index scores */
  lineage?: boolean;
}

export interface OversightSeries {
  metricId: string;
  windows: YearWindow[];
  points: SeriesPoint[];
  breaks: SeriesBreak[];
  lineage: boolean;
}

const emptyPoint = (unit_id: string, window: YearWindow): SeriesPoint => ({
  unit_id, window, value: null, numerator: null, denominator: null, rows: 0, via: [],
  as_of: null, source: null, quality_flag: null, max_score: null, rank: null, rank_of: null,
});

/**
 * Count rows per (unit, window). Whole years go through one query bucketed by year; other windows run
 * one query per year window. Predecessor units chosen on their own are read without lineage (with
 * it, their rows would move to the successor).
 */
export async function countsByWindow(
  db: Db,
  opts: { unitIds: string[]; windows: YearWindow[]; lineage: boolean; links: LineageLink[]; metrics?: string[]; groupByField?: boolean },
): Promise<Map<string, CountRow>> {
  const out = new Map<string, CountRow>();
  const { unitIds, windows } = opts;
  if (!unitIds.length || !windows.length) return out;
  const groups: { ids: string[]; lineage: boolean }[] = opts.lineage
    ? [
        { ids: unitIds.filter((u) => !isPredecessor(opts.links, u)), lineage: true },
        { ids: unitIds.filter((u) => isPredecessor(opts.links, u)), lineage: false },
      ]
    : [{ ids: unitIds, lineage: false }];
  const byField = opts.groupByField ? (['field'] as const) : [];
  for (const g of groups) {
    if (!g.ids.length) continue;
    if (windows.every((w) => w.kind === 'year')) {
      const rows = await queryCounts(db, {
        from: windows[0].from, to: windows[windows.length - 1].to, groupBy: ['unit', ...byField, 'bucket'], bucket: 'year',
        unitIds: g.ids, lineage: g.lineage, metrics: opts.metrics,
      });
      const wanted = new Set(windows.map((w) => String(w.year)));
      for (const r of rows) if (wanted.has(r.bucket!)) out.set(cellKey(r.unit_id!, Number(r.bucket), r.field), r);
    } else {
      for (const w of windows) {
        const rows = await queryCounts(db, { from: w.from, to: w.to, groupBy: ['unit', ...byField], unitIds: g.ids, lineage: g.lineage, metrics: opts.metrics });
        for (const r of rows) out.set(cellKey(r.unit_id!, w.year, r.field), r);
      }
    }
  }
  return out;
}

export const cellKey = (unitId: string, year: number, field?: string) => (field === undefined ? `${unitId}|${year}` : `${unitId}|${year}|${field}`);

/** Index rows per window (latest snapshot on or before the window's last day; the unit's own rows only). */
export async function indexByWindow(db: Db, m: MetricDef & { kind: 'index' }, unitIds: string[] | undefined, windows: YearWindow[]): Promise<Map<number, IndexRow[]>> {
  const out = new Map<number, IndexRow[]>();
  for (const w of windows) {
    const periods = indexPeriodsFor(parsePeriod(w.key)!);
    out.set(w.year, await queryIndex(db, { periods, asOfMax: w.to, unitIds, indexes: [m.index] }));
  }
  return out;
}

/** Whether a point of `unitId` in window `w` counts a predecessor's rows (its merger is after w.from). */
export function viaOf(links: LineageLink[], unitId: string, w: YearWindow, lineage: boolean): Predecessor[] {
  if (!lineage || isPredecessor(links, unitId)) return [];
  return predecessorsOf(links, unitId).filter((p) => p.effective_date > w.from);
}

export async function oversightSeries(db: Db, q: SeriesQuery, links?: LineageLink[]): Promise<OversightSeries> {
  const m = metric(q.metricId);
  const lineage = q.lineage !== false && m.kind === 'counts';
  const lk = links ?? (await loadLineage(db));
  const points: SeriesPoint[] = [];
  if (m.kind === 'counts') {
    const cells = await countsByWindow(db, { unitIds: q.unitIds, windows: q.windows, lineage, links: lk, metrics: [m.id] });
    for (const u of q.unitIds) {
      for (const w of q.windows) {
        const r = cells.get(cellKey(u, w.year));
        const c = r?.metrics[m.id];
        points.push({ ...emptyPoint(u, w), value: c?.value ?? null, numerator: c?.numerator ?? null, denominator: c?.denominator ?? null, rows: r?.rows ?? 0, via: r ? viaOf(lk, u, w, lineage) : [] });
      }
    }
  } else {
    const byWindow = await indexByWindow(db, m, q.unitIds, q.windows);
    for (const u of q.unitIds) {
      for (const w of q.windows) {
        const { value, row } = indexValue(m, byWindow.get(w.year) ?? [], u);
        points.push(row ? {
          ...emptyPoint(u, w), value, numerator: row.numerator, denominator: row.denominator, as_of: row.as_of, source: row.source,
          quality_flag: row.quality_flag, max_score: row.max_score, rank: row.rank, rank_of: row.rank_of,
        } : emptyPoint(u, w));
      }
    }
  }
  return { metricId: m.id, windows: q.windows, points, breaks: breaksOf(lk, q.unitIds), lineage };
}

// ── period over period ───────────────────────────────────────────────────────────────────────────────

export interface PeriodChange {
  unit_id: string;
  window: YearWindow;
  value: number | null;
  previous: number | null;
  previousWindow: YearWindow | null;
  /** value − previous (points for scores, percentage points for rates, dossiers for counts) */
  delta: number | null;
  /** counts only: relative change in percent */
  relative: number | null;
  /** why the two windows may not compare like with like */
  note: 'incomplete' | 'merger' | 'merger_lineage' | null;
}

/** Each window against the one before it, per unit (the first window has no previous). */
export function periodOverPeriod(series: OversightSeries): PeriodChange[] {
  const m = metric(series.metricId);
  const out: PeriodChange[] = [];
  const units = [...new Set(series.points.map((p) => p.unit_id))];
  for (const u of units) {
    const pts = series.points.filter((p) => p.unit_id === u).sort((a, b) => a.window.year - b.window.year);
    pts.forEach((p, i) => {
      const prev = i > 0 ? pts[i - 1] : null;
      const delta = p.value != null && prev?.value != null ? p.value - prev.value : null;
      const relative = m.unit === 'count' && delta != null && prev?.value ? (100 * delta) / prev.value : null;
      const crossed = prev ? series.breaks.some((b) => b.unit_id === u && b.date > prev.window.from && b.date <= p.window.to) : false;
      const note: PeriodChange['note'] = prev && (!p.window.complete || !prev.window.complete) ? 'incomplete'
        : crossed ? (series.lineage ? 'merger_lineage' : 'merger') : null;
      out.push({ unit_id: u, window: p.window, value: p.value, previous: prev?.value ?? null, previousWindow: prev?.window ?? null, delta, relative, note });
    });
  }
  return out;
}

// ── fields over years ────────────────────────────────────────────────────────────────────────────────

export interface FieldCell {
  field: string;
  year: number;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  rows: number;
}

/** A count metric per field (lĩnh vực) and window for one unit. Index metrics have no fields. */
export async function fieldsOverYears(
  db: Db,
  q: { metricId: string; unitId: string; windows: YearWindow[]; lineage?: boolean },
  links?: LineageLink[],
): Promise<{ fields: string[]; cells: FieldCell[] }> {
  const m = metric(q.metricId);
  if (m.kind !== 'counts') return { fields: [], cells: [] };
  const lk = links ?? (await loadLineage(db));
  const rows = await countsByWindow(db, { unitIds: [q.unitId], windows: q.windows, lineage: q.lineage !== false, links: lk, metrics: [m.id], groupByField: true });
  const cells: FieldCell[] = [];
  for (const [key, r] of rows) {
    const year = Number(key.split('|')[1]);
    const c = r.metrics[m.id];
    cells.push({ field: r.field ?? '', year, value: c.value, numerator: c.numerator, denominator: c.denominator, rows: r.rows });
  }
  const fields = [...new Set(cells.map((c) => c.field))].sort((a, b) => a.localeCompare(b, 'vi'));
  cells.sort((a, b) => a.field.localeCompare(b.field, 'vi') || a.year - b.year);
  return { fields, cells };
}

// ── totals of a level ────────────────────────────────────────────────────────────────────────────────

export interface LevelTotal {
  window: YearWindow;
  rows: number;
  metrics: Record<string, { value: number | null; numerator: number | null; denominator: number | null }>;
}

/** Count metrics summed over every unit of a level, per window (each unit's own rows: no lineage needed). */
export async function levelTotals(db: Db, q: { level: string; windows: YearWindow[]; metrics: string[] }): Promise<LevelTotal[]> {
  const out: LevelTotal[] = [];
  for (const w of q.windows) {
    const [r] = await queryCounts(db, { from: w.from, to: w.to, groupBy: [], levels: [q.level], metrics: q.metrics });
    out.push({ window: w, rows: r?.rows ?? 0, metrics: r?.metrics ?? {} });
  }
  return out;
}
