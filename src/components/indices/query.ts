// The query behind the index sections of the unit and oversight pages: a unit's standing in every
// published index over the years (src/metrics/indices.ts; bound parameters, whole-unit rows).
import type { QuerySpec } from '../../coordinator/types';
import { indexMetricsByUnit, indexMetricsIn, unitStandings, type IndexStandingSeries } from '../../metrics/indices';

export function unitIndicesQuery(unitId: string): QuerySpec<IndexStandingSeries[]> {
  return { key: `unit-indices:${unitId}`, run: (db) => unitStandings(db, unitId) };
}

/** Index metric ids any of the units has a figure for (every index metric of the data when none is chosen). */
export function indexMetricsForUnitsQuery(unitIds: string[]): QuerySpec<string[]> {
  const ids = [...unitIds].sort();
  return {
    key: `index-metrics-of:${ids.join(',')}`,
    run: async (db) => (ids.length
      ? [...new Set(Object.values(await indexMetricsByUnit(db, ids)).flat())]
      : (await indexMetricsIn(db)).map((m) => m.id)),
  };
}
