// Validated canonical tables → DuckDB tables. Rows travel as CSV text read by DuckDB with the
// contract's column types stated explicitly (no sniffing). Not Arrow: apache-arrow's builders compile
// code with `new Function`, which the strict CSP (no 'unsafe-eval') forbids.
import { TABLES, createTableSql, duckType } from '../datasets/contract';
import type { CanonicalTable, Cell, LoadedDataset, TableName } from '../datasets/types';
import type { Db } from './types';

/** A validated row may hold a long text cell (DuckDB's default line limit is 2 MB). */
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Nulls are bare empty fields; every string is quoted, so an empty string stays an empty string. */
function csvCell(v: Cell): string {
  if (v == null) return '';
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return `"${v.replaceAll('"', '""')}"`;
}

export function tableToCsv(t: CanonicalTable): string {
  const spec = TABLES[t.name];
  const lines = [spec.columns.map((c) => c.name).join(',')];
  for (let r = 0; r < t.rowCount; r++) {
    lines.push(spec.columns.map((c) => csvCell(t.columns[c.name]?.[r] ?? null)).join(','));
  }
  return lines.join('\n') + '\n';
}

async function replaceTable(db: Db, t: CanonicalTable | undefined, name: TableName): Promise<void> {
  const spec = TABLES[name];
  await db.exec(createTableSql(spec));
  if (!t || t.rowCount === 0) return;
  const file = `__load_${name}.csv`;
  await db.registerFile(file, new TextEncoder().encode(tableToCsv(t)));
  const columns = spec.columns.map((c) => `'${c.name}': '${duckType(c)}'`).join(', ');
  try {
    await db.exec(`INSERT INTO "${name}" SELECT * FROM read_csv('${file}', header = true, delim = ',', quote = '"', escape = '"',
      nullstr = '', allow_quoted_nulls = false, auto_detect = false, max_line_size = ${MAX_LINE_BYTES}, columns = {${columns}})`);
  } finally {
    await db.dropFile(file);
  }
}

/** Replace every canonical table with the dataset's (absent tables become empty tables). */
export async function loadIntoDb(db: Db, ds: LoadedDataset): Promise<void> {
  // The cumulative cube (src/load/cube.ts) describes the counts being replaced: gone until the load
  // step builds it again (without it the count queries use the reference SQL).
  await db.exec('DROP TABLE IF EXISTS count_cube_series; DROP TABLE IF EXISTS count_cube');
  for (const name of Object.keys(TABLES) as TableName[]) {
    if (name === 'dossiers' && ds.bulk?.some((b) => b.table === 'dossiers')) continue;
    await replaceTable(db, ds.tables[name], name);
  }
}
