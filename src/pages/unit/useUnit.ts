// The unit page's wiring: URL filters → its declared queries (coordinator) → its model.
import { computed, type Ref } from 'vue';
import { useI18n } from 'vue-i18n';
import { usePageQuery } from '../../coordinator';
import type { Lang } from '../../format';
import { useUrlState } from '../../url/useUrlState';
import { parseChannels } from '../../metrics/channels';
import { useDatasetStore } from '../../stores/dataset';
import { buildUnitModel } from './model';
import { unitDueSoonQuery, unitFiguresQuery } from './query';

const todayIso = () => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export function useUnit(unitId: Ref<string>) {
  const url = useUrlState();
  const { locale } = useI18n();
  const lang = computed(() => locale.value as Lang);
  const dataset = useDatasetStore();
  const channelParam = url.param('channel');
  // the header's channel filter (dossier-level data only), as on the scoreboard
  const channels = computed(() => (dataset.hasChannels ? parseChannels(channelParam.value) : []));
  const scope = () => (url.period.value && unitId.value ? { unitId: unitId.value, period: url.period.value, channels: channels.value } : null);
  const figures = usePageQuery(() => { const s = scope(); return s ? unitFiguresQuery(s) : null; });
  const dueSoon = usePageQuery(() => { const s = scope(); return s ? unitDueSoonQuery({ ...s, today: todayIso() }) : null; });
  const model = computed(() => (figures.data.value ? buildUnitModel(figures.data.value, unitId.value, lang.value) : null));
  return { url, lang, input: figures.data, model, due: dueSoon.data, pending: figures.pending, error: figures.error };
}
