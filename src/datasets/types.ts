// The shapes every loader produces and every later stage reads.
// Formats (CSV, JSON, XLSX, Biểu 06, 766 JSON…) all end as CanonicalTables plus Issues.

export type Cell = string | number | boolean | null;

/** Canonical table names of the data contract (§2). */
export type TableName =
  | 'units'
  | 'unit_lineage'
  | 'dossier_counts'
  | 'dossiers'
  | 'index_scores'
  | 'targets';

/** Where a row came from: shown in every message and in provenance. Row is 1-based as a spreadsheet
 *  shows it (for CSV/XLSX the header line is row 1, so the first data row is row 2; for JSON arrays
 *  the record number, 1-based). */
export interface RowOrigin {
  file: string;
  row: number;
}

/** Raw text cells as read from a file, before types are checked. */
export interface RawTable {
  file: string;
  /** column names as found (already trimmed, NFC) */
  header: string[];
  /** one array of cells per data row */
  rows: Cell[][];
  /** origin row number of each data row (same length as rows) */
  rowNumbers: number[];
}

/** A table in the canonical shape, typed and validated; column-oriented. */
export interface CanonicalTable {
  name: TableName;
  columns: Record<string, Cell[]>;
  rowCount: number;
  origins: RowOrigin[];
}

export type Severity = 'error' | 'warning';

export interface Issue {
  severity: Severity;
  /** stable machine code, e.g. 'missing_column', 'negative_count', 'sum_mismatch' */
  code: string;
  file: string;
  row?: number;
  column?: string;
  /** Vietnamese message (shown first) */
  message: string;
  /** English message */
  message_en: string;
}

/** Rows read = rows loaded + rows reported, per file. */
export interface RowAccount {
  file: string;
  table: TableName | 'unknown';
  read: number;
  loaded: number;
  /** rows not loaded, each with at least one error issue */
  reported: number;
  /** rows deliberately not loaded as data because they are subtotals (checked, not counted twice) */
  subtotal?: number;
  /** rows set aside because another file of the same import gives the same figure (766 snapshots of one
   *  day, the province overview in every file, an older cumulative snapshot): loaded once, not twice */
  repeated?: number;
}

export interface DatasetMeta {
  name: string;
  title: string;
  description?: string;
  sources?: { title: string; path?: string }[];
  licenses?: { name: string; title?: string; path?: string }[];
  created?: string;
  /** where the package was read from (URL or path) */
  origin?: string;
}

export interface LoadedDataset {
  meta: DatasetMeta;
  tables: Partial<Record<TableName, CanonicalTable>>;
  issues: Issue[];
  accounts: RowAccount[];
  /** what the loader detected, for the preview (kind per file) */
  detected: { file: string; kind: string; table?: TableName; rows: number }[];
  /** large tables (dossiers) passed as bytes to the database stage, validated there in SQL */
  bulk?: { table: TableName; file: string; format: 'csv' | 'json' | 'parquet' | 'arrow'; bytes: Uint8Array }[];
}

export function hasErrors(issues: Issue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** What a single-file reader (Biểu 06, 766 JSON, index table, canonical file) returns: raw tables whose
 *  header uses canonical column names, before the shared validator types and checks them. */
export interface ParsedFile {
  file: string;
  /** detected kind, e.g. 'bieu06', 'dvcqg766:agencies_detail', 'index_table:wide', 'canonical:csv' */
  kind: string;
  tables: Partial<Record<TableName, RawTable & { allowEmpty?: string[] }>>;
  issues: Issue[];
  accounts: RowAccount[];
  /** what the preview shows: units, fields, period, totals as plain text/numbers */
  summary: Record<string, unknown>;
}
