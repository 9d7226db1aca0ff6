// The standings page's declared query: the provinces that have index figures, the chosen one's standing
// in every index over the years, and each index's ranking among provinces in its latest year. The SQL
// comes from src/metrics/indices.ts (bound parameters, whole-unit rows).
import type { QuerySpec } from '../../coordinator/types';
import { indexRanking, unitStandings, unitsWithIndices, type IndexStandingSeries, type RankingRow } from '../../metrics/indices';

/** The database a QuerySpec runs on (pages name it through the coordinator's type, never src/db). */
type Db = Parameters<QuerySpec<unknown>['run']>[0];

export interface IndicesInput {
  /** provinces with index figures (the picker) */
  units: { unit_id: string; name: string; indexes: string[] }[];
  /** the province shown (null: no province has index figures) */
  unitId: string | null;
  standings: IndexStandingSeries[];
  /** index → its ranking among provinces in the shown province's latest year of that index */
  rankings: Record<string, { year: string; rows: RankingRow[] }>;
}

/** The dataset's own province: the province unit that has units under it (else the first with figures). */
async function homeProvince(db: Db, candidates: string[]): Promise<string | null> {
  if (!candidates.length) return null;
  const rows = await db.query<{ unit_id: string }>(
    `SELECT p.unit_id FROM units p LEFT JOIN units c ON c.parent_id = p.unit_id
     WHERE p.level = 'province' GROUP BY p.unit_id ORDER BY count(c.unit_id) DESC, p.unit_id`);
  return rows.map((r) => r.unit_id).find((id) => candidates.includes(id)) ?? candidates[0];
}

export async function runIndices(db: Db, wanted: string | null): Promise<IndicesInput> {
  const units = await unitsWithIndices(db, 'province');
  const ids = units.map((u) => u.unit_id);
  const unitId = wanted && ids.includes(wanted) ? wanted : await homeProvince(db, ids);
  if (!unitId) return { units, unitId: null, standings: [], rankings: {} };
  const standings = await unitStandings(db, unitId);
  const rankings: IndicesInput['rankings'] = {};
  for (const s of standings) {
    const latest = [...s.years].reverse().find((y) => y.score != null || y.rank != null);
    if (latest) rankings[s.index] = { year: latest.year, rows: await indexRanking(db, { index: s.index, year: latest.year, level: 'province' }) };
  }
  return { units, unitId, standings, rankings };
}

export function indicesQuery(unitId: string | null): QuerySpec<IndicesInput> {
  return { key: `indices:${unitId ?? ''}`, run: (db) => runIndices(db, unitId) };
}
