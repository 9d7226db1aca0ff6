// The Db interface over native DuckDB (@duckdb/node-api, multi-threaded), for the pack command: the same
// SQL as the browser's duckdb-wasm (one dialect, one engine family), run at native speed on every core.
// Rows come back converted as src/db/convert.ts converts Arrow results (numbers as JS numbers, DATE as
// 'YYYY-MM-DD', TIMESTAMP as ISO 'Z' strings), so query builders and tests see the same values.
//
// Files: DuckDB reads the local disk directly, so `registerFile` writes the bytes into a private temporary
// folder that is the database's file_search_path (read_csv('__load_units.csv') finds them there), and
// Parquet dossier files are read by DuckDB's own reader (`readParquetFile`, no Arrow round trip).
import { mkdtempSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, DuckDBTypeId, type DuckDBValue } from '@duckdb/node-api';
import { DB_SETUP_SQL } from './config';
import type { Db, Param, Row } from './types';

export interface NativeDb extends Db {
  /** the folder registered files are written to (relative paths in SQL resolve there) */
  readonly dir: string;
  /** CREATE TABLE `table` from a Parquet file on disk (or registered), with DuckDB's native reader */
  readParquetFile(table: string, file: string): Promise<void>;
}

const isoTimestamp = (d: Date) => d.toISOString().replace('.000Z', 'Z');

function convert(typeId: number): (v: unknown) => unknown {
  switch (typeId) {
    case DuckDBTypeId.DATE:
      return (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v ?? null);
    case DuckDBTypeId.TIMESTAMP: case DuckDBTypeId.TIMESTAMP_S: case DuckDBTypeId.TIMESTAMP_MS: case DuckDBTypeId.TIMESTAMP_NS: case DuckDBTypeId.TIMESTAMP_TZ:
      return (v) => (v instanceof Date ? isoTimestamp(v) : v ?? null);
    default:
      return (v) => (typeof v === 'bigint' ? Number(v) : v ?? null);
  }
}

export async function openNativeDb(opts: { threads?: number; path?: string } = {}): Promise<NativeDb> {
  const threads = Math.max(1, Math.floor(opts.threads ?? os.availableParallelism?.() ?? os.cpus().length));
  const instance = await DuckDBInstance.create(opts.path ?? ':memory:', { threads: String(threads) });
  const conn = await instance.connect();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'chiso-native-'));
  for (const sql of DB_SETUP_SQL) await conn.run(sql);
  // single quotes cannot occur in a path mkdtemp made under the temp folder, but keep it safe anyway
  await conn.run(`SET file_search_path = '${dir.replaceAll("'", "''")}'`);

  const query = async <T = Row>(sql: string, params: Param[] = []): Promise<T[]> => {
    const reader = await conn.runAndReadAll(sql, params as DuckDBValue[]);
    const names = reader.columnNames();
    const conv = reader.columnTypes().map((t) => convert(t.typeId));
    const out: T[] = [];
    for (const r of reader.getRowsJS()) {
      const row: Row = {};
      for (let c = 0; c < names.length; c++) row[names[c]] = conv[c](r[c]);
      out.push(row as T);
    }
    return out;
  };

  return {
    dir,
    query,
    async exec(sql: string) {
      await conn.run(sql);
    },
    async insertArrowIpc() {
      throw new Error('native DuckDB reads Parquet and CSV itself: no Arrow IPC here');
    },
    async registerFile(name: string, bytes: Uint8Array) {
      writeFileSync(path.join(dir, path.basename(name)), bytes);
    },
    async dropFile(name: string) {
      try { unlinkSync(path.join(dir, path.basename(name))); } catch { /* already gone */ }
    },
    async readParquetFile(table: string, file: string) {
      await conn.run(`CREATE TABLE "${table.replaceAll('"', '""')}" AS SELECT * FROM read_parquet('${file.replaceAll("'", "''")}')`);
    },
    async close() {
      conn.closeSync();
      instance.closeSync();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
