// npm run pack -- <dossier rows | package | files…> --out <dir> [--threads N] [--period …] [--as-of …]
// Turns a package (dossier rows included) into the published aggregates, on native DuckDB
// (@duckdb/node-api, every core): the same load step as the browser (src/load: readers, validation,
// the 766 day-grain derivation of src/metrics/dossiers.ts, the derive steps such as the cube), run with
// the same SQL, then written as DuckDB database files that duckdb-wasm 1.4 attaches read-only
// (`STORAGE_VERSION 'v1.4.0'`):
//   <out>/common.duckdb                 units, unit_lineage, targets, index_scores
//   <out>/<province>-<year>.duckdb      dossier_counts (+ per channel), the derived tables, and the
//                                        pending dossiers near their deadline (the due-soon list), for
//                                        the units of one province and the days of one year
//   <out>/datapackage.json              names them (src/load/pack.ts PackDescriptor)
// The browser opens it with ?data=<out>/datapackage.json; `npm run summary -- <out>` reads it too.
// Tables are split by what their columns say (splitOf): no table list to keep in step with the derive steps.
// Exit codes: 0 packed, 1 the source was refused (errors printed as JSON), 2 usage, 3 failed.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openNativeDb, type NativeDb } from '../db/native';
import { TERMINAL_STATUSES } from '../metrics/dueSoon';
import { PACK_FORMAT, PACK_PROFILE, PACK_STORAGE_VERSION, type PackDescriptor, type PackPartition } from '../load/pack';
import { loadSource } from './loadSource';
import { parseArgs as parseSummaryArgs } from './summary';

const USAGE = 'usage: npm run pack -- <datapackage.json|folder|file>… --out <dir> [--threads N] [--period …] [--as-of …] [--index …] [--sheet …]';

const splitDossiers = 'unit_id IN (SELECT unit_id FROM __unit_province WHERE province = $province)';
/** Pending dossiers that can still fall due: the due-soon list (src/metrics/dueSoon.ts) reads them. */
const DUE_SOON = `finished_at IS NULL AND status NOT IN (${TERMINAL_STATUSES.join(', ')})`;

function fail(msg: string): never {
  process.stderr.write(`${msg}\n${USAGE}\n`);
  process.exit(2);
}

function args(argv: string[]) {
  let out: string | undefined;
  let threads: number | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = argv[++i];
    else if (argv[i] === '--threads') {
      threads = Number(argv[++i]);
      if (!Number.isInteger(threads) || threads < 1) fail('--threads needs a whole number ≥ 1');
    } else rest.push(argv[i]);
  }
  if (!out) fail('missing --out <dir>');
  try {
    const s = parseSummaryArgs(rest);
    return { out: path.resolve(out), threads, sources: s.sources, all: s.all };
  } catch (e) {
    fail((e as Error).message);
  }
}

const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

async function columnsOf(db: NativeDb, table: string): Promise<string[]> {
  const rows = await db.query<{ name: string }>("SELECT column_name AS name FROM duckdb_columns() WHERE database_name = current_database() AND table_name = ? ORDER BY column_index", [table]);
  return rows.map((r) => r.name);
}

/** The tables of the main database after the load (contract tables, derived tables; no working tables). */
async function allTables(db: NativeDb): Promise<string[]> {
  const rows = await db.query<{ name: string }>("SELECT table_name AS name FROM duckdb_tables() WHERE database_name = current_database() AND NOT temporary AND table_name NOT LIKE '\\_\\_%' ESCAPE '\\' ORDER BY 1");
  return rows.map((r) => r.name).filter((n) => /^[a-z_][a-z0-9_]{0,62}$/.test(n));
}

/**
 * How a table is split: rows of a unit go to its province's files (by unit_id, or by a series id `sid`
 * that a series table maps to a unit), rows of a day to its year's file (by period_start). A table with
 * neither (a series table, units, targets) goes whole into the common file. `join` finds a row's
 * province (`p.province`), `key` orders a file's rows (then period_start).
 */
interface Split { join: string | null; key: string | null }
async function splitOf(db: NativeDb, table: string, seriesTables: Map<string, string>): Promise<Split | null> {
  const cols = await columnsOf(db, table);
  if (!cols.includes('period_start')) return null;
  if (cols.includes('unit_id')) return { join: 'LEFT JOIN __unit_province p ON p.unit_id = t.unit_id', key: 'unit_id' };
  const series = cols.includes('sid') ? [...seriesTables.values()][0] : undefined;
  if (series) return { join: `LEFT JOIN ${ident(series)} s ON s.sid = t.sid LEFT JOIN __unit_province p ON p.unit_id = s.unit_id`, key: 'sid' };
  return { join: null, key: null };
}

/**
 * The load step's Parquet reader on native DuckDB: read_parquet over the file where it lies on disk (one
 * of `dirs`, the sources' folders, holding a file of that name and size: no second copy of hundreds of
 * MB), else over the bytes written to the database's private folder.
 */
export function nativeParquetReader(db: NativeDb, dirs: string[] = []) {
  return async (table: string, file: string, bytes: Uint8Array) => {
    for (const dir of dirs) {
      const full = path.resolve(dir, file);
      if (!full.startsWith(path.resolve(dir) + path.sep)) continue;
      try {
        if (statSync(full).size === bytes.length) return await db.readParquetFile(table, full);
      } catch { /* not there */ }
    }
    const name = `__bulk_${path.basename(file).replace(/[^A-Za-z0-9_.-]/g, '_')}`;
    await db.registerFile(name, bytes);
    await db.readParquetFile(table, path.join(db.dir, name));
    await db.dropFile(name);
  };
}

async function main() {
  const a = args(process.argv.slice(2));
  const t0 = performance.now();
  const db = await openNativeDb({ threads: a.threads });
  const dirs = a.sources.map((src) => { try { return statSync(src).isDirectory() ? src : path.dirname(src); } catch { return path.dirname(src); } });
  const loaded = await loadSource(db, a.sources, { all: a.all, load: { readParquet: nativeParquetReader(db, dirs) } });
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  if (errors.length || !loaded.load) {
    process.stdout.write(JSON.stringify({ errors, accounts: loaded.accounts }, null, 2) + '\n', () => process.exit(1));
    return;
  }
  const tLoaded = performance.now();

  // Each unit's province: its ancestor of level province, else its root (lineage depth is bounded).
  await db.exec(`CREATE OR REPLACE TEMP TABLE __unit_province AS
    WITH RECURSIVE up(unit_id, anc, parent, level, depth) AS (
      SELECT unit_id, unit_id, parent_id, level, 0 FROM units
      UNION ALL
      SELECT up.unit_id, u.unit_id, u.parent_id, u.level, up.depth + 1 FROM up JOIN units u ON u.unit_id = up.parent WHERE up.depth < 16
    )
    SELECT unit_id, coalesce(arg_min(anc, depth) FILTER (WHERE level = 'province'), arg_max(anc, depth)) AS province FROM up GROUP BY unit_id`);
  // Which tables are split by province × year and which go whole into the common file.
  const tables = await allTables(db);
  const seriesTables = new Map<string, string>();
  for (const t of tables) {
    const cols = await columnsOf(db, t);
    if (cols.includes('sid') && cols.includes('unit_id') && !cols.includes('period_start')) seriesTables.set(t, t);
  }
  const splits = new Map<string, Split>();
  for (const t of tables) {
    if (t === 'dossiers') continue;
    const sp = await splitOf(db, t, seriesTables);
    if (sp) splits.set(t, sp);
  }
  const present = [...splits.keys(), 'dossiers'];
  const commonTables = tables.filter((t) => !splits.has(t) && t !== 'dossiers');
  // The pending dossiers near their deadline take the place of the dossier rows in the pack.
  const [{ end_day: endDay }] = await db.query<{ end_day: string | null }>('SELECT max(period_end)::VARCHAR AS end_day FROM dossier_counts');
  await db.exec(`CREATE OR REPLACE TEMP TABLE __due_soon AS SELECT * FROM dossiers WHERE ${DUE_SOON}${endDay ? ` AND due_at >= DATE ${q(endDay)}` : ''}`);

  // units named by rows but not by the units table go to the partition "_"
  const [{ n: unitsWithoutProvince }] = await db.query<{ n: number }>("SELECT count(*) AS n FROM (SELECT DISTINCT unit_id FROM dossier_counts WHERE unit_id NOT IN (SELECT unit_id FROM __unit_province))");
  if (unitsWithoutProvince > 0) await db.exec("INSERT INTO __unit_province SELECT DISTINCT unit_id, '_' FROM dossier_counts WHERE unit_id NOT IN (SELECT unit_id FROM __unit_province)");
  const keys = await db.query<{ province: string; year: number }>(
    'SELECT DISTINCT p.province, year(c.period_start)::INTEGER AS year FROM dossier_counts c JOIN __unit_province p USING (unit_id) ORDER BY 1, 2');
  const lastYear = keys.reduce((m, k) => Math.max(m, k.year), 0);

  if (existsSync(a.out)) for (const f of readdirSync(a.out)) if (/\.duckdb(\.wal)?$/.test(f) || f === 'datapackage.json') rmSync(path.join(a.out, f));
  mkdirSync(a.out, { recursive: true });
  const rowsOf = async (alias: string, tables: string[]) => {
    const out: Record<string, number> = {};
    for (const t of tables) out[t] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${alias}.${ident(t)}`))[0].n;
    return out;
  };
  const write = async (file: string, fill: (alias: string) => Promise<void>) => {
    await db.exec(`ATTACH ${q(path.join(a.out, file))} AS __out (STORAGE_VERSION ${q(PACK_STORAGE_VERSION)})`);
    try {
      await fill('__out');
    } finally {
      await db.exec('DETACH __out');
    }
  };
  const source = (t: string) => (t === 'dossiers' ? '__due_soon' : ident(t));

  // common: the small tables every page needs, and the partition tables' columns (empty)
  let commonRows: Record<string, number> = {};
  await write('common.duckdb', async (o) => {
    for (const t of commonTables) await db.exec(`CREATE TABLE ${o}.${ident(t)} AS SELECT * FROM ${ident(t)}`);
    for (const t of present) await db.exec(`CREATE TABLE ${o}.${ident(t)} AS SELECT * FROM ${source(t)} WHERE false`);
    commonRows = await rowsOf(o, commonTables);
  });
  // Each split table once, tagged with its rows' province and year and sorted by them, then by unit (or
  // series) and day: a partition's file is then a plain filtered copy whose rows come in that order (DuckDB's
  // zone maps skip most of a file for one unit's queries), with no join nor sort per partition.
  for (const [t, sp] of splits) {
    await db.exec(`CREATE OR REPLACE TEMP TABLE ${ident(`__part_${t}`)} AS
      SELECT t.*, ${sp.join ? 'p.province' : 'NULL::VARCHAR'} AS __province, year(t.period_start)::INTEGER AS __year
      FROM ${ident(t)} t ${sp.join ?? ''}
      ORDER BY __province, __year${sp.key ? `, t.${ident(sp.key)}` : ''}, t.period_start`);
    const [{ a, b }] = await db.query<{ a: number; b: number }>(`SELECT (SELECT count(*) FROM ${ident(t)}) AS a, (SELECT count(*) FROM ${ident(`__part_${t}`)}) AS b`);
    if (a !== b) throw new Error(`${t}: ${a} rows, ${b} once tagged with their province (a series id that names two units?)`);
  }
  // One thread for the copies: a filtered scan of sorted rows is cheap, and a parallel copy writes row
  // groups out of order and merges them, leaving a third of a file as free blocks
  const [{ threads }] = await db.query<{ threads: number }>("SELECT current_setting('threads')::INTEGER AS threads");
  await db.exec('SET threads = 1');
  const partitions: PackPartition[] = [];
  for (const k of keys) {
    const file = `${k.province.replace(/[^A-Za-z0-9_.-]/g, '_')}-${k.year}.duckdb`;
    let rows: Record<string, number> = {};
    await write(file, async (o) => {
      for (const t of present) {
        if (t === 'dossiers') {
          // the pending dossiers near their deadline: in the last year's file of their unit's province
          const cond = `${splitDossiers.replaceAll('$province', q(k.province))} AND ${k.year === lastYear}`;
          await db.exec(`CREATE TABLE ${o}.${ident(t)} AS SELECT * FROM ${source(t)} WHERE ${cond}`);
          continue;
        }
        const sp = splits.get(t)!;
        const cond = `${sp.join ? `__province = ${q(k.province)} AND ` : ''}__year = ${k.year}`;
        await db.exec(`CREATE TABLE ${o}.${ident(t)} AS SELECT * EXCLUDE (__province, __year) FROM ${ident(`__part_${t}`)} WHERE ${cond}`);
      }
      rows = await rowsOf(o, present);
    });
    partitions.push({ path: file, province: k.province, year: k.year, bytes: statSync(path.join(a.out, file)).size, rows });
  }
  await db.exec(`SET threads = ${Number(threads)}`);
  const meta = loaded.meta;
  const descriptor: PackDescriptor = {
    profile: PACK_PROFILE,
    name: meta.name,
    title: meta.title,
    created: meta.created,
    sources: meta.sources,
    licenses: meta.licenses,
    pack: {
      format: PACK_FORMAT,
      storage: PACK_STORAGE_VERSION,
      common: { path: 'common.duckdb', bytes: statSync(path.join(a.out, 'common.duckdb')).size, rows: commonRows },
      partitions,
      tables: present,
      commonTables,
      accounts: loaded.accounts,
      notes: loaded.issues.filter((i) => i.severity === 'warning'),
      facts: { span: loaded.load.span, hasDays: loaded.load.hasDays, hasChannels: loaded.load.hasChannels },
    },
  };
  writeFileSync(path.join(a.out, 'datapackage.json'), JSON.stringify(descriptor, null, 2) + '\n', 'utf8');
  await db.close();
  const t1 = performance.now();
  const dossiers = loaded.accounts.filter((x) => x.table === 'dossiers').reduce((n, x) => n + x.loaded, 0);
  const mb = (partitions.reduce((n, p) => n + p.bytes, 0) + descriptor.pack.common.bytes) / 1e6;
  const timings = Object.entries(loaded.load.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`).join(', ');
  console.log(`pack: ${dossiers.toLocaleString('en-US')} dossiers → ${partitions.length} partitions + common, ${mb.toFixed(1)} MB in ${((t1 - t0) / 1000).toFixed(1)} s (load ${((tLoaded - t0) / 1000).toFixed(1)} s: ${timings}; write ${((t1 - tLoaded) / 1000).toFixed(1)} s) → ${path.relative(process.cwd(), a.out) || '.'}`);
}

if (process.argv[1] && /pack\.ts$/.test(process.argv[1])) {
  main().catch((e) => {
    process.stderr.write(`pack failed: ${(e as Error).stack ?? e}\n`);
    process.exit(3);
  });
}
