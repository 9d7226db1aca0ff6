// The public transparency page and its embeds: the chosen level's figures for the period of the app's
// filter, and the same days (1 January to the data's last day) in every year, so the trend compares
// like with like.
import { computed } from 'vue';
import { router } from '../router';
import { evaluate, loadTargets } from '../metrics/evaluate';
import { levelTotals, oversightSeries, spanYears, WINDOW_KINDS, yearWindows, type WindowKind } from '../metrics/oversight';
import { isMetricId } from '../metrics/registry';
import type { Period } from '../metrics/periods';
import { useDatasetStore } from './dataset';
import { useFiltersStore } from './filters';
import { useDbQuery } from './query';

/** The figures the public page leads with, in this order. */
export const PUBLIC_METRICS = ['on_time_rate', 'received_count', 'online_share', 'overdue_count'] as const;
export const TREND_METRICS = ['on_time_rate', 'online_share', 'received_count', 'overdue_count'];

/** The period of the public figures: the app's period filter (in the URL; by default the data's last month). */
export function usePublicPeriod() {
  const filters = useFiltersStore();
  return computed<Period | null>(() => filters.period);
}

export function usePublicSummary() {
  const filters = useFiltersStore();
  const period = usePublicPeriod();
  const query = useDbQuery(
    () => (period.value ? `public:${period.value.key}:${filters.level}` : null),
    (db) => evaluate(db, { from: period.value!.from, to: period.value!.to, levels: [filters.level] }),
  );
  return { period, ...query };
}

/** The same window (1 January to the data's last day) in every year of the data, for the chosen level. */
export function usePublicTrend() {
  const dataset = useDatasetStore();
  const filters = useFiltersStore();
  const windows = computed(() => yearWindows(spanYears(dataset.span), 'ytd', dataset.span));
  const query = useDbQuery(
    () => (windows.value.length ? `public-trend:${windows.value.map((w) => w.key).join(',')}:${filters.level}` : null),
    (db) => levelTotals(db, { level: filters.level, windows: windows.value, metrics: TREND_METRICS }),
  );
  return { windows, ...query };
}

/** The dataset's targets table (the methodology page lists every target with its source document). */
export function useDatasetTargets() {
  return useDbQuery(() => 'targets', (db) => loadTargets(db));
}

/** The metric embed: one metric for one unit across the data's years, or for every unit of a level in a period. */
export function useEmbedMetric() {
  const dataset = useDatasetStore();
  const filters = useFiltersStore();
  const query = () => router.currentRoute.value.query;
  const metricId = computed(() => { const m = query().metric; return typeof m === 'string' && isMetricId(m) ? m : 'on_time_rate'; });
  const unitAsked = computed(() => { const u = query().unit; return typeof u === 'string' && u ? u : null; });
  const unit = computed(() => (unitAsked.value && dataset.units.some((u) => u.unit_id === unitAsked.value) ? unitAsked.value : null));
  const window = computed<WindowKind>(() => { const w = query().window; return typeof w === 'string' && (WINDOW_KINDS as readonly string[]).includes(w) ? (w as WindowKind) : 'year'; });
  const lineage = computed(() => query().lineage !== '0');
  const windows = computed(() => yearWindows(spanYears(dataset.span), window.value, dataset.span));
  const series = useDbQuery(
    () => (unit.value && windows.value.length ? `embed-metric:${metricId.value}:${unit.value}:${windows.value.map((w) => w.key).join(',')}:${lineage.value}` : null),
    (db) => oversightSeries(db, { metricId: metricId.value, unitIds: [unit.value!], windows: windows.value, lineage: lineage.value }),
  );
  const byUnit = useDbQuery(
    () => (!unitAsked.value && filters.period ? `embed-units:${filters.period.key}:${filters.level}` : null),
    (db) => evaluate(db, { from: filters.period!.from, to: filters.period!.to, levels: [filters.level] }),
  );
  return { metricId, unitAsked, unit, windows, series, byUnit };
}
