// The one load step: a validated dataset → DuckDB → derived tables, the same in the browser (dataset
// store), at build time (snapshot) and in the summary and pack commands, so every place shows the same
// figures and keeps the same row account (read = loaded + reported, dossier rows included).
//
//   tables    canonical tables (validated in JS) replace the database's
//   dossiers  dossier rows in bulk (Parquet decoded group by group by the reader the caller passes:
//             a worker in the browser, parquet-wasm's Node build in Node), then checked in SQL
//   derive    dossier rows → day-grain dossier_counts with the 766 rules (when none were published),
//             then every step of DERIVE_STEPS (the cumulative cube)
//
// What differs between places is passed in (LoadOptions), never imported here: this file has no
// browser-only and no Node-only import.
import type { Db } from '../db/types';
import { loadBulk, type BulkHooks, type BulkOptions } from '../db/bulk';
import { loadIntoDb } from '../db/tables';
import type { Issue, LoadedDataset, RowAccount } from '../datasets/types';
import { BY_CHANNEL_TABLE, deriveDossierCounts, type DataFacts, type DeriveResult } from '../metrics/dossiers';
import { dataFacts } from './facts';
import { checkDossierRows, type BulkPart } from './dossierRows';
import { DERIVE_STEPS } from './derive';
import { releasePack } from './pack';

export type LoadStage = 'tables' | 'dossiers' | 'check' | 'derive' | 'facts' | 'done';

export interface LoadProgress {
  stage: LoadStage;
  /** the derive step running (stage 'derive'), e.g. 'dossier_counts', 'cube' */
  step?: string;
  /** 0..1 over the whole load (within a stage: row groups read, dossier rows derived) */
  fraction: number;
  /** within the stage: units done and in all (row groups for 'dossiers', rowids for 'dossier_counts') */
  done?: number;
  total?: number;
}

export interface LoadOptions extends BulkOptions {
  onProgress?: (p: LoadProgress) => void;
  /** checked between stages, row groups and derive chunks: an aborted load stops there */
  signal?: { aborted: boolean };
  /**
   * Leave the database as it was when the load is cancelled or fails (the import page): dossier files
   * are read into a staging table first, and everything that replaces loaded tables runs in one
   * transaction, rolled back on cancel or error. Off in Node commands, which load into a fresh database.
   */
  atomic?: boolean;
}

export interface LoadResult extends DataFacts {
  /** warnings found while loading (rows left out of the counts or not loaded), with file and row */
  notes: Issue[];
  /** the dataset's row accounts completed with those of the dossier files loaded in bulk */
  accounts: RowAccount[];
  derived: DeriveResult | null;
  /** milliseconds per stage and derive step, for the bench and the pack command */
  timings: Record<string, number>;
}

export class LoadCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Where each stage starts on the load's 0..1 scale (a stage fills the span up to the next one). */
const FRACTION: Record<LoadStage, number> = { tables: 0, dossiers: 0.02, check: 0.45, derive: 0.5, facts: 0.97, done: 1 };
/** Within 'derive': the counts (chunked) up to here, then the derive steps (the cube). */
const COUNTS_END = 0.72;

/** Dossier rows read in bulk wait here until the load replaces `dossiers` (staging, committed outside
 *  the load's transaction so their rows keep plain rowids and the database's compression). */
const STAGED_DOSSIERS = '__import_dossiers';

/** Dossier files one after the other into one table; each file's rows keep their rowids. */
async function loadDossierFiles(db: Db, bulk: NonNullable<LoadedDataset['bulk']>, opts: BulkOptions, target: string, hooks: BulkHooks): Promise<BulkPart[]> {
  const files = bulk.filter((b) => b.table === 'dossiers');
  const parts: BulkPart[] = [];
  let total = 0;
  for (const [i, b] of files.entries()) {
    const file: BulkHooks = { checkpoint: hooks.checkpoint, onGroup: (done, groups) => hooks.onGroup?.((i + done / groups) / files.length, 1) };
    await loadBulk(db, [b], opts, { ...file, target });
    if (files.length > 1) {
      // the bulk loader replaces `target`: the files read so far wait in an accumulating table
      if (i === 0) await db.exec(`DROP TABLE IF EXISTS __dossiers_acc; ALTER TABLE "${target}" RENAME TO __dossiers_acc`);
      else await db.exec(`INSERT INTO __dossiers_acc BY NAME SELECT * FROM "${target}"; DROP TABLE "${target}"`);
    }
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${files.length > 1 ? '__dossiers_acc' : `"${target}"`}`);
    parts.push({ file: b.file, format: b.format, from: total, rows: n - total });
    total = n;
  }
  if (files.length > 1) await db.exec(`ALTER TABLE __dossiers_acc RENAME TO "${target}"`);
  return parts;
}

/** Put a validated dataset in the database (the caller has checked it has no errors). */
export async function loadDataset(db: Db, ds: LoadedDataset, opts: LoadOptions = {}): Promise<LoadResult> {
  const timings: Record<string, number> = {};
  const checkpoint = () => { if (opts.signal?.aborted) throw new LoadCancelled(); };
  const stage = async <T>(name: LoadStage, run: () => Promise<T>, step?: string, at = FRACTION[name]): Promise<T> => {
    checkpoint();
    opts.onProgress?.({ stage: name, step, fraction: at });
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      timings[step ?? name] = performance.now() - t0;
    }
  };
  /** progress inside a stage: `done` of `total` maps onto [a, b) of the load's scale */
  const within = (name: LoadStage, a: number, b: number, step?: string) => (done: number, total: number) => {
    opts.onProgress?.({ stage: name, step, fraction: a + (b - a) * (total > 0 ? Math.min(1, done / total) : 1), done, total });
  };
  const notes: Issue[] = [];
  const accounts: RowAccount[] = [...ds.accounts];
  let derived: DeriveResult | null = null;
  const bulk = ds.bulk ?? [];
  const hasBulk = bulk.some((b) => b.table === 'dossiers');
  const atomic = opts.atomic === true;

  // a packed package opened before: its views give way to tables; its files are detached once the load
  // is kept (a cancelled atomic load rolls the views back and finds the files still attached)
  let detachPack = async () => {};
  const tables = () => stage('tables', async () => {
    detachPack = await releasePack(db);
    await loadIntoDb(db, ds);
    await db.exec(`DROP TABLE IF EXISTS ${BY_CHANNEL_TABLE}`);
    if (hasBulk && atomic) await db.exec(`DROP TABLE IF EXISTS dossiers; ALTER TABLE "${STAGED_DOSSIERS}" RENAME TO dossiers`);
  }, undefined, atomic && hasBulk ? FRACTION.check : FRACTION.tables);
  if (!atomic) await tables();

  // Dossier files (the long part, cancellable group by group): into `dossiers` directly, or when atomic
  // first of all, into a staging table that nothing reads, so stopping here touches nothing loaded before.
  let parts: BulkPart[] = [];
  if (hasBulk) {
    try {
      parts = await stage('dossiers', () => loadDossierFiles(db, bulk, opts, atomic ? STAGED_DOSSIERS : 'dossiers', {
        checkpoint, onGroup: within('dossiers', FRACTION.dossiers, FRACTION.check),
      }));
    } catch (e) {
      if (atomic) await db.exec(`DROP TABLE IF EXISTS "${STAGED_DOSSIERS}"; DROP TABLE IF EXISTS __dossiers_acc; DROP TABLE IF EXISTS __bulk_dossiers`).catch(() => {});
      throw e;
    }
    if (typeof performance.mark === 'function') performance.mark('chiso:bulk-loaded');
  }

  if (atomic) await db.exec('BEGIN TRANSACTION');
  try {
    if (atomic) await tables();
    if (hasBulk) {
      const check = await stage('check', () => checkDossierRows(db, parts));
      notes.push(...check.notes);
      // a file read in bulk has no account yet (the JS validator never saw its rows)
      for (const a of check.accounts) {
        const i = accounts.findIndex((x) => x.file === a.file && (x.table === 'dossiers' || x.table === 'unknown'));
        if (i >= 0) accounts[i] = a; else accounts.push(a);
      }
    }
    // Dossier rows give the day-grain counts, unless the package published its own (then they are kept).
    const [c] = await db.query<{ counts: number; dossiers: number }>(
      'SELECT (SELECT count(*) FROM dossier_counts) AS counts, (SELECT count(*) FROM dossiers) AS dossiers');
    if (c.dossiers > 0 && c.counts === 0) {
      const progress = within('derive', FRACTION.derive, COUNTS_END, 'dossier_counts');
      derived = await stage('derive', () => deriveDossierCounts(db, {
        onChunk: (done, total) => { progress(done, total); checkpoint(); },
      }), 'dossier_counts');
      if (typeof performance.mark === 'function') performance.mark('chiso:derived');
      const file = bulk.find((b) => b.table === 'dossiers')?.file ?? ds.tables.dossiers?.origins[0]?.file ?? 'dossiers';
      if (derived.notReceived > 0) {
        notes.push({
          severity: 'warning', code: 'dossiers_not_received', file, column: 'status',
          message: `Tệp ${file}: ${derived.notReceived.toLocaleString('vi-VN')} hồ sơ chưa được tiếp nhận (trạng thái 1) hoặc thiếu ngày tiếp nhận/ngày hẹn trả: đã nạp nhưng không tính vào số liệu.`,
          message_en: `File ${file}: ${derived.notReceived.toLocaleString('en-US')} dossiers not yet received (status 1) or without a receipt or due date: loaded but not counted.`,
        });
      }
    }
    for (const [i, step] of DERIVE_STEPS.entries()) {
      const at = COUNTS_END + ((FRACTION.facts - COUNTS_END) * i) / DERIVE_STEPS.length;
      await stage('derive', () => step.run(db), step.name, at);
    }
    const facts = await stage('facts', () => dataFacts(db));
    checkpoint(); // the last moment a cancel is honoured: past here the load is kept
    if (atomic) await db.exec('COMMIT');
    await detachPack();
    opts.onProgress?.({ stage: 'done', fraction: 1 });
    return { ...facts, notes, accounts, derived, timings };
  } catch (e) {
    if (atomic) {
      // everything since BEGIN is undone (the staged dossier rows too: dropped after the rollback)
      await db.exec('ROLLBACK').catch(() => {});
      await db.exec(`DROP TABLE IF EXISTS "${STAGED_DOSSIERS}"`).catch(() => {});
    }
    throw e;
  }
}

export { dataFacts };
