// The oversight page's wiring. All of its state is in the URL, so that a delegation can send the exact
// view it quotes: ?units=MH.01,MH.02&metric=online_share&years=2021-2023&window=nine&lineage=0
// &rank=ddci_total&fieldUnit=MH.02&report=MH.02 (plus the shared period, level, lang, data).
// URL state (checked in model.ts) → declared queries (query.ts) → the sections.
import { computed } from 'vue';
import { usePageQuery } from '../../coordinator';
import { MAX_UNITS, type OversightFilters } from '../../components/oversight/types';
import { spanYears, yearWindows } from '../../metrics/oversight';
import { rankableMetricIds } from '../../metrics/rankings';
import { useDatasetStore } from '../../stores/dataset';
import { useUrlState } from '../../url/useUrlState';
import { metricFrom, parseUnits, parseYears, rankMetricFrom, unknownUnits, windowFrom, yearsText } from './model';
import { fieldsQuery, rankingQuery, reportQuery, seriesQuery, spreadQuery } from './query';

export function useOversightFilters(): OversightFilters {
  const url = useUrlState();
  const dataset = useDatasetStore();
  const p = {
    units: url.param('units'), metric: url.param('metric'), years: url.param('years'), window: url.param('window'),
    lineage: url.param('lineage'), rank: url.param('rank'), fieldUnit: url.param('fieldUnit'), report: url.param('report'),
  };
  const known = computed(() => new Set(dataset.units.map((u) => u.unit_id)));
  const levelUnits = computed(() => dataset.units.filter((u) => u.level === url.level.value).map((u) => u.unit_id));
  const units = computed(() => parseUnits(p.units.value, known.value, levelUnits.value));
  const available = computed(() => spanYears(dataset.span));
  const years = computed(() => parseYears(p.years.value, available.value));
  const window = computed(() => windowFrom(p.window.value));
  return {
    units,
    unknownUnits: computed(() => (dataset.units.length ? unknownUnits(p.units.value, known.value) : [])),
    metricId: computed(() => metricFrom(p.metric.value)),
    years,
    available,
    window,
    lineage: computed(() => p.lineage.value !== '0'),
    rankMetric: computed(() => rankMetricFrom(p.rank.value, rankableMetricIds())),
    fieldUnit: computed(() => (p.fieldUnit.value && units.value.includes(p.fieldUnit.value) ? p.fieldUnit.value : units.value[0] ?? null)),
    reportUnit: computed(() => (p.report.value && known.value.has(p.report.value) ? p.report.value : null)),
    windows: computed(() => yearWindows(years.value, window.value, dataset.span)),
    levelUnits,
    set: (patch) => url.set(patch),
    setUnits: (ids) => url.set({ units: ids.slice(0, MAX_UNITS).join(',') || undefined }),
    setYears: (from, to) => url.set({ years: yearsText(from, to) }),
  };
}

export function useOversightSeries(f: OversightFilters) {
  return usePageQuery(() => (f.units.value.length && f.windows.value.length
    ? seriesQuery({ metricId: f.metricId.value, unitIds: f.units.value, windows: f.windows.value, lineage: f.lineage.value }) : null));
}

export function useOversightRanking(f: OversightFilters) {
  return usePageQuery(() => (f.levelUnits.value.length && f.windows.value.length
    ? rankingQuery({ metricId: f.rankMetric.value, unitIds: f.levelUnits.value, windows: f.windows.value }) : null));
}

/** The spread across the units of the chosen level in the last chosen window. */
export function useOversightSpread(f: OversightFilters) {
  const last = computed(() => f.windows.value[f.windows.value.length - 1] ?? null);
  return {
    window: last,
    ...usePageQuery(() => (last.value && f.levelUnits.value.length ? spreadQuery({ metricId: f.metricId.value, window: last.value, unitIds: f.levelUnits.value }) : null)),
  };
}

export function useOversightFields(f: OversightFilters) {
  return usePageQuery(() => (f.fieldUnit.value && f.windows.value.length
    ? fieldsQuery({ metricId: f.metricId.value, unitId: f.fieldUnit.value, windows: f.windows.value, lineage: f.lineage.value }) : null));
}

export function useOversightReport(f: OversightFilters) {
  return usePageQuery(() => (f.reportUnit.value && f.windows.value.length
    ? reportQuery({ unitId: f.reportUnit.value, windows: f.windows.value, lineage: f.lineage.value }) : null));
}
