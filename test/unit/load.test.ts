// The one load step (src/load) through the summary command: a dossier-level package gives the figures a
// brute-force count over the generated rows gives (each dossier judged directly with the 766 rules, no
// day rows, no cumulative sums), whichever way the rows come (Parquet in bulk, CSV through the JS
// validator), and every file is in the row account; bad bulk rows are reported, not dropped; and every
// real published file in ../shared/real goes through the same command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runSummary } from '../../src/cli/summary';
import { DossierGenerator, type DossierChunk } from '../../src/sample/dossiers';
import { writeDossierFiles } from '../../src/sample/writeDossiers';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { loadPackage } from '../../src/datasets/package';
import { folderSource } from '../../src/cli/nodeSource';
import { loadDataset, type LoadProgress } from '../../src/load';
import { nodeParquetDecoder } from '../../src/db/parquetNode';
import { parquetSink } from '../../src/sample/dossierSinks';
import { evaluate } from '../../src/metrics/evaluate';

const ROWS = 3000;
const SEED = 7;
const DAY_MS = 86_400_000;
let dir: string;
let chunk: DossierChunk;

interface Doc {
  period: { from: string; to: string } | null;
  units: { unit_id: string; metrics: Record<string, { value: number | null; numerator: number | null; denominator: number | null }> }[];
  total: { metrics: Record<string, { value: number | null; numerator: number | null; denominator: number | null }> } | null;
  errors: { code: string; message_en: string }[];
  warnings: { code: string; row?: number; message_en: string }[];
  accounts: { file: string; table: string; read: number; loaded: number; reported: number }[];
}
const summary = async (...args: string[]) => {
  const r = await runSummary(args);
  return { code: r.code, doc: r.doc as Doc };
};

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'chiso-load-'));
  writeDossierFiles({ rows: ROWS, out: path.join(dir, 'parquet'), seed: SEED, formats: ['parquet'] });
  writeDossierFiles({ rows: ROWS, out: path.join(dir, 'csv'), seed: SEED, formats: ['csv'] });
  chunk = new DossierGenerator({ rows: ROWS, seed: SEED }).next(ROWS);
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Counts = Record<'early' | 'onTime' | 'lateResolved' | 'within' | 'overduePending' | 'online' | 'offline' | 'apologies', number>;

/**
 * Each dossier judged at the window's edges with the 766 rules (domain.md §1.2 group 2): on time iff
 * finished − supplement time is not after the due day; more than one supplement request is overdue;
 * a pending dossier is judged at the window's last day (the data's last day when the window runs past
 * it): overdue once that day is past due + supplement days, from receipt with 2+ requests, never while
 * it waits for the citizen's documents (status 5, one request). Status 1 was never received.
 */
function bruteForce(c: DossierChunk, from: string, to: string): Map<string, Counts> {
  const day = (ms: number) => Math.floor(ms / DAY_MS);
  const counted: number[] = [];
  for (let i = 0; i < c.length; i++) if (c.status[i] !== 1) counted.push(i);
  const endDay = Math.max(...counted.map((i) => Math.max(day(c.received_at[i]), c.finished_at[i] == null ? -Infinity : day(c.finished_at[i]!))));
  const lo = Date.parse(`${from}T00:00:00Z`) / DAY_MS;
  const hi = Math.min(Date.parse(`${to}T00:00:00Z`) / DAY_MS, endDay);
  const out = new Map<string, Counts>();
  for (const i of counted) {
    const u = c.unit_id[i];
    const k = out.get(u) ?? { early: 0, onTime: 0, lateResolved: 0, within: 0, overduePending: 0, online: 0, offline: 0, apologies: 0 };
    out.set(u, k);
    const r = day(c.received_at[i]);
    const f = c.finished_at[i] == null ? null : day(c.finished_at[i]!);
    const due = day(c.due_at[i]);
    const sd = c.supplement_days[i] ?? 0;
    const req = c.supplement_requests[i] ?? 0;
    let o: number | null = req > 1 ? r : f == null && c.status[i] === 5 ? null : Math.max(r, due + Math.floor(sd) + 1);
    if (o != null && o > endDay) o = null;
    if (r >= lo && r <= hi) { if (c.channel[i] === 2) k.online++; else k.offline++; }
    if (f != null && f >= lo && f <= hi) {
      const eff = Math.floor((c.finished_at[i]! - sd * DAY_MS) / DAY_MS);
      if (req > 1 || eff > due) k.lateResolved++; else if (eff < due) k.early++; else k.onTime++;
      if (c.apology_issued[i]) k.apologies++;
    }
    if (f == null && c.apology_issued[i] && (o ?? r) >= lo && (o ?? r) <= hi) k.apologies++;
    if (r <= hi && (f == null || f > hi)) {
      if (o != null && o <= hi) k.overduePending++; else k.within++;
    }
  }
  return out;
}

function expectFigures(doc: Doc, from: string, to: string) {
  const brute = bruteForce(chunk, from, to);
  let checked = 0;
  const total: Counts = { early: 0, onTime: 0, lateResolved: 0, within: 0, overduePending: 0, online: 0, offline: 0, apologies: 0 };
  for (const [unit, k] of brute) {
    for (const [n, v] of Object.entries(k)) total[n as keyof Counts] += v;
    const handled = k.early + k.onTime + k.lateResolved + k.within + k.overduePending;
    if (handled === 0 && k.online + k.offline === 0) continue;
    const u = doc.units.find((x) => x.unit_id === unit);
    expect(u, unit).toBeDefined();
    expect([unit, u!.metrics.on_time_rate.numerator, u!.metrics.on_time_rate.denominator]).toEqual([unit, k.early + k.onTime + k.within, handled]);
    expect([unit, u!.metrics.overdue_count.value]).toEqual([unit, k.lateResolved + k.overduePending]);
    expect([unit, u!.metrics.received_count.value]).toEqual([unit, k.online + k.offline]);
    expect([unit, u!.metrics.online_share.numerator]).toEqual([unit, k.online]);
    expect([unit, u!.metrics.apologies_count.value]).toEqual([unit, k.apologies]);
    checked++;
  }
  expect(checked).toBeGreaterThan(5);
  const t = doc.total!.metrics;
  expect(t.on_time_rate.numerator).toBe(total.early + total.onTime + total.within);
  expect(t.on_time_rate.denominator).toBe(total.early + total.onTime + total.lateResolved + total.within + total.overduePending);
  expect(t.received_count.value).toBe(total.online + total.offline);
}

describe('a dossier-level package through the load step', () => {
  it.each(['parquet', 'csv'])('%s rows: the whole span, figures equal a brute-force count, the dossiers file in the accounts', async (format) => {
    const { code, doc } = await summary(path.join(dir, format));
    expect(code).toBe(0);
    expect(doc.errors).toEqual([]);
    expect(doc.period).not.toBeNull();
    expectFigures(doc, doc.period!.from, doc.period!.to);
    expect(doc.accounts).toContainEqual({ file: `dossiers.${format}`, table: 'dossiers', read: ROWS, loaded: ROWS, reported: 0 });
    expect(doc.accounts.find((a) => a.file === 'units.csv')).toMatchObject({ table: 'units', reported: 0 });
  }, 240_000);

  it('as the store and the snapshot call it (Node reader passed in): stages, accounts, windows as the brute-force count', async () => {
    const db = await openNodeDb();
    try {
      const ds = await loadPackage(folderSource(path.join(dir, 'parquet')));
      const steps: string[] = [];
      const r = await loadDataset(db, ds, { parquet: nodeParquetDecoder, onProgress: (p) => steps.push(p.stage) });
      expect([...new Set(steps)]).toEqual(['tables', 'dossiers', 'check', 'derive', 'facts', 'done']); // derive: the counts, then each derive step
      expect(r.hasChannels).toBe(true);
      expect(r.derived?.dossiers).toBe(ROWS);
      expect(r.accounts).toContainEqual({ file: 'dossiers.parquet', table: 'dossiers', read: ROWS, loaded: ROWS, reported: 0 });
      // windows, as `summary --from --to` evaluates them on the loaded database
      for (const [from, to] of [['2026-10-01', '2026-10-31'], ['2026-07-01', '2026-09-30'], ['2025-01-01', '2025-12-31']]) {
        const ev = await evaluate(db, { from, to });
        expectFigures({ period: { from, to }, units: ev.units, total: ev.total, errors: [], warnings: [], accounts: [] } as unknown as Doc, from, to);
      }
      // a cancelled load stops between stages
      await expect(loadDataset(db, ds, { parquet: nodeParquetDecoder, signal: { aborted: true } })).rejects.toThrow('cancelled');
    } finally {
      await db.close();
    }
  }, 240_000);

  it('atomic (the import page): a load cancelled at any point leaves what was loaded before; an uncancelled one gives the same figures', async () => {
    const before = path.join(dir, 'before');
    writeDossierFiles({ rows: 400, out: before, seed: 11, formats: ['parquet'] });
    const db = await openNodeDb();
    // what the database holds, table by table (names, row counts and a hash of every row), and one window's figures
    const state = async () => {
      const tables = await db.query<{ name: string }>("SELECT table_name AS name FROM duckdb_tables() WHERE NOT internal ORDER BY 1");
      const rows: Record<string, string> = {};
      for (const { name } of tables) {
        const [h] = await db.query<{ n: number; h: string }>(`SELECT count(*) AS n, coalesce(sum(hash(t::VARCHAR)::HUGEINT), 0)::VARCHAR AS h FROM "${name}" t`);
        rows[name] = `${h.n}:${h.h}`;
      }
      return { rows, figures: JSON.stringify(await evaluate(db, { from: '2026-01-01', to: '2026-12-31' })) };
    };
    try {
      await loadDataset(db, await loadPackage(folderSource(before)), { parquet: nodeParquetDecoder, atomic: true });
      const kept = await state();
      expect(Object.keys(kept.rows)).toEqual(expect.arrayContaining(['dossiers', 'dossier_counts', 'count_cube']));
      const ds = await loadPackage(folderSource(path.join(dir, 'parquet')));
      const at: [string, (p: LoadProgress) => boolean][] = [
        ['a row group read', (p) => p.stage === 'dossiers' && (p.done ?? 0) > 0],
        ['the check', (p) => p.stage === 'check'],
        ['a derive chunk', (p) => p.step === 'dossier_counts' && (p.done ?? 0) > 0],
        ['the cube', (p) => p.step === 'cube'],
        ['the facts', (p) => p.stage === 'facts'],
      ];
      for (const [where, when] of at) {
        const signal = { aborted: false };
        await expect(loadDataset(db, ds, { parquet: nodeParquetDecoder, atomic: true, signal, onProgress: (p) => { if (when(p)) signal.aborted = true; } }), where).rejects.toThrow('cancelled');
        expect(signal.aborted, where).toBe(true);
        expect(await state(), where).toEqual(kept);
      }
      const r = await loadDataset(db, ds, { parquet: nodeParquetDecoder, atomic: true });
      expect(r.accounts).toContainEqual({ file: 'dossiers.parquet', table: 'dossiers', read: ROWS, loaded: ROWS, reported: 0 });
      for (const [from, to] of [['2026-10-01', '2026-10-31'], ['2025-01-01', '2025-12-31']]) {
        const ev = await evaluate(db, { from, to });
        expectFigures({ period: { from, to }, units: ev.units, total: ev.total, errors: [], warnings: [], accounts: [] } as unknown as Doc, from, to);
      }
      expect((await db.query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '\\_\\_%' ESCAPE '\\'"))).toEqual([]);
      // dossier rows validated in JS (a small CSV) are written inside the transaction, where rowids start at 2^62
      await loadDataset(db, await loadPackage(folderSource(path.join(dir, 'csv'))), { parquet: nodeParquetDecoder, atomic: true });
      const ev = await evaluate(db, { from: '2026-10-01', to: '2026-10-31' });
      expectFigures({ period: { from: '2026-10-01', to: '2026-10-31' }, units: ev.units, total: ev.total, errors: [], warnings: [], accounts: [] } as unknown as Doc, '2026-10-01', '2026-10-31');
    } finally {
      await db.close();
    }
  }, 240_000);

  it('bad dossier rows read in bulk are reported with their row, not dropped silently (read = loaded + reported)', async () => {
    const bad = path.join(dir, 'bad');
    writeDossierFiles({ rows: 50, out: bad, seed: 3, formats: ['parquet'] });
    const c = new DossierGenerator({ rows: 50, seed: 3 }).next(50);
    c.unit_id[4] = 'NO-SUCH-UNIT'; // row 5
    c.dossier_id[9] = c.dossier_id[2]; // row 10 repeats row 3
    c.finished_at[11] = c.received_at[11] - DAY_MS; // row 12 finished before it was received
    const sink = parquetSink(path.join(bad, 'dossiers.parquet'), [{ key: 'chiso.test', value: 'bad rows' }]);
    sink.write(c);
    sink.close();
    const { code, doc } = await summary(bad);
    expect(code).toBe(0);
    expect(doc.accounts).toContainEqual({ file: 'dossiers.parquet', table: 'dossiers', read: 50, loaded: 47, reported: 3 });
    const notes = doc.warnings.filter((w) => w.code.startsWith('not_loaded:'));
    expect(notes.map((w) => [w.code, w.row])).toEqual(expect.arrayContaining([['not_loaded:unknown_unit', 5], ['not_loaded:duplicate_key', 10], ['not_loaded:finished_before_received', 12]]));
  }, 240_000);

  it('usage: exit 2 on a bad option or a missing source', async () => {
    expect((await summary()).code).toBe(2);
    expect((await summary(path.join(dir, 'parquet'), '--period', '2026-13')).code).toBe(2);
    expect((await summary(path.join(dir, 'parquet'), '--as-of', '2026-02-31')).code).toBe(2);
    expect((await summary(path.join(dir, 'no-such-folder'))).code).toBe(2);
  });
});

// ── every real file ────────────────────────────────────────────────────────────────────────────────
const REAL = path.resolve(__dirname, '../../../shared/real');
const present = existsSync(REAL);
if (!present) console.warn(`[load] ${REAL} is absent: real files are not run through the summary command.`);

function realFiles(d: string): string[] {
  return readdirSync(d).sort().flatMap((n) => {
    const p = path.join(d, n);
    return statSync(p).isDirectory() ? realFiles(p) : /\.md$/i.test(n) ? [] : [p];
  });
}

/** What the import page would ask for these files (a file that states it needs nothing). */
const ANSWERS: [RegExp, string[]][] = [
  [/indices\/PCI_(\d{4})\.xlsx?$/, ['--index', 'PCI']],
];
/** Files that are rightly refused, with the reason. */
const REFUSED: [RegExp, string][] = [
  [/discovery\/api-[^/]+\/request\.json$/, 'api_request'],
];

describe.skipIf(!present)('every real file in ../shared/real through the summary command', () => {
  const files = present ? realFiles(REAL) : [];
  // one database for all (each load replaces every table, as the browser's does)
  let db: Db;
  beforeAll(async () => { db = await openNodeDb(); });
  afterAll(async () => { await db?.close(); });
  it.each(files.map((f) => [path.relative(REAL, f), f]))('%s', async (_name, file) => {
    const extra = ANSWERS.find(([re]) => re.test(file))?.[1] ?? [];
    const r = await runSummary([file, ...extra], { db });
    const code = r.code;
    const doc = r.doc as Doc;
    const refused = REFUSED.find(([re]) => re.test(file));
    if (refused) {
      expect(code).toBe(1);
      expect(doc.errors.map((e) => e.code)).toContain(refused[1]);
      return;
    }
    expect([code, doc.errors.map((e) => e.message_en)]).toEqual([0, []]);
    // every row read is loaded, reported, a subtotal or repeated
    for (const a of doc.accounts as (Doc['accounts'][number] & { subtotal?: number; repeated?: number })[]) {
      expect(a.read).toBe(a.loaded + a.reported + (a.subtotal ?? 0) + (a.repeated ?? 0));
    }
  }, 60_000);

  it('a folder of single files with its capture manifest (qd766) loads as one dataset', async () => {
    const r = await runSummary([path.join(REAL, 'qd766')], { db });
    const code = r.code;
    const doc = r.doc as Doc;
    expect(code).toBe(0);
    expect(doc.units.length).toBeGreaterThan(100);
    expect(doc.accounts.some((a) => a.file === 'dvc-progress-tree/year-all.json')).toBe(true);
  }, 120_000);
});
