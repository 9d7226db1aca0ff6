// A database query bound to reactive inputs: cached by key and dataset version, superseded runs are
// dropped (the newest filter wins), and a performance mark tells the benchmark when a view updated.
import { nextTick, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue';
import type { Db } from '../db/types';
import { useDatasetStore } from './dataset';

const cache = new Map<string, unknown>();
const CACHE_LIMIT = 200;

export interface DbQuery<T> {
  data: ShallowRef<T | null>;
  pending: Ref<boolean>;
  error: Ref<string>;
}

export function useDbQuery<T>(key: () => string | null, run: (db: Db) => Promise<T>): DbQuery<T> {
  const dataset = useDatasetStore();
  const data = shallowRef<T | null>(null);
  const pending = ref(false);
  const error = ref('');
  let generation = 0;

  watch([key, () => dataset.version], async ([k, version]) => {
    if (k == null || version === 0) return;
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
      const result = await run(db);
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
