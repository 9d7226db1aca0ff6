// Large tables (dossier rows) go straight into DuckDB: Arrow IPC as is, Parquet decoded to Arrow,
// CSV through DuckDB's own reader. They are checked in SQL afterwards, not row by row in JS.
import { TABLES, createTableSql } from '../datasets/contract';
import type { LoadedDataset } from '../datasets/types';
import type { Db } from './types';

export async function loadBulk(db: Db, bulk: NonNullable<LoadedDataset['bulk']>): Promise<void> {
  for (const b of bulk) {
    const spec = TABLES[b.table];
    await db.exec(createTableSql(spec));
    if (b.format === 'arrow') {
      await db.insertArrowIpc(`__bulk_${b.table}`, b.bytes, true);
    } else if (b.format === 'csv') {
      await db.registerFile(`__bulk_${b.table}.csv`, b.bytes);
      await db.exec(`CREATE OR REPLACE TABLE "__bulk_${b.table}" AS SELECT * FROM read_csv('__bulk_${b.table}.csv', header = true, auto_detect = true)`);
      await db.dropFile(`__bulk_${b.table}.csv`);
    } else {
      throw new Error(`${b.file}: ${b.format} dossier files are not supported yet`);
    }
    const cols = spec.columns.map((c) => `"${c.name}"`).join(', ');
    await db.exec(`INSERT INTO "${b.table}" BY NAME SELECT ${cols} FROM "__bulk_${b.table}"`);
    await db.exec(`DROP TABLE "__bulk_${b.table}"`);
  }
}
