// The oversight view's state, all of it in the URL so that a delegation can send the exact view it
// quotes: ?units=MH.01,MH.02&metric=online_share&years=2021-2023&window=nine&lineage=0&rank=ddci_total
// &fieldUnit=MH.02&report=MH.02 (plus the shared period, level, lang, data). Values read from the URL
// are checked here; anything unknown falls back to a default.
import { computed } from 'vue';
import { router } from '../router';
import { isMetricId, metric } from '../metrics/registry';
import { fieldsOverYears, loadLineage, oversightSeries, periodOverPeriod, spanYears, WINDOW_KINDS, yearWindows, type WindowKind } from '../metrics/oversight';
import { oversightReport } from '../metrics/oversightReport';
import { rankableMetricIds, rankingsOverYears } from '../metrics/rankings';
import { spreadFor } from '../metrics/spread';
import { useDatasetStore } from './dataset';
import { useFiltersStore } from './filters';
import { useDbQuery } from './query';

function q(name: string): string | undefined {
  const v = router.currentRoute.value.query[name];
  return typeof v === 'string' ? v : undefined;
}

export const DEFAULT_METRIC = 'on_time_rate';
export const DEFAULT_RANK_METRIC = 'index_766_total';
/** At most this many units on one chart: more lines cannot be told apart. */
export const MAX_UNITS = 8;

/** "2021-2023" or "2022" → the years in between, kept within the data's years. */
export function parseYears(text: string | undefined, available: number[]): number[] {
  const m = text ? /^(\d{4})(?:-(\d{4}))?$/.exec(text) : null;
  if (!m || !available.length) return available;
  let a = Number(m[1]);
  let b = Number(m[2] ?? m[1]);
  if (a > b) [a, b] = [b, a];
  const out = available.filter((y) => y >= a && y <= b);
  return out.length ? out : available;
}

export function useOversightFilters() {
  const dataset = useDatasetStore();
  const filters = useFiltersStore();
  const known = computed(() => new Set(dataset.units.map((u) => u.unit_id)));
  const levelUnits = computed(() => dataset.units.filter((u) => u.level === filters.level).map((u) => u.unit_id));

  const units = computed<string[]>(() => {
    const asked = (q('units') ?? '').split(',').map((s) => s.trim()).filter((s) => s && known.value.has(s));
    const unique = [...new Set(asked)].slice(0, MAX_UNITS);
    return unique.length ? unique : levelUnits.value.slice(0, 1);
  });
  /** ids in the URL that the dataset does not know (told to the reader, never silently dropped) */
  const unknownUnits = computed(() => (dataset.units.length ? (q('units') ?? '').split(',').map((s) => s.trim()).filter((s) => s && !known.value.has(s)) : []));
  const metricId = computed(() => { const m = q('metric'); return isMetricId(m) ? m : DEFAULT_METRIC; });
  const available = computed(() => spanYears(dataset.span));
  const years = computed(() => parseYears(q('years'), available.value));
  const window = computed<WindowKind>(() => { const w = q('window'); return (WINDOW_KINDS as readonly string[]).includes(w ?? '') ? (w as WindowKind) : 'year'; });
  const lineage = computed(() => q('lineage') !== '0');
  const rankMetric = computed(() => { const m = q('rank'); return m && rankableMetricIds().includes(m) ? m : DEFAULT_RANK_METRIC; });
  const fieldUnit = computed(() => { const u = q('fieldUnit'); return u && units.value.includes(u) ? u : units.value[0] ?? null; });
  const reportUnit = computed(() => { const u = q('report'); return u && known.value.has(u) ? u : null; });
  const windows = computed(() => yearWindows(years.value, window.value, dataset.span));

  function set(patch: Record<string, string | undefined>) { return filters.set(patch); }
  const setUnits = (ids: string[]) => set({ units: ids.slice(0, MAX_UNITS).join(',') || undefined });
  const setYears = (from: number, to: number) => set({ years: from === to ? String(from) : `${Math.min(from, to)}-${Math.max(from, to)}` });

  return { units, unknownUnits, metricId, years, available, window, lineage, rankMetric, fieldUnit, reportUnit, windows, levelUnits, set, setUnits, setYears };
}

export type OversightFilters = ReturnType<typeof useOversightFilters>;

const windowsKey = (f: OversightFilters) => f.windows.value.map((w) => w.key).join(',');

export function useOversightSeries(f: OversightFilters) {
  return useDbQuery(
    () => (f.units.value.length && f.windows.value.length ? `ov-series:${f.metricId.value}:${f.units.value.join(',')}:${windowsKey(f)}:${f.lineage.value}` : null),
    async (db) => {
      const series = await oversightSeries(db, { metricId: f.metricId.value, unitIds: f.units.value, windows: f.windows.value, lineage: f.lineage.value });
      return { series, changes: periodOverPeriod(series) };
    },
  );
}

export function useOversightRanking(f: OversightFilters) {
  return useDbQuery(
    () => (f.levelUnits.value.length && f.windows.value.length ? `ov-rank:${f.rankMetric.value}:${f.levelUnits.value.join(',')}:${windowsKey(f)}` : null),
    (db) => rankingsOverYears(db, { metricId: f.rankMetric.value, unitIds: f.levelUnits.value, windows: f.windows.value }),
  );
}

/** The spread across the units of the chosen level in the last chosen window. */
export function useOversightSpread(f: OversightFilters) {
  const last = computed(() => f.windows.value[f.windows.value.length - 1] ?? null);
  return {
    window: last,
    ...useDbQuery(
      () => (last.value && f.levelUnits.value.length ? `ov-spread:${f.metricId.value}:${last.value.key}:${f.levelUnits.value.join(',')}` : null),
      (db) => spreadFor(db, { metricId: f.metricId.value, window: last.value!, unitIds: f.levelUnits.value }),
    ),
  };
}

export function useOversightFields(f: OversightFilters) {
  return useDbQuery(
    () => (f.fieldUnit.value && f.windows.value.length && metric(f.metricId.value).kind === 'counts'
      ? `ov-fields:${f.metricId.value}:${f.fieldUnit.value}:${windowsKey(f)}:${f.lineage.value}` : null),
    async (db) => fieldsOverYears(db, { metricId: f.metricId.value, unitId: f.fieldUnit.value!, windows: f.windows.value, lineage: f.lineage.value }, await loadLineage(db)),
  );
}

export function useOversightReport(f: OversightFilters) {
  return useDbQuery(
    () => (f.reportUnit.value && f.windows.value.length ? `ov-report:${f.reportUnit.value}:${windowsKey(f)}:${f.lineage.value}` : null),
    (db) => oversightReport(db, { unitId: f.reportUnit.value!, windows: f.windows.value, lineage: f.lineage.value }),
  );
}
