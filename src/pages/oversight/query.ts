// The oversight page's declared queries, one per section, from its URL state (units, metric, years,
// window, lineage, ranking metric, field unit, report unit). SQL comes from src/metrics.
import type { QuerySpec } from '../../coordinator/types';
import { metric } from '../../metrics/registry';
import { fieldsOverYears, loadLineage, oversightSeries, periodOverPeriod, type FieldCell, type OversightSeries, type PeriodChange, type YearWindow } from '../../metrics/oversight';
import { oversightReport, type OversightReport } from '../../metrics/oversightReport';
import { rankingsOverYears, type Ranking } from '../../metrics/rankings';
import { spreadFor, type Spread } from '../../metrics/spread';

const windowsKey = (windows: YearWindow[]) => windows.map((w) => w.key).join(',');

export interface SeriesScope { metricId: string; unitIds: string[]; windows: YearWindow[]; lineage: boolean }

/** The chosen metric for the chosen units across windows, and the change from one window to the next. */
export function seriesQuery(s: SeriesScope): QuerySpec<{ series: OversightSeries; changes: PeriodChange[] }> {
  return {
    key: `ov-series:${s.metricId}:${s.unitIds.join(',')}:${windowsKey(s.windows)}:${s.lineage}`,
    run: async (db) => {
      const series = await oversightSeries(db, s);
      return { series, changes: periodOverPeriod(series) };
    },
  };
}

/** Ranks of every unit of the level on the ranking metric, window by window. */
export function rankingQuery(s: { metricId: string; unitIds: string[]; windows: YearWindow[] }): QuerySpec<Ranking> {
  return { key: `ov-rank:${s.metricId}:${s.unitIds.join(',')}:${windowsKey(s.windows)}`, run: (db) => rankingsOverYears(db, s) };
}

/** The spread of the metric across the level's units in one window. */
export function spreadQuery(s: { metricId: string; window: YearWindow; unitIds: string[] }): QuerySpec<Spread> {
  return { key: `ov-spread:${s.metricId}:${s.window.key}:${s.unitIds.join(',')}`, run: (db) => spreadFor(db, s) };
}

/** One unit's fields over the windows (count metrics only; null otherwise). */
export function fieldsQuery(s: { metricId: string; unitId: string; windows: YearWindow[]; lineage: boolean }): QuerySpec<{ fields: string[]; cells: FieldCell[] }> | null {
  if (metric(s.metricId).kind !== 'counts') return null;
  return {
    key: `ov-fields:${s.metricId}:${s.unitId}:${windowsKey(s.windows)}:${s.lineage}`,
    run: async (db) => fieldsOverYears(db, s, await loadLineage(db)),
  };
}

/** The printable report for one unit. */
export function reportQuery(s: { unitId: string; windows: YearWindow[]; lineage: boolean }): QuerySpec<OversightReport> {
  return { key: `ov-report:${s.unitId}:${windowsKey(s.windows)}:${s.lineage}`, run: (db) => oversightReport(db, s) };
}
