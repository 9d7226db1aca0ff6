// XLSX → grid, in plain TS over fflate (no DOM, no Node APIs): shared strings, inline strings, numbers,
// booleans, cached values of formula cells (the columns are noted so the reader can say so), merged
// ranges, and date-formatted numbers turned into ISO dates (1900 or 1904 system). Only the parts needed
// for one sheet are inflated, and declared sizes are checked first so a zip bomb is refused before any
// work. Old binary .xls files are refused with a message that says how to convert them.
import { unzipSync } from 'fflate';
import type { Cell, Issue } from '../types';
import { errorIssue, warningIssue } from './issues';
import { scanXml } from './xml';
import type { Grid, MergeRange } from './grid';
import { excelSerialToIso, excelSerialToIsoTimestamp } from './vnDate';

export interface XlsxOptions {
  /** sheet name to read; default: the first sheet of the workbook */
  sheet?: string;
  /** refuse archives whose parts would inflate beyond this many bytes (default 200 MB) */
  maxUncompressedBytes?: number;
}

export interface XlsxResult {
  grid: Grid | null;
  sheetNames: string[];
  issues: Issue[];
}

const DEFAULT_LIMIT = 200 * 1024 * 1024;
const utf8 = new TextDecoder('utf-8');

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

export function isOle2(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b);
}

/** "_x000D_" escapes of OOXML strings (characters XML cannot hold) back to characters. */
function unescapeOoxml(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let cur: string[] | null = null;
  let inT = false;
  let skip = 0; // inside <rPh> (phonetic runs): not part of the value
  scanXml(xml, (t) => {
    if (t.kind === 'open') {
      if (t.name === 'si') {
        cur = [];
        if (t.selfClosing) {
          out.push('');
          cur = null;
        }
      } else if (t.name === 'rPh' && !t.selfClosing) skip++;
      else if (t.name === 't' && !t.selfClosing) inT = true;
    } else if (t.kind === 'close') {
      if (t.name === 'si' && cur) {
        out.push(unescapeOoxml(cur.join('')));
        cur = null;
      } else if (t.name === 'rPh') skip--;
      else if (t.name === 't') inT = false;
    } else if (inT && skip === 0 && cur) cur.push(t.text);
  });
  return out;
}

const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\\./g, '')
    .replace(/_.|\*./g, '');
  if (/general/i.test(bare)) return false;
  return /[dmyhs]/i.test(bare) && !/^[#0.,%\s]+$/.test(bare);
}

/** For each cell style index (the "s" attribute): does it display a date? */
function parseDateStyles(xml: string): boolean[] {
  const custom = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  scanXml(xml, (t) => {
    if (t.kind === 'open') {
      if (t.name === 'numFmt') custom.set(Number(t.attrs.numFmtId), t.attrs.formatCode ?? '');
      else if (t.name === 'cellXfs' && !t.selfClosing) inCellXfs = true;
      else if (t.name === 'xf' && inCellXfs) {
        const id = Number(t.attrs.numFmtId ?? 0);
        const code = custom.get(id);
        styles.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id));
      }
    } else if (t.kind === 'close' && t.name === 'cellXfs') inCellXfs = false;
  });
  return styles;
}

/** "AB12" → { row: 11, col: 27 } (0-based). */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

interface SheetParts {
  rows: Cell[][];
  merges: MergeRange[];
  formulaColumns: Set<number>;
  formulasWithoutValue: number;
}

function parseSheet(xml: string, shared: string[], dateStyles: boolean[], date1904: boolean): SheetParts {
  const rows: Cell[][] = [];
  const merges: MergeRange[] = [];
  const formulaColumns = new Set<number>();
  let formulasWithoutValue = 0;
  let rowIndex = -1;
  let colIndex = -1;
  let cellType = '';
  let cellStyle = 0;
  let hasFormula = false;
  let value: string | null = null;
  let inline: string[] | null = null;
  let capture: 'v' | 't' | 'f' | null = null;
  let text = '';

  const setCell = (r: number, c: number, v: Cell) => {
    while (rows.length <= r) rows.push([]);
    const row = rows[r];
    while (row.length < c) row.push(null);
    row[c] = v;
  };

  scanXml(xml, (t) => {
    if (t.kind === 'open') {
      switch (t.name) {
        case 'row':
          rowIndex = t.attrs.r ? Number(t.attrs.r) - 1 : rowIndex + 1;
          colIndex = -1;
          break;
        case 'c': {
          const ref = t.attrs.r ? parseCellRef(t.attrs.r) : null;
          if (ref) {
            rowIndex = ref.row;
            colIndex = ref.col;
          } else colIndex++;
          cellType = t.attrs.t ?? 'n';
          cellStyle = Number(t.attrs.s ?? 0);
          hasFormula = false;
          value = null;
          inline = null;
          break;
        }
        case 'v':
          if (!t.selfClosing) {
            capture = 'v';
            text = '';
          }
          break;
        case 'f':
          hasFormula = true;
          if (!t.selfClosing) {
            capture = 'f';
            text = '';
          }
          break;
        case 'is':
          inline = [];
          break;
        case 't':
          if (inline && !t.selfClosing) {
            capture = 't';
            text = '';
          }
          break;
        case 'mergeCell': {
          const [a, b] = (t.attrs.ref ?? '').split(':');
          const p = a ? parseCellRef(a) : null;
          const q = b ? parseCellRef(b) : p;
          if (p && q) merges.push({ r0: Math.min(p.row, q.row), c0: Math.min(p.col, q.col), r1: Math.max(p.row, q.row), c1: Math.max(p.col, q.col) });
          break;
        }
      }
    } else if (t.kind === 'text') {
      if (capture) text += t.text;
    } else {
      switch (t.name) {
        case 'v':
          if (capture === 'v') value = text;
          capture = null;
          break;
        case 'f':
          capture = null;
          break;
        case 't':
          if (capture === 't' && inline) inline.push(text);
          capture = null;
          break;
        case 'c': {
          if (hasFormula) formulaColumns.add(colIndex);
          let cell: Cell = null;
          if (cellType === 'inlineStr') cell = inline ? unescapeOoxml(inline.join('')) : null;
          else if (value === null) {
            if (hasFormula) formulasWithoutValue++;
          } else if (cellType === 's') cell = shared[Number(value)] ?? null;
          else if (cellType === 'b') cell = value.trim() === '1';
          else if (cellType === 'str' || cellType === 'e') cell = unescapeOoxml(value);
          else if (cellType === 'd') cell = value.trim();
          else {
            const num = Number(value);
            if (value.trim() === '' || !Number.isFinite(num)) cell = value;
            else if (dateStyles[cellStyle]) cell = Number.isInteger(num) ? excelSerialToIso(num, date1904) : excelSerialToIsoTimestamp(num, date1904);
            else cell = num;
          }
          if (cell !== null && cell !== '') setCell(rowIndex, colIndex, cell);
          break;
        }
      }
    }
  });
  return { rows, merges, formulaColumns, formulasWithoutValue };
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = ('xl/' + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export function readXlsx(bytes: Uint8Array, file: string, opts: XlsxOptions = {}): XlsxResult {
  const issues: Issue[] = [];
  const fail = (code: string, vi: string, en: string): XlsxResult => ({ grid: null, sheetNames: [], issues: [...issues, errorIssue(code, file, vi, en)] });
  if (isOle2(bytes)) {
    return fail('xls_binary', 'Tệp Excel 97–2003 (.xls) chưa được hỗ trợ: hãy mở bằng Excel/LibreOffice và lưu thành .xlsx hoặc .csv.', 'Excel 97–2003 (.xls) files are not supported: open it in Excel/LibreOffice and save it as .xlsx or .csv.');
  }
  if (!isZip(bytes)) return fail('not_xlsx', 'Tệp không phải XLSX (không phải tệp nén ZIP của Excel).', 'The file is not an XLSX workbook (not an Excel ZIP archive).');
  const limit = opts.maxUncompressedBytes ?? DEFAULT_LIMIT;
  const sizes = new Map<string, number>();
  let declared = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        sizes.set(f.name, f.originalSize);
        declared += f.originalSize;
        return false;
      },
    });
  } catch (e) {
    return fail('zip_corrupt', `Tệp XLSX bị hỏng, không giải nén được (${(e as Error).message}).`, `The XLSX file is damaged and cannot be unzipped (${(e as Error).message}).`);
  }
  if (declared > limit) {
    const mb = Math.round(declared / 1048576);
    return fail('zip_too_large', `Tệp XLSX giải nén ra ${mb} MB, vượt giới hạn ${Math.round(limit / 1048576)} MB: từ chối đọc.`, `The XLSX file would inflate to ${mb} MB, over the ${Math.round(limit / 1048576)} MB limit: refused.`);
  }
  const take = (names: string[]): Record<string, string> => {
    const want = new Set(names.filter((n) => sizes.has(n)));
    if (want.size === 0) return {};
    const files = unzipSync(bytes, { filter: (f) => want.has(f.name) });
    const out: Record<string, string> = {};
    for (const [name, data] of Object.entries(files)) {
      if (data.length > limit) throw new Error('too large');
      out[name] = utf8.decode(data);
    }
    return out;
  };
  let parts: Record<string, string>;
  try {
    parts = take(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml']);
  } catch (e) {
    return fail('zip_corrupt', `Tệp XLSX bị hỏng (${(e as Error).message}).`, `The XLSX file is damaged (${(e as Error).message}).`);
  }
  if (!parts['xl/workbook.xml']) return fail('not_xlsx', 'Tệp ZIP này không phải sổ tính Excel (thiếu xl/workbook.xml).', 'This ZIP file is not an Excel workbook (xl/workbook.xml is missing).');
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  scanXml(parts['xl/workbook.xml'], (t) => {
    if (t.kind !== 'open') return;
    if (t.name === 'sheet') sheets.push({ name: (t.attrs.name ?? '').normalize('NFC'), rid: t.attrs.id ?? '' });
    if (t.name === 'workbookPr' && (t.attrs.date1904 === '1' || t.attrs.date1904 === 'true')) date1904 = true;
  });
  const targets = new Map<string, string>();
  scanXml(parts['xl/_rels/workbook.xml.rels'] ?? '', (t) => {
    if (t.kind === 'open' && t.name === 'Relationship') targets.set(t.attrs.Id ?? '', t.attrs.Target ?? '');
  });
  const sheetNames = sheets.map((s) => s.name);
  let chosen = sheets[0];
  if (opts.sheet !== undefined) {
    const wanted = opts.sheet.normalize('NFC').trim();
    chosen = sheets.find((s) => s.name.trim() === wanted) as (typeof sheets)[number];
    if (!chosen) {
      return { grid: null, sheetNames, issues: [...issues, errorIssue('sheet_missing', file, `Không có trang tính «${wanted}»; các trang có: ${sheetNames.join(', ')}.`, `There is no sheet "${wanted}"; the sheets are: ${sheetNames.join(', ')}.`)] };
    }
  }
  if (!chosen) return { grid: null, sheetNames, issues: [...issues, errorIssue('sheet_missing', file, 'Sổ tính không có trang tính nào.', 'The workbook has no sheet.')] };
  const target = targets.get(chosen.rid);
  const sheetPath = target ? resolveTarget(target) : 'xl/worksheets/sheet1.xml';
  let sheetXml: string | undefined;
  try {
    sheetXml = take([sheetPath])[sheetPath];
  } catch (e) {
    return fail('zip_corrupt', `Không đọc được trang tính «${chosen.name}» (${(e as Error).message}).`, `Cannot read sheet "${chosen.name}" (${(e as Error).message}).`);
  }
  if (sheetXml === undefined) return fail('sheet_missing', `Trang tính «${chosen.name}» không có trong tệp.`, `Sheet "${chosen.name}" is missing from the file.`);
  const shared = parts['xl/sharedStrings.xml'] ? parseSharedStrings(parts['xl/sharedStrings.xml']) : [];
  const dateStyles = parts['xl/styles.xml'] ? parseDateStyles(parts['xl/styles.xml']) : [];
  const sheet = parseSheet(sheetXml, shared, dateStyles, date1904);
  if (sheet.formulasWithoutValue > 0) {
    issues.push(
      warningIssue('formula_no_value', file, `${sheet.formulasWithoutValue} ô công thức chưa có giá trị tính sẵn (tệp chưa được tính lại): các ô này để trống.`, `${sheet.formulasWithoutValue} formula cell(s) have no cached value (the workbook was never recalculated): left empty.`),
    );
  }
  if (sheets.length > 1 && opts.sheet === undefined) {
    issues.push(
      warningIssue('other_sheets', file, `Sổ tính có ${sheets.length} trang; chỉ đọc trang đầu «${chosen.name}» (các trang khác: ${sheetNames.slice(1).join(', ')}).`, `The workbook has ${sheets.length} sheets; only the first, "${chosen.name}", was read (others: ${sheetNames.slice(1).join(', ')}).`),
    );
  }
  const grid: Grid = {
    file,
    rows: sheet.rows,
    rowNumbers: sheet.rows.map((_, i) => i + 1),
    merges: sheet.merges,
    formulaColumns: [...sheet.formulaColumns].sort((a, b) => a - b),
    source: 'xlsx',
    sheet: chosen.name,
  };
  return { grid, sheetNames, issues };
}
