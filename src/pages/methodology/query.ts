// The methodology page's declared query: the index metrics the open dataset has, which also defines the
// metrics of components the registry had no entry for (so the page lists them with the others).
import type { QuerySpec } from '../../coordinator/types';
import { loadTargets } from '../../metrics/evaluate';
import type { TargetRow } from '../../metrics/targets';
import { indexMetricsIn } from '../../metrics/indices';
import type { IndexMetric } from '../../metrics/registry';

export function indexMetricsQuery(): QuerySpec<IndexMetric[]> {
  return { key: 'methodology:index-metrics', run: (db) => indexMetricsIn(db) };
}

/** The dataset's targets table: every target with its source document. */
export function targetsQuery(): QuerySpec<TargetRow[]> {
  return { key: 'targets', run: (db) => loadTargets(db) };
}
