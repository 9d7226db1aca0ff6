// The build-time snapshot (src/snapshot/): figures of the default views computed in Node with the same
// SQL and shipped inside index.html, so the first screen shows real numbers before DuckDB has started.
// While the dataset loads, a stand-in Db answers the recorded queries from the snapshot and hands
// every other call to the real database once the data is in; then the real database takes over.
import { computed, ref } from 'vue';
import type { Db, Param, Row } from '../db/types';
import { queryKey } from '../snapshot/key';
import { SNAPSHOT_ELEMENT_ID, SNAPSHOT_FORMAT, unpackRows, type PackedRows, type Snapshot, type SnapshotQueries } from '../snapshot/types';

let read: Snapshot | null | undefined;
/** true while figures on screen come from the snapshot */
const serving = ref(false);

/** The snapshot embedded in the page, if any (read once; a malformed one is ignored). */
export function readSnapshot(): Snapshot | null {
  if (read !== undefined) return read;
  read = null;
  if (typeof document === 'undefined') return read;
  const text = document.getElementById(SNAPSHOT_ELEMENT_ID)?.textContent;
  if (!text) return read;
  try {
    const s = JSON.parse(text) as Snapshot;
    if (s && s.format === SNAPSHOT_FORMAT && s.queries && typeof s.package === 'string') read = s;
  } catch {
    read = null;
  }
  return read;
}

export function setServing(v: boolean) {
  serving.value = v;
}

const more = new Map<string, Promise<Record<string, PackedRows> | null>>();
/**
 * The recorded queries of the snapshot's `more` file (fetched once, on the first query the page's own
 * block lacks); null when there is none or it cannot be read (offline and never cached, another build's
 * file): then the real database answers.
 */
function moreQueries(snap: Snapshot): Promise<Record<string, PackedRows> | null> {
  const name = snap.more;
  if (!name || typeof location === 'undefined' || typeof fetch === 'undefined') return Promise.resolve(null);
  let p = more.get(name);
  if (!p) {
    p = fetch(new URL(name, new URL(import.meta.env.BASE_URL, location.origin)).href, { credentials: 'same-origin' })
      .then((r) => (r.ok ? r.json() as Promise<SnapshotQueries> : null))
      .then((f) => (f && f.format === SNAPSHOT_FORMAT && f.package === snap.package && f.queries ? f.queries : null))
      .catch(() => null);
    more.set(name, p);
  }
  return p;
}

/**
 * A Db over the snapshot: recorded queries are answered at once while `serving` (from the page's block,
 * else from the `more` file); anything else waits for `loaded()` (which starts the real dataset's load,
 * if it waits, and resolves once it is in the real database) and runs there.
 */
export function snapshotDb(snap: Snapshot, real: () => Promise<Db>, loaded: () => Promise<unknown>): Db {
  // a query the snapshot has not recorded starts the real load (if it still waits) and runs once it is in
  const later = async () => { await loaded().catch(() => {}); return real(); };
  return {
    async query<T = Row>(sql: string, params: Param[] = []): Promise<T[]> {
      if (serving.value) {
        // rows are unpacked afresh for every caller: no two views share (and mutate) one object
        const key = queryKey(sql, params);
        const hit = snap.queries[key] ?? (await moreQueries(snap))?.[key];
        if (hit && serving.value) return unpackRows<T>(hit);
      }
      return (await later()).query<T>(sql, params);
    },
    exec: async (sql) => (await real()).exec(sql),
    insertArrowIpc: async (t, ipc, create) => (await real()).insertArrowIpc(t, ipc, create),
    registerFile: async (n, b) => (await real()).registerFile(n, b),
    dropFile: async (n) => (await real()).dropFile(n),
    close: async () => (await real()).close(),
  };
}

/** For views that want to say where the figures come from, or show a chart drawn at build time. */
export function useSnapshot() {
  const snap = readSnapshot();
  return {
    /** figures on screen come from the build-time snapshot (DuckDB not ready yet) */
    serving: computed(() => serving.value),
    builtAt: snap?.builtAt ?? null,
    /** SVG of a default chart drawn at build time (path relative to the page), by chart id */
    chartSvg: (id: string): string | null => snap?.charts[id] ?? null,
  };
}

let watching = false;

/**
 * Mark `chiso:first-data-paint` once the first figure of a metric (FigureCell's data-metric and
 * data-value attributes) is in the document and painted, whether it came from the snapshot or DuckDB.
 */
export function watchFirstDataPaint(root: Document = document): void {
  if (watching || typeof MutationObserver === 'undefined') return;
  watching = true;
  const selector = '[data-metric][data-value]:not([data-value=""])';
  const done = () => {
    // the next frame after the DOM change is when it is on screen
    requestAnimationFrame(() => setTimeout(() => performance.mark('chiso:first-data-paint'), 0));
  };
  if (root.querySelector(selector)) { done(); return; }
  const obs = new MutationObserver(() => {
    if (root.querySelector(selector)) { obs.disconnect(); done(); }
  });
  obs.observe(root.documentElement, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-value'] });
}
