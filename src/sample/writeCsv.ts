// Canonical CSV text (data contract §1): UTF-8 without BOM, comma separated, one header row with the
// contract's column names in TABLES order, ISO dates, an empty cell for null, "\n" line ends.
import { TABLES } from '../datasets/contract';
import type { TableName } from '../datasets/types';
import type { Row } from './units';

type Cell = string | number | boolean | null | undefined;

/** A number as plain text: integers as is, others with at most 4 decimals and no float noise. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`Số không hữu hạn / non-finite number ${x}`);
  if (Number.isInteger(x)) return String(x);
  return String(Math.round(x * 10_000) / 10_000);
}

/** One CSV cell, quoted when it holds a comma, a quote, a line break or edge spaces (RFC 4180). */
export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (/[",\r\n]/.test(v) || v !== v.trim()) return `"${v.replace(/"/g, '""')}"`;
  return v;
}

export function columnsOf(table: TableName): string[] {
  return TABLES[table].columns.map((c) => c.name);
}

/** A whole table as CSV text; throws if a row carries a column the contract does not know. */
export function toCsv(table: TableName, rows: Row[]): string {
  const cols = columnsOf(table);
  const known = new Set(cols);
  const lines = [cols.join(',')];
  for (const r of rows) {
    for (const k of Object.keys(r)) if (!known.has(k)) throw new Error(`Cột lạ / unknown column ${k} in ${table}`);
    lines.push(cols.map((c) => csvCell(r[c])).join(','));
  }
  return lines.join('\n') + '\n';
}
