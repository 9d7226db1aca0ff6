// The inside of the coordinator (Mosaic's Coordinator and QueryManager are the model): every db.query a
// page's QuerySpec makes goes through here.
// - Cache: results by SQL text + bound parameters + dataset version (units, targets and the cube's
//   presence are asked by every view and answered once per dataset).
// - Consolidation: identical queries in flight share one request.
// - Queue: the queries made in the same tick (every view's) are sent together once the tick ends: as
//   ONE statement when the Db combines (combine() below: one round trip; Node's Db does, the
//   browser's does not, it measured slower there: src/db/browser.ts), else back to back without
//   waiting; queries of a run that newer filters have superseded are dropped before they are sent (a prepared statement cannot be cancelled once the
//   worker has it: src/db/statements.ts). Should the combined statement fail, each query is sent alone,
//   so its error reaches its own caller.
// - Prepared statements: the Db keeps each statement text prepared (src/db/statements.ts), so a view
//   that asks the same statement with new parameters is neither parsed nor planned again.
import type { Db, Param, Row } from '../db/types';

export class Superseded extends Error {
  constructor() {
    super('superseded');
  }
}

export interface CoordinatorStats {
  /** db.query calls made by specs */
  asked: number;
  /** of which answered from the cache or by a query already in flight */
  cached: number;
  /** sent to the database (round trips to the worker) */
  sent: number;
  /** dropped before being sent (their run was superseded) */
  dropped: number;
}

interface Pending {
  sql: string;
  params: Param[];
  key: string;
  /** the runs waiting for it: sent while any is still current */
  lives: (() => boolean)[];
  resolve: (rows: Row[]) => void;
  reject: (e: unknown) => void;
}

const CACHE_LIMIT = 500;

/**
 * Queries as one statement: one column per query, its rows as a list of structs in the query's own
 * order (row_number() over the query as it comes, then list(… ORDER BY) on it); the parameters are
 * every query's in turn (placeholders are positional `?`). No rows is NULL. src/db/convert.ts converts
 * the nested values exactly as a plain query's columns.
 */
export function combine(batch: { sql: string; params: Param[] }[]): { sql: string; params: Param[] } {
  const cols = batch.map((q, i) => {
    // a trailing comment or semicolon must not swallow the closing parenthesis
    const sql = q.sql.replace(/;\s*$/, '');
    return `(SELECT list(__t ORDER BY __i) FROM (SELECT row_number() OVER () AS __i, __q AS __t FROM (\n${sql}\n) __q)) AS r${i}`;
  });
  return { sql: `SELECT ${cols.join(',\n  ')}`, params: batch.flatMap((q) => q.params) };
}

/** The combined statement's one row → each query's rows. */
export function split(row: Row | undefined, n: number): Row[][] {
  return Array.from({ length: n }, (_, i) => (row?.[`r${i}`] as Row[] | null | undefined) ?? []);
}

export class Coordinator {
  readonly stats: CoordinatorStats = { asked: 0, cached: 0, sent: 0, dropped: 0 };
  private cache = new Map<string, Row[]>();
  private inflight = new Map<string, { p: Promise<Row[]>; q: Pending | null }>();
  private queue: Pending[] = [];
  private scheduled = false;
  private version = -1;

  constructor(private base: () => Promise<Db>) {}

  /** A Db for one run of a spec: its queries are cached and queued; `live` false drops unsent ones. */
  db(version: number, live: () => boolean = () => true): Db {
    if (version !== this.version) {
      this.version = version;
      this.cache.clear();
      this.inflight.clear();
    }
    const query = <T = Row>(sql: string, params: Param[] = []): Promise<T[]> => this.ask(version, sql, params, live) as Promise<T[]>;
    const direct = async () => this.base();
    return {
      query,
      exec: async (sql) => (await direct()).exec(sql),
      insertArrowIpc: async (t, ipc, create) => (await direct()).insertArrowIpc(t, ipc, create),
      registerFile: async (n, b) => (await direct()).registerFile(n, b),
      dropFile: async (n) => (await direct()).dropFile(n),
      close: async () => (await direct()).close(),
    };
  }

  private ask(version: number, sql: string, params: Param[], live: () => boolean): Promise<Row[]> {
    this.stats.asked++;
    const key = `${version}\u0000${sql}\u0000${JSON.stringify(params)}`;
    const hit = this.cache.get(key);
    // rows are copied for every caller: no two views share (and mutate) one object
    if (hit) { this.stats.cached++; return Promise.resolve(hit.map((r) => ({ ...r }))); }
    const flying = this.inflight.get(key);
    if (flying) {
      this.stats.cached++;
      flying.q?.lives.push(live);
      return flying.p.then((rows) => rows.map((r) => ({ ...r })));
    }
    let pending: Pending | null = null;
    const p = new Promise<Row[]>((resolve, reject) => {
      pending = { sql, params, key, lives: [live], resolve, reject };
      this.queue.push(pending);
    });
    const entry = { p, q: pending as Pending | null };
    this.inflight.set(key, entry);
    p.then((rows) => {
      if (this.inflight.get(key) === entry) this.inflight.delete(key);
      if (key.startsWith(`${this.version}\u0000`)) {
        if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
        this.cache.set(key, rows);
      }
    }, () => { if (this.inflight.get(key) === entry) this.inflight.delete(key); });
    if (!this.scheduled) {
      this.scheduled = true;
      // the end of this tick: every query the spec's Promise.all made synchronously is in the queue
      setTimeout(() => void this.flush(), 0);
    }
    return p.then((rows) => rows.map((r) => ({ ...r })));
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const queued = this.queue;
    this.queue = [];
    const db = await this.base().catch((e) => { queued.forEach((q) => q.reject(e)); return null; });
    if (!db) return;
    const batch: Pending[] = [];
    for (const q of queued) {
      if (!q.lives.some((l) => l())) { this.stats.dropped++; q.reject(new Superseded()); continue; }
      const entry = this.inflight.get(q.key);
      if (entry) entry.q = null; // sent: a later asker just waits for the answer
      batch.push(q);
    }
    if (batch.length > 1 && db.combines) {
      const { sql, params } = combine(batch);
      this.stats.sent++;
      const rows = await db.query(sql, params).then((r) => split(r[0], batch.length), () => null);
      if (rows) { batch.forEach((q, i) => q.resolve(rows[i])); return; }
      // one of them failed: each alone, so the error reaches the query that caused it
    }
    await this.sendEach(db, batch);
  }

  /** Sent back to back without waiting for each answer: the worker runs them in order. */
  private async sendEach(db: Db, batch: Pending[]): Promise<void> {
    await Promise.all(batch.map(async (q) => {
      this.stats.sent++;
      try {
        q.resolve(await db.query(q.sql, q.params));
      } catch (e) {
        q.reject(e);
      }
    }));
  }
}
