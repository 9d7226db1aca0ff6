// The public page's wiring (also the public embed's): URL filters → declared queries → model.
import { computed } from 'vue';
import { usePageQuery } from '../../coordinator';
import { useDatasetStore } from '../../stores/dataset';
import { useUrlState } from '../../url/useUrlState';
import { publicFigures, publicTrend } from './model';
import { publicSummaryQuery, publicTrendQuery, trendWindows } from './query';

/** The level's figures for the URL's period (by default the data's last month). */
export function usePublicSummary() {
  const url = useUrlState();
  const dataset = useDatasetStore();
  const period = url.period;
  const q = usePageQuery(() => (period.value ? publicSummaryQuery({ period: period.value, level: url.level.value }) : null));
  const model = computed(() => (q.data.value && period.value ? publicFigures(q.data.value, period.value, dataset.span?.to ?? null) : null));
  return { url, period, model, ...q };
}

/** The same window (1 January to the data's last day) in every year of the data, for the chosen level. */
export function usePublicTrend() {
  const url = useUrlState();
  const dataset = useDatasetStore();
  const windows = computed(() => trendWindows(dataset.span));
  const q = usePageQuery(() => (windows.value.length ? publicTrendQuery({ level: url.level.value, windows: windows.value }) : null));
  const model = computed(() => (q.data.value ? publicTrend(q.data.value) : null));
  return { windows, model, ...q };
}
