// The standings page's wiring: ?unit= → its declared query (coordinator) → its model.
import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { usePageQuery } from '../../coordinator';
import type { Lang } from '../../format';
import { useUrlState } from '../../url/useUrlState';
import { buildIndicesModel } from './model';
import { indicesQuery } from './query';

export function useIndices() {
  const url = useUrlState();
  const { t, locale } = useI18n();
  const lang = computed(() => locale.value as Lang);
  const unit = url.param('unit');
  const q = usePageQuery(() => indicesQuery(unit.value ?? null));
  const model = computed(() => (q.data.value ? buildIndicesModel(q.data.value, lang.value, t) : null));
  const setUnit = (id: string) => url.set({ unit: id });
  return { url, lang, model, setUnit, pending: q.pending, error: q.error };
}
