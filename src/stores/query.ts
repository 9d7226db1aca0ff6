// Kept for callers not yet moved to page modules: a (key, run) pair is a QuerySpec.
import type { Db } from '../db/types';
import { usePageQuery, type QueryState } from '../coordinator';

export type DbQuery<T> = QueryState<T>;

export function useDbQuery<T>(key: () => string | null, run: (db: Db) => Promise<T>): DbQuery<T> {
  return usePageQuery<T>(() => {
    const k = key();
    return k == null ? null : { key: k, run };
  });
}
