// What pages declare and what the coordinator answers. A page's query.ts returns QuerySpecs built from its
// filters; the coordinator runs them through a Db of its own (queued, batched, cached by SQL text and
// parameters and dataset version), so a page never holds a database handle itself.
import type { Db } from '../db/types';

export interface QuerySpec<T = unknown> {
  /** what the result depends on, in full (page, filters, ids): two specs with one key share one result */
  key: string;
  /** computes the result with the coordinator's Db; every db.query() it makes goes through the queue */
  run(db: Db): Promise<T>;
}

export interface QueryState<T> {
  data: import('vue').ShallowRef<T | null>;
  pending: import('vue').Ref<boolean>;
  error: import('vue').Ref<string>;
}
