// Workbooks (.xlsx, .xls BIFF8, .ods) → one Grid per sheet, through SheetJS (@e965/xlsx, the current
// SheetJS release republished on npm; `xlsx@0.18.5` on npm has unfixed advisories). SheetJS is large,
// so it is loaded on demand (`loadWorkbookReader`, a dynamic import): it never enters the page's first
// bundle; the import worker, the summary command and tests await it before reading a workbook.
//
// The limits stay here, at the library's boundary, and are checked before SheetJS sees the bytes:
//  - file size by kind (LIMITS.maxXlsxBytes);
//  - zips (.xlsx/.ods): every entry is inflated once with fflate and its bytes counted, so a zip bomb
//    (or a header that lies about its size) is refused before SheetJS inflates anything; a ratio check
//    per entry; the declared sheet dimension (<dimension ref="A1:…">) against LIMITS.maxDeclaredCells;
//    in .ods the repeated rows × columns of non-empty cells (SheetJS expands them into cells);
//  - after reading: cells holding a value in all sheets (LIMITS.maxWorkbookCells), rows per sheet.
// Formulas are never evaluated: a cell gives its cached value. In .xlsx SheetJS runs with
// cellFormula:false (a formula cell with no cached value is then empty, not 0), and the formula cells
// are found by a light scan of the sheet XML inflated for the checks above, to warn about them and to
// refuse formulas that reach outside the workbook (DDE "cmd|…", external links, WEBSERVICE…).
// Merged ranges are kept as ranges (grid.ts fills them for header matching only), date-formatted
// numbers become ISO dates (1900 or 1904 system), hidden sheets are marked.
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import type * as SheetJS from '@e965/xlsx';
import type { Cell, Issue } from '../types';
import { LIMITS } from '../limits';
import { errorIssue, warningIssue } from './issues';
import { columnLetter, type Grid, type MergeRange } from './grid';
import { excelSerialToIso, excelSerialToIsoTimestamp } from './vnDate';

export type WorkbookType = 'xlsx' | 'xls' | 'ods';

export interface WorkbookSheet {
  name: string;
  hidden: boolean;
  grid: Grid;
}

export interface WorkbookResult {
  type: WorkbookType | null;
  sheets: WorkbookSheet[];
  sheetNames: string[];
  issues: Issue[];
}

export interface WorkbookOptions {
  /** limits, for tests; default LIMITS */
  maxInflatedBytes?: number;
  maxDeclaredCells?: number;
  maxCells?: number;
}

let sheetjs: typeof SheetJS | null = null;

/** Loads SheetJS once (a separate chunk in the browser). */
export async function loadWorkbookReader(): Promise<typeof SheetJS> {
  if (!sheetjs) sheetjs = await import('@e965/xlsx');
  return sheetjs;
}

export function workbookReaderLoaded(): boolean {
  return sheetjs !== null;
}

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
}

/** An OLE2 compound file (D0 CF 11 E0 A1 B1 1A E1): Excel 97–2003 .xls (or another Office 97 file). */
export function isOle2(bytes: Uint8Array): boolean {
  const sig = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && sig.every((b, i) => bytes[i] === b);
}

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8');

/** What a zip holds, from its first entry: ODS starts with an uncompressed "mimetype" entry; else XLSX
 *  when it has xl/workbook.xml. Null when neither. */
export function zipWorkbookType(bytes: Uint8Array): 'xlsx' | 'ods' | null {
  // ODS: local header of "mimetype" at 0, stored, its content right after the 30-byte header + name
  if (latin1.decode(bytes.subarray(30, 38)) === 'mimetype' && latin1.decode(bytes.subarray(38, 84)).startsWith('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
  try {
    let found: 'xlsx' | 'ods' | null = null;
    unzipSync(bytes, {
      filter: (f) => {
        if (f.name === 'xl/workbook.xml' || f.name === 'xl/workbook.bin') found = 'xlsx';
        if (f.name === 'content.xml' && found === null) found = 'ods';
        return false;
      },
    });
    return found;
  } catch {
    return null;
  }
}

const mb = (n: number) => Math.round(n / 1048576).toLocaleString('vi-VN');

interface ZipScan {
  /** sheet XML (.xlsx) by path, and content.xml (.ods): the only parts scanned */
  texts: Map<string, string>;
  rels: string;
  error: Issue | null;
}

/** Inflates every entry once, counting bytes (headers are not trusted), and keeps the sheet XML. */
function scanZip(bytes: Uint8Array, file: string, type: 'xlsx' | 'ods', limit: number): ZipScan {
  const texts = new Map<string, string>();
  let rels = '';
  let total = 0;
  let error: Issue | null = null;
  const refuse = (i: Issue) => {
    if (!error) error = i;
  };
  // declared sizes first: a cheap refusal of an honest bomb
  let declared = 0;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        declared += f.originalSize;
        if (f.originalSize > 1048576 && f.size > 0 && f.originalSize / f.size > LIMITS.maxZipRatio) {
          refuse(errorIssue('zip_bomb', file, `Tệp ${file}: phần «${f.name}» nén ${Math.round(f.originalSize / f.size)} lần (${mb(f.originalSize)} MB): dấu hiệu «bom nén», từ chối đọc.`, `File ${file}: part "${f.name}" is compressed ${Math.round(f.originalSize / f.size)} times (${mb(f.originalSize)} MB): a zip bomb, refused.`));
        }
        return false;
      },
    });
  } catch (e) {
    return { texts, rels, error: errorIssue('zip_corrupt', file, `Tệp ${file}: sổ tính bị hỏng, không giải nén được (${(e as Error).message}).`, `File ${file}: the workbook is damaged and cannot be unzipped (${(e as Error).message}).`) };
  }
  if (error) return { texts, rels, error };
  if (declared > limit) {
    return { texts, rels, error: errorIssue('zip_too_large', file, `Tệp ${file}: giải nén ra ${mb(declared)} MB, vượt giới hạn ${mb(limit)} MB: từ chối đọc.`, `File ${file}: would inflate to ${mb(declared)} MB, over the ${mb(limit)} MB limit: refused.`) };
  }
  const keep = (name: string) => (type === 'xlsx' ? /^xl\/worksheets\/[^/]+\.xml$/.test(name) || name === 'xl/_rels/workbook.xml.rels' : name === 'content.xml');
  const uz = new Unzip();
  uz.register(UnzipInflate);
  uz.onfile = (f) => {
    const chunks: Uint8Array[] = [];
    let n = 0;
    const wanted = keep(f.name);
    f.ondata = (err, chunk, final) => {
      if (err) {
        refuse(errorIssue('zip_corrupt', file, `Tệp ${file}: phần «${f.name}» bị hỏng (${err.message}).`, `File ${file}: part "${f.name}" is damaged (${err.message}).`));
        return;
      }
      n += chunk.length;
      total += chunk.length;
      if (total > limit || (f.originalSize !== undefined && n > f.originalSize + 4096)) {
        refuse(errorIssue('zip_too_large', file, `Tệp ${file}: giải nén ra hơn ${mb(Math.min(total, limit))} MB (phần «${f.name}» lớn hơn kích thước nó khai): từ chối đọc.`, `File ${file}: inflates past ${mb(Math.min(total, limit))} MB (part "${f.name}" is larger than it declares): refused.`));
        f.terminate();
        return;
      }
      if (wanted) chunks.push(chunk);
      if (final && wanted) {
        const all = new Uint8Array(n);
        let at = 0;
        for (const c of chunks) {
          all.set(c, at);
          at += c.length;
        }
        const text = utf8.decode(all);
        if (f.name.endsWith('.rels')) rels = text;
        else texts.set(f.name, text);
      }
    };
    f.start();
  };
  try {
    uz.push(bytes, true);
  } catch (e) {
    refuse(errorIssue('zip_corrupt', file, `Tệp ${file}: sổ tính bị hỏng (${(e as Error).message}).`, `File ${file}: the workbook is damaged (${(e as Error).message}).`));
  }
  return { texts, rels, error };
}

/** "AB12" → { row: 11, col: 27 } (0-based). */
export function parseCellRef(ref: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

function declaredCells(ref: string): number {
  const [a, b] = ref.split(':');
  const p = parseCellRef(a ?? '');
  const q = parseCellRef(b ?? a ?? '');
  if (!p || !q) return 0;
  return (Math.abs(q.row - p.row) + 1) * (Math.abs(q.col - p.col) + 1);
}

/** A formula that runs something outside the workbook: DDE ("cmd|' /C calc'!A0"), a web call
 *  (WEBSERVICE), a DLL call (CALL, REGISTER). Never evaluated here, but refused, so the cell's cached
 *  value (chosen by whoever made the file) is not taken as data. Links to other workbooks and HYPERLINK
 *  are ordinary in published files and keep their cached values. */
const HOSTILE_FORMULA = /^[^("]*\|\s*'|\b(cmd|command|powershell|pwsh|mshta|msexcel|excel|dde|ddeauto|rundll32|regsvr32|wscript|cscript)\s*[|;]\s*'|\bWEBSERVICE\s*\(|\bFILTERXML\s*\(|\bCALL\s*\(|\bREGISTER(\.ID)?\s*\(|\bEXEC\s*\(/i;

interface FormulaCell {
  row: number;
  col: number;
  text: string;
  cached: boolean;
}

const decodeXml = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] as string);

/** The formula cells of a sheet's XML (.xlsx): only when it has any; one pass over the <c> elements. */
function xlsxFormulaCells(xml: string): FormulaCell[] {
  if (!/<(\w+:)?f[\s>/]/.test(xml)) return [];
  const out: FormulaCell[] = [];
  const re = /<(?:\w+:)?c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const body = m[2];
    if (!body || !/<(\w+:)?f[\s>/]/.test(body)) continue;
    const r = /\br="([A-Z]+\d+)"/.exec(m[1]);
    const at = r ? parseCellRef(r[1]) : null;
    if (!at) continue;
    const f = /<(?:\w+:)?f(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?f>/.exec(body);
    out.push({ ...at, text: f ? decodeXml(f[1]) : '', cached: /<(\w+:)?v>/.test(body) });
  }
  return out;
}

/** rId → sheet XML path, from xl/_rels/workbook.xml.rels. */
function relTargets(rels: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:\w+:)?Relationship\s([^>]*)>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[1])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[1])?.[1];
    if (!id || !target) continue;
    const parts = (target.startsWith('/') ? target.slice(1) : 'xl/' + target).split('/');
    const path: string[] = [];
    for (const p of parts) {
      if (p === '..') path.pop();
      else if (p !== '.' && p !== '') path.push(p);
    }
    out.set(id, path.join('/'));
  }
  return out;
}

/** Cells an .ods content.xml would expand to: non-empty cells × their column repeat × their row's
 *  repeat (SheetJS writes every repeated copy). Stops counting past `cap`. */
function odsExpandedCells(xml: string, cap: number): number {
  let total = 0;
  let rowRepeat = 1;
  const re = /<table:(table-row|table-cell|covered-table-cell)\b([^>]*?)(\/?)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    const attrs = m[2];
    if (m[1] === 'table-row') {
      rowRepeat = Number(/number-rows-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1) || 1;
      continue;
    }
    const empty = m[3] === '/' && !/value-type=/.test(attrs);
    if (empty || m[1] === 'covered-table-cell') continue;
    const colRepeat = Number(/number-columns-repeated="(\d+)"/.exec(attrs)?.[1] ?? 1) || 1;
    total += colRepeat * rowRepeat;
    if (total > cap) return total;
  }
  return total;
}

type SheetCell = SheetJS.CellObject;

const dateFormats = new Map<string, boolean>();
/** Does a number format show a date? (asked once per format: a sheet has a handful) */
function isDateFormat(z: string, X: typeof SheetJS): boolean {
  let d = dateFormats.get(z);
  if (d === undefined) {
    d = Boolean(X.SSF.is_date(z));
    if (dateFormats.size < 1000) dateFormats.set(z, d);
  }
  return d;
}

function cellValue(c: SheetCell | undefined, X: typeof SheetJS, date1904: boolean): Cell {
  if (!c) return null;
  switch (c.t) {
    case 's':
      return typeof c.v === 'string' && c.v !== '' ? c.v : null;
    case 'b':
      return c.v === true;
    case 'e':
      return c.w ?? (typeof c.v === 'number' ? X.SSF.format('General', c.v) : '#ERR');
    case 'd':
      return c.v instanceof Date ? c.v.toISOString().slice(0, 10) : String(c.v ?? '');
    case 'n': {
      const n = c.v as number;
      if (typeof n !== 'number' || !Number.isFinite(n)) return null;
      if (typeof c.z === 'string' && c.z !== 'General' && isDateFormat(c.z, X)) return Number.isInteger(n) ? excelSerialToIso(n, date1904) : excelSerialToIsoTimestamp(n, date1904);
      return n;
    }
    default:
      return null;
  }
}

const fail = (issue: Issue, type: WorkbookType | null = null, sheetNames: string[] = []): WorkbookResult => ({ type, sheets: [], sheetNames, issues: [issue] });

/** Bytes of a workbook → its sheets as grids, or issues saying why not. Needs loadWorkbookReader() to
 *  have been awaited (it says so instead of throwing when it has not). */
export function readWorkbook(bytes: Uint8Array, file: string, opts: WorkbookOptions = {}): WorkbookResult {
  const X = sheetjs;
  if (bytes.byteLength > LIMITS.maxXlsxBytes) {
    return fail(errorIssue('file_too_large', file, `Tệp ${file}: ${mb(bytes.byteLength)} MB, vượt giới hạn ${mb(LIMITS.maxXlsxBytes)} MB của sổ tính.`, `File ${file}: ${mb(bytes.byteLength)} MB, over the ${mb(LIMITS.maxXlsxBytes)} MB workbook limit.`));
  }
  let type: WorkbookType;
  if (isOle2(bytes)) type = 'xls';
  else if (isZip(bytes)) {
    const t = zipWorkbookType(bytes);
    if (!t) {
      // a damaged zip or a zip that is no workbook
      try {
        unzipSync(bytes, { filter: () => false });
      } catch (e) {
        return fail(errorIssue('zip_corrupt', file, `Tệp ${file}: sổ tính bị hỏng, không giải nén được (${(e as Error).message}).`, `File ${file}: the workbook is damaged and cannot be unzipped (${(e as Error).message}).`));
      }
      return fail(errorIssue('not_xlsx', file, `Tệp ${file}: tệp nén ZIP này không phải sổ tính (.xlsx, .ods).`, `File ${file}: this ZIP file is not a workbook (.xlsx, .ods).`));
    }
    type = t;
  } else return fail(errorIssue('not_xlsx', file, `Tệp ${file}: không phải sổ tính Excel/OpenDocument.`, `File ${file}: not an Excel/OpenDocument workbook.`));
  if (!X) return fail(errorIssue('read_failed', file, `Tệp ${file}: bộ đọc sổ tính chưa được nạp.`, `File ${file}: the workbook reader is not loaded.`), type);

  const maxDeclared = opts.maxDeclaredCells ?? LIMITS.maxDeclaredCells;
  const maxCells = opts.maxCells ?? LIMITS.maxWorkbookCells;
  const issues: Issue[] = [];
  let formulasBySheetPath = new Map<string, FormulaCell[]>();
  let rels = new Map<string, string>();
  if (type !== 'xls') {
    const scan = scanZip(bytes, file, type, opts.maxInflatedBytes ?? LIMITS.maxWorkbookInflatedBytes);
    if (scan.error) return fail(scan.error, type);
    for (const [path, xml] of scan.texts) {
      if (type === 'ods') {
        const n = odsExpandedCells(xml, maxCells);
        if (n > maxCells) return fail(errorIssue('too_many_cells', file, `Tệp ${file}: các ô lặp lại (number-rows/columns-repeated) bung ra hơn ${maxCells.toLocaleString('vi-VN')} ô: từ chối đọc.`, `File ${file}: repeated cells (number-rows/columns-repeated) expand to over ${maxCells} cells: refused.`), type);
        continue;
      }
      const dim = /<(?:\w+:)?dimension\s+ref="([^"]+)"/.exec(xml.slice(0, 4096))?.[1];
      if (dim && declaredCells(dim) > maxDeclared) {
        return fail(errorIssue('sheet_too_large', file, `Tệp ${file}: trang tính (${path}) khai vùng ${dim}, ${declaredCells(dim).toLocaleString('vi-VN')} ô, vượt giới hạn ${maxDeclared.toLocaleString('vi-VN')} ô: từ chối đọc.`, `File ${file}: a sheet (${path}) declares the range ${dim}, ${declaredCells(dim)} cells, over the ${maxDeclared} cell limit: refused.`, { column: dim }), type);
      }
      formulasBySheetPath.set(path, xlsxFormulaCells(xml));
    }
    if (type === 'xlsx') rels = relTargets(scan.rels);
  }

  let wb: SheetJS.WorkBook;
  try {
    wb = X.read(bytes, {
      type: 'array',
      dense: true,
      cellFormula: type !== 'xlsx',
      cellHTML: false,
      cellText: false,
      cellNF: true,
      cellDates: false,
      cellStyles: false,
      bookVBA: false,
      sheetStubs: false,
      sheetRows: LIMITS.maxSheetRows + 1,
    });
  } catch (e) {
    const what = type === 'xls' ? 'Excel 97–2003 (.xls)' : type === 'ods' ? 'OpenDocument (.ods)' : 'XLSX';
    return fail(errorIssue(type === 'xls' ? 'xls_corrupt' : 'zip_corrupt', file, `Tệp ${file}: sổ tính ${what} bị hỏng hoặc không đọc được (${(e as Error).message}).`, `File ${file}: the ${what} workbook is damaged or unreadable (${(e as Error).message}).`), type);
  }
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const meta = wb.Workbook?.Sheets ?? [];
  const sheetNames = wb.SheetNames.map((n) => n.normalize('NFC'));
  const sheets: WorkbookSheet[] = [];
  let cells = 0;
  for (const [i, rawName] of wb.SheetNames.entries()) {
    const ws = wb.Sheets[rawName];
    const name = sheetNames[i];
    if (!ws) continue;
    const ref = ws['!ref'];
    if (ref && declaredCells(ref) > maxDeclared) {
      return fail(errorIssue('sheet_too_large', file, `Tệp ${file}, trang «${name}»: vùng ${ref} có ${declaredCells(ref).toLocaleString('vi-VN')} ô, vượt giới hạn ${maxDeclared.toLocaleString('vi-VN')} ô: từ chối đọc.`, `File ${file}, sheet "${name}": the range ${ref} has ${declaredCells(ref)} cells, over the ${maxDeclared} cell limit: refused.`, { column: ref }), type, sheetNames);
    }
    const data = (ws as unknown as { '!data'?: (SheetCell[] | undefined)[] })['!data'] ?? [];
    if (data.length > LIMITS.maxSheetRows) {
      return fail(errorIssue('too_many_rows', file, `Tệp ${file}, trang «${name}»: hơn ${LIMITS.maxSheetRows.toLocaleString('vi-VN')} dòng: từ chối đọc.`, `File ${file}, sheet "${name}": over ${LIMITS.maxSheetRows} rows: refused.`), type, sheetNames);
    }
    const path = rels.get((meta[i] as { id?: string } | undefined)?.id ?? '') ?? `xl/worksheets/sheet${i + 1}.xml`;
    const formulas: FormulaCell[] = type === 'xlsx' ? formulasBySheetPath.get(path) ?? [] : [];
    const rows: Cell[][] = [];
    for (let r = 0; r < data.length; r++) {
      const src = data[r];
      const row: Cell[] = [];
      if (src) {
        for (let c = 0; c < src.length; c++) {
          const cell = src[c];
          if (!cell) continue;
          if (type !== 'xlsx' && cell.f) formulas.push({ row: r, col: c, text: cell.f, cached: cell.v !== undefined });
          const v = cellValue(cell, X, date1904);
          if (v === null || v === '') continue;
          while (row.length < c) row.push(null);
          row[c] = v;
          cells++;
        }
      }
      rows.push(row);
      if (cells > maxCells) {
        return fail(errorIssue('too_many_cells', file, `Tệp ${file}: hơn ${maxCells.toLocaleString('vi-VN')} ô có giá trị (đến trang «${name}», dòng ${r + 1}): từ chối đọc.`, `File ${file}: over ${maxCells} cells with a value (by sheet "${name}", row ${r + 1}): refused.`, { row: r + 1 }), type, sheetNames);
      }
    }
    while (rows.length > 0 && rows[rows.length - 1].length === 0) rows.pop();
    // formulas: warn about cells without a cached value; refuse (empty) cells whose formula reaches out
    let noValue = 0;
    for (const f of formulas) {
      if (!f.cached) noValue++;
      if (HOSTILE_FORMULA.test(f.text)) {
        const at = `${columnLetter(f.col)}${f.row + 1}`;
        if (rows[f.row]) rows[f.row][f.col] = null;
        issues.push(errorIssue('formula_external', file, `Tệp ${file}, trang «${name}», ô ${at} (dòng ${f.row + 1}): công thức gọi ra ngoài sổ tính (liên kết ngoài, DDE, web): không đọc giá trị của ô này.`, `File ${file}, sheet "${name}", cell ${at} (row ${f.row + 1}): a formula that reaches outside the workbook (external link, DDE, web): the cell's value is not read.`, { row: f.row + 1, column: columnLetter(f.col) }));
      }
    }
    if (noValue > 0) {
      issues.push(warningIssue('formula_no_value', file, `Trang «${name}»: ${noValue} ô công thức chưa có giá trị tính sẵn (tệp chưa được tính lại): các ô này để trống.`, `Sheet "${name}": ${noValue} formula cell(s) have no cached value (the workbook was never recalculated): left empty.`));
    }
    const merges: MergeRange[] = (ws['!merges'] ?? []).map((m) => ({ r0: Math.min(m.s.r, m.e.r), c0: Math.min(m.s.c, m.e.c), r1: Math.max(m.s.r, m.e.r), c1: Math.max(m.s.c, m.e.c) }));
    const grid: Grid = {
      file,
      rows,
      rowNumbers: rows.map((_, k) => k + 1),
      merges,
      formulaColumns: [...new Set(formulas.map((f) => f.col))].sort((a, b) => a - b),
      source: 'xlsx',
      sheet: name,
    };
    sheets.push({ name, hidden: Boolean((meta[i] as { Hidden?: number } | undefined)?.Hidden), grid });
  }
  if (sheets.length === 0) return fail(errorIssue('sheet_missing', file, `Tệp ${file}: sổ tính không có trang tính nào.`, `File ${file}: the workbook has no sheet.`), type, sheetNames);
  return { type, sheets, sheetNames, issues };
}
