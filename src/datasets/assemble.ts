// Raw tables (from a package or from single files) → one validated dataset. Tables of the same name
// are appended (twelve monthly Biểu 06 files make one dossier_counts); the key stays unique across files.
import { TABLES } from './contract';
import { checkUnits, validateTable } from './validate';
import type { CanonicalTable, DatasetMeta, Issue, LoadedDataset, RawTable, RowAccount, TableName } from './types';

function append(into: CanonicalTable | undefined, t: CanonicalTable): CanonicalTable {
  if (!into) return t;
  for (const [k, v] of Object.entries(t.columns)) (into.columns[k] ??= []).push(...v);
  into.origins.push(...t.origins);
  into.rowCount += t.rowCount;
  return into;
}

export function assembleDataset(meta: DatasetMeta, raws: { table: TableName; raw: RawTable & { allowEmpty?: string[] } }[], issues: Issue[] = []): LoadedDataset {
  const tables: Partial<Record<TableName, CanonicalTable>> = {};
  const accounts: RowAccount[] = [];
  const detected: LoadedDataset['detected'] = [];
  // Concatenate raw tables of the same name first so keys are checked across files.
  for (const { table, raw } of raws) {
    const r = validateTable(raw, table);
    issues.push(...r.issues);
    accounts.push(r.account);
    detected.push({ file: raw.file, kind: `canonical:${table}`, table, rows: raw.rows.length });
    tables[table] = append(tables[table], r.table);
  }
  // Keys across files of the same table.
  for (const [name, t] of Object.entries(tables) as [TableName, CanonicalTable][]) {
    const spec = TABLES[name];
    const seen = new Map<string, { file: string; row: number }>();
    for (let i = 0; i < t.rowCount; i++) {
      const key = spec.key.map((k) => String(t.columns[k][i] ?? '')).join(' | ');
      const first = seen.get(key);
      if (first && first.file !== t.origins[i].file) {
        issues.push({ ...crossKeyIssue(t.origins[i], spec.key.join('+'), key, first) });
      } else if (!first) seen.set(key, t.origins[i]);
    }
  }
  const unitIssues = checkUnits(tables);
  issues.push(...unitIssues);
  // A row that fails a cross-table rule moves from loaded to reported (counted once per row).
  const moved = new Set<string>();
  for (const i of issues) {
    if (i.severity !== 'error' || i.row == null || (i.code !== 'unknown_unit' && i.code !== 'duplicate_key_across')) continue;
    const id = `${i.file}#${i.row}`;
    if (moved.has(id)) continue;
    moved.add(id);
    const acc = accounts.find((a) => a.file === i.file);
    if (acc && acc.loaded > 0) { acc.loaded--; acc.reported++; }
  }
  return { meta, tables, issues, accounts, detected };
}

function crossKeyIssue(at: { file: string; row: number }, column: string, key: string, first: { file: string; row: number }): Issue {
  return {
    severity: 'error',
    code: 'duplicate_key_across',
    file: at.file,
    row: at.row,
    column,
    message: `Tệp ${at.file}, dòng ${at.row}, cột ${column}: trùng khóa (${key}) với tệp ${first.file}, dòng ${first.row}.`,
    message_en: `File ${at.file}, row ${at.row}, column ${column}: duplicate key (${key}), also in file ${first.file}, row ${first.row}.`,
  };
}
