// The Db interface over duckdb-wasm's blocking Node build: tests and the summary command run the very
// same SQL as the browser.
import { createRequire } from 'node:module';
import path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { DB_OPEN_CONFIG, DB_SETUP_SQL } from './config';
import { tableToRows } from './convert';
import type { Db, Param, Row } from './types';
import { StatementCache } from './statements';

const require = createRequire(import.meta.url);

export async function openNodeDb(): Promise<Db> {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') },
  };
  const logger = new duckdb.VoidLogger();
  const bindings = await duckdb.createDuckDB(bundles, logger, duckdb.NODE_RUNTIME);
  await bindings.instantiate(() => {});
  bindings.open({ ...DB_OPEN_CONFIG });
  const conn = bindings.connect();
  for (const sql of DB_SETUP_SQL) conn.query(sql);
  const statements = new StatementCache((sql) => conn.prepare(sql));

  return {
    combines: true,
    async query<T = Row>(sql: string, params: Param[] = []): Promise<T[]> {
      if (params.length === 0) return tableToRows<T>(conn.query(sql));
      return tableToRows<T>((await statements.get(sql)).query(...params));
    },
    async exec(sql: string) {
      await statements.clear();
      conn.query(sql);
    },
    async insertArrowIpc(table: string, ipc: Uint8Array, create: boolean) {
      await statements.clear();
      conn.insertArrowFromIPCStream(ipc, { name: table, create });
    },
    async registerFile(name: string, bytes: Uint8Array) {
      bindings.registerFileBuffer(name, bytes);
    },
    async dropFile(name: string) {
      bindings.dropFile(name);
    },
    async close() {
      await statements.clear();
      conn.close();
      bindings.reset();
    },
  };
}

/** Decode Arrow IPC in Node the same way as the browser (used by tests). */
export { tableFromIPC };
