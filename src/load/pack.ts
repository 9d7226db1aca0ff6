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

/** Detach a pack opened before and drop its views (the next load creates tables of the same names). */
export async function closePack(db: Db): Promise<void> {
  const dbs = await db.query<{ name: string }>("SELECT database_name AS name FROM duckdb_databases() WHERE database_name LIKE '\\_\\_pack\\_%' ESCAPE '\\'");
  if (!dbs.length) return; // no pack attached, so no pack views (duckdb_views() is slow to ask the first time)
  const views = await db.query<{ name: string }>("SELECT view_name AS name FROM duckdb_views() WHERE NOT internal AND comment = 'chiso-pack'");
  for (const v of views) if (IDENT.test(v.name)) await db.exec(`DROP VIEW IF EXISTS "${v.name}"`);
  for (const d of dbs) {
    if (!/^__pack_\d+$/.test(d.name)) continue;
    await db.exec(`DETACH ${d.name}`);
    await db.dropFile(`${d.name}.duckdb`).catch(() => {});
  }
}

/** The partitions a selection takes. */
export function selectPartitions(d: PackDescriptor, select: PackSelect = {}): PackPartition[] {
  return d.pack.partitions.filter((p) => (!select.provinces?.length || select.provinces.includes(p.province)) && (!select.years?.length || select.years.includes(p.year)));
}

/**
 * Open a pack: fetch the common file and the selected partitions, attach each read-only and make every
 * table a view over them. Replaces whatever the database held.
 */
export async function openPack(db: Db, source: Source, d: PackDescriptor, select: PackSelect = {}, onFile?: (path: string) => void): Promise<LoadResult> {
  const t0 = performance.now();
  const files = [d.pack.common.path, ...selectPartitions(d, select).map((p) => p.path)];
  const tables = d.pack.tables.filter((t) => IDENT.test(t));
  const commonTables = d.pack.commonTables.filter((t) => IDENT.test(t));
  // fetch in parallel, attach in order
  const bytes = await Promise.all(files.map(async (f) => { const b = await source.read(f); onFile?.(f); return b; }));
  await closePack(db);
  // one batch of statements per step: each round trip to the database worker costs time in the browser
  await db.exec([...tables, ...commonTables].map((t) => `DROP TABLE IF EXISTS "${t}"; DROP VIEW IF EXISTS "${t}";`).join(' '));
  for (const [i, b] of bytes.entries()) await db.registerFile(`__pack_${i}.duckdb`, b);
  await db.exec(bytes.map((_, i) => `ATTACH '__pack_${i}.duckdb' AS __pack_${i} (READ_ONLY);`).join(' '));
  const view = (t: string, sql: string) => `CREATE VIEW "${t}" AS ${sql}; COMMENT ON VIEW "${t}" IS 'chiso-pack';`;
  // The common file's tables are small (units, targets, index scores, the cube's series list): copied
  // as tables, so code that asks whether a table exists (the cube's readiness) finds them as after a load.
  const views = [
    ...commonTables.map((t) => `CREATE TABLE "${t}" AS SELECT * FROM __pack_0."${t}";`),
    ...tables.map((t) => {
      const parts = bytes.slice(1).map((_, i) => `SELECT * FROM __pack_${i + 1}."${t}"`);
      // no partition chosen: an empty view with the table's columns (the common file has them empty)
      return view(t, parts.length ? parts.join(' UNION ALL ') : `SELECT * FROM __pack_0."${t}" WHERE false`);
    }),
  ];
  await db.exec(views.join(' '));
  // the pack's own facts hold for the whole pack; a part of it is read back from what was attached
  const whole = !select.provinces?.length && !select.years?.length;
  const known = whole ? d.pack.facts : undefined;
  const facts = known ? { ...known, units: await loadUnits(db) } : await dataFacts(db);
  return { ...facts, notes: d.pack.notes ?? [], accounts: d.pack.accounts ?? [], derived: null, timings: { attach: performance.now() - t0 } };
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
