// The one way a page asks for data: a reactive QuerySpec (null while its filters are not known) →
// data/pending/error. Results are cached by key and dataset version; a run superseded by newer filters is
// dropped (its queries not yet sent are never sent); every db.query of a spec goes through the
// coordinator (src/coordinator/coordinator.ts: cache by SQL text + parameters + dataset version, one
// queue per tick, prepared statements); a performance mark tells the benchmark when a view updated.
import { nextTick, ref, shallowRef, watch } from 'vue';
import { useDatasetStore } from '../stores/dataset';
import { Coordinator, Superseded } from './coordinator';
import type { QuerySpec, QueryState } from './types';

const coordinators = new WeakMap<object, Coordinator>();

/** The coordinator over a dataset store's database (whichever it is: snapshot stand-in or DuckDB); one per
 *  store, so a build that renders several apps never mixes their databases. */
export function coordinator(): Coordinator {
  const dataset = useDatasetStore();
  let c = coordinators.get(dataset);
  if (!c) {
    c = new Coordinator(() => dataset.db());
    coordinators.set(dataset, c);
    // the benchmark reads how many queries a view asked and how many reached the worker
    const hook = (globalThis as { __chisoBench?: { stats?: unknown } }).__chisoBench;
    if (hook) hook.stats = c.stats;
  }
  return c;
}

const cache = new Map<string, unknown>();
const CACHE_LIMIT = 200;
const inflight = new Set<Promise<unknown>>();

// Prerendered pages (src/prerender/): the build reads the results a page used and ships them; the
// browser puts them back before its first render, so that render has the data the server had.
/** Results cached for a dataset version, by QuerySpec key. */
export function pageQueryResults(version: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prefix = `${version}:`;
  for (const [id, v] of cache) if (id.startsWith(prefix)) out[id.slice(prefix.length)] = v;
  return out;
}
export function primePageQueries(version: number, results: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(results)) cache.set(`${version}:${k}`, v);
}
export function clearPageQueries(): void { cache.clear(); }
/** Resolves once no query run is under way (runs started meanwhile included). */
export async function pageQueriesSettled(): Promise<void> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 0)); // runs waiting for their Db get to start
    if (!inflight.size) return;
    await Promise.allSettled([...inflight]);
  }
}

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
      const run = s.run(coordinator().db(version, () => mine === generation));
      inflight.add(run);
      const result = await run.finally(() => inflight.delete(run));
      if (mine !== generation) return; // a newer filter has asked since
      if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
      cache.set(id, result);
      data.value = result;
      error.value = '';
      await nextTick();
      performance.mark('chiso:view-updated');
    } catch (e) {
      if (mine === generation && !(e instanceof Superseded)) error.value = String((e as Error).message ?? e);
    } finally {
      if (mine === generation) pending.value = false;
    }
  }, { immediate: true });

  return { data, pending, error };
}
