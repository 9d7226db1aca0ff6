// A sheet as a 2-D grid of cells, whatever it came from (CSV text or an XLSX sheet), so the Biểu 06,
// index-table and canonical readers see one shape. Rows keep their source row number for messages.
import Papa from 'papaparse';
import type { Cell, Issue } from '../types';
import { warningIssue, errorIssue } from './issues';
import { cleanText } from './slug';

/** A merged range, 0-based and inclusive, as in the sheet (r0,c0 is the cell that holds the value). */
export interface MergeRange {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export interface Grid {
  file: string;
  /** rows[i][j]: row i, column j; rows may be ragged */
  rows: Cell[][];
  /** 1-based source row number of rows[i] (the number a spreadsheet shows) */
  rowNumbers: number[];
  merges: MergeRange[];
  /** 0-based columns where a formula cell was seen (its cached value is in the grid) */
  formulaColumns: number[];
  source: 'csv' | 'xlsx';
  sheet?: string;
  delimiter?: string;
}

export function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  if (typeof c === 'string') return cleanText(c);
  return String(c);
}

export function isBlankCell(c: Cell | undefined): boolean {
  return cellText(c) === '';
}

export function isBlankRow(row: Cell[] | undefined): boolean {
  return !row || row.every((c) => isBlankCell(c));
}

/** Spreadsheet column letters for messages: 0 → "A", 27 → "AB". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Text rows with every merged range's value copied into each cell it covers: a group header merged over
 *  three columns then labels all three, and a label merged over two header rows labels both. Used for
 *  header matching only: data cells are never copied. */
export function filledTextRows(grid: Grid, fromRow = 0, toRow = grid.rows.length): string[][] {
  const out: string[][] = [];
  for (let r = fromRow; r < toRow; r++) out.push((grid.rows[r] ?? []).map(cellText));
  for (const m of grid.merges) {
    const value = cellText(grid.rows[m.r0]?.[m.c0]);
    if (value === '') continue;
    for (let r = Math.max(m.r0, fromRow); r <= Math.min(m.r1, toRow - 1); r++) {
      const row = out[r - fromRow];
      for (let c = m.c0; c <= m.c1; c++) {
        while (row.length <= c) row.push('');
        if (row[c] === '') row[c] = value;
      }
    }
  }
  return out;
}

export function gridWidth(grid: Grid): number {
  return grid.rows.reduce((w, r) => Math.max(w, r.length), 0);
}

const DELIMITERS = [',', ';', '\t'] as const;

function delimiterName(d: string): string {
  return d === '\t' ? 'tab' : `"${d}"`;
}

/** How well a delimiter fits: rows with the most common field count (above 1), over the first lines. */
function delimiterScore(text: string, d: string): number {
  const res = Papa.parse<string[]>(text, { delimiter: d, preview: 80, skipEmptyLines: true });
  const counts = new Map<number, number>();
  for (const row of res.data) {
    const filled = row.length;
    if (filled > 1) counts.set(filled, (counts.get(filled) ?? 0) + 1);
  }
  let best = 0;
  for (const [n, c] of counts) best = Math.max(best, c * Math.min(n, 20));
  return best;
}

export interface CsvGridResult {
  grid: Grid;
  issues: Issue[];
}

/** CSV text → grid. The delimiter (comma, semicolon or tab) is the one that splits most rows into the same
 *  number of fields; quoted fields may hold the other delimiters and line breaks. Rows that look split by
 *  another delimiter are reported (mixed separators), not silently merged. */
export function gridFromCsv(text: string, file: string): CsvGridResult {
  const issues: Issue[] = [];
  let delimiter: string = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const score = delimiterScore(text, d);
    if (score > bestScore) {
      bestScore = score;
      delimiter = d;
    }
  }
  const res = Papa.parse<string[]>(text, { delimiter, skipEmptyLines: false });
  for (const e of res.errors.slice(0, 20)) {
    const row = (e.row ?? 0) + 1;
    issues.push(
      e.code === 'MissingQuotes' || e.code === 'InvalidQuotes'
        ? errorIssue('csv_quotes', file, `Dòng ${row}: dấu ngoặc kép không khớp (${e.message}).`, `Row ${row}: unbalanced quotes (${e.message}).`, { row })
        : warningIssue('csv_parse', file, `Dòng ${row}: ${e.message}`, `Row ${row}: ${e.message}`, { row }),
    );
  }
  let rows: Cell[][] = res.data.map((r) => r.map((c) => (c === '' ? null : c)));
  // A trailing line break gives one last empty record: not a row of the file.
  while (rows.length > 0 && isBlankRow(rows[rows.length - 1]) && rows[rows.length - 1].length <= 1) rows = rows.slice(0, -1);
  const mixed: number[] = [];
  rows.forEach((r, i) => {
    if (r.filter((c) => !isBlankCell(c)).length !== 1) return;
    const only = cellText(r.find((c) => !isBlankCell(c)));
    for (const other of DELIMITERS) {
      if (other === delimiter) continue;
      const parts = only.split(other);
      // several pieces, some of them numbers: a data line written with another separator
      if (parts.length >= 3 && parts.filter((p) => /^\s*[\d.,]+\s*$/.test(p)).length >= 2) {
        mixed.push(i + 1);
        break;
      }
    }
  });
  if (mixed.length > 0) {
    const list = mixed.slice(0, 10).join(', ');
    issues.push(
      errorIssue(
        'mixed_separators',
        file,
        `Tệp dùng dấu phân cách ${delimiterName(delimiter)} nhưng các dòng ${list}${mixed.length > 10 ? '…' : ''} dùng dấu phân cách khác: hãy xuất lại tệp với một dấu phân cách.`,
        `The file is separated by ${delimiterName(delimiter)} but rows ${list}${mixed.length > 10 ? '…' : ''} use another separator: export the file again with one separator.`,
        { row: mixed[0] },
      ),
    );
  }
  return {
    grid: { file, rows, rowNumbers: rows.map((_, i) => i + 1), merges: [], formulaColumns: [], source: 'csv', delimiter },
    issues,
  };
}
