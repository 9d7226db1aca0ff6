// The embeds' wiring: URL state (every filter of an embed is in its URL) → declared queries → model.
import { computed } from 'vue';
import { usePageQuery } from '../../coordinator';
import { spanYears, WINDOW_KINDS, yearWindows, type WindowKind } from '../../metrics/oversight';
import { isMetricId } from '../../metrics/registry';
import { useDatasetStore } from '../../stores/dataset';
import { useUrlState } from '../../url/useUrlState';
import { metricBars, metricLine, metricTarget } from './model';
import { embedSeriesQuery, embedUnitsQuery } from './query';

/** The metric embed: one metric for one unit across the data's years, or for every unit of a level in a period. */
export function useEmbedMetric() {
  const url = useUrlState();
  const dataset = useDatasetStore();
  const metricParam = url.param('metric');
  const unitParam = url.param('unit');
  const windowParam = url.param('window');
  const lineageParam = url.param('lineage');
  const metricId = computed(() => (isMetricId(metricParam.value) ? metricParam.value : 'on_time_rate'));
  const unitAsked = computed(() => unitParam.value || null);
  const unit = computed(() => (unitAsked.value && dataset.units.some((u) => u.unit_id === unitAsked.value) ? unitAsked.value : null));
  const window = computed<WindowKind>(() => ((WINDOW_KINDS as readonly string[]).includes(windowParam.value ?? '') ? (windowParam.value as WindowKind) : 'year'));
  const lineage = computed(() => lineageParam.value !== '0');
  const windows = computed(() => yearWindows(spanYears(dataset.span), window.value, dataset.span));
  const series = usePageQuery(() => (unit.value && windows.value.length
    ? embedSeriesQuery({ metricId: metricId.value, unitId: unit.value, windows: windows.value, lineage: lineage.value }) : null));
  const byUnit = usePageQuery(() => (!unitAsked.value && url.period.value ? embedUnitsQuery({ period: url.period.value, level: url.level.value }) : null));
  const line = computed(() => (series.data.value ? metricLine(series.data.value) : null));
  const bars = computed(() => metricBars(byUnit.data.value, metricId.value));
  const target = computed(() => metricTarget(byUnit.data.value, metricId.value));
  return { url, metricId, unitAsked, unit, windows, series, byUnit, line, bars, target };
}
