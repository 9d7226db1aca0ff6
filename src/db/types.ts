// One interface over DuckDB, the same in the browser (worker, async) and in Node (blocking build):
// every number on screen and in the summary command comes through it.

/** A value bound to a `?` placeholder. Never splice values into SQL text. */
export type Param = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface Db {
  /** Runs any statement itself (not a stand-in answering recorded ones: the snapshot, the recorder), and
   *  converts nested values as top-level ones: the coordinator may send a tick's queries as one statement. */
  readonly combines?: boolean;
  /** Run a query with bound parameters; rows come back as plain objects with converted types. */
  query<T = Row>(sql: string, params?: Param[]): Promise<T[]>;
  /** Run statements without results (DDL). */
  exec(sql: string): Promise<void>;
  /** Insert Arrow IPC stream bytes into a table (created when `create` is true). */
  insertArrowIpc(table: string, ipc: Uint8Array, create: boolean): Promise<void>;
  /** Make bytes readable by SQL under `name` (for read_csv, ATTACH). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<void>;
  close(): Promise<void>;
}
