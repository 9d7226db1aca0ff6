// Canonical files (CSV, JSON array of records, Parquet, Arrow IPC) → raw tables, before validation.
import Papa from 'papaparse';
import { tableFromIPC } from 'apache-arrow';
import { parquetReadObjects } from 'hyparquet';
import { LIMITS } from './limits';
import { issue } from './messages';
import type { Cell, Issue, RawTable } from './types';

export type CanonicalFormat = 'csv' | 'json' | 'parquet' | 'arrow';

export function formatOf(path: string, declared?: string): CanonicalFormat | null {
  const f = (declared ?? path.split('?')[0].split('.').pop() ?? '').toLowerCase();
  if (f === 'csv' || f === 'tsv' || f === 'txt') return 'csv';
  if (f === 'json') return 'json';
  if (f === 'parquet' || f === 'pq') return 'parquet';
  if (f === 'arrow' || f === 'arrows' || f === 'ipc' || f === 'feather') return 'arrow';
  return null;
}

export function decodeUtf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '').normalize('NFC');
}

export interface ReadResult {
  raw: RawTable | null;
  issues: Issue[];
}

export function readCsvText(text: string, file: string): ReadResult {
  if (text.trim() === '') return { raw: null, issues: [issue('empty_file', { file })] };
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0 || text.length);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';'
    : (firstLine.match(/\t/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const parsed = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: 'greedy' });
  const issues: Issue[] = [];
  for (const e of parsed.errors) {
    if (e.code === 'UndetectableDelimiter') continue;
    issues.push(issue('truncated', { file, row: (e.row ?? 0) + 1 }, { detail: e.message }));
  }
  const [header = [], ...rows] = parsed.data;
  if (header.length > LIMITS.maxColumns) {
    return { raw: null, issues: [issue('too_many_columns', { file, row: 1 }, { count: header.length, limit: LIMITS.maxColumns })] };
  }
  return {
    raw: { file, header: header.map((h) => h.trim()), rows, rowNumbers: rows.map((_, i) => i + 2) },
    issues,
  };
}

export function readJsonText(text: string, file: string): ReadResult {
  if (text.trim() === '') return { raw: null, issues: [issue('empty_file', { file })] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { raw: null, issues: [issue('truncated', { file }, { detail: (e as Error).message })] };
  }
  const records = Array.isArray(data) ? data : null;
  if (!records || records.some((r) => r == null || typeof r !== 'object' || Array.isArray(r))) {
    return { raw: null, issues: [issue('bad_json_shape', { file }, { detail: 'cần một mảng các bản ghi [{…}, …]', detail_en: 'expected an array of records [{…}, …]' })] };
  }
  return { raw: recordsToRaw(records as Record<string, unknown>[], file, 1), issues: [] };
}

function toCell(v: unknown): Cell {
  if (v == null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** Records → raw table; `firstRow` is the number given to the first record (1 for JSON, 2 for files with a header). */
export function recordsToRaw(records: Record<string, unknown>[], file: string, firstRow: number): RawTable {
  const header: string[] = [];
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); header.push(k); }
  return {
    file,
    header,
    rows: records.map((r) => header.map((h) => toCell(r[h]))),
    rowNumbers: records.map((_, i) => i + firstRow),
  };
}

export async function readParquet(bytes: Uint8Array, file: string): Promise<ReadResult> {
  try {
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const records = (await parquetReadObjects({ file: buf })) as Record<string, unknown>[];
    return { raw: recordsToRaw(records, file, 2), issues: [] };
  } catch (e) {
    return { raw: null, issues: [issue('truncated', { file }, { detail: (e as Error).message })] };
  }
}

export function readArrow(bytes: Uint8Array, file: string): ReadResult {
  try {
    const table = tableFromIPC(bytes);
    const header = table.schema.fields.map((f) => f.name);
    const cols = header.map((h) => table.getChild(h));
    const rows: Cell[][] = [];
    for (let r = 0; r < table.numRows; r++) rows.push(cols.map((c) => toCell(c?.get(r))));
    return { raw: { file, header, rows, rowNumbers: rows.map((_, i) => i + 2) }, issues: [] };
  } catch (e) {
    return { raw: null, issues: [issue('truncated', { file }, { detail: (e as Error).message })] };
  }
}

export async function readCanonical(bytes: Uint8Array, file: string, format: CanonicalFormat): Promise<ReadResult> {
  const limit = format === 'parquet' || format === 'arrow' ? LIMITS.maxBinaryBytes : LIMITS.maxTextBytes;
  if (bytes.byteLength > limit) {
    return { raw: null, issues: [issue('file_too_large', { file }, { size: Math.round(bytes.byteLength / 1048576), limit: Math.round(limit / 1048576) })] };
  }
  if (bytes.byteLength === 0) return { raw: null, issues: [issue('empty_file', { file })] };
  switch (format) {
    case 'csv':
      return readCsvText(decodeUtf8(bytes), file);
    case 'json':
      return readJsonText(decodeUtf8(bytes), file);
    case 'parquet':
      return readParquet(bytes, file);
    case 'arrow':
      return readArrow(bytes, file);
  }
}
