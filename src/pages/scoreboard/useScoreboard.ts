// The scoreboard's wiring: URL filters (period, level, channel, sort) → its declared queries through the
// coordinator → the page model (model.ts). The template reads only what this returns.
import { computed } from 'vue';
import { usePageQuery } from '../../coordinator';
import { parseChannels } from '../../metrics/channels';
import { metric } from '../../metrics/registry';
import { useDatasetStore } from '../../stores/dataset';
import { useUrlState } from '../../url/useUrlState';
import { headlineQuery } from './headlineQuery';
import { buildBoardPart, isSortKey, withHeadline, type SortDir, type SortKey } from './model';
import { scoreboardQuery } from './query';

/** first click on a column shows the worst first */
export function defaultDir(key: SortKey): SortDir {
  if (key === 'status') return 'desc';
  if (key === 'name') return 'asc';
  return metric(key).direction === 'higher' ? 'asc' : 'desc';
}

export function useScoreboard() {
  const url = useUrlState();
  const dataset = useDatasetStore();
  const sortParam = url.param('sort');
  const dirParam = url.param('dir');
  const channelParam = url.param('channel');
  // the channel filter applies only where the data has channels (dossier rows)
  const channels = computed(() => (dataset.hasChannels ? parseChannels(channelParam.value) : []));
  const scope = () => (url.period.value ? { period: url.period.value, levels: [url.level.value], channels: channels.value.length ? channels.value : undefined } : null);

  const q = usePageQuery(() => { const s = scope(); return s ? scoreboardQuery(s) : null; });
  const extra = usePageQuery(() => { const s = scope(); return s ? headlineQuery({ period: s.period, level: url.level.value, channels: s.channels }) : null; });

  const sortKey = computed<SortKey>(() => (isSortKey(sortParam.value) ? sortParam.value : 'status'));
  const sortDir = computed<SortDir>(() => (dirParam.value === 'asc' || dirParam.value === 'desc' ? dirParam.value : defaultDir(sortKey.value)));
  // the matrix and the charts from the board's answer; the headline's answer only adds the headline (its
  // arrival re-renders neither: the same rows and charts)
  const part = computed(() => (q.data.value ? buildBoardPart(q.data.value, { key: sortKey.value, dir: sortDir.value }) : null));
  const page = computed(() => (part.value && q.data.value ? withHeadline(part.value, q.data.value, extra.data.value) : null));

  function sortBy(key: string) {
    if (!isSortKey(key)) return;
    const dir: SortDir = key === sortKey.value ? (sortDir.value === 'asc' ? 'desc' : 'asc') : defaultDir(key);
    void url.set({ sort: key === 'status' && dir === 'desc' ? undefined : key, dir: dir === defaultDir(key) ? undefined : dir });
  }

  return { url, data: q.data, page, pending: q.pending, error: q.error, sortKey, sortDir, sortBy, channels };
}
