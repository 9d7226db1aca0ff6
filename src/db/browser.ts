// The Db interface over duckdb-wasm in a Web Worker. The bundles are served by the app itself
// (Vite ?url imports), never from a CDN; only the exception-handling (eh) bundle: the threaded one
// needs cross-origin isolation we do not ask for.
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { DB_OPEN_CONFIG, DB_SETUP_SQL } from './config';
import { tableToRows } from './convert';
import type { Db, Param, Row } from './types';
import { StatementCache } from './statements';

export class DbStartTimeout extends Error {}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new DbStartTimeout(`DuckDB did not start within ${ms} ms`)), ms);
    p.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

async function start(): Promise<Db> {
  const worker = new Worker(ehWorker);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(ehWasm);
  await db.open({ ...DB_OPEN_CONFIG });
  const conn = await db.connect();
  for (const sql of DB_SETUP_SQL) await conn.query(sql);
  // Tables live in a compressed in-memory database: dossier rows take about a third of the memory
  // (dictionaries for unit and field names, bit-packed counts), which is what lets 10 million fit a tab.
  await conn.query("ATTACH ':memory:' AS chiso (COMPRESS)");
  await conn.query('USE chiso');
  const statements = new StatementCache((sql) => conn.prepare(sql));

  return {
    // A tick's queries go to the worker one after the other, not as one combined statement: measured in
    // the browser at 1M dossiers (npm run bench -- --quick, same machine, back to back), combining made
    // the bare queries 119 → 152 ms and a scoreboard update p50 237 → 266 ms, p95 287 → 547 ms (planning
    // the large combined text, nesting the answers in lists), and even with only the small answers
    // combined the updates stayed slower than sent apart. The coordinator sends them without waiting
    // for each answer, so the worker runs them back to back. (Node's Db still combines: the mechanism is
    // tested there, test/unit/coordinator.test.ts.)
    combines: false,
    async query<T = Row>(sql: string, params: Param[] = []): Promise<T[]> {
      if (params.length === 0) return tableToRows<T>(await conn.query(sql));
      return tableToRows<T>(await (await statements.get(sql)).query(...params));
    },
    async exec(sql: string) {
      await statements.clear();
      await conn.query(sql);
    },
    async insertArrowIpc(table: string, ipc: Uint8Array, create: boolean) {
      await statements.clear();
      await conn.insertArrowFromIPCStream(ipc, { name: table, create });
    },
    async registerFile(name: string, bytes: Uint8Array) {
      await db.registerFileBuffer(name, bytes);
    },
    async dropFile(name: string) {
      await db.dropFile(name);
    },
    async close() {
      await statements.clear();
      await conn.close();
      await db.terminate();
    },
  };
}

let starting: Promise<Db> | null = null;

/** Start DuckDB once, in the background; the first paint never waits for it. */
export function startBrowserDb(timeoutMs = 30_000): Promise<Db> {
  if (!starting) {
    starting = withTimeout(start(), timeoutMs).then((db) => {
      performance.mark('chiso:db-ready');
      return db;
    });
    starting.catch(() => { starting = null; });
  }
  return starting;
}
