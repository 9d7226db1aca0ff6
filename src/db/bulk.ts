// Large tables (dossier rows) go straight into DuckDB: Parquet decoded to Arrow IPC one row group at a
// time (off the main thread in the browser) and appended as it arrives, Arrow IPC as is, CSV through
// DuckDB's own reader. No row passes through JS objects; rows are checked in SQL afterwards.
import { TABLES, createTableSql, type ColumnType } from '../datasets/contract';
import type { LoadedDataset } from '../datasets/types';
import type { ParquetDecoder } from './parquetProtocol';
import type { Db } from './types';

export interface BulkOptions {
  /** Parquet → Arrow IPC chunks (a worker in the browser, parquet-wasm's Node build in Node) */
  parquet?: ParquetDecoder;
  /** files the page kept as Blobs instead of reading them into memory (by resource path) */
  blobs?: ReadonlyMap<string, Blob>;
  /** an engine that reads Parquet itself (native DuckDB, pack command): creates `table` from the file */
  readParquet?: (table: string, file: string, bytes: Uint8Array) => Promise<void>;
}

/** Per-call hooks of the load step: where the rows go, progress and cancel between row groups. */
export interface BulkHooks {
  /** the table the rows end in (default: the file's table, e.g. `dossiers`); replaced if it exists */
  target?: string;
  /** after each Parquet row group: groups done, groups in the file */
  onGroup?: (done: number, groups: number) => void;
  /** called between row groups; throws to stop the load (the staged table is then left to the caller) */
  checkpoint?: () => void;
}

/** Arrow-derived column types DuckDB may give a contract column without a cast. */
const COMPATIBLE: Record<ColumnType, RegExp> = {
  string: /^VARCHAR$/,
  integer: /^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER)$/,
  number: /^(FLOAT|DOUBLE|TINYINT|SMALLINT|INTEGER|BIGINT)$/,
  date: /^DATE$/,
  timestamp: /^TIMESTAMP(_MS|_S|_NS)?$/,
  boolean: /^BOOLEAN$/,
};

async function columnsOf(db: Db, table: string): Promise<{ name: string; type: string }[]> {
  return db.query<{ name: string; type: string }>(
    'SELECT column_name AS name, data_type AS type FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index', [table]);
}

/** The staged table already has the contract's columns, in order, with compatible types. */
function matchesContract(table: keyof typeof TABLES, cols: { name: string; type: string }[]): boolean {
  const spec = TABLES[table].columns;
  return cols.length === spec.length && spec.every((c, i) => cols[i].name === c.name && COMPATIBLE[c.type].test(cols[i].type));
}

/** Column names of a CSV file's first line (comma or semicolon separated, optional BOM and quotes). */
function csvHeader(bytes: Uint8Array): Set<string> {
  const head = new TextDecoder().decode(bytes.subarray(0, Math.min(bytes.length, 64 * 1024)));
  const line = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const sep = line.split(';').length > line.split(',').length ? ';' : ',';
  return new Set(line.split(sep).map((x) => x.trim().replace(/^"(.*)"$/, '$1')));
}

export async function loadBulk(db: Db, bulk: NonNullable<LoadedDataset['bulk']>, opts: BulkOptions = {}, hooks: BulkHooks = {}): Promise<void> {
  for (const b of bulk) {
    const spec = TABLES[b.table];
    const target = hooks.target ?? b.table;
    const stage = `__bulk_${b.table}`;
    await db.exec(`DROP TABLE IF EXISTS "${stage}"`);
    if (b.format === 'parquet' && opts.readParquet) {
      await opts.readParquet(stage, b.file, b.bytes);
    } else if (b.format === 'parquet') {
      if (!opts.parquet) throw new Error(`${b.file}: no Parquet decoder here`);
      let first = true;
      let done = 0;
      let groups = 0;
      const blob = b.bytes.byteLength === 0 ? opts.blobs?.get(b.file) : undefined;
      hooks.checkpoint?.();
      // leaving the loop early (a cancel) ends the decoder: the browser's worker is terminated
      for await (const ipc of opts.parquet(blob ?? b.bytes, (n) => { groups = n; })) {
        performance.mark('chiso:bulk-group-decoded');
        await db.insertArrowIpc(stage, ipc, first);
        performance.mark('chiso:bulk-group-inserted');
        first = false;
        hooks.onGroup?.(++done, Math.max(groups, done));
        hooks.checkpoint?.();
      }
      if (first) throw new Error(`${b.file}: tệp Parquet không có nhóm hàng nào / the Parquet file has no row groups`);
    } else if (b.format === 'arrow') {
      await db.insertArrowIpc(stage, b.bytes, true);
    } else if (b.format === 'csv') {
      await db.registerFile(`${stage}.csv`, b.bytes);
      const header = csvHeader(b.bytes);
      const columns = spec.columns.filter((c) => header.has(c.name)).map((c) => `'${c.name}': '${c.type === 'integer' ? 'BIGINT' : c.type === 'number' ? 'DOUBLE' : c.type === 'timestamp' ? 'TIMESTAMP' : c.type === 'date' ? 'DATE' : c.type === 'boolean' ? 'BOOLEAN' : 'VARCHAR'}'`);
      try {
        await db.exec(`CREATE TABLE "${stage}" AS SELECT * FROM read_csv('${stage}.csv', header = true, auto_detect = true, types = {${columns.join(', ')}})`);
      } finally {
        await db.dropFile(`${stage}.csv`);
      }
    } else {
      throw new Error(`${b.file}: ${b.format} dossier files are not supported yet`);
    }
    const cols = await columnsOf(db, stage);
    if (matchesContract(b.table, cols)) {
      // The file follows the contract: keep DuckDB's copy as it is (no second copy of millions of rows).
      await db.exec(`DROP TABLE IF EXISTS "${target}"`);
      await db.exec(`ALTER TABLE "${stage}" RENAME TO "${target}"`);
      continue;
    }
    const have = new Set(cols.map((c) => c.name));
    const missing = spec.columns.filter((c) => c.required && !have.has(c.name)).map((c) => c.name);
    if (missing.length) {
      await db.exec(`DROP TABLE "${stage}"`);
      throw new Error(`${b.file}: thiếu cột bắt buộc ${missing.join(', ')} / missing required columns ${missing.join(', ')}`);
    }
    await db.exec(createTableSql(spec).replace(`"${b.table}"`, `"${target}"`));
    const present = spec.columns.filter((c) => have.has(c.name)).map((c) => `"${c.name}"`).join(', ');
    await db.exec(`INSERT INTO "${target}" (${present}) SELECT ${present} FROM "${stage}"`);
    await db.exec(`DROP TABLE "${stage}"`);
  }
}
