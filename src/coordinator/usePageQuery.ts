// The one way a page asks for data: a reactive QuerySpec (null while its filters are not known) →
// data/pending/error. Results are cached by key and dataset version; a run superseded by newer filters is
// dropped; a performance mark tells the benchmark when a view updated.
import { nextTick, ref, shallowRef, watch } from 'vue';
import { useDatasetStore } from '../stores/dataset';
import type { QuerySpec, QueryState } from './types';

const cache = new Map<string, unknown>();
const CACHE_LIMIT = 200;

export function usePageQuery<T>(spec: () => QuerySpec<T> | null): QueryState<T> {
  const dataset = useDatasetStore();
  const data = shallowRef<T | null>(null);
  const pending = ref(false);
  const error = ref('');
  let generation = 0;

  watch([() => spec()?.key ?? null, () => dataset.version], async ([k, version]) => {
    const s = spec();
    if (k == null || s == null || version === 0) return;
    const id = `${version}:${k}`;
    const mine = ++generation;
    if (cache.has(id)) {
      data.value = cache.get(id) as T;
      await nextTick();
      performance.mark('chiso:view-updated');
      return;
    }
    pending.value = true;
    try {
      const db = await dataset.db();
      const result = await s.run(db);
      if (mine !== generation) return; // a newer filter has asked since
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(id, result);
      data.value = result;
      error.value = '';
      await nextTick();
      performance.mark('chiso:view-updated');
    } catch (e) {
      if (mine === generation) error.value = String((e as Error).message ?? e);
    } finally {
      if (mine === generation) pending.value = false;
    }
  }, { immediate: true });

  return { data, pending, error };
}
