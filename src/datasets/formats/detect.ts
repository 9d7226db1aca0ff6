// A dropped file → what it is (from its bytes, not its name) → the reader that maps it to canonical
// tables. JSON: the 766 shapes or a canonical array of records; CSV/XLSX: a canonical table (header =
// the canonical columns of one table), a Biểu 06 / II.06a report, or an index table. Parquet and Arrow
// are canonical binary tables the loader reads itself (DuckDB / apache-arrow): readFile only names them.
import { TABLES } from '../contract';
import type { Cell, Issue, ParsedFile, TableName } from '../types';
import { applyBieu06Mapping, bieu06Score, parseBieu06, type Bieu06Mapping, type Bieu06Period } from './bieu06';
import { layoutSignature } from './bieu06Header';
import { dvcqg766Shape, parseDvcqg766 } from './dvcqg766';
import { isEvaluationEnvelope, parseEvaluation766, type EvaluationOptions } from './evaluation766';
import { isCaptureManifest, parseManifest } from './evaluation766Manifest';
import { cellText, gridFromCsv, isBlankRow, type Grid } from './grid';
import { indexTableScore, isLongIndexTable, parseIndexTable, type KnownUnit } from './indexTable';
import { errorIssue, warningIssue } from './issues';
import { decodeText } from './text';
import { looksBinary, readCsvText } from '../canonical';
import { isOle2, isZip, loadWorkbookReader, readWorkbook, zipWorkbookType, type WorkbookSheet } from './workbook';
import { isProvinceIndexGrid, parseIndexWorkbook } from './indexWorkbook';

export type FileKind = 'zip-xlsx' | 'ods' | 'xls' | 'json' | 'csv' | 'parquet' | 'arrow' | 'binary' | 'empty';

/** Workbooks, read through SheetJS (formats/workbook.ts): load it first with loadWorkbookReader(). */
export const isWorkbookKind = (k: FileKind): boolean => k === 'zip-xlsx' || k === 'ods' || k === 'xls';

export interface Detected {
  kind: FileKind;
  /** for text kinds: the encoding found */
  encoding?: string;
  /** why a binary file is refused, when known ("xls") */
  note?: string;
}

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  return bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

export function detectKind(bytes: Uint8Array, fileName: string): Detected {
  void fileName; // the name is never trusted over the content; kept for symmetry with readFile
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, ascii('PAR1'))) return { kind: 'parquet' };
  if (startsWith(bytes, ascii('ARROW1'))) return { kind: 'arrow' };
  if (startsWith(bytes, [0xff, 0xff, 0xff, 0xff])) return { kind: 'arrow' };
  if (isZip(bytes)) return { kind: zipWorkbookType(bytes) === 'ods' ? 'ods' : 'zip-xlsx' };
  // an OLE2 compound file: Excel 97–2003 (BIFF8); SheetJS tells it from other Office 97 files
  if (isOle2(bytes)) return { kind: 'xls' };
  // a sample of the start, cut where no UTF-8 sequence or UTF-16 unit is split
  let end = Math.min(bytes.length, 65536);
  if (end < bytes.length) {
    while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
    end -= end % 2;
  }
  const { text, encoding } = decodeText(bytes.subarray(0, end), fileName);
  const trimmed = text.trimStart();
  if (trimmed === '') return { kind: 'empty', encoding };
  // control characters other than tab/CR/LF (and NUL after decoding) mean binary
  const sample = text.slice(0, 4096);
  const controls = (sample.match(/[\u0000-\u0008\u000e-\u001f]/g) ?? []).length;
  if (controls > sample.length * 0.01) return { kind: 'binary', encoding };
  if (trimmed[0] === '{' || trimmed[0] === '[' || /^(null|true|false)\s*$/.test(trimmed)) return { kind: 'json', encoding };
  return { kind: 'csv', encoding };
}

export interface ReadOptions {
  /** workbook sheet to read (default: every sheet holding a provincial index table, else the first) */
  sheet?: string;
  /** Biểu 06: the reporting unit / period when the title block lacks them */
  unitName?: string;
  period?: Bieu06Period;
  /** Biểu 06: an explicit column mapping, or mappings saved by layout signature */
  mapping?: Bieu06Mapping;
  mappings?: Record<string, Bieu06Mapping>;
  /** index tables */
  index?: string;
  year?: number;
  units?: KnownUnit[];
  /** 766 JSON: the day the figures were taken when the file does not say */
  asOf?: string;
  /** 766 evaluation API response: the period when no capture manifest states it ("2026-08", "2026-Q3", "2026") */
  periodKey?: string;
  /** 766 evaluation API response: its capture (from a manifest) and the procedures known (evaluation766Manifest.ts) */
  evaluation?: Pick<EvaluationOptions, 'capture' | 'procedures'>;
}

const BIEU06_TOTALS = ['received_total', 'resolved_total', 'pending_total'];

/** The canonical table whose columns these are: every required column present and most columns known
 *  to the table (an extra column or two is left for the validator to name as unknown). Null when no
 *  table fits. */
export function canonicalTableFor(columns: string[]): TableName | null {
  const cols = columns.map((c) => c.trim());
  if (cols.length === 0) return null;
  let best: TableName | null = null;
  let bestHits = 0;
  for (const spec of Object.values(TABLES)) {
    const names = new Set(spec.columns.map((c) => c.name));
    const extra = spec.name === 'dossier_counts' ? BIEU06_TOTALS : [];
    if (!spec.columns.every((c) => !c.required || cols.includes(c.name))) continue;
    const hits = cols.filter((c) => names.has(c) || extra.includes(c)).length;
    if (hits < cols.length * 0.8) continue;
    if (hits > bestHits) {
      best = spec.name;
      bestHits = hits;
    }
  }
  return best;
}

/** The canonical table a header was meant for although it is not exact (a required column missing, extra
 *  columns): at least three of its names are that table's columns, and at least 60 % of the table's
 *  required columns. The validator then names what is missing or unknown. Null when no table is near. */
export function closestTableFor(columns: string[]): TableName | null {
  const cols = new Set(columns.map((c) => c.trim()));
  let best: TableName | null = null;
  let bestHits = 0;
  for (const spec of Object.values(TABLES)) {
    const hits = spec.columns.filter((c) => cols.has(c.name)).length;
    const required = spec.columns.filter((c) => c.required);
    const requiredHits = required.filter((c) => cols.has(c.name)).length;
    if (hits < 3 || requiredHits < 0.6 * required.length) continue;
    if (hits > bestHits) {
      best = spec.name;
      bestHits = hits;
    }
  }
  return best;
}

/** The first non-blank line of CSV text, split by the delimiter that splits it most. */
function firstLineCells(text: string): string[] {
  const start = text.search(/\S/);
  if (start < 0) return [];
  const end = text.indexOf('\n', start);
  const line = (end < 0 ? text.slice(start) : text.slice(start, end)).replace(/\r$/, '');
  const delimiter = [';', '\t', ','].reduce((best, d) => (line.split(d).length > line.split(best).length ? d : best), ',');
  return line.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, ''));
}

/** A CSV whose header is (nearly) a canonical table's: read with the package reader, so a single file
 *  gets the very checks of a package's file (cut-short rows, cells past the header, too many columns). */
function canonicalCsv(text: string, file: string, table: TableName, carried: Issue[]): ParsedFile {
  const read = readCsvText(text, file);
  const kind = `canonical:${table}`;
  if (!read.raw) {
    const n = read.rowsRead ?? 0;
    return { file, kind, tables: {}, issues: [...carried, ...read.issues], accounts: [{ file, table, read: n, loaded: 0, reported: n }], summary: { kind, table, rows: 0 } };
  }
  const raw = { ...read.raw, header: read.raw.header.map((h) => h.normalize('NFC')), rows: read.raw.rows.map((r) => r.map((c) => (c === '' ? null : typeof c === 'string' ? c.normalize('NFC') : c))) };
  return {
    file,
    kind,
    tables: { [table]: raw },
    issues: [...carried, ...read.issues],
    accounts: [{ file, table, read: raw.rows.length, loaded: raw.rows.length, reported: 0 }],
    summary: { kind, table, rows: raw.rows.length, columns: raw.header },
  };
}

function fail(file: string, kind: string, issue: Issue, extra: Record<string, unknown> = {}): ParsedFile {
  return { file, kind, tables: {}, issues: [issue], accounts: [], summary: { kind, rows: 0, ...extra } };
}

function canonicalFromGrid(grid: Grid, file: string, extraIssues: Issue[]): ParsedFile | null {
  const first = grid.rows.findIndex((r) => !isBlankRow(r));
  if (first < 0) return null;
  const header = (grid.rows[first] ?? []).map(cellText);
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const table = canonicalTableFor(header);
  if (!table) return null;
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  for (let r = first + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    if (isBlankRow(row)) continue;
    rows.push(header.map((_, j) => (row[j] === undefined || row[j] === '' ? null : typeof row[j] === 'string' ? (row[j] as string).normalize('NFC') : row[j])));
    rowNumbers.push(grid.rowNumbers[r] ?? r + 1);
  }
  const kind = `canonical:${table}`;
  return {
    file,
    kind,
    tables: { [table]: { file, header, rows, rowNumbers } },
    issues: extraIssues,
    accounts: [{ file, table, read: rows.length, loaded: rows.length, reported: 0 }],
    summary: { kind, table, rows: rows.length, columns: header },
  };
}

/** A grid (from CSV or XLSX) → canonical table, Biểu 06 or index table. */
export function readGrid(grid: Grid, file: string, opts: ReadOptions = {}, carried: Issue[] = []): ParsedFile {
  const withIssues = (p: ParsedFile): ParsedFile => ({ ...p, issues: [...carried, ...p.issues] });
  const canonical = canonicalFromGrid(grid, file, carried);
  if (canonical) return canonical;
  const saved = opts.mapping ?? opts.mappings?.[layoutSignature(grid)];
  // the unit and period a person typed for this file win over those of a mapping saved for the layout
  if (saved) return withIssues(applyBieu06Mapping(grid, file, { ...saved, units: opts.units ?? saved.units, unitName: opts.unitName ?? saved.unitName, period: opts.period ?? saved.period }));
  const b = bieu06Score(grid);
  const ix = indexTableScore(grid, file);
  if (b >= 3 && b >= ix) return withIssues(parseBieu06(grid, file, { unitName: opts.unitName, period: opts.period, units: opts.units }));
  // a table by province (PCI, PAPI, SIPAS, PAR INDEX) in wide or paired layout; long tables (a component
  // column) stay with the index-table reader
  if (!isLongIndexTable(grid) && isProvinceIndexGrid(grid) && !(opts.index === 'DDCI')) {
    const p = parseIndexWorkbook([{ name: grid.sheet ?? file, hidden: false, grid }], file, { index: opts.index, year: opts.year, as_of: opts.asOf, knownUnitIds: opts.units?.map((u) => u.unit_id) });
    if (p.tables.index_scores || p.issues.some((i) => i.code === 'index_unknown' || i.code === 'year_unknown')) return withIssues(p);
  }
  if (ix >= 2) return withIssues(parseIndexTable(grid, file, { index: opts.index, year: opts.year, units: opts.units, as_of: opts.asOf }));
  if (b >= 2) return withIssues(parseBieu06(grid, file, { unitName: opts.unitName, period: opts.period, units: opts.units }));
  const candidates = grid.rows
    .slice(0, 20)
    .map((r, i) => ({ row: grid.rowNumbers[i] ?? i + 1, cells: r.map(cellText) }))
    .filter((r) => r.cells.filter((c) => c).length >= 2);
  return {
    file,
    kind: 'unknown',
    tables: {},
    issues: [
      ...carried,
      errorIssue(
        'header_unmapped',
        file,
        'Không nhận ra bảng: không phải bảng chuẩn (tiêu đề cột là tên cột chuẩn), Biểu 06 hay bảng chỉ số (DDCI, PCI, PAPI, SIPAS, PAR INDEX).',
        'The table is not recognised: neither a canonical table (headers are canonical column names), a Biểu 06 report nor an index table (DDCI, PCI, PAPI, SIPAS, PAR INDEX).',
      ),
    ],
    accounts: [],
    summary: { kind: 'unknown', rows: 0, headerCandidates: candidates, layoutSignature: layoutSignature(grid) },
  };
}

function readJson(text: string, file: string, opts: ReadOptions): ParsedFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    // a syntax error is most often a file cut short (a download or copy that stopped)
    return fail(file, 'json', errorIssue('truncated', file, `Tệp ${file}: JSON sai cú pháp hoặc bị cắt cụt (${(e as Error).message}).`, `File ${file}: a JSON syntax error, or the file is cut short (${(e as Error).message}).`));
  }
  // the portal's own API envelope {code, data, message} first: the crawler's raw response has the same
  // envelope, which isEvaluationEnvelope tells apart (radar, donuts, groupScores)
  if (isCaptureManifest(json)) return parseManifest(json, file);
  if (isEvaluationEnvelope(json)) return parseEvaluation766(json, file, { ...opts.evaluation, periodKey: opts.periodKey, period: opts.period, asOf: opts.asOf });
  if (dvcqg766Shape(json)) return parseDvcqg766(json, file, { asOf: opts.asOf, year: opts.year });
  if (typeof json === 'object' && json !== null && !Array.isArray(json) && Array.isArray((json as Record<string, unknown>).resources)) {
    return fail(file, 'datapackage', errorIssue('is_datapackage', file, 'Đây là tệp mô tả gói dữ liệu (datapackage.json): hãy mở cả gói thay vì từng tệp.', 'This is a data package descriptor (datapackage.json): open the whole package instead of single files.'));
  }
  if (Array.isArray(json) && json.length === 0) return fail(file, 'json', errorIssue('empty_file', file, `Tệp ${file}: mảng rỗng, không có bản ghi nào.`, `File ${file}: an empty array, no records.`));
  const shape = () =>
    fail(file, 'json', errorIssue('bad_json_shape', file, `Tệp ${file}: JSON không phải dữ liệu 766 đã biết, cũng không phải mảng các bản ghi [{…}, …] của một bảng chuẩn.`, `File ${file}: the JSON is neither a known 766 shape nor an array of records [{…}, …] of a canonical table.`));
  if (!Array.isArray(json) || !json.every((r) => typeof r === 'object' && r !== null && !Array.isArray(r))) return shape();
  {
    const records = json as Record<string, unknown>[];
    const header = [...new Set(records.flatMap((r) => Object.keys(r)))];
    const table = canonicalTableFor(header) ?? closestTableFor(header);
    if (table) {
      const issues: Issue[] = [];
      const rows: Cell[][] = records.map((r, i) =>
        header.map((h) => {
          // own keys only: "__proto__" or "constructor" are plain (unknown) columns, never the prototype
          const v = Object.prototype.hasOwnProperty.call(r, h) ? r[h] : undefined;
          if (v === undefined || v === null) return null;
          if (typeof v === 'string') return v.normalize('NFC');
          if (typeof v === 'number' || typeof v === 'boolean') return v;
          // a nested value in a column the table does not have is left to the validator's "unknown column"
          if (!TABLES[table].columns.some((c) => c.name === h)) return JSON.stringify(v);
          issues.push(errorIssue('nested_value', file, `Bản ghi ${i + 1}, cột ${h}: giá trị lồng nhau (đối tượng/mảng) không phải ô dữ liệu.`, `Record ${i + 1}, column ${h}: a nested value (object/array) is not a cell.`, { row: i + 1, column: h }));
          return JSON.stringify(v);
        }),
      );
      const kind = `canonical:${table}`;
      return { file, kind, tables: { [table]: { file, header, rows, rowNumbers: rows.map((_, i) => i + 1) } }, issues, accounts: [{ file, table, read: rows.length, loaded: rows.length, reported: 0 }], summary: { kind, table, rows: rows.length, columns: header } };
    }
  }
  return fail(file, 'json', errorIssue('json_unknown', file, `Tệp ${file}: các bản ghi JSON không khớp bảng chuẩn nào (cột: ${[...new Set((json as Record<string, unknown>[]).flatMap((r) => Object.keys(r)))].slice(0, 8).join(', ')}).`, `File ${file}: the JSON records match no canonical table (columns: ${[...new Set((json as Record<string, unknown>[]).flatMap((r) => Object.keys(r)))].slice(0, 8).join(', ')}).`));
}

/** A workbook: every sheet holding a provincial index table (or opts.sheet), else one sheet (opts.sheet or
 *  the first) through readGrid, as a CSV would be. */
function readWorkbookFile(bytes: Uint8Array, file: string, opts: ReadOptions): ParsedFile {
  const wb = readWorkbook(bytes, file);
  const kind = wb.type ?? 'xlsx';
  if (wb.sheets.length === 0) return { file, kind, tables: {}, issues: wb.issues, accounts: [], summary: { kind, rows: 0, sheets: wb.sheetNames } };
  let chosen: WorkbookSheet | undefined;
  if (opts.sheet !== undefined) {
    const wanted = opts.sheet.normalize('NFC').trim();
    chosen = wb.sheets.find((s) => s.name.trim() === wanted);
    if (!chosen) {
      const issue = errorIssue('sheet_missing', file, `Tệp ${file}: không có trang tính «${wanted}»; các trang có: ${wb.sheetNames.join(', ')}.`, `File ${file}: there is no sheet "${wanted}"; the sheets are: ${wb.sheetNames.join(', ')}.`);
      return { file, kind, tables: {}, issues: [...wb.issues, issue], accounts: [], summary: { kind, rows: 0, sheets: wb.sheetNames } };
    }
  }
  const first = chosen ?? wb.sheets.find((s) => !s.hidden) ?? wb.sheets[0];
  // a canonical table or a Biểu 06 on the sheet read first keeps the single-sheet path
  const canonical = (g: Grid) => {
    const head = g.rows.find((r) => !isBlankRow(r));
    return !!head && canonicalTableFor(head.map(cellText).filter((c) => c !== '')) !== null;
  };
  const provincial = canonical(first.grid) ? [] : (chosen ? [chosen] : wb.sheets).filter((s) => !canonical(s.grid) && !isLongIndexTable(s.grid) && bieu06Score(s.grid) < 3 && isProvinceIndexGrid(s.grid));
  if (provincial.length > 0 && opts.index !== 'DDCI') {
    const p = parseIndexWorkbook(chosen ? [chosen] : wb.sheets, file, { index: opts.index, year: opts.year, as_of: opts.asOf, sheet: opts.sheet, knownUnitIds: opts.units?.map((u) => u.unit_id) });
    return { ...p, issues: [...wb.issues, ...p.issues], summary: { ...p.summary, workbook: kind, sheets: wb.sheetNames } };
  }
  const carried = [...wb.issues];
  if (wb.sheets.length > 1 && !chosen) {
    const others = wb.sheetNames.filter((n) => n !== first.name);
    carried.push(warningIssue('other_sheets', file, `Sổ tính có ${wb.sheets.length} trang; chỉ đọc trang «${first.name}» (các trang khác: ${others.join(', ')}).`, `The workbook has ${wb.sheets.length} sheets; only "${first.name}" was read (others: ${others.join(', ')}).`));
  }
  const p = readGrid(first.grid, file, opts, carried);
  return { ...p, summary: { ...p.summary, workbook: kind, sheet: first.name, sheets: wb.sheetNames } };
}

/** Any dropped file → ParsedFile. Never throws on bad input: problems come back as issues. Workbooks
 *  need the workbook reader loaded first (readFileAsync does it). */
export function readFile(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): ParsedFile {
  const file = fileName;
  const d = detectKind(bytes, fileName);
  switch (d.kind) {
    case 'empty':
      return fail(file, 'empty', errorIssue('empty_file', file, 'Tệp rỗng.', 'The file is empty.'));
    case 'parquet':
    case 'arrow':
      return { file, kind: d.kind, tables: {}, issues: [], accounts: [], summary: { kind: d.kind, rows: 0, handledBy: 'loader' } };
    case 'binary':
      return fail(file, 'binary', errorIssue('not_text', file, `Tệp ${file}: tệp nhị phân không rõ định dạng (không phải CSV, JSON, XLSX, XLS, ODS, Parquet hay Arrow).`, `File ${file}: an unknown binary file (not CSV, JSON, XLSX, XLS, ODS, Parquet or Arrow).`));
    case 'zip-xlsx':
    case 'ods':
    case 'xls':
      return readWorkbookFile(bytes, file, opts);
    case 'json': {
      const t = decodeText(bytes, file);
      const p = readJson(t.text, file, opts);
      return { ...p, issues: [...t.issues, ...p.issues] };
    }
    case 'csv': {
      const t = decodeText(bytes, file);
      if (looksBinary(t.text)) {
        return fail(file, 'binary', errorIssue('not_text', file, `Tệp ${file}: có ký tự NUL hoặc ký tự điều khiển: không phải tệp văn bản (CSV).`, `File ${file}: NUL or control characters: not a text (CSV) file.`));
      }
      const head = firstLineCells(t.text);
      const table = canonicalTableFor(head) ?? closestTableFor(head);
      if (table) {
        const p = canonicalCsv(t.text, file, table, t.issues);
        return { ...p, summary: { ...p.summary, encoding: t.encoding } };
      }
      const g = gridFromCsv(t.text, file);
      const p = readGrid(g.grid, file, opts, [...t.issues, ...g.issues]);
      return { ...p, summary: { ...p.summary, encoding: t.encoding, delimiter: g.grid.delimiter } };
    }
  }
}

/** readFile, loading the workbook reader (SheetJS, a separate chunk) first when the file is a workbook. */
export async function readFileAsync(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<ParsedFile> {
  if (isWorkbookKind(detectKind(bytes, fileName).kind)) await loadWorkbookReader();
  return readFile(bytes, fileName, opts);
}
