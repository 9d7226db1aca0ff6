// The clean package: what the dashboard shows, as a data officer publishes it. A .zip with
// datapackage.json and one canonical CSV per table (UTF-8 without BOM, comma separated, ISO dates, plain
// numbers: the data contract exactly), plus the same tables as Parquet under parquet/ with their own
// descriptor (datapackage-parquet.json), so either file opens as a package in chiso (?data=…).
// Text cells that a spreadsheet would run as a formula (= + - @ tab CR at the start) get a leading
// apostrophe, as in every export of the app.
import { strToU8, zipSync } from 'fflate';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { TABLES, type ColumnSpec } from '../datasets/contract';
import type { CanonicalTable, Cell, LoadedDataset, TableName } from '../datasets/types';
import { neutralise } from './csv';

const FRICTIONLESS_TYPE: Record<ColumnSpec['type'], string> = { string: 'string', integer: 'integer', number: 'number', date: 'date', timestamp: 'datetime', boolean: 'boolean' };

/** Columns written for a table: the contract's order; optional columns only when some row fills them. */
export function exportColumns(t: CanonicalTable): ColumnSpec[] {
  return TABLES[t.name].columns.filter((c) => c.required || (t.columns[c.name] ?? []).some((v) => v !== null && v !== undefined && v !== ''));
}

function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'string' ? neutralise(v) : typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v ? 'true' : 'false';
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

/** One canonical table as contract CSV text (no BOM, LF line ends). */
export function tableCsv(t: CanonicalTable): string {
  const cols = exportColumns(t);
  const lines = [cols.map((c) => c.name).join(',')];
  for (let r = 0; r < t.rowCount; r++) lines.push(cols.map((c) => csvField(t.columns[c.name]?.[r] ?? null)).join(','));
  return lines.join('\n') + '\n';
}

/** One canonical table as Parquet: strings, dates and timestamps as UTF-8 text (ISO), integers INT64,
 *  numbers DOUBLE, booleans BOOLEAN; empty cells are nulls. */
export function tableParquet(t: CanonicalTable): Uint8Array {
  const columnData = exportColumns(t).map((c) => {
    const values = t.columns[c.name] ?? [];
    switch (c.type) {
      case 'integer':
        return { name: c.name, type: 'INT64' as const, data: values.map((v) => (typeof v === 'number' ? BigInt(Math.round(v)) : null)) };
      case 'number':
        return { name: c.name, type: 'DOUBLE' as const, data: values.map((v) => (typeof v === 'number' ? v : null)) };
      case 'boolean':
        return { name: c.name, type: 'BOOLEAN' as const, data: values.map((v) => (typeof v === 'boolean' ? v : null)) };
      default:
        return { name: c.name, type: 'STRING' as const, data: values.map((v) => (v === null || v === undefined ? null : String(v))) };
    }
  });
  return new Uint8Array(parquetWriteBuffer({ columnData }));
}

function schemaOf(t: CanonicalTable) {
  const spec = TABLES[t.name];
  return {
    // a contract-required column left empty somewhere (not published, e.g. the 766 portal's online/offline
    // split) says so explicitly, and chiso's loader accepts its empty cells
    fields: exportColumns(t).map((c) => {
      const gaps = (t.columns[c.name] ?? []).some((v) => v === null || v === undefined || v === '');
      return { name: c.name, type: FRICTIONLESS_TYPE[c.type], ...(c.required ? { constraints: { required: !gaps } } : {}) };
    }),
    primaryKey: spec.key,
  };
}

function descriptor(ds: LoadedDataset, tables: CanonicalTable[], format: 'csv' | 'parquet', bulk: { path: string; format: string }[]) {
  const m = ds.meta;
  return {
    name: (m.name || 'chiso-dataset').toLowerCase().replace(/[^a-z0-9._-]+/g, '-'),
    title: m.title,
    ...(m.description ? { description: m.description } : {}),
    ...(m.sources?.length ? { sources: m.sources } : {}),
    ...(m.licenses?.length ? { licenses: m.licenses } : {}),
    created: m.created ?? new Date().toISOString().slice(0, 10),
    resources: [
      ...tables.map((t) => ({
        name: t.name,
        path: format === 'csv' ? `${t.name}.csv` : `parquet/${t.name}.parquet`,
        format,
        ...(format === 'csv' ? { mediatype: 'text/csv', encoding: 'utf-8' } : { mediatype: 'application/vnd.apache.parquet' }),
        schema: schemaOf(t),
      })),
      ...bulk.map((b) => ({ name: 'dossiers', path: b.path, format: b.format })),
    ],
  };
}

export interface PackageOptions {
  /** also write Parquet copies (default true) */
  parquet?: boolean;
}

/** The files of the clean package, by path inside the zip. */
export function packageFiles(ds: LoadedDataset, opts: PackageOptions = {}): Record<string, Uint8Array> {
  const order = Object.keys(TABLES) as TableName[];
  const tables = order.map((n) => ds.tables[n]).filter((t): t is CanonicalTable => !!t && t.rowCount > 0);
  const files: Record<string, Uint8Array> = {};
  // dossier rows that went to the database in bulk travel as they came (already the canonical table)
  const bulk = (ds.bulk ?? []).filter((b) => b.table === 'dossiers' && !ds.tables.dossiers).map((b, i) => ({ path: `dossiers${i ? `-${i + 1}` : ''}.${b.format}`, format: b.format, bytes: b.bytes }));
  for (const b of bulk) files[b.path] = b.bytes;
  for (const t of tables) files[`${t.name}.csv`] = strToU8(tableCsv(t));
  files['datapackage.json'] = strToU8(JSON.stringify(descriptor(ds, tables, 'csv', bulk), null, 2) + '\n');
  if (opts.parquet !== false) {
    for (const t of tables) files[`parquet/${t.name}.parquet`] = tableParquet(t);
    files['datapackage-parquet.json'] = strToU8(JSON.stringify(descriptor(ds, tables, 'parquet', bulk), null, 2) + '\n');
  }
  return files;
}

/** The clean package as one .zip (bytes). */
export function packageZip(ds: LoadedDataset, opts: PackageOptions = {}): Uint8Array {
  return zipSync(packageFiles(ds, opts), { level: 6 });
}
