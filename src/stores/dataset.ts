// The working dataset: which package is open, its validation result, and the database it lives in.
// A refused package never touches the database: what was on screen stays.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Db } from '../db/types';
import { startBrowserDb } from '../db/browser';
import { loadIntoDb } from '../db/tables';
import { httpSource } from '../datasets/httpSource';
import { LIMITS } from '../datasets/limits';
import { loadPackage } from '../datasets/package';
import { hasErrors, type DatasetMeta, type Issue, type LoadedDataset, type RowAccount } from '../datasets/types';
import { dataSpan, loadUnits, type UnitInfo } from '../metrics/evaluate';
import { loadBulk } from '../db/bulk';

export const DEFAULT_PACKAGE = 'data/sample/datapackage.json';

export interface Refusal {
  origin: string;
  issues: Issue[];
  accounts: RowAccount[];
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
  /** bumps on every successful load: results recompute on it */
  const version = ref(0);
  /** daily or weekly rows (or dossier rows) exist: ISO weeks make sense */
  const hasDays = ref(false);
  let dbPromise: Promise<Db> | null = null;

  function db(): Promise<Db> {
    if (!dbPromise) {
      dbPromise = startBrowserDb().then(
        (d) => { dbState.value = 'ready'; return d; },
        (e) => { dbState.value = 'failed'; dbError.value = String((e as Error).message ?? e); dbPromise = null; throw e; },
      );
    }
    return dbPromise;
  }

  /** Put a validated dataset in the database, unless it has errors (then keep what we have). */
  async function replaceWith(ds: LoadedDataset): Promise<boolean> {
    if (hasErrors(ds.issues)) {
      refusal.value = { origin: ds.meta.origin ?? '', issues: ds.issues, accounts: ds.accounts };
      return false;
    }
    const d = await db();
    await loadIntoDb(d, ds);
    if (ds.bulk?.length) await loadBulk(d, ds.bulk);
    const [u, s, g] = await Promise.all([loadUnits(d), dataSpan(d), d.query<{ n: number }>(
      `SELECT (SELECT count(*) FROM dossier_counts WHERE period_end - period_start < 7) + (SELECT count(*) FROM dossiers) AS n`)]);
    hasDays.value = (g[0]?.n ?? 0) > 0;
    meta.value = ds.meta;
    warnings.value = ds.issues.filter((i) => i.severity === 'warning');
    accounts.value = ds.accounts;
    refusal.value = null;
    units.value = u;
    span.value = s;
    version.value++;
    return true;
  }

  let openSeq = 0;
  async function open(url: string): Promise<boolean> {
    const mine = ++openSeq;
    loading.value = true;
    db().catch(() => {}); // start the database while files download and validate
    try {
      const ds = await loadPackage(httpSource(url, LIMITS.maxBinaryBytes));
      if (mine !== openSeq) return false; // a newer request has been made: the latest one wins
      return await replaceWith(ds);
    } catch (e) {
      refusal.value = {
        origin: url,
        accounts: [],
        issues: [{ severity: 'error', code: 'missing_file', file: url, message: `Tệp ${url}: ${(e as Error).message}.`, message_en: `File ${url}: ${(e as Error).message}.` }],
      };
      return false;
    } finally {
      loading.value = false;
    }
  }

  const ready = computed(() => version.value > 0);
  const isSample = computed(() => meta.value?.origin?.endsWith(DEFAULT_PACKAGE) ?? false);

  return { hasDays, dbState, dbError, loading, meta, warnings, accounts, refusal, units, span, version, ready, isSample, db, open, replaceWith };
});
