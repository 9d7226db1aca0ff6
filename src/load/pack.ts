// A packed package (written by `npm run pack`, src/cli/pack.ts): the published aggregates as DuckDB
// database files, opened in one step by ATTACH instead of loading tables. Its datapackage.json names the
// files: one `common` file (units, unit_lineage, targets, index_scores) and one file per partition
// (province × year: the day-grain dossier_counts and their per-channel split, the pending dossiers near
// their deadline, and the derived tables such as the cube). A page loads only its part by naming the
// provinces and years it shows (PackSelect); every table becomes a view over the attached files, so
// every query runs unchanged, in the browser (duckdb-wasm 1.4) and in Node alike.
import type { Db } from '../db/types';
import type { Source } from '../datasets/package';
import type { Issue, RowAccount } from '../datasets/types';
import { dataFacts } from './facts';
import { loadUnits } from '../metrics/evaluate';
import type { LoadResult } from './index';

export const PACK_PROFILE = 'chiso-pack';
export const PACK_FORMAT = 1;
/** what duckdb-wasm 1.4.x attaches (a file written by a newer DuckDB with its default storage would not) */
export const PACK_STORAGE_VERSION = 'v1.4.0';

export interface PackPartition {
  path: string;
  province: string;
  year: number;
  bytes: number;
  /** rows per table in this file */
  rows: Record<string, number>;
}

export interface PackDescriptor {
  profile: typeof PACK_PROFILE;
  name: string;
  title: string;
  created?: string;
  sources?: { title: string; path?: string }[];
  licenses?: { name: string; title?: string; path?: string }[];
  pack: {
    format: number;
    storage: string;
    /** the file every page attaches */
    common: { path: string; bytes: number; rows: Record<string, number> };
    partitions: PackPartition[];
    /** the tables each partition file holds (the same set in every file, possibly empty) */
    tables: string[];
    /** the tables of the common file */
    commonTables: string[];
    /** the row account of the files the pack was made from */
    accounts: RowAccount[];
    /** warnings the load step gave when the pack was made */
    notes: Issue[];
    /** what the views start from (src/load/facts.ts), as the load step found it: read from here, the page
     *  is ready without scanning the attached files (span, ISO weeks, channels); units are always read */
    facts?: { span: { from: string; to: string } | null; hasDays: boolean; hasChannels: boolean };
  };
}

/** The part of a pack a page needs: absent fields mean all. */
export interface PackSelect {
  provinces?: string[];
  years?: number[];
}

/** A table or view name written by the pack command: plain identifiers only (never dataset text). */
const IDENT = /^[a-z_][a-z0-9_]{0,62}$/;

export function isPackDescriptor(json: unknown): json is PackDescriptor {
  const d = json as PackDescriptor | null;
  return !!d && typeof d === 'object' && d.profile === PACK_PROFILE && !!d.pack && Array.isArray(d.pack.partitions);
}

/** What is attached in each database: the pack, and its partitions in the order of their aliases
 *  (`__pack_0` is the common file, `__pack_<n>` the n-th partition attached). */
const attached = new WeakMap<Db, { d: PackDescriptor; parts: string[] }>();

/** Detach a pack opened before and drop its views (the next load creates tables of the same names). */
export async function closePack(db: Db): Promise<void> {
  await (await releasePack(db))();
}

/**
 * Drop a packed package's views (a ROLLBACK brings them back) and return what detaches its files and
 * forgets it: DuckDB does not undo a DETACH, so a load inside a transaction calls that only once kept.
 */
export async function releasePack(db: Db): Promise<() => Promise<void>> {
  const dbs = await db.query<{ name: string }>("SELECT database_name AS name FROM duckdb_databases() WHERE database_name LIKE '\\_\\_pack\\_%' ESCAPE '\\'");
  if (dbs.length) { // no pack attached, so no pack views (duckdb_views() is slow to ask the first time)
    const views = await db.query<{ name: string }>("SELECT view_name AS name FROM duckdb_views() WHERE NOT internal AND comment = 'chiso-pack'");
    for (const v of views) if (IDENT.test(v.name)) await db.exec(`DROP VIEW IF EXISTS "${v.name}"`);
  }
  return async () => {
    attached.delete(db);
    for (const d of dbs) {
      if (!/^__pack_\d+$/.test(d.name)) continue;
      await db.exec(`DETACH ${d.name}`);
      await db.dropFile(`${d.name}.duckdb`).catch(() => {});
    }
  };
}

/** The partitions a selection takes. */
export function selectPartitions(d: PackDescriptor, select: PackSelect = {}): PackPartition[] {
  return d.pack.partitions.filter((p) => (!select.provinces?.length || select.provinces.includes(p.province)) && (!select.years?.length || select.years.includes(p.year)));
}

/** The partition files attached in `db` (null when no pack is open there). */
export function attachedPartitions(db: Db): string[] | null {
  return attached.get(db)?.parts.slice() ?? null;
}

/** Fetch files in parallel (a page waits for the slowest, not for their sum). */
const fetchAll = (source: Source, files: string[], onFile?: (path: string) => void) =>
  Promise.all(files.map(async (f) => { const b = await source.read(f); onFile?.(f); return b; }));

/** Attach fetched files as `__pack_<first>`, `__pack_<first + 1>`… read-only, in one batch. */
async function attachFiles(db: Db, bytes: Uint8Array[], first: number): Promise<void> {
  for (const [i, b] of bytes.entries()) await db.registerFile(`__pack_${first + i}.duckdb`, b);
  await db.exec(bytes.map((_, i) => `ATTACH '__pack_${first + i}.duckdb' AS __pack_${first + i} (READ_ONLY);`).join(' '));
}

/** Every partition table as a UNION ALL view over the partitions attached (`n` of them). */
function partitionViews(d: PackDescriptor, n: number): string {
  return d.pack.tables.filter((t) => IDENT.test(t)).map((t) => {
    const parts = Array.from({ length: n }, (_, i) => `SELECT * FROM __pack_${i + 1}."${t}"`);
    // no partition chosen: an empty view with the table's columns (the common file has them empty)
    const sql = parts.length ? parts.join(' UNION ALL ') : `SELECT * FROM __pack_0."${t}" WHERE false`;
    return `CREATE OR REPLACE VIEW "${t}" AS ${sql}; COMMENT ON VIEW "${t}" IS 'chiso-pack';`;
  }).join(' ');
}

/**
 * Open a pack: fetch the common file and the selected partitions, attach each read-only and make every
 * table a view over them. Replaces whatever the database held. The facts (span, ISO weeks, channels)
 * are the whole pack's, from its descriptor, even when only a part is attached: the period picker offers
 * every period of the data, and a period outside the part attaches its partitions (`extendPack`).
 */
export async function openPack(db: Db, source: Source, d: PackDescriptor, select: PackSelect = {}, onFile?: (path: string) => void): Promise<LoadResult> {
  const t0 = performance.now();
  const parts = selectPartitions(d, select).map((p) => p.path);
  const tables = d.pack.tables.filter((t) => IDENT.test(t));
  const commonTables = d.pack.commonTables.filter((t) => IDENT.test(t));
  const bytes = await fetchAll(source, [d.pack.common.path, ...parts], onFile);
  await closePack(db);
  // one batch of statements per step: each round trip to the database worker costs time in the browser
  await db.exec([...tables, ...commonTables].map((t) => `DROP TABLE IF EXISTS "${t}"; DROP VIEW IF EXISTS "${t}";`).join(' '));
  await attachFiles(db, bytes, 0);
  // The common file's tables are small (units, targets, index scores, the cube's series list): copied
  // as tables, so code that asks whether a table exists (the cube's readiness) finds them as after a load.
  await db.exec([...commonTables.map((t) => `CREATE TABLE "${t}" AS SELECT * FROM __pack_0."${t}";`), partitionViews(d, parts.length)].join(' '));
  attached.set(db, { d, parts });
  const facts = d.pack.facts ? { ...d.pack.facts, units: await loadUnits(db) } : await dataFacts(db);
  return { ...facts, notes: d.pack.notes ?? [], accounts: d.pack.accounts ?? [], derived: null, timings: { attach: performance.now() - t0 } };
}

/**
 * Attach the partitions of `select` that the open pack `d` has not attached yet, keeping the others, and
 * widen the views over them. Returns the files attached (empty: nothing was missing, the database is
 * unchanged), or null when `db` does not hold `d` (the caller opens it instead).
 */
export async function extendPack(db: Db, source: Source, d: PackDescriptor, select: PackSelect, onFile?: (path: string) => void): Promise<string[] | null> {
  const state = attached.get(db);
  if (!state || state.d !== d) return null;
  const missing = selectPartitions(d, select).map((p) => p.path).filter((p) => !state.parts.includes(p));
  if (!missing.length) return [];
  const bytes = await fetchAll(source, missing, onFile);
  if (attached.get(db) !== state) return null; // closed or replaced meanwhile
  await attachFiles(db, bytes, state.parts.length + 1);
  state.parts.push(...missing);
  await db.exec(partitionViews(d, state.parts.length));
  return missing;
}

/**
 * Start fetching the files `openPack` will read for `select` now (while DuckDB starts, say): the source
 * returned answers each of those reads once from the fetch under way, any other read from `source`.
 */
export function prefetchPack(source: Source, d: PackDescriptor, select: PackSelect = {}): Source {
  const started = new Map<string, Promise<Uint8Array>>();
  for (const f of [d.pack.common.path, ...selectPartitions(d, select).map((p) => p.path)]) {
    const read = source.read(f);
    read.catch(() => {}); // reported when openPack reads it
    started.set(f, read);
  }
  return {
    origin: source.origin,
    read: (p: string) => {
      const r = started.get(p);
      started.delete(p);
      return r ?? source.read(p);
    },
  };
}

/**
 * The package's descriptor when it is a pack (null otherwise), read once: the returned source answers
 * the next read of the descriptor from memory, so the ordinary loader does not fetch it twice.
 */
export async function readPackDescriptor(source: Source, descriptor = 'datapackage.json'): Promise<{ pack: PackDescriptor | null; source: Source }> {
  let bytes: Uint8Array;
  try {
    bytes = await source.read(descriptor);
  } catch {
    return { pack: null, source }; // the loader reports the missing descriptor
  }
  let pack: PackDescriptor | null = null;
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
    if (isPackDescriptor(json)) pack = json;
  } catch { /* not JSON: the loader says so */ }
  let kept: Uint8Array | null = bytes;
  return {
    pack,
    source: {
      origin: source.origin,
      read: (p: string) => {
        if (p === descriptor && kept) { const b = kept; kept = null; return Promise.resolve(b); }
        return source.read(p);
      },
    },
  };
}
