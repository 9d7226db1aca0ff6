// Canonical files (CSV, JSON array of records, Parquet, Arrow IPC) → raw tables, before validation.
// Everything a file can be broken by ends here as an issue with its file (and row when there is one):
// not text at all, a legacy encoding, a file cut short, a row with more cells than the header.
import Papa from 'papaparse';
import { tableFromIPC } from 'apache-arrow';
import { parquetReadObjects } from 'hyparquet';
import { decodeText } from './formats/text';
import { LIMITS, limitFor, pacer, yieldIfBusy, type LimitKind, type Pacer } from './limits';
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
  /** data rows seen when the whole file is refused after its rows were counted (for the row account) */
  rowsRead?: number;
}

// ── bytes → text ─────────────────────────────────────────────────────────────────────────────────────

/** C0 control characters a text export never holds (tab, line feed and carriage return excepted) and
 *  U+FFFD, what a decoder leaves for bytes it cannot read. (C1 controls are left out: mojibake has them.) */
function controlCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) n++;
  }
  return n;
}

/** A NUL anywhere, or more than 1 % control characters at the start, means bytes that are not text. */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true;
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  return controlCount(head) > Math.max(2, head.length * 0.01);
}

const ENCODING_DETAIL: Record<string, [vi: string, en: string]> = {
  legacy_encoding: ['tệp dùng bảng mã Windows-1258, không phải UTF-8; đã chuyển sang Unicode', 'the file is Windows-1258, not UTF-8; it was converted to Unicode'],
  encoding_guessed: ['tệp không phải UTF-8; đã đọc theo Windows-1258, hãy kiểm tra dấu tiếng Việt', 'the file is not UTF-8; it was read as Windows-1258: check the Vietnamese diacritics'],
  mojibake: ['chữ bị lỗi mã hóa (UTF-8 bị đọc nhầm thành Windows-1252 rồi lưu lại); hãy xuất lại tệp ở dạng UTF-8', 'garbled text (UTF-8 misread as Windows-1252 and saved again); export the file again as UTF-8'],
  bom_in_text: ['có ký tự BOM nằm giữa nội dung (thường do ghép nhiều tệp); đã bỏ', 'byte-order marks inside the text (often from joined files) were removed'],
};

/** Bytes → NFC text (UTF-8 with or without BOM, UTF-16 LE/BE, Windows-1258), or not_text. */
export function decodeCanonicalText(bytes: Uint8Array, file: string): { text: string | null; issues: Issue[] } {
  const decoded = decodeText(bytes, file);
  if (looksBinary(decoded.text)) return { text: null, issues: [issue('not_text', { file })] };
  const issues = decoded.issues.map((i) => {
    const [vi, en] = ENCODING_DETAIL[i.code] ?? [i.message, i.message_en];
    return issue('encoding', { file }, { detail: vi, detail_en: en });
  });
  return { text: decoded.text, issues };
}

// ── CSV ──────────────────────────────────────────────────────────────────────────────────────────────

function detectDelimiter(text: string): string {
  const end = text.indexOf('\n');
  const firstLine = end < 0 ? text : text.slice(0, end);
  const count = (re: RegExp) => firstLine.match(re)?.length ?? 0;
  const [commas, semis, tabs] = [count(/,/g), count(/;/g), count(/\t/g)];
  if (semis > commas && semis >= tabs) return ';';
  if (tabs > commas) return '\t';
  return ',';
}

/** Papa Parse's error codes, said in both languages. */
const PAPA_ERRORS: Record<string, [vi: string, en: string]> = {
  MissingQuotes: ['một ô mở dấu ngoặc kép mà không đóng', 'a quoted cell is never closed'],
  InvalidQuotes: ['dấu ngoặc kép sai chỗ trong một ô', 'a misplaced quote inside a cell'],
};

const blankRecord = (r: string[]) => r.every((c) => c.trim() === '');

/** Parsed CSV records (one per spreadsheet row, blank ones included) → a raw table and issues.
 *  Rows are numbered as a spreadsheet shows them: record i is row i + 1. */
function csvRecordsToRaw(records: string[][], parseErrors: { code: string; message: string; row?: number }[], text: string, file: string): ReadResult {
  const headerAt = records.findIndex((r) => !blankRecord(r));
  if (headerAt < 0) return { raw: null, issues: [issue('empty_file', { file })] };
  const header = records[headerAt].map((h) => h.trim());
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  for (let i = headerAt + 1; i < records.length; i++) {
    if (blankRecord(records[i])) continue;
    rows.push(records[i]);
    rowNumbers.push(i + 1);
  }
  if (header.length > LIMITS.maxColumns) {
    return { raw: null, rowsRead: rows.length, issues: [issue('too_many_columns', { file, row: headerAt + 1 }, { count: header.length, limit: LIMITS.maxColumns })] };
  }
  if (rows.length === 0) return { raw: null, issues: [issue('empty_file', { file })] };

  const issues: Issue[] = [];
  const flagged = new Set<number>();
  for (const e of parseErrors) {
    if (e.code === 'UndetectableDelimiter') continue;
    const row = e.row != null ? e.row + 1 : undefined;
    if (row != null) flagged.add(row);
    const [vi, en] = PAPA_ERRORS[e.code] ?? [e.message, e.message];
    issues.push(issue('truncated', { file, ...(row != null ? { row } : {}) }, { detail: vi, detail_en: en }));
  }
  const endsWithNewline = /[\r\n]\s*$/.test(text);
  rows.forEach((cells, k) => {
    const row = rowNumbers[k];
    if (cells.length > header.length && cells.slice(header.length).some((c) => String(c ?? '').trim() !== '')) {
      // Cells past the header would be lost without a word: the row is refused instead.
      if (cells.length > LIMITS.maxColumns) issues.push(issue('too_many_columns', { file, row }, { count: cells.length, limit: LIMITS.maxColumns }));
      else issues.push(issue('cell_count', { file, row }, { count: cells.length, columns: header.length }));
    } else if (k === rows.length - 1 && cells.length < header.length && !endsWithNewline && !flagged.has(row)) {
      issues.push(issue('truncated', { file, row }, { detail: `dòng cuối chỉ có ${cells.length} trên ${header.length} ô`, detail_en: `the last row has only ${cells.length} of ${header.length} cells` }));
    }
  });
  return { raw: { file, header, rows, rowNumbers }, issues };
}

/** Parse CSV text in one go (small files, tests). */
export function readCsvText(text: string, file: string): ReadResult {
  if (text.trim() === '') return { raw: null, issues: [issue('empty_file', { file })] };
  const parsed = Papa.parse<string[]>(text, { delimiter: detectDelimiter(text), skipEmptyLines: false });
  return csvRecordsToRaw(parsed.data, parsed.errors, text, file);
}

/** Parse CSV text in chunks, giving the event loop back between them so a page never freezes. */
export function readCsvTextPaced(text: string, file: string, pace: Pacer = pacer()): Promise<ReadResult> {
  if (text.trim() === '') return Promise.resolve({ raw: null, issues: [issue('empty_file', { file })] });
  if (text.length <= LIMITS.chunkChars) return Promise.resolve(readCsvText(text, file));
  return new Promise((resolve, reject) => {
    const records: string[][] = [];
    const errors: { code: string; message: string; row?: number }[] = [];
    Papa.parse<string[]>(text, {
      delimiter: detectDelimiter(text),
      skipEmptyLines: false,
      chunkSize: LIMITS.chunkChars,
      chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser) {
        // Error rows are counted within the chunk: shift them by the records already read.
        for (const e of results.errors) errors.push({ code: e.code, message: e.message, row: e.row != null ? e.row + records.length : undefined });
        for (const r of results.data) records.push(r);
        if (pace.due()) {
          parser.pause();
          pace.yield().then(() => parser.resume(), reject);
        }
      },
      complete() {
        resolve(csvRecordsToRaw(records, errors, text, file));
      },
      error(e: Error) {
        reject(e);
      },
    });
  });
}

// ── JSON ─────────────────────────────────────────────────────────────────────────────────────────────

export function readJsonText(text: string, file: string): ReadResult {
  if (text.trim() === '') return { raw: null, issues: [issue('empty_file', { file })] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { raw: null, issues: [issue('truncated', { file }, { detail: 'JSON sai cú pháp hoặc bị cắt cụt', detail_en: 'a JSON syntax error, or the file is cut short' })] };
  }
  if (!Array.isArray(data)) {
    return { raw: null, issues: [issue('bad_json_shape', { file }, { detail: 'cần một mảng các bản ghi [{…}, …]', detail_en: 'expected an array of records [{…}, …]' })] };
  }
  if (data.length === 0) return { raw: null, issues: [issue('empty_file', { file })] };
  const bad = data.findIndex((r) => r == null || typeof r !== 'object' || Array.isArray(r));
  if (bad >= 0) {
    return {
      raw: null,
      rowsRead: data.length,
      issues: [issue('bad_json_shape', { file, row: bad + 1 }, { detail: 'cần một mảng các bản ghi [{…}, …]; phần tử này không phải bản ghi', detail_en: 'expected an array of records [{…}, …]; this element is not a record' })],
    };
  }
  return { raw: recordsToRaw(data as Record<string, unknown>[], file, 1), issues: [] };
}

function toCell(v: unknown): Cell {
  if (v == null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

/** Records → raw table; `firstRow` is the number given to the first record (1 for JSON, 2 for files with a header).
 *  Keys are read as own properties only, so "__proto__" or "constructor" are plain (unknown) columns. */
export function recordsToRaw(records: Record<string, unknown>[], file: string, firstRow: number): RawTable {
  const header: string[] = [];
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); header.push(k); }
  const own = Object.prototype.hasOwnProperty;
  return {
    file,
    header,
    rows: records.map((r) => header.map((h) => (own.call(r, h) ? toCell(r[h]) : null))),
    rowNumbers: records.map((_, i) => i + firstRow),
  };
}

// ── binary tables ────────────────────────────────────────────────────────────────────────────────────

export async function readParquet(bytes: Uint8Array, file: string): Promise<ReadResult> {
  try {
    const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const records = (await parquetReadObjects({ file: buf })) as Record<string, unknown>[];
    if (records.length === 0) return { raw: null, issues: [issue('empty_file', { file })] };
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
    if (rows.length === 0) return { raw: null, issues: [issue('empty_file', { file })] };
    return { raw: { file, header, rows, rowNumbers: rows.map((_, i) => i + 2) }, issues: [] };
  } catch (e) {
    return { raw: null, issues: [issue('truncated', { file }, { detail: (e as Error).message })] };
  }
}

// ── entry points ─────────────────────────────────────────────────────────────────────────────────────

/** The size check that comes before any parsing: null when the file may be read. */
export function sizeRefusal(byteLength: number, file: string, kind: LimitKind): Issue | null {
  const limit = limitFor(kind);
  if (byteLength <= limit) return null;
  const mb = (n: number) => (n / 1048576).toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  return issue('file_too_large', { file }, { size: mb(byteLength), limit: mb(limit) });
}

const limitKind = (format: CanonicalFormat): LimitKind => (format === 'parquet' || format === 'arrow' ? 'binary' : format === 'json' ? 'json' : 'text');

export async function readCanonical(bytes: Uint8Array, file: string, format: CanonicalFormat, pace: Pacer = pacer()): Promise<ReadResult> {
  const tooLarge = sizeRefusal(bytes.byteLength, file, limitKind(format));
  if (tooLarge) return { raw: null, issues: [tooLarge] };
  if (bytes.byteLength === 0) return { raw: null, issues: [issue('empty_file', { file })] };
  if (format === 'parquet') return readParquet(bytes, file);
  if (format === 'arrow') return readArrow(bytes, file);
  const decoded = decodeCanonicalText(bytes, file);
  if (decoded.text == null) return { raw: null, issues: decoded.issues };
  await yieldIfBusy(pace);
  const read = format === 'csv' ? await readCsvTextPaced(decoded.text, file, pace) : readJsonText(decoded.text, file);
  return { ...read, issues: [...decoded.issues, ...read.issues] };
}
