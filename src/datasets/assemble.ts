// Raw tables (from a package or from single files) → one validated dataset. Tables of the same name
// are appended (twelve monthly Biểu 06 files make one dossier_counts); the key stays unique across files.
// Row accounting is settled last, from the issues themselves: a data row named by any error (from the
// reader, the validator or a cross-table rule) is not loaded and is counted as reported, exactly once.
import { TABLES } from './contract';
import { pacer, type Pacer } from './limits';
import { checkUnits, keyText, validateTable, validateTablePaced, type TableResult } from './validate';
import type { CanonicalTable, DatasetMeta, Issue, LoadedDataset, RawTable, RowAccount, TableName } from './types';

type RawInput = { table: TableName; raw: RawTable & { allowEmpty?: string[] } };

function append(into: CanonicalTable | undefined, t: CanonicalTable): CanonicalTable {
  if (!into) return { name: t.name, columns: Object.fromEntries(Object.entries(t.columns).map(([k, v]) => [k, [...v]])), rowCount: t.rowCount, origins: [...t.origins] };
  for (const [k, v] of Object.entries(t.columns)) {
    const col = (into.columns[k] ??= []);
    for (const x of v) col.push(x);
  }
  for (const o of t.origins) into.origins.push(o);
  into.rowCount += t.rowCount;
  return into;
}

const placeKey = (file: string, row: number) => `${file}\u0000${row}`;

/** Keep only the rows no error names; returns the kept table. */
function withoutRows(t: CanonicalTable, bad: Set<string>): CanonicalTable {
  const keep: number[] = [];
  t.origins.forEach((o, i) => { if (!bad.has(placeKey(o.file, o.row))) keep.push(i); });
  if (keep.length === t.rowCount) return t;
  return {
    name: t.name,
    columns: Object.fromEntries(Object.entries(t.columns).map(([k, v]) => [k, keep.map((i) => v[i])])),
    rowCount: keep.length,
    origins: keep.map((i) => t.origins[i]),
  };
}

function finish(meta: DatasetMeta, results: { input: RawInput; result: TableResult }[], issues: Issue[]): LoadedDataset {
  let tables: Partial<Record<TableName, CanonicalTable>> = {};
  const accounts: RowAccount[] = [];
  const detected: LoadedDataset['detected'] = [];
  for (const { input, result } of results) {
    for (const i of result.issues) issues.push(i);
    accounts.push(result.account);
    detected.push({ file: input.raw.file, kind: `canonical:${input.table}`, table: input.table, rows: input.raw.rows.length });
    tables[input.table] = append(tables[input.table], result.table);
  }
  // Keys across files of the same table.
  for (const [name, t] of Object.entries(tables) as [TableName, CanonicalTable][]) {
    const spec = TABLES[name];
    const seen = new Map<string, { file: string; row: number }>();
    for (let i = 0; i < t.rowCount; i++) {
      const key = spec.key.map((k) => String(t.columns[k][i] ?? '')).join('\u0000');
      const first = seen.get(key);
      if (first && first.file !== t.origins[i].file) issues.push(crossKeyIssue(t.origins[i], spec.key.join('+'), key, first));
      else if (!first) seen.set(key, t.origins[i]);
    }
  }
  for (const i of checkUnits(tables)) issues.push(i);

  // Settle the accounts: every error that names a data row takes that row out of the loaded data.
  const bad = new Set<string>();
  for (const i of issues) if (i.severity === 'error' && i.row != null) bad.add(placeKey(i.file, i.row));
  const kept = Object.fromEntries((Object.entries(tables) as [TableName, CanonicalTable][]).map(([k, t]) => [k, withoutRows(t, bad)]));
  tables = kept as Partial<Record<TableName, CanonicalTable>>;
  for (const a of accounts) {
    const t = a.table === 'unknown' ? undefined : tables[a.table];
    const loaded = t ? t.origins.reduce((n, o) => n + (o.file === a.file ? 1 : 0), 0) : 0;
    a.loaded = loaded;
    a.reported = a.read - loaded - (a.subtotal ?? 0);
  }
  return { meta, tables, issues, accounts, detected };
}

/** Validate and join raw tables (synchronous: small inputs, tests, single files). */
export function assembleDataset(meta: DatasetMeta, raws: RawInput[], issues: Issue[] = []): LoadedDataset {
  return finish(meta, raws.map((input) => ({ input, result: validateTable(input.raw, input.table) })), issues);
}

/** The same, giving the event loop back between slices of rows (large packages in the browser). */
export async function assembleDatasetPaced(meta: DatasetMeta, raws: RawInput[], issues: Issue[] = [], pace: Pacer = pacer()): Promise<LoadedDataset> {
  const results: { input: RawInput; result: TableResult }[] = [];
  for (const input of raws) results.push({ input, result: await validateTablePaced(input.raw, input.table, pace) });
  if (pace.due()) await pace.yield();
  return finish(meta, results, issues);
}

function crossKeyIssue(at: { file: string; row: number }, column: string, key: string, first: { file: string; row: number }): Issue {
  const text = keyText(key);
  const shown = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return {
    severity: 'error',
    code: 'duplicate_key_across',
    file: at.file,
    row: at.row,
    column,
    message: `Tệp ${at.file}, dòng ${at.row}, cột ${column}: trùng khóa (${shown}) với tệp ${first.file}, dòng ${first.row}.`,
    message_en: `File ${at.file}, row ${at.row}, column ${column}: duplicate key (${shown}), also in file ${first.file}, row ${first.row}.`,
  };
}
