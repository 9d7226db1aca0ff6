// Targets are data: a dataset's `targets` table first (a unit's own row beats `*`), else the defaults
// of domain.md §6, each with its source document and how sure we are of it.
import type { Certainty } from './registry';

export type Comparator = '>=' | '<=';

export interface TargetRow {
  metric: string;
  unit_id: string;
  period_from: string;
  period_to: string | null;
  comparator: Comparator;
  value: number;
  source_doc: string;
}

export interface ResolvedTarget {
  value: number;
  comparator: Comparator;
  source_doc: string;
  /** 'dataset' when the dataset set it; 'default' for domain.md §6 */
  origin: 'dataset' | 'default';
  certainty?: Certainty;
}

export const DEFAULT_TARGETS: (Omit<TargetRow, 'unit_id' | 'period_from' | 'period_to'> & { certainty: Certainty })[] = [
  { metric: 'on_time_rate', comparator: '>=', value: 95, source_doc: 'QĐ 468/QĐ-TTg (chỉ tiêu ≥ 95 %, theo cách hiểu của phần mềm một cửa)', certainty: 'partly' },
  { metric: 'online_share', comparator: '>=', value: 50, source_doc: 'QĐ 766/QĐ-TTg chỉ số 3.3 (điểm tối đa từ 50 %); NQ 76/NQ-CP', certainty: 'partly' },
  { metric: 'satisfaction_766', comparator: '>=', value: 90, source_doc: 'QĐ 766/QĐ-TTg (điểm tối đa từ 90 %)', certainty: 'verified' },
  { metric: 'citizen_satisfaction', comparator: '>=', value: 90, source_doc: 'NQ 76/NQ-CP (mục tiêu đến 2025)', certainty: 'unverified' },
  { metric: 'digitized_rate', comparator: '>=', value: 80, source_doc: 'QĐ 468/QĐ-TTg; QĐ 766/QĐ-TTg chỉ số 4.2', certainty: 'unverified' },
  { metric: 'apology_rate', comparator: '>=', value: 100, source_doc: 'NĐ 61/2018/NĐ-CP Điều 19: xin lỗi với mọi hồ sơ quá hạn', certainty: 'unverified' },
];

/** The target of `metric` for `unitId` in force on `date` (the period's last day). */
export function resolveTarget(rows: TargetRow[], metric: string, unitId: string, date: string): ResolvedTarget | null {
  if (rows.length === 0) {
    const d = DEFAULT_TARGETS.find((t) => t.metric === metric);
    return d ? { value: d.value, comparator: d.comparator, source_doc: d.source_doc, origin: 'default', certainty: d.certainty } : null;
  }
  let best: TargetRow | null = null;
  for (const r of rows) {
    if (r.metric !== metric || (r.unit_id !== unitId && r.unit_id !== '*')) continue;
    if (r.period_from > date || (r.period_to != null && r.period_to < date)) continue;
    const better = !best
      || (r.unit_id !== '*' && best.unit_id === '*')
      || (r.unit_id === best.unit_id && r.period_from > best.period_from);
    if (better) best = r;
  }
  return best ? { value: best.value, comparator: best.comparator, source_doc: best.source_doc, origin: 'dataset' } : null;
}

export type Status = 'met' | 'missed' | null;

export function statusOf(value: number | null, target: ResolvedTarget | null): Status {
  if (value == null || !target) return null;
  return (target.comparator === '>=' ? value >= target.value : value <= target.value) ? 'met' : 'missed';
}
