// Validated canonical tables → DuckDB tables. Columns travel as Arrow IPC (typed vectors, no text
// round trip); dates and timestamps go as text and are cast by DuckDB, in one statement per table.
import { Bool, Float64, Utf8, makeTable, tableToIPC, vectorFromArray } from 'apache-arrow';
import { TABLES, createTableSql, duckType } from '../datasets/contract';
import type { CanonicalTable, LoadedDataset, TableName } from '../datasets/types';
import type { Db } from './types';

function toIpc(t: CanonicalTable): Uint8Array {
  const spec = TABLES[t.name];
  // apache-arrow's generics cannot follow a column list built at run time; the types are explicit.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const vectors: Record<string, any> = {};
  for (const c of spec.columns) {
    const values = t.columns[c.name] ?? new Array(t.rowCount).fill(null);
    const type = c.type === 'integer' || c.type === 'number' ? new Float64() : c.type === 'boolean' ? new Bool() : new Utf8();
    vectors[c.name] = vectorFromArray(values as never[], type as never);
  }
  return tableToIPC(makeTable(vectors), 'stream');
}

async function replaceTable(db: Db, t: CanonicalTable | undefined, name: TableName): Promise<void> {
  const spec = TABLES[name];
  await db.exec(createTableSql(spec));
  if (!t || t.rowCount === 0) return;
  const stage = `__stage_${name}`;
  await db.insertArrowIpc(stage, toIpc(t), true);
  const cols = spec.columns.map((c) => `CAST("${c.name}" AS ${duckType(c)}) AS "${c.name}"`).join(', ');
  await db.exec(`INSERT INTO "${name}" SELECT ${cols} FROM "${stage}"`);
  await db.exec(`DROP TABLE "${stage}"`);
}

/** Replace every canonical table with the dataset's (absent tables become empty tables). */
export async function loadIntoDb(db: Db, ds: LoadedDataset): Promise<void> {
  for (const name of Object.keys(TABLES) as TableName[]) {
    if (name === 'dossiers' && ds.bulk?.some((b) => b.table === 'dossiers')) continue;
    await replaceTable(db, ds.tables[name], name);
  }
}
