// Published indices (PCI, PAPI, SIPAS, PAR INDEX, DDCI, 766) as standings: a unit's figures in every index
// over the years (score, rank of how many, change from the year before, components) and the ranking of
// one index in one year. Whole-unit figures only: rows restricted to one procedure (procedure_code, from
// the portal's per-procedure answers) are left out. Every value is a bound parameter; identifiers come
// from the registry.
import type { Db, Param } from '../db/types';
import { FAMILY_BY_INDEX, INDEX_FAMILIES } from './indexFamilies';
import { INDEX_METRICS, registerIndexComponents, type IndexMetric } from './registry';
import type { IndexRow } from './queries';
import { loadTargets } from './evaluate';
import { resolveTarget, statusOf, type Comparator, type TargetRow } from './targets';

/** Indices in the order the pages show them. */
export const INDEX_ORDER = INDEX_FAMILIES.map((f) => f.index) as string[];
const order = (idx: string) => { const i = INDEX_ORDER.indexOf(idx); return i < 0 ? INDEX_ORDER.length : i; };

/** Whether index_scores has the optional per-procedure column (added with the portal's answers). */
async function wholeUnitClause(db: Db): Promise<string> {
  const rows = await db.query<{ n: number }>(
    "SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'index_scores' AND column_name = 'procedure_code'");
  return Number(rows[0]?.n ?? 0) > 0 ? ' AND procedure_code IS NULL' : '';
}

/** Define the metrics of every component the data holds (registry.registerIndexComponents) and return
 *  the index metrics present, in registry order. Call it once a dataset is loaded. */
export async function indexMetricsIn(db: Db): Promise<IndexMetric[]> {
  const rows = await db.query<{ index: string; component: string }>(
    `SELECT DISTINCT "index", component FROM index_scores WHERE component IS NOT NULL${await wholeUnitClause(db)} ORDER BY 1, 2`);
  const present = new Set(registerIndexComponents(rows));
  // a rank metric is present only where some row has a rank
  const ranked = new Set((await db.query<{ index: string }>(
    `SELECT DISTINCT "index" FROM index_scores WHERE component = 'TOTAL' AND rank IS NOT NULL${await wholeUnitClause(db)}`)).map((r) => r.index));
  return INDEX_METRICS.filter((m) => present.has(m) && (m.field !== 'rank' || ranked.has(m.index)));
}

/** Index metric ids each unit has a figure for (any year), for pickers that offer only what exists. */
export async function indexMetricsByUnit(db: Db, unitIds?: string[]): Promise<Record<string, string[]>> {
  await indexMetricsIn(db);
  const params: Param[] = [];
  let where = `component IS NOT NULL${await wholeUnitClause(db)}`;
  if (unitIds?.length) { where += ` AND unit_id IN (${unitIds.map(() => '?').join(', ')})`; params.push(...unitIds); }
  const rows = await db.query<{ unit_id: string; index: string; component: string; has_score: boolean; has_rank: boolean }>(
    `SELECT unit_id, "index", component, bool_or(score IS NOT NULL) AS has_score, bool_or(rank IS NOT NULL) AS has_rank
     FROM index_scores WHERE ${where} GROUP BY 1, 2, 3`, params);
  const out: Record<string, string[]> = {};
  for (const r of rows) {
    const ids = INDEX_METRICS.filter((m) => m.index === r.index && m.component === r.component && (m.field === 'rank' ? r.has_rank : r.has_score)).map((m) => m.id);
    (out[r.unit_id] ??= []).push(...ids);
  }
  const pos = new Map(INDEX_METRICS.map((m, i) => [m.id, i]));
  for (const k of Object.keys(out)) out[k] = [...new Set(out[k])].sort((a, b) => pos.get(a)! - pos.get(b)!);
  return out;
}

/** an index_scores row as yearlyRows selects it (every column but the counts) */
type RawRow = Omit<IndexRow, 'numerator' | 'denominator'>;

/** Yearly rows (a year's own figure, else the portal's year to date), latest snapshot of each. */
async function yearlyRows(db: Db, where: string, params: Param[]): Promise<RawRow[]> {
  const rows = await db.query<RawRow>(
    `SELECT "index", component, unit_id, period_type, period, as_of, score, max_score, ratio, rank, rank_of, rank_group, source, quality_flag
     FROM (
       SELECT *, row_number() OVER (PARTITION BY "index", component, unit_id, period
         ORDER BY CASE period_type WHEN 'year' THEN 0 ELSE 1 END, as_of DESC NULLS LAST) AS rn
       FROM index_scores
       WHERE period_type IN ('year', 'ytd') AND component IS NOT NULL AND ${where}${await wholeUnitClause(db)}
     ) WHERE rn = 1
     ORDER BY "index", period, component`, params);
  return rows;
}

export interface TargetInForce {
  metric: string;
  value: number;
  comparator: Comparator;
  source_doc: string;
  status: 'met' | 'missed' | null;
}

export interface ComponentStanding {
  metric_id: string | null;
  component: string;
  score: number | null;
  max_score: number | null;
  rank: number | null;
  previous: number | null;
  /** score − the previous year's score */
  change: number | null;
}

export interface YearStanding {
  /** 'YYYY' */
  year: string;
  period_type: string;
  as_of: string | null;
  score: number | null;
  max_score: number | null;
  rank: number | null;
  rank_of: number | null;
  rank_group: string | null;
  source: string | null;
  quality_flag: string | null;
  /** the year compared with (the nearest earlier year with a figure) */
  previous_year: string | null;
  previous_score: number | null;
  previous_rank: number | null;
  /** score − previous score (points, or percentage points for SIPAS) */
  score_change: number | null;
  /** previous rank − rank: positive = moved up */
  rank_change: number | null;
  targets: TargetInForce[];
  components: ComponentStanding[];
}

export interface IndexStandingSeries {
  index: string;
  unit_id: string;
  total: string | null;
  rankMetric: string | null;
  years: YearStanding[];
}

const targetFor = (targets: TargetRow[], metricId: string | null, unitId: string, year: string, value: number | null): TargetInForce | null => {
  if (!metricId) return null;
  // an index's own target only: the defaults of domain.md §6 name count metrics
  const t = targets.length ? resolveTarget(targets, metricId, unitId, `${year}-12-31`) : null;
  return t ? { metric: metricId, value: t.value, comparator: t.comparator, source_doc: t.source_doc, status: statusOf(value, t) } : null;
};

const metricIdFor = (index: string, component: string, field: 'score' | 'rank') =>
  INDEX_METRICS.find((m) => m.index === index && m.component === component && m.field === field)?.id ?? null;

/** A unit's standing in every index it has, year by year (oldest first). */
export async function unitStandings(db: Db, unitId: string): Promise<IndexStandingSeries[]> {
  await indexMetricsIn(db);
  const [rows, targets] = await Promise.all([yearlyRows(db, 'unit_id = ?', [unitId]), loadTargets(db)]);
  const byIndex = new Map<string, RawRow[]>();
  for (const r of rows) (byIndex.get(r.index) ?? byIndex.set(r.index, []).get(r.index)!).push(r);
  const out: IndexStandingSeries[] = [];
  for (const [idx, list] of [...byIndex].sort((a, b) => order(a[0]) - order(b[0]))) {
    const total = metricIdFor(idx, 'TOTAL', 'score');
    const rankMetric = metricIdFor(idx, 'TOTAL', 'rank');
    const years = [...new Set(list.map((r) => r.period))].sort();
    const comps = [...new Set(list.filter((r) => r.component !== 'TOTAL').map((r) => r.component))];
    const compPos = (c: string) => { const id = metricIdFor(idx, c, 'score'); const i = INDEX_METRICS.findIndex((m) => m.id === id); return i < 0 ? Infinity : i; };
    comps.sort((a, b) => compPos(a) - compPos(b) || a.localeCompare(b, 'vi'));
    const at = (y: string, c: string) => list.find((r) => r.period === y && r.component === c) ?? null;
    const standing: YearStanding[] = [];
    years.forEach((y, i) => {
      const t = at(y, 'TOTAL');
      const prevYear = years.slice(0, i).reverse().find((py) => at(py, 'TOTAL')) ?? null;
      const p = prevYear ? at(prevYear, 'TOTAL') : null;
      const score = t?.score ?? null;
      const rank = t?.rank ?? null;
      standing.push({
        year: y, period_type: t?.period_type ?? list.find((r) => r.period === y)!.period_type, as_of: t?.as_of ?? null,
        score, max_score: t?.max_score ?? null, rank, rank_of: t?.rank_of ?? null, rank_group: t?.rank_group ?? null,
        source: t?.source ?? list.find((r) => r.period === y)?.source ?? null, quality_flag: t?.quality_flag ?? null,
        previous_year: prevYear, previous_score: p?.score ?? null, previous_rank: p?.rank ?? null,
        score_change: score != null && p?.score != null ? round(score - p.score) : null,
        rank_change: rank != null && p?.rank != null ? p.rank - rank : null,
        targets: [targetFor(targets, total, unitId, y, score), targetFor(targets, rankMetric, unitId, y, rank)].filter((x): x is TargetInForce => x != null),
        components: comps.map((c) => {
          const r = at(y, c);
          const pr = prevYear ? at(prevYear, c) : null;
          const s = r?.score ?? null;
          return { metric_id: metricIdFor(idx, c, 'score'), component: c, score: s, max_score: r?.max_score ?? null, rank: r?.rank ?? null,
            previous: pr?.score ?? null, change: s != null && pr?.score != null ? round(s - pr.score) : null };
        }),
      });
    });
    out.push({ index: idx, unit_id: unitId, total, rankMetric, years: standing });
  }
  return out;
}

export interface RankingRow {
  unit_id: string;
  name: string;
  level: string;
  score: number | null;
  max_score: number | null;
  rank: number | null;
  rank_of: number | null;
  /** the file gave no rank: ranked here by score (competition ranking 1, 2, 2, 4) */
  rank_computed: boolean;
  rank_group: string | null;
  as_of: string | null;
  source: string | null;
}

/** The ranking of one index in one year among units of one level (default: provinces), best first. */
export async function indexRanking(db: Db, q: { index: string; year: string; level?: string; rankGroup?: string | null }): Promise<RankingRow[]> {
  const params: Param[] = [q.index, q.year];
  let where = `"index" = ? AND period = ? AND component = 'TOTAL'`;
  const rows = await yearlyRows(db, where, params);
  const units = await db.query<{ unit_id: string; name: string; level: string }>('SELECT unit_id, name, level FROM units');
  const byId = new Map(units.map((u) => [u.unit_id, u]));
  const level = q.level ?? 'province';
  where = '';
  let list = rows.filter((r) => (byId.get(r.unit_id)?.level ?? 'province') === level && (q.rankGroup === undefined || q.rankGroup === null || r.rank_group === q.rankGroup));
  if (!list.length) list = rows.filter((r) => q.rankGroup == null || r.rank_group === q.rankGroup);
  const family = FAMILY_BY_INDEX.get(q.index);
  const published = list.some((r) => r.rank != null);
  // by score when the file ranks none of them (higher is better for every index total)
  const sorted = [...list].sort((a, b) => published
    ? (a.rank ?? Infinity) - (b.rank ?? Infinity) || (b.score ?? -Infinity) - (a.score ?? -Infinity)
    : (b.score ?? -Infinity) - (a.score ?? -Infinity) || a.unit_id.localeCompare(b.unit_id));
  const computed = new Map<string, number>();
  if (!published) {
    sorted.forEach((r, i) => {
      if (r.score == null) return;
      const prev = sorted[i - 1];
      computed.set(r.unit_id, i > 0 && prev.score === r.score ? computed.get(prev.unit_id)! : i + 1);
    });
  }
  const scored = sorted.filter((r) => r.score != null).length;
  return sorted.map((r) => ({
    unit_id: r.unit_id, name: byId.get(r.unit_id)?.name ?? r.unit_id, level: byId.get(r.unit_id)?.level ?? level,
    score: r.score, max_score: r.max_score ?? family?.max ?? null,
    rank: published ? r.rank : computed.get(r.unit_id) ?? null,
    rank_of: published ? r.rank_of : r.score != null ? scored : null,
    rank_computed: !published && r.score != null,
    rank_group: r.rank_group, as_of: r.as_of, source: r.source,
  }));
}

export interface IndexFigure {
  unit_id: string;
  /** the score's metric id (pci_total, pci_gia_nhap_thi_truong, index_766_TDGQ…) */
  metric: string | null;
  /** the rank's metric id when the row ranks the unit (pci_rank…) */
  rank_metric: string | null;
  index: string;
  component: string;
  period_type: string;
  period: string;
  value: number | null;
  max_score: number | null;
  rank: number | null;
  rank_of: number | null;
  rank_group: string | null;
  as_of: string | null;
  source: string | null;
  quality_flag: string | null;
}

/** Every index figure that has a metric id, each unit and period at its latest snapshot (the summary
 *  command's `indices`), ordered by index, unit, period, component. */
export async function indexFigures(db: Db): Promise<IndexFigure[]> {
  await indexMetricsIn(db);
  const rows = await db.query<RawRow>(
    `SELECT "index", component, unit_id, period_type, period, as_of, score, max_score, ratio, rank, rank_of, rank_group, source, quality_flag
     FROM (
       SELECT *, row_number() OVER (PARTITION BY "index", component, unit_id, period_type, period ORDER BY as_of DESC NULLS LAST) AS rn
       FROM index_scores WHERE component IS NOT NULL${await wholeUnitClause(db)}
     ) WHERE rn = 1 ORDER BY "index", unit_id, period_type, period, component`);
  const out: IndexFigure[] = [];
  for (const r of rows) {
    const metric = metricIdFor(r.index, r.component, 'score');
    const rankMetric = r.rank != null ? metricIdFor(r.index, r.component, 'rank') : null;
    if (!metric && !rankMetric) continue;
    out.push({
      unit_id: r.unit_id, metric, rank_metric: rankMetric, index: r.index, component: r.component, period_type: r.period_type, period: r.period,
      value: r.score, max_score: r.max_score, rank: r.rank, rank_of: r.rank_of, rank_group: r.rank_group, as_of: r.as_of, source: r.source, quality_flag: r.quality_flag,
    });
  }
  out.sort((a, b) => order(a.index) - order(b.index) || a.unit_id.localeCompare(b.unit_id) || a.period_type.localeCompare(b.period_type) || a.period.localeCompare(b.period));
  return out;
}

/** Units that have a yearly index figure of a given level (the standings page's picker). */
export async function unitsWithIndices(db: Db, level = 'province'): Promise<{ unit_id: string; name: string; indexes: string[] }[]> {
  const rows = await db.query<{ unit_id: string; name: string; indexes: string }>(
    `SELECT s.unit_id, coalesce(u.name, s.unit_id) AS name, string_agg(DISTINCT s."index", ',' ORDER BY s."index") AS indexes
     FROM index_scores s LEFT JOIN units u ON u.unit_id = s.unit_id
     WHERE s.period_type IN ('year', 'ytd') AND coalesce(u.level, 'province') = ?${(await wholeUnitClause(db)).replace('procedure_code', 's.procedure_code')}
     GROUP BY 1, 2 ORDER BY 2`, [level]);
  return rows.map((r) => ({ unit_id: r.unit_id, name: r.name, indexes: r.indexes.split(',').sort((a, b) => order(a) - order(b)) }));
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
