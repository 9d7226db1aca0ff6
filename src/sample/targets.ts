// targets rows (data contract §2.6): targets are data with their source document, never code constants.
import type { SampleSpec } from './spec';
import type { Row } from './units';

export function buildTargets(spec: SampleSpec): Row[] {
  return spec.targets.map((t) => ({
    metric: t.metric,
    unit_id: t.unit_id,
    period_from: t.period_from,
    period_to: t.period_to ?? null,
    comparator: t.comparator,
    value: t.value,
    source_doc: t.source_doc,
  }));
}
