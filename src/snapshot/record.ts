// A Db that records what it answers, keyed by SQL and parameters (key.ts): the snapshot build runs
// each page's default queries (src/pages/index.ts) through it.
import type { Db, Param, Row } from '../db/types';
import { queryKey } from './key';
import { packRows, type PackedRows } from './types';

export function recordingDb(db: Db): { db: Db; results: Record<string, PackedRows> } {
  const results: Record<string, PackedRows> = {};
  return {
    results,
    db: {
      async query<T = Row>(sql: string, params: Param[] = []): Promise<T[]> {
        const rows = await db.query<T>(sql, params);
        results[queryKey(sql, params)] = packRows(rows as Record<string, unknown>[]);
        return rows;
      },
      exec: (sql) => db.exec(sql),
      insertArrowIpc: (t, ipc, create) => db.insertArrowIpc(t, ipc, create),
      registerFile: (n, b) => db.registerFile(n, b),
      dropFile: (n) => db.dropFile(n),
      close: () => db.close(),
    },
  };
}
