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
import { loadBulk, type BulkOptions } from '../db/bulk';
import { loadIntoDb } from '../db/tables';
import type { Issue, LoadedDataset, RowAccount } from '../datasets/types';
import { BY_CHANNEL_TABLE, deriveDossierCounts, type DataFacts, type DeriveResult } from '../metrics/dossiers';
import { dataFacts } from './facts';
import { checkDossierRows, type BulkPart } from './dossierRows';
import { DERIVE_STEPS } from './derive';
import { closePack } from './pack';

export type LoadStage = 'tables' | 'dossiers' | 'check' | 'derive' | 'facts' | 'done';

export interface LoadProgress {
  stage: LoadStage;
  /** the derive step running (stage 'derive'), e.g. 'dossier_counts', 'cube' */
  step?: string;
  /** 0..1, by stage */
  fraction: number;
}

export interface LoadOptions extends BulkOptions {
  onProgress?: (p: LoadProgress) => void;
  /** checked between stages: an aborted load stops there (the caller then loads something else) */
  signal?: { aborted: boolean };
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

const FRACTION: Record<LoadStage, number> = { tables: 0, dossiers: 0.1, check: 0.6, derive: 0.7, facts: 0.95, done: 1 };

/** Dossier files one after the other into one `dossiers` table; each file's rows keep their rowids. */
async function loadDossierFiles(db: Db, bulk: NonNullable<LoadedDataset['bulk']>, opts: BulkOptions): Promise<BulkPart[]> {
  const files = bulk.filter((b) => b.table === 'dossiers');
  const parts: BulkPart[] = [];
  let total = 0;
  for (const [i, b] of files.entries()) {
    await loadBulk(db, [b], opts);
    if (files.length > 1) {
      // the bulk loader replaces `dossiers`: the files read so far wait in an accumulating table
      if (i === 0) await db.exec('DROP TABLE IF EXISTS __dossiers_acc; ALTER TABLE dossiers RENAME TO __dossiers_acc');
      else await db.exec('INSERT INTO __dossiers_acc BY NAME SELECT * FROM dossiers; DROP TABLE dossiers');
    }
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${files.length > 1 ? '__dossiers_acc' : 'dossiers'}`);
    parts.push({ file: b.file, format: b.format, from: total, rows: n - total });
    total = n;
  }
  if (files.length > 1) await db.exec('ALTER TABLE __dossiers_acc RENAME TO dossiers');
  return parts;
}

/** Put a validated dataset in the database (the caller has checked it has no errors). */
export async function loadDataset(db: Db, ds: LoadedDataset, opts: LoadOptions = {}): Promise<LoadResult> {
  const timings: Record<string, number> = {};
  const stage = async <T>(name: LoadStage, run: () => Promise<T>, step?: string): Promise<T> => {
    if (opts.signal?.aborted) throw new LoadCancelled();
    opts.onProgress?.({ stage: name, step, fraction: FRACTION[name] });
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      timings[step ?? name] = performance.now() - t0;
    }
  };
  const notes: Issue[] = [];
  const accounts: RowAccount[] = [...ds.accounts];
  let derived: DeriveResult | null = null;

  await stage('tables', async () => {
    await closePack(db); // a packed package opened before: its views give way to tables
    await loadIntoDb(db, ds);
    await db.exec(`DROP TABLE IF EXISTS ${BY_CHANNEL_TABLE}`);
  });
  const bulk = ds.bulk ?? [];
  if (bulk.some((b) => b.table === 'dossiers')) {
    const parts = await stage('dossiers', () => loadDossierFiles(db, bulk, opts));
    if (typeof performance.mark === 'function') performance.mark('chiso:bulk-loaded');
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
    derived = await stage('derive', () => deriveDossierCounts(db), 'dossier_counts');
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
  for (const step of DERIVE_STEPS) await stage('derive', () => step.run(db), step.name);
  const facts = await stage('facts', () => dataFacts(db));
  opts.onProgress?.({ stage: 'done', fraction: 1 });
  return { ...facts, notes, accounts, derived, timings };
}

export { dataFacts };
