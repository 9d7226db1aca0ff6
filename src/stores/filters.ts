// The shared filters (period, level, lang, data) as one store, for the header and components that
// read them. The URL is the state: reading, checking and writing it is src/url/useUrlState.ts; this
// store only adds what happens once per app (the page language follows ?lang=; a packed package
// attaches the partitions the view needs, src/url/packParts.ts).
import { defineStore } from 'pinia';
import { watch } from 'vue';
import { useRoute } from 'vue-router';
import { i18n } from '../i18n';
import { useUrlState } from '../url/useUrlState';
import { packParts } from '../url/packParts';
import { useDatasetStore } from './dataset';

export const useFiltersStore = defineStore('filters', () => {
  const url = useUrlState();

  watch(url.lang, (l) => {
    i18n.global.locale.value = l;
    if (typeof document !== 'undefined') document.documentElement.lang = l;
  }, { immediate: true });

  // sync: the partitions are queued before the views' queries of the new URL run
  const route = useRoute();
  const dataset = useDatasetStore();
  const [period, years, province] = (['period', 'years', 'province'] as const).map((n) => url.param(n));
  watch(() => [route.path, period.value, years.value, province.value] as const, ([path, period, years, province]) => {
    dataset.need((span, hasDays) => packParts({ path, period, years, province }, span, hasDays));
  }, { immediate: true, flush: 'sync' });

  return { ...url };
});
