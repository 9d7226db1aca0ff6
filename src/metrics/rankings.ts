// Rankings of units by a published index (766 total, a 766 group, DDCI) for each window, with the
// change of rank from the window before. A published rank is shown as published; where the source
// publishes none (766 groups), the rank is computed from the scores of the units shown. A unit's rank
// is compared only with its own earlier rank: never through a merger.
import type { Db } from '../db/types';
import { metric, type Direction, type IndexMetric } from './registry';
import { indexByWindow, type YearWindow } from './oversight';
import type { IndexRow } from './queries';

/** Metrics a ranking can be made of: index scores (766 total and groups, DDCI). */
export function rankableMetricIds(): string[] {
  return ['index_766_total', 'index_766_CKMB', 'index_766_TDGQ', 'index_766_ONLINE', 'index_766_TTTT', 'index_766_MDSH', 'index_766_MDHL', 'ddci_total'];
}

/**
 * Standard competition ranking ("1224"): equal values share a rank and the next rank skips.
 * Units without a value are not ranked.
 */
export function competitionRank(entries: { id: string; value: number | null }[], direction: Direction): Map<string, number> {
  const ranked = entries.filter((e): e is { id: string; value: number } => e.value != null && Number.isFinite(e.value));
  ranked.sort((a, b) => (direction === 'higher' ? b.value - a.value : a.value - b.value) || a.id.localeCompare(b.id));
  const out = new Map<string, number>();
  ranked.forEach((e, i) => {
    const prev = ranked[i - 1];
    out.set(e.id, prev && prev.value === e.value ? out.get(prev.id)! : i + 1);
  });
  return out;
}

export interface RankCell {
  year: number;
  score: number | null;
  max_score: number | null;
  rank: number | null;
  rank_of: number | null;
  /** published: from the source's rank column; computed: from the scores of the units shown */
  rank_source: 'published' | 'computed' | null;
  rank_group: string | null;
  as_of: string | null;
  source: string | null;
  quality_flag: string | null;
  /** rank in the window before (same unit only) */
  previous_rank: number | null;
  /** previous_rank − rank: positive means the unit moved up */
  change: number | null;
  /** ranked now, not ranked in the window before */
  entered: boolean;
}

export interface RankingRow {
  unit_id: string;
  cells: RankCell[];
}

export interface Ranking {
  metricId: string;
  windows: YearWindow[];
  rows: RankingRow[];
}

/** Rank of every unit in `unitIds` for each window; rows sorted by the last window's rank. */
export async function rankingsOverYears(db: Db, q: { metricId: string; unitIds: string[]; windows: YearWindow[] }): Promise<Ranking> {
  const m = metric(q.metricId);
  if (m.kind !== 'index') throw new Error(`a ranking needs an index metric, not ${m.id}`);
  const byWindow = await indexByWindow(db, m, q.unitIds.length ? q.unitIds : undefined, q.windows);
  const rows: RankingRow[] = q.unitIds.map((u) => ({ unit_id: u, cells: [] }));
  const byUnit = new Map(rows.map((r) => [r.unit_id, r]));
  let previousRanked = false;
  for (const w of q.windows) {
    const found = (byWindow.get(w.year) ?? []).filter((r) => r.component === m.component && byUnit.has(r.unit_id));
    const cells = rankWindow(m, found, w.year);
    for (const r of rows) {
      const c = cells.get(r.unit_id) ?? emptyCell(w.year);
      const prev = r.cells[r.cells.length - 1];
      if (prev) {
        c.previous_rank = prev.rank;
        c.change = prev.rank != null && c.rank != null ? prev.rank - c.rank : null;
        // "entered" only when the window before ranked others: the first ranked window enters nobody
        c.entered = c.rank != null && prev.rank == null && previousRanked;
      }
      r.cells.push(c);
    }
    previousRanked = cells.size > 0;
  }
  const last = (r: RankingRow) => r.cells[r.cells.length - 1]?.rank ?? Number.POSITIVE_INFINITY;
  rows.sort((a, b) => last(a) - last(b) || a.unit_id.localeCompare(b.unit_id));
  return { metricId: m.id, windows: q.windows, rows };
}

function emptyCell(year: number): RankCell {
  return {
    year, score: null, max_score: null, rank: null, rank_of: null, rank_source: null, rank_group: null,
    as_of: null, source: null, quality_flag: null, previous_rank: null, change: null, entered: false,
  };
}

/** Published ranks when every ranked row carries one; otherwise computed from the scores. */
function rankWindow(m: IndexMetric, rows: IndexRow[], year: number): Map<string, RankCell> {
  const scored = rows.filter((r) => r[m.field] != null);
  const published = scored.length > 0 && scored.every((r) => r.rank != null);
  const computed = competitionRank(scored.map((r) => ({ id: r.unit_id, value: r[m.field] as number })), m.direction);
  const out = new Map<string, RankCell>();
  for (const r of scored) {
    out.set(r.unit_id, {
      ...emptyCell(year),
      score: r[m.field] as number,
      max_score: r.max_score,
      rank: published ? r.rank : computed.get(r.unit_id) ?? null,
      rank_of: published ? r.rank_of ?? scored.length : scored.length,
      rank_source: published ? 'published' : 'computed',
      rank_group: r.rank_group,
      as_of: r.as_of,
      source: r.source,
      quality_flag: r.quality_flag,
    });
  }
  return out;
}
