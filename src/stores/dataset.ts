// The working dataset: which package is open, its validation result, and the database it lives in.
// A refused package never touches the database: what was on screen stays.
//
// Fast at every size: the loader, DuckDB and the dossier decoder are imported on demand (the first
// bundle stays small), and when the page opens the package its build-time snapshot was made from, the
// snapshot's figures are served at once while DuckDB starts and loads in the background (stores/snapshot.ts).
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Db, Param } from '../db/types';
import { hasErrors, type DatasetMeta, type Issue, type LoadedDataset, type RowAccount } from '../datasets/types';
import type { UnitInfo } from '../metrics/evaluate';
import type { Source } from '../datasets/package';
import type { PackDescriptor } from '../load/pack';
import type { PackParts } from '../url/packParts';
import type { LoadOptions, LoadResult } from '../load';
import { LIMITS } from '../datasets/limits';
import { readSnapshot, setServing, snapshotDb, watchFirstDataPaint } from './snapshot';
import type { Snapshot } from '../snapshot/types';

export const DEFAULT_PACKAGE = 'data/sample/datapackage.json';

/** Set by the benchmark (scripts/bench/) before the page loads: it reads the queries a view runs and
 *  replays them bare on the same database to measure the floor. Absent in normal use. */
interface BenchHook { log?: { sql: string; params: Param[] }[]; bare?: Db }

function benchWrap(d: Db): Db {
  const hook = (globalThis as { __chisoBench?: BenchHook }).__chisoBench;
  if (!hook) return d;
  hook.bare = d;
  return { ...d, query: (sql, params = []) => { hook.log?.push({ sql, params }); return d.query(sql, params); } };
}

export interface Refusal {
  origin: string;
  issues: Issue[];
  accounts: RowAccount[];
}

/**
 * A Source that leaves dossier Parquet files outside the page's memory: the package's descriptor names
 * them; each is fetched (same origin, same size limit as the loader) as the response's Blob, which the
 * browser keeps outside the page's heap and the Parquet worker reads group by group. The loader gets an
 * empty placeholder (it never reads a Parquet file's bytes: dossier rows go to the bulk path) and
 * `blobs` has the file. The Parquet worker starts as soon as such a file is named.
 */
function dossierBlobs(source: Source, blobs: Map<string, Blob>): Source {
  const parquet = new Set<string>();
  return {
    origin: source.origin,
    async read(path: string) {
      if (parquet.has(path)) {
        const [{ sameOriginUrl }] = await Promise.all([import('../datasets/httpSource')]);
        const res = await fetch(sameOriginUrl(path, source.origin), { credentials: 'omit', redirect: 'error' });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const blob = await res.blob();
        if (blob.size > LIMITS.maxBinaryBytes) throw new Error(`> ${Math.round(LIMITS.maxBinaryBytes / 1048576)} MB`);
        blobs.set(path, blob);
        return new Uint8Array(0);
      }
      const bytes = await source.read(path);
      if (path === 'datapackage.json') {
        try {
          const d = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')) as { resources?: { name?: unknown; path?: unknown; format?: unknown }[] };
          for (const r of d.resources ?? []) {
            if (r?.name === 'dossiers' && typeof r.path === 'string' && (r.format === 'parquet' || /\.parquet$/i.test(r.path))) parquet.add(r.path.trim());
          }
          if (parquet.size) void import('../db/parquetBrowser').then((m) => m.warmParquetWorker());
        } catch { /* the loader reports a bad descriptor */ }
      }
      return bytes;
    },
  };
}

export const useDatasetStore = defineStore('dataset', () => {
  const dbState = ref<'starting' | 'ready' | 'failed'>('starting');
  const dbError = ref('');
  const loading = ref(false);
  const meta = shallowRef<DatasetMeta | null>(null);
  const warnings = shallowRef<Issue[]>([]);
  const accounts = shallowRef<RowAccount[]>([]);
  const refusal = shallowRef<Refusal | null>(null);
  const units = shallowRef<UnitInfo[]>([]);
  const span = shallowRef<{ from: string; to: string } | null>(null);
  /** bumps on every successful load (and once when the snapshot is served): results recompute on it */
  const version = ref(0);
  /** daily or weekly rows (or dossier rows) exist: ISO weeks make sense */
  const hasDays = ref(false);
  /** dossier-level data: counts exist per channel of receipt */
  const hasChannels = ref(false);
  /** the figures on screen come from the build-time snapshot; DuckDB takes over when ready */
  const fromSnapshot = ref(false);
  let dbPromise: Promise<Db> | null = null;
  let proxy: Db | null = null;
  let settleFirstLoad: () => void = () => {};
  const firstLoad = new Promise<void>((resolve) => { settleFirstLoad = resolve; });

  if (typeof document !== 'undefined') watchFirstDataPaint();

  /** The real DuckDB (started once, in the background). */
  function realDb(): Promise<Db> {
    if (!dbPromise) {
      dbPromise = import('../db/browser').then((m) => m.startBrowserDb()).then(
        (d) => { dbState.value = 'ready'; return benchWrap(d); },
        (e) => { dbState.value = 'failed'; dbError.value = String((e as Error).message ?? e); dbPromise = null; throw e; },
      );
    }
    return dbPromise;
  }

  /** The database views query: the snapshot's stand-in until the first dataset is loaded, then DuckDB. */
  function db(): Promise<Db> {
    // Reads wait for a replacement under way, so a view never sees half of one dataset and half of another.
    return proxy && fromSnapshot.value ? Promise.resolve(proxy) : writing.then(realDb);
  }

  /** The package URL, absolute (the snapshot's path is relative to the app's base, as App.vue opens it). */
  const absolute = (url: string) => (typeof location === 'undefined' ? url
    : new URL(url, new URL(import.meta.env.BASE_URL, location.origin)).href);

  // DuckDB (its 34 MB wasm) and the package's files wait, while the snapshot answers the view, until the
  // person interacts (wake(): pointer, key, focus, route change) or a view asks what the snapshot has not.
  let deferred: (() => void) | null = null;
  let awake = false;
  /** Start the load the snapshot let wait (and let no later open wait: the person is here). */
  function wake() { awake = true; deferred?.(); }

  /** Serve the build-time snapshot when the page opens the very package it was made from. */
  function serveSnapshot(url: string): boolean {
    const snap = readSnapshot();
    if (!snap || version.value !== 0 || absolute(url) !== absolute(snap.package)) return false;
    proxy = snapshotDb(snap, realDb, () => { wake(); return firstLoad; });
    servedUrl = url;
    const origin = typeof location !== 'undefined' ? new URL(snap.package, location.href).href : snap.package;
    meta.value = { ...snap.meta, origin };
    warnings.value = snap.warnings;
    accounts.value = snap.accounts;
    units.value = snap.units;
    span.value = snap.span;
    hasDays.value = snap.hasDays;
    hasChannels.value = snap.hasChannels;
    fromSnapshot.value = true;
    setServing(true);
    version.value++;
    return true;
  }
  let servedUrl: string | null = null;

  /** The build's server render (src/prerender/entry.ts): the snapshot's state, every query on `build`. */
  function prerender(snap: Snapshot, build: Db) {
    proxy = build;
    meta.value = { ...snap.meta };
    warnings.value = snap.warnings;
    accounts.value = snap.accounts;
    units.value = snap.units;
    span.value = snap.span;
    hasDays.value = snap.hasDays;
    hasChannels.value = snap.hasChannels;
    fromSnapshot.value = true;
    version.value = 1;
  }

  // Loads never interleave in the database: each replacement waits for the one before it, and an
  // `open` that a newer `open` has superseded is dropped (the latest request wins).
  let writing: Promise<unknown> = Promise.resolve();
  let openSeq = 0;

  /** Put a validated dataset in the database, unless it has errors (then keep what we have). */
  function replaceWith(ds: LoadedDataset, blobs?: ReadonlyMap<string, Blob>, isCurrent?: () => boolean, load?: LoadOptions): Promise<boolean> {
    // A dataset given directly (the import page's confirmation) supersedes any `open` still under way.
    if (!isCurrent) {
      const mine = ++openSeq;
      isCurrent = () => mine === openSeq;
    }
    const current = isCurrent;
    const run = writing.then(() => (current() ? replaceNow(ds, blobs, load) : false));
    writing = run.catch(() => {});
    return run;
  }

  /** `load`: the import page's progress, cancel and atomic load (src/load: a cancel leaves the data as it was) */
  async function replaceNow(ds: LoadedDataset, blobs?: ReadonlyMap<string, Blob>, load?: LoadOptions): Promise<boolean> {
    if (hasErrors(ds.issues)) {
      refusal.value = { origin: ds.meta.origin ?? '', issues: ds.issues, accounts: ds.accounts };
      return false;
    }
    const [d, loader, parquet] = await Promise.all([realDb(), import('../load'), import('../db/parquetBrowser')]);
    if (ds.bulk?.length) performance.mark('chiso:bulk-start');
    const facts = await loader.loadDataset(d, ds, { ...load, parquet: parquet.browserParquetDecoder, blobs });
    openedPack = null; // kept only now: a cancelled load leaves the pack open as it was
    showLoaded(ds.meta, [...ds.issues.filter((i) => i.severity === 'warning'), ...facts.notes], facts);
    return true;
  }

  /** What a finished load (tables or a pack) puts on screen: the figures of the database from now on. */
  function showLoaded(m: DatasetMeta, notes: Issue[], facts: LoadResult): void {
    meta.value = m;
    warnings.value = notes;
    accounts.value = facts.accounts;
    refusal.value = null;
    units.value = facts.units;
    span.value = facts.span;
    hasDays.value = facts.hasDays;
    hasChannels.value = facts.hasChannels;
    fromSnapshot.value = false;
    setServing(false);
    version.value++;
    performance.mark('chiso:data-ready');
  }

  // A packed package attaches only the partitions the view needs (src/url/packParts.ts: the period's
  // years and the year before, ?years=, ?province=); `need` is told the view's parts on every URL change
  // (stores/filters.ts) and attaches what is missing, before the view's next query runs.
  /** the view's parts, given the pack's span (set by the filters store; absent: the whole pack) */
  let wanted: ((span: { from: string; to: string } | null, hasDays: boolean) => PackParts) | null = null;
  /** the pack open now and where its files come from */
  let openedPack: { source: Source; pack: PackDescriptor } | null = null;
  const partsOf = (pack: PackDescriptor): PackParts => {
    const f = pack.pack.facts;
    return wanted && f ? wanted(f.span, f.hasDays) : {};
  };

  /** Attach a packed package in place of the data, queued like any replacement (a pack has no errors
   *  to refuse: it was made from a package the load step accepted). */
  function replaceWithPack(source: Source, pack: PackDescriptor, isCurrent: () => boolean): Promise<boolean> {
    const run = writing.then(async () => {
      if (!isCurrent()) return false;
      const [d, packs] = await Promise.all([realDb(), import('../load/pack')]);
      const facts = await packs.openPack(d, source, pack, partsOf(pack));
      openedPack = { source, pack };
      showLoaded({ name: pack.name, title: pack.title, created: pack.created, sources: pack.sources, licenses: pack.licenses, origin: source.origin }, facts.notes, facts);
      return true;
    });
    writing = run.catch(() => {});
    return run;
  }

  /**
   * The view's parts of a packed package (called on every URL change): the partitions it lacks are
   * attached, queued before any later query (db() waits for `writing`), and the version bumps so the
   * views run again on the wider data.
   */
  function need(parts: (span: { from: string; to: string } | null, hasDays: boolean) => PackParts): void {
    wanted = parts;
    const opened = openedPack;
    if (!opened || !dbPromise) return;
    const run = writing.then(async () => {
      if (openedPack !== opened) return;
      const [d, packs] = await Promise.all([realDb(), import('../load/pack')]);
      const added = await packs.extendPack(d, opened.source, opened.pack, partsOf(opened.pack));
      if (added?.length && openedPack === opened) version.value++;
    });
    writing = run.catch(() => {});
  }

  async function open(url: string): Promise<boolean> {
    const mine = ++openSeq;
    const isCurrent = () => mine === openSeq;
    if (import.meta.env.SSR) return false;
    // A relative address means relative to the page it was asked from: resolved now, since the load may
    // start later (after an interaction), when the page is another one (/don-vi/… would ask for
    // /don-vi/data/sample/…, a 404).
    let target = url;
    try { if (typeof location !== 'undefined') target = new URL(url, location.href).href; } catch { /* refused below, with the file named */ }
    deferred = null;
    if (serveSnapshot(url) || (fromSnapshot.value && servedUrl != null && absolute(servedUrl) === absolute(url) && version.value === 1)) {
      // the snapshot answers this view: nothing more to fetch until the person interacts
      if (!awake) await new Promise<void>((resolve) => { deferred = () => { deferred = null; resolve(); }; });
      if (!isCurrent()) return false;
    }
    loading.value = true;
    realDb().catch(() => {}); // start the database while files download and validate
    try {
      // a single file (Biểu 06, 766 JSON…) rather than a package: read like a dropped file
      const single = await import('../datasets/worker/client');
      if (single.isSingleFileUrl(target)) return await replaceWith(await single.openFileUrl(target, LIMITS.maxBinaryBytes), undefined, isCurrent);
      const [{ loadPackage }, { httpSource }, packs] = await Promise.all([import('../datasets/package'), import('../datasets/httpSource'), import('../load/pack')]);
      // a packed package (npm run pack): its DuckDB files are attached in one step, nothing is derived
      const { pack, source } = await packs.readPackDescriptor(httpSource(target, LIMITS.maxBinaryBytes));
      // its files download while DuckDB starts (the database is not needed to fetch them)
      if (pack) return await replaceWithPack(packs.prefetchPack(source, pack, partsOf(pack)), pack, isCurrent);
      const blobs = new Map<string, Blob>();
      const ds = await loadPackage(dossierBlobs(source, blobs));
      return await replaceWith(ds, blobs, isCurrent);
    } catch (e) {
      if (!isCurrent()) return false;
      refusal.value = {
        origin: url,
        accounts: [],
        issues: [{ severity: 'error', code: 'missing_file', file: url, message: `Tệp ${url}: ${(e as Error).message}.`, message_en: `File ${url}: ${(e as Error).message}.` }],
      };
      return false;
    } finally {
      loading.value = false;
      settleFirstLoad();
    }
  }

  const ready = computed(() => version.value > 0);
  const isSample = computed(() => meta.value?.origin?.endsWith(DEFAULT_PACKAGE) ?? false);

  return { hasDays, hasChannels, fromSnapshot, dbState, dbError, loading, meta, warnings, accounts, refusal, units, span, version, ready, isSample, db, open, need, replaceWith, serveSnapshot, prerender, wake };
});
