// `npm run data:bad [-- --big]`: writes the broken-input corpus into test/fixtures/bad/generated/ (gitignored).
//
// Every case is one broken file inside an otherwise valid dataset package (a copy of base/: 3 units,
// 2 months), so the test of a case checks exactly one problem. Canonical-table cases are also written as
// a single file for the single-file import path; Biểu 06, XLSX and 766-JSON cases exist only as single files;
// datapackage.json cases only as packages. manifest.json says, for each case, what is wrong, what the file
// pretends to be, and what the loader must answer (see test/fixtures/bad/README.md for the rules).
//
// Deterministic: the same bytes on every run (seeded generator, no clock). `--big` adds the 300 MB CSV.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { TABLES } from '../src/datasets/contract';
import type { TableName } from '../src/datasets/types';

// ── vocabulary and manifest shape ────────────────────────────────────────────────────────────────────

/** Issue codes the loader uses (shared with src/datasets/messages.ts). */
export const ISSUE_CODES = [
  'empty_file', 'not_text', 'encoding', 'missing_column', 'duplicate_column', 'unknown_column', 'not_integer',
  'negative_count', 'absurd_count', 'not_number', 'bad_date', 'period_reversed', 'duplicate_key', 'unknown_unit',
  'sum_mismatch', 'received_mismatch', 'bad_json_shape', 'too_many_columns', 'file_too_large', 'missing_file',
  'bad_path', 'truncated', 'header_unmapped', 'formula_cell', 'bad_enum', 'required_empty',
  'period_unknown',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface ExpectedIssue {
  code: IssueCode;
  /** more specific codes that mean the same thing (a test accepts code or any alias) */
  aliases?: string[];
  severity: 'error' | 'warning';
  /** file as the loader names it: the resource path inside the package (absent for single files) */
  file?: string;
  /** 1-based row as a spreadsheet shows it (header = row 1); for JSON arrays the record number */
  row?: number;
  column?: string;
}

export type Outcome = 'refused' | 'loaded-with-warnings' | 'loaded';

export interface Expectation {
  outcome: Outcome;
  /** issues that must be among those reported (others may be reported too) */
  issues: ExpectedIssue[];
}

export interface ManifestCase {
  name: string;
  /** what is wrong, in plain words */
  problem: string;
  /** what the file pretends to be */
  pretends: { table?: TableName; format: string };
  /** cases/<name>/datapackage.json: the whole package to load */
  package?: string;
  /** the broken file inside the package */
  badFile?: string;
  /** single/<name>.<ext>: the same broken file for the single-file import */
  single?: string;
  /** expected answer when loading the package */
  expect?: Expectation;
  /** expected answer when importing the single file */
  singleExpect?: Expectation;
  bytes: number;
}

// ── small writers shared with generate-xss-corpus.ts ─────────────────────────────────────────────────

export interface Table {
  header: string[];
  rows: string[][];
}

/** RFC 4180 CSV: quotes a cell holding the separator, a quote, CR or LF. */
export function toCsv(t: Table, opts: { sep?: string; eol?: string; finalEol?: boolean } = {}): string {
  const sep = opts.sep ?? ',';
  const eol = opts.eol ?? '\n';
  const cell = (v: string) => (v.includes(sep) || /["\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [t.header, ...t.rows].map((r) => r.map(cell).join(sep));
  return lines.join(eol) + (opts.finalEol === false ? '' : eol);
}

export type XlsxCell = string | number | null | { f: string; v: number };

function colName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const xmlEscape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/** A minimal XLSX (one sheet, inline strings, optional formula cells with cached values). */
export function toXlsx(rows: XlsxCell[][], sheetName = 'Bieu06'): Uint8Array {
  const sheetRows = rows
    .map((r, ri) => {
      const cells = r
        .map((c, ci) => {
          const ref = `${colName(ci)}${ri + 1}`;
          if (c == null || c === '') return '';
          if (typeof c === 'number') return `<c r="${ref}"><v>${c}</v></c>`;
          if (typeof c === 'object') return `<c r="${ref}"><f>${xmlEscape(c.f)}</f><v>${c.v}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${xmlEscape(c)}</t></is></c>`;
        })
        .join('');
      return `<row r="${ri + 1}">${cells}</row>`;
    })
    .join('');
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
        '</Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
        '</Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        `<sheets><sheet name="${xmlEscape(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '</Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
        `<sheetData>${sheetRows}</sheetData></worksheet>`,
    ),
  };
  // A fixed mtime keeps the zip bytes identical from run to run.
  const fixed = new Date(Date.UTC(2026, 0, 1));
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, [v, { mtime: fixed }]])), { level: 6 });
}

/** Seeded PRNG (mulberry32): the "random" junk is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ── encodings ────────────────────────────────────────────────────────────────────────────────────────

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const utf16le = (s: string, bom: boolean) => new Uint8Array(Buffer.from((bom ? '\ufeff' : '') + s, 'utf16le'));
function utf16be(s: string, bom: boolean): Uint8Array {
  const le = Buffer.from((bom ? '\ufeff' : '') + s, 'utf16le');
  return new Uint8Array(le.swap16());
}

/** Windows-1258: Vietnamese letters as a base byte plus a separate tone-mark byte, as old office tools wrote. */
const CP1258_BASE: Record<string, number> = {
  Â: 0xc2, â: 0xe2, Ê: 0xca, ê: 0xea, Ô: 0xd4, ô: 0xf4, Ă: 0xc3, ă: 0xe3, Ơ: 0xd5, ơ: 0xf5, Ư: 0xdd, ư: 0xfd, Đ: 0xd0, đ: 0xf0,
};
const CP1258_TONE: Record<string, number> = { '\u0300': 0xcc, '\u0301': 0xec, '\u0303': 0xde, '\u0309': 0xd2, '\u0323': 0xf2 };

export function toCp1258(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s.normalize('NFC')) {
    const d = ch.normalize('NFD');
    const tones = [...d].filter((c) => c in CP1258_TONE);
    const base = [...d].filter((c) => !(c in CP1258_TONE)).join('').normalize('NFC');
    if (base.length === 1 && base.charCodeAt(0) < 0x80) out.push(base.charCodeAt(0));
    else if (base in CP1258_BASE) out.push(CP1258_BASE[base]);
    else throw new Error(`toCp1258: no byte for ${JSON.stringify(base)}`);
    for (const t of tones) out.push(CP1258_TONE[t]);
  }
  return new Uint8Array(out);
}

/** UTF-8 bytes read as Windows-1252 and saved again as UTF-8: "Sở" → "Sá»Ÿ". */
export function mojibake(s: string): string {
  return new TextDecoder('windows-1252').decode(Buffer.from(s, 'utf8'));
}

// ── the base package ─────────────────────────────────────────────────────────────────────────────────

const cols = (t: TableName, pick?: (name: string, required: boolean) => boolean) =>
  TABLES[t].columns.filter((c) => (pick ? pick(c.name, c.required) : true)).map((c) => c.name);

export const UNIT_COLUMNS = cols('units');
export const COUNT_COLUMNS_BASE = cols('dossier_counts', (n, req) => req || n === 'field');
export const TARGET_COLUMNS = cols('targets');

export const BASE_UNITS: Record<string, string>[] = [
  { unit_id: 'H99', name: 'UBND tỉnh Mẫu Sơn', short_name: 'Mẫu Sơn', parent_id: '', level: 'province', code: 'H99', valid_from: '', valid_to: '' },
  { unit_id: 'H99.01', name: 'Sở Tư pháp tỉnh Mẫu Sơn', short_name: 'Sở Tư pháp', parent_id: 'H99', level: 'agency', code: 'H99.01', valid_from: '', valid_to: '' },
  { unit_id: 'H99.02', name: 'Sở Xây dựng tỉnh Mẫu Sơn', short_name: 'Sở Xây dựng', parent_id: 'H99', level: 'agency', code: 'H99.02', valid_from: '', valid_to: '' },
];

const MONTHS = [
  ['2026-01-01', '2026-01-31'],
  ['2026-02-01', '2026-02-28'],
] as const;

/** Counts per month and unit; received (online+offline+carried) = resolved + pending in every row. */
const COUNTS: Record<string, number[]> = {
  // online, offline, carried, early, on_time, overdue, within, pending_overdue
  'H99|0': [40, 60, 0, 50, 30, 5, 10, 5],
  'H99.01|0': [120, 80, 10, 100, 60, 5, 40, 5],
  'H99.02|0': [300, 150, 25, 250, 120, 30, 60, 15],
  'H99|1': [35, 55, 15, 55, 30, 5, 10, 5],
  'H99.01|1': [110, 70, 45, 120, 50, 10, 40, 5],
  'H99.02|1': [280, 140, 75, 260, 130, 25, 65, 15],
};

/** Rows in file order: Jan (H99, H99.01, H99.02) = rows 2–4, Feb = rows 5–7. */
export function baseCountRows(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  MONTHS.forEach(([start, end], m) => {
    for (const u of BASE_UNITS) {
      const c = COUNTS[`${u.unit_id}|${m}`];
      out.push({
        period_start: start,
        period_end: end,
        unit_id: u.unit_id,
        field: '',
        received_online: String(c[0]),
        received_offline: String(c[1]),
        carried_over: String(c[2]),
        resolved_early: String(c[3]),
        resolved_on_time: String(c[4]),
        resolved_overdue: String(c[5]),
        pending_within: String(c[6]),
        pending_overdue: String(c[7]),
      });
    }
  });
  return out;
}

export const BASE_TARGETS: Record<string, string>[] = [
  { metric: 'on_time_rate', unit_id: '*', period_from: '2026-01-01', period_to: '', comparator: '>=', value: '95', source_doc: 'QĐ 766/QĐ-TTg' },
  { metric: 'online_share', unit_id: '*', period_from: '2026-01-01', period_to: '', comparator: '>=', value: '50', source_doc: 'NQ 76/NQ-CP' },
  { metric: 'overdue_count', unit_id: 'H99.01', period_from: '2026-01-01', period_to: '2026-12-31', comparator: '<=', value: '10', source_doc: 'KH 12/KH-UBND tỉnh Mẫu Sơn' },
];

export const records = (header: string[], rows: Record<string, string>[]): Table => ({
  header,
  rows: rows.map((r) => header.map((h) => r[h] ?? '')),
});

const BASE_RESOURCES = [
  { name: 'units', path: 'units.csv', format: 'csv' },
  { name: 'dossier_counts', path: 'dossier_counts.csv', format: 'csv' },
  { name: 'targets', path: 'targets.csv', format: 'csv' },
];

export function descriptor(resources: { name: string; path: string; format?: string }[], extra: Record<string, unknown> = {}) {
  return {
    name: 'chiso-bad-base',
    title: 'Gói thử lỗi: tỉnh Mẫu Sơn (2 đơn vị, 2 tháng)',
    description: 'Gói dữ liệu hợp lệ nhỏ dùng làm nền cho các ca lỗi (test/fixtures/bad).',
    created: '2026-03-01',
    sources: [{ title: 'Sinh bởi scripts/generate-bad-corpus.ts' }],
    licenses: [{ name: 'CC0-1.0', title: 'Creative Commons Zero v1.0' }],
    resources,
    ...extra,
  };
}

const BASE_FILES: Record<string, string> = {
  'units.csv': toCsv(records(UNIT_COLUMNS, BASE_UNITS)),
  'dossier_counts.csv': toCsv(records(COUNT_COLUMNS_BASE, baseCountRows())),
  'targets.csv': toCsv(records(TARGET_COLUMNS, BASE_TARGETS)),
};

// ── Biểu 06 (the report form as one-stop software exports it) ──────────────────────────────────────────

export interface Bieu06Row {
  name: string;
  /** online, offline, carried, early, on_time, overdue, within, pending_overdue */
  c: number[];
  /** override the printed totals (col 3, 7, 11) to make them wrong */
  totals?: [number, number, number];
}

export const BIEU06_FIELDS: Bieu06Row[] = [
  { name: 'Hộ tịch', c: [1250, 300, 50, 1200, 250, 30, 100, 20] },
  { name: 'Chứng thực', c: [400, 200, 10, 500, 80, 10, 15, 5] },
  { name: 'Lý lịch tư pháp', c: [220, 30, 5, 200, 40, 5, 8, 2] },
  { name: 'Quốc tịch', c: [3, 2, 1, 2, 1, 1, 2, 0] },
];

/** vi-VN integers as the form prints them: 4.200 */
const vi = (n: number) => n.toLocaleString('vi-VN', { useGrouping: true, maximumFractionDigits: 0 });

export interface Bieu06Options {
  unitName?: string;
  periodLine?: string | null;
  rows?: Bieu06Row[];
  /** override the Tổng cộng row */
  total?: Bieu06Row;
  /** replace the header rows (for unrecognisable headers) */
  headerRows?: string[][];
  numberRow?: boolean;
  /** how counts are written: vi-VN text ("1.250", as CSV exports print them), numbers, or numbers with
   *  formulas for the totals (XLSX only) */
  cellsAs?: 'text' | 'number' | 'formula';
  /** cell text overrides: [lineIndex (0-based), column (0-based), text] */
  cells?: [number, number, string][];
}

/** Line index (0-based) of the first data row: the title block is 6 lines, the header 3, the number row 1. */
export const BIEU06_FIRST_DATA = 10;

export function bieu06Grid(o: Bieu06Options = {}): XlsxCell[][] {
  const rows = o.rows ?? BIEU06_FIELDS;
  const blank = (n: number) => Array<string>(n).fill('');
  const grid: XlsxCell[][] = [
    ['UBND TỈNH MẪU SƠN', ...blank(10), 'Biểu số 06/VPCP/KSTT', ''],
    [o.unitName ?? 'SỞ TƯ PHÁP', ...blank(12)],
    ['TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC', ...blank(12)],
    [o.periodLine === undefined ? 'Kỳ báo cáo: Tháng 01/2026 (Từ ngày 01/01/2026 đến ngày 31/01/2026)' : (o.periodLine ?? ''), ...blank(12)],
    ['Đơn vị báo cáo: Sở Tư pháp tỉnh Mẫu Sơn', ...blank(7), 'Đơn vị nhận báo cáo: UBND tỉnh Mẫu Sơn', ...blank(4)],
    ['Đơn vị tính: Số hồ sơ TTHC', ...blank(12)],
    ...(o.headerRows ?? [
      ['STT', 'Lĩnh vực, công việc giải quyết theo cấp', 'Số hồ sơ nhận giải quyết', '', '', '', 'Số hồ sơ đã giải quyết', '', '', '', 'Số hồ sơ đang giải quyết', '', ''],
      ['', '', 'Tổng số', 'Trong đó', '', '', 'Tổng số', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Tổng số', 'Trong hạn', 'Quá hạn'],
      ['', '', '', 'Trực tuyến', 'Trực tiếp, dịch vụ bưu chính', 'Từ kỳ trước', '', '', '', '', '', '', ''],
    ]),
  ];
  if (o.numberRow !== false) grid.push(Array.from({ length: 13 }, (_, i) => `(${i + 1})`));
  const dataLine = (r: Bieu06Row, stt: string, line: number): XlsxCell[] => {
    const [on, off, car, early, ontime, over, within, pover] = r.c;
    const t = r.totals ?? [on + off + car, early + ontime + over, within + pover];
    const R = line + 1; // spreadsheet row number
    const as = o.cellsAs ?? 'text';
    const num = (n: number): XlsxCell => (as === 'text' ? vi(n) : n);
    const total = (v: number, f: string): XlsxCell => (as === 'formula' ? { f, v } : num(v));
    return [
      stt,
      r.name,
      total(t[0], `D${R}+E${R}+F${R}`),
      num(on),
      num(off),
      num(car),
      total(t[1], `H${R}+I${R}+J${R}`),
      num(early),
      num(ontime),
      num(over),
      total(t[2], `L${R}+M${R}`),
      num(within),
      num(pover),
    ];
  };
  const first = grid.length;
  rows.forEach((r, i) => grid.push(dataLine(r, String(i + 1), grid.length)));
  const sum = (k: number) => rows.reduce((a, r) => a + r.c[k], 0);
  const totalRow = o.total ?? { name: 'Tổng cộng', c: [0, 1, 2, 3, 4, 5, 6, 7].map(sum) };
  const tl = dataLine(totalRow, '', grid.length);
  if (o.cellsAs === 'formula' && !o.total) {
    // The total row sums the rows above, as spreadsheets do.
    const last = grid.length;
    for (const ci of [3, 4, 5, 7, 8, 9, 11, 12]) {
      const L = colName(ci);
      tl[ci] = { f: `SUM(${L}${first + 1}:${L}${last})`, v: (tl[ci] as number) ?? 0 };
    }
  }
  grid.push(tl);
  grid.push(['', 'Người lập biểu', ...blank(7), 'Thủ trưởng đơn vị', ...blank(3)]);
  for (const [line, col, text] of o.cells ?? []) grid[line][col] = text;
  return grid;
}

export function gridToCsv(grid: XlsxCell[][]): string {
  return toCsv({ header: grid[0].map(cellText), rows: grid.slice(1).map((r) => r.map(cellText)) });
}
const cellText = (c: XlsxCell) => (c == null ? '' : typeof c === 'object' ? String(c.v) : String(c));

// ── DVCQG 766 evaluation JSON (agencies detail) ────────────────────────────────────────────────────────

export function dvc766Agency(code: string, name: string, received: number, onTime: number) {
  const ratio = Math.round((onTime / received) * 10000) / 100;
  const groupScores = { CKMB: 11.5, TDGQ: Math.round(ratio * 20) / 100, ONLINE: 8, TTTT: 7, MDSH: 14, MDHL: 12 };
  // The total is the sum of the group scores, as the portal publishes it.
  const totalScore = Math.round(Object.values(groupScores).reduce((a, b) => a + b, 0) * 100) / 100;
  return {
    departmentId: `00000000-0000-7000-8000-${code.replace(/\D/g, '').padStart(12, '0')}`,
    departmentName: name,
    departmentCode: code,
    childGroup: 'AGENCY',
    totalScore,
    ratio: totalScore,
    scoreDelta: null,
    groupScores,
    componentIndicators: {
      TDGQ_TienDoGiaiQuyet: { totalReceived: received, totalOnTime: onTime, totalOverdue: received - onTime, avgProcessingDays: 3.5, ratio, score: Math.round(ratio * 20) / 100, maxScore: 20 },
      CKMB_CongKhaiMinhBach: {
        score: 11.5,
        maxScore: 18,
        ratio: 63.89,
        metrics: [{ code: 'PUBLISH_ON_TIME', name: 'Tỷ lệ TTHC công bố đúng hạn', numerator: 10, denominator: 20, ratio: 50, score: 3, maxScore: 6 }],
      },
    },
    rank: 1,
    groupRank: 1,
  };
}

export function dvc766Detail(agencies: unknown[], province = 'UBND tỉnh Mẫu Sơn') {
  return {
    metadata: {
      province,
      provinceCode: 'H99',
      rootDepartmentId: '00000000-0000-7000-8000-000000000099',
      runDateStr: '10102026',
      timeType: 'year',
      year: 2026,
      period: null,
      periodLabel: 'Năm 2026',
      extractedAt: '2026-10-10T07:00:18Z',
    },
    count: agencies.length,
    agenciesDetail: agencies,
  };
}

// ── the portal's evaluation API response, as saved ({code, data, message}; evaluation766.ts) ─────────────

/** A dvc-progress-tree response (TDGQ): the province as parent, the given agencies and communes as children. */
export function eval766Tree(children: { code: string; name: string; received: number; onTime: number; commune?: boolean }[], province = 'UBND tỉnh Mẫu Sơn') {
  const unit = (c: (typeof children)[number]) => {
    const ratio = c.received ? Math.round((10000 * c.onTime) / c.received) / 100 : 0;
    return { departmentId: `00000000-0000-7000-8000-${c.code.replace(/\D/g, '').padStart(12, '0')}`, departmentName: c.name, departmentCode: c.code, level: c.commune ? 'COMMUNE' : 'PROVINCE', totalReceived: c.received, totalOnTime: c.onTime, totalOverdue: c.received - c.onTime, avgProcessingDays: 3.5, ratio, score: Math.round(ratio * 20) / 100, maxScore: 20, scoreDelta: null };
  };
  const received = children.reduce((n, c) => n + c.received, 0);
  const onTime = children.reduce((n, c) => n + c.onTime, 0);
  const ratio = received ? Math.round((10000 * onTime) / received) / 100 : 0;
  return {
    code: 'OK',
    data: {
      parent: { departmentId: '00000000-0000-7000-8000-000000000099', departmentName: province, departmentCode: 'H99', totalReceived: received, totalOnTime: onTime, totalCompleted: onTime, avgProcessingDays: 3.5, ratio, totalScore: Math.round(ratio * 20) / 100, totalMaxScore: 20 },
      children: children.map(unit),
      monthlyChart: [],
    },
    message: 'OK',
  };
}

// ── the cases ────────────────────────────────────────────────────────────────────────────────────────

type Bytes = Uint8Array | string;
const asBytes = (b: Bytes) => (typeof b === 'string' ? utf8(b) : b);

interface TableCaseOpts {
  /** resource path inside the package (default <table>.csv) */
  path?: string;
  format?: string;
  /** also write single/<name>.<ext> (default true) */
  single?: boolean;
  singleExpect?: Expectation;
}

interface PlannedCase {
  name: string;
  problem: string;
  pretends: { table?: TableName; format: string };
  /** files of the package folder (base files are added unless replaced); absent = single only */
  packageFiles?: Record<string, Bytes>;
  badFile?: string;
  single?: { ext: string; bytes: Bytes };
  expect?: Expectation;
  singleExpect?: Expectation;
}

const E = (code: IssueCode, at: Omit<ExpectedIssue, 'code' | 'severity'> = {}, severity: 'error' | 'warning' = 'error'): ExpectedIssue => ({
  code,
  severity,
  ...at,
});
const refused = (...issues: ExpectedIssue[]): Expectation => ({ outcome: 'refused', issues });
const warned = (...issues: ExpectedIssue[]): Expectation => ({ outcome: 'loaded-with-warnings', issues });
const loaded = (): Expectation => ({ outcome: 'loaded', issues: [] });
const W = (code: IssueCode, at: Omit<ExpectedIssue, 'code' | 'severity'> = {}) => E(code, at, 'warning');

/** Same expectation without file names: single files are named by whoever imports them. */
const forSingle = (e: Expectation): Expectation => ({ outcome: e.outcome, issues: e.issues.map(({ file: _f, ...rest }) => rest) });

function tableCase(name: string, table: TableName, bytes: Bytes, problem: string, expect: Expectation, o: TableCaseOpts = {}): PlannedCase {
  const format = o.format ?? 'csv';
  const p = o.path ?? `${table}.${format}`;
  const withFile = (e: Expectation): Expectation => ({ outcome: e.outcome, issues: e.issues.map((i) => ({ ...i, file: i.file ?? p })) });
  return {
    name,
    problem,
    pretends: { table, format },
    packageFiles: { [`@${table}`]: p, [p]: bytes },
    badFile: p,
    single: o.single === false ? undefined : { ext: format, bytes },
    expect: withFile(expect),
    singleExpect: o.single === false ? undefined : (o.singleExpect ?? forSingle(expect)),
  };
}

function descriptorCase(name: string, body: Bytes, problem: string, expect: Expectation, files: Record<string, Bytes> = {}): PlannedCase {
  return {
    name,
    problem,
    pretends: { format: 'datapackage' },
    packageFiles: { 'datapackage.json': body, ...files },
    badFile: 'datapackage.json',
    expect,
  };
}

function singleCase(name: string, format: string, ext: string, bytes: Bytes, problem: string, expect: Expectation, table?: TableName): PlannedCase {
  return { name, problem, pretends: { table, format }, single: { ext, bytes }, singleExpect: expect };
}

const dcHeader = COUNT_COLUMNS_BASE;
const dcRows = () => baseCountRows();
const dc = (rows: Record<string, string>[], header = dcHeader, opts?: Parameters<typeof toCsv>[1]) => toCsv(records(header, rows), opts);
const unitsCsv = (rows: Record<string, string>[], header = UNIT_COLUMNS) => toCsv(records(header, rows));
const targetsCsv = (rows: Record<string, string>[], header = TARGET_COLUMNS) => toCsv(records(header, rows));
const withRow = (rows: Record<string, string>[], fileRow: number, patch: Record<string, string>) =>
  rows.map((r, i) => (i + 2 === fileRow ? { ...r, ...patch } : r));
const units = () => BASE_UNITS.map((u) => ({ ...u }));
const targets = () => BASE_TARGETS.map((t) => ({ ...t }));

function planCases(): PlannedCase[] {
  const cases: PlannedCase[] = [];
  const add = (c: PlannedCase) => cases.push(c);
  const base = BASE_FILES['dossier_counts.csv'];

  // — file level: empty, not text, truncated —
  add(tableCase('empty_file', 'dossier_counts', '', 'zero bytes', refused(E('empty_file'))));
  add(tableCase('whitespace_only', 'dossier_counts', '\r\n  \r\n\t\n', 'only blank lines and spaces', refused(E('empty_file'))));
  add(tableCase('only_header', 'dossier_counts', dc([]), 'the header row and no data row', refused(E('empty_file'))));
  {
    const rnd = prng(1);
    const junk = new Uint8Array(4096).map(() => Math.floor(rnd() * 256));
    junk[0] = 0x00;
    junk[1] = 0xff;
    add(tableCase('binary_junk', 'dossier_counts', junk, '4 KB of random bytes named .csv', refused(E('not_text'))));
  }
  {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89, 0, 0, 0, 0]);
    add(tableCase('png_named_csv', 'dossier_counts', png, 'a PNG image renamed to .csv', refused(E('not_text'))));
  }
  add(
    tableCase(
      'nul_bytes',
      'dossier_counts',
      dc(withRow(dcRows(), 3, { field: 'Hộ\u0000\u0000tịch' })),
      'NUL bytes inside a cell of row 3 (a binary export saved as text)',
      refused(E('not_text')),
    ),
  );
  {
    const full = base.replace(/\n$/, '');
    const lines = full.split('\n');
    const last = lines[lines.length - 1].split(',').slice(0, 5).join(',');
    add(
      tableCase('truncated_mid_row', 'dossier_counts', [...lines.slice(0, -1), last].join('\n'), 'the file stops in the middle of row 7 (5 of 12 cells, no final newline)', refused(E('truncated', { row: 7 }))),
    );
    const quoted = lines[lines.length - 1].split(',');
    quoted[3] = '"Hộ tịch, chứng thực';
    add(
      tableCase(
        'truncated_mid_quote',
        'dossier_counts',
        [...lines.slice(0, -1), quoted.slice(0, 6).join(',')].join('\n'),
        'the file stops inside a quoted cell of row 7 (the quote never closes)',
        refused(E('truncated', { row: 7, aliases: ['csv_quotes'] })),
      ),
    );
  }

  // — encodings —
  add(tableCase('utf16le_bom', 'dossier_counts', utf16le(base, true), 'UTF-16 LE with BOM (Excel "Unicode text"): valid, must load', loaded()));
  add(tableCase('utf16be_bom', 'dossier_counts', utf16be(base, true), 'UTF-16 BE with BOM: valid, must load', loaded()));
  add(tableCase('utf16le_no_bom', 'dossier_counts', utf16le(base, false), 'UTF-16 LE without BOM (recognisable by its NUL high bytes): must load', loaded()));
  add(
    tableCase(
      'windows_1258_units',
      'units',
      toCp1258(unitsCsv(units())),
      'units.csv in Windows-1258 (tone marks as separate bytes): decodable, must load with a warning',
      warned(W('encoding', { aliases: ['legacy_encoding', 'encoding_guessed'] })),
    ),
  );
  add(
    tableCase(
      'mojibake_units',
      'units',
      unitsCsv(units().map((u) => ({ ...u, name: mojibake(u.name), short_name: mojibake(u.short_name) }))),
      'unit names are UTF-8 that was read as Windows-1252 and saved again ("Sá»Ÿ TÆ° phÃ¡p")',
      warned(W('encoding', { aliases: ['mojibake'] })),
    ),
  );
  {
    const rows = dcRows();
    const jan = dc(rows.slice(0, 3));
    const feb = dc(rows.slice(3));
    add(
      tableCase(
        'bom_in_middle_concat',
        'dossier_counts',
        jan + '\ufeff' + feb,
        'two exports joined with cat: the second header (with its BOM) sits on row 5 as data',
        refused(E('bad_date', { row: 5, column: 'period_start' })),
      ),
    );
    add(
      tableCase(
        'bom_in_cell',
        'dossier_counts',
        dc(withRow(dcRows(), 3, { unit_id: '\ufeffH99.01' })),
        'a stray BOM before the unit id of row 3 (pasted from another file)',
        warned(W('encoding', { aliases: ['bom_in_text'] })),
      ),
    );
  }

  // — header problems —
  add(
    tableCase('missing_column', 'dossier_counts', dc(dcRows(), dcHeader.filter((h) => h !== 'resolved_overdue')), 'required column resolved_overdue is absent', refused(E('missing_column', { row: 1, column: 'resolved_overdue' }))),
  );
  add(tableCase('missing_unit_id_column', 'dossier_counts', dc(dcRows(), dcHeader.filter((h) => h !== 'unit_id')), 'required column unit_id is absent', refused(E('missing_column', { row: 1, column: 'unit_id' }))));
  add(
    tableCase(
      'duplicate_column',
      'dossier_counts',
      toCsv({ header: [...dcHeader, 'received_online'], rows: dcRows().map((r) => [...dcHeader.map((h) => r[h]), r.received_online]) }),
      'column received_online appears twice',
      refused(E('duplicate_column', { row: 1, column: 'received_online' })),
    ),
  );
  add(
    tableCase(
      'unknown_column',
      'dossier_counts',
      toCsv({ header: [...dcHeader, 'ghi_chu'], rows: dcRows().map((r) => [...dcHeader.map((h) => r[h]), 'đã đối chiếu']) }),
      'an extra column ghi_chu that is not in the contract: ignored with a warning',
      warned(W('unknown_column', { row: 1, column: 'ghi_chu' })),
    ),
  );
  add(
    tableCase('header_unmapped', 'dossier_counts', 'Cột A,Cột B,Cột C\n1,2,3\n4,5,6\n', 'a CSV whose header names no known column', refused(E('missing_column', { row: 1, column: 'unit_id' })), {
      singleExpect: refused(E('header_unmapped')),
    }),
  );
  {
    const wide = Array.from({ length: 10_000 - dcHeader.length }, (_, i) => `extra_${String(i + 1).padStart(5, '0')}`);
    const header = [...dcHeader, ...wide];
    const row = [...dcHeader.map((h) => dcRows()[0][h]), ...wide.map(() => '0')];
    add(tableCase('too_many_columns', 'dossier_counts', toCsv({ header, rows: [row] }), '10,000 columns', refused(E('too_many_columns', { row: 1 }))));
  }
  {
    // 5 MB in one row: a runaway export that wrote one line of separators.
    const cells = '0,'.repeat(2_600_000);
    add(
      tableCase('huge_row_cells', 'dossier_counts', dc([]) + cells + '0\n', 'row 2 is 5 MB of "0,": 2.6 million cells under a 12-column header', refused(E('too_many_columns', { row: 2, aliases: ['truncated'] }))),
    );
    const rows = withRow(dcRows(), 2, { field: 'Hộ tịch '.repeat(440_000) });
    add(
      tableCase('huge_cell', 'dossier_counts', dc(rows), 'row 2 carries a 5 MB field name (valid data: must load, and the page must not freeze)', loaded()),
    );
  }

  // — keys and units —
  add(tableCase('duplicate_key', 'dossier_counts', dc(withRow(dcRows(), 4, { unit_id: 'H99.01' })), 'row 4 repeats the key of row 3 (January, H99.01, all fields)', refused(E('duplicate_key', { row: 4 }))));
  add(tableCase('duplicate_unit_id', 'units', unitsCsv(units().map((u, i) => (i === 2 ? { ...u, unit_id: 'H99.01' } : u))), 'two units share the id H99.01 (rows 3 and 4)', refused(E('duplicate_key', { row: 4 }))));
  add(
    tableCase('unknown_unit', 'dossier_counts', dc(withRow(dcRows(), 3, { unit_id: 'H99.77' })), 'row 3 counts a unit H99.77 that units.csv does not list', refused(E('unknown_unit', { row: 3, column: 'unit_id' })), {
      single: false,
    }),
  );
  add(
    tableCase('unknown_parent_unit', 'units', unitsCsv(units().map((u, i) => (i === 2 ? { ...u, parent_id: 'H98' } : u))), 'unit H99.02 (row 4) has a parent H98 that does not exist', refused(E('unknown_unit', { row: 4, column: 'parent_id' })), {
      single: false,
    }),
  );
  add(
    tableCase('unknown_unit_target', 'targets', targetsCsv(targets().map((t, i) => (i === 2 ? { ...t, unit_id: 'H99.09' } : t))), 'a target (row 4) for a unit H99.09 that does not exist', refused(E('unknown_unit', { row: 4, column: 'unit_id' })), {
      single: false,
    }),
  );

  // — counts —
  add(tableCase('negative_count', 'dossier_counts', dc(withRow(dcRows(), 3, { resolved_overdue: '-5', pending_within: '50' })), 'resolved_overdue = -5 on row 3 (the row still balances)', refused(E('negative_count', { row: 3, column: 'resolved_overdue' }))));
  add(tableCase('fractional_count', 'dossier_counts', dc(withRow(dcRows(), 4, { received_online: '300.5' })), 'received_online = 300.5 on row 4', refused(E('not_integer', { row: 4, column: 'received_online' }))));
  add(
    tableCase(
      'fractional_count_vi_comma',
      'dossier_counts',
      dc(withRow(dcRows(), 2, { received_online: '40,5' }), dcHeader, { sep: ';' }),
      'semicolon-separated (valid) but received_online = "40,5" (a Vietnamese decimal) on row 2',
      refused(E('not_integer', { row: 2, column: 'received_online' })),
    ),
  );
  add(tableCase('thousands_in_canonical', 'dossier_counts', dc(withRow(dcRows(), 4, { received_online: '4.200' })), 'received_online = "4.200" (vi-VN thousands) on row 4: canonical files use plain numbers', refused(E('not_integer', { row: 4, column: 'received_online' }))));
  add(tableCase('count_in_words', 'dossier_counts', dc(withRow(dcRows(), 2, { carried_over: 'mười' })), 'carried_over = "mười" (ten, in words) on row 2', refused(E('not_integer', { row: 2, column: 'carried_over' }))));
  add(tableCase('absurd_count', 'dossier_counts', dc(withRow(dcRows(), 3, { received_online: '1000000000000000' })), 'received_online = 10^15 on row 3', refused(E('absurd_count', { row: 3, column: 'received_online' }))));
  add(tableCase('received_mismatch', 'dossier_counts', dc(withRow(dcRows(), 4, { pending_overdue: '25' })), 'row 4: resolved + pending (485) ≠ received (475): a warning, the row loads', warned(W('received_mismatch', { row: 4 }))));
  {
    const header = [...dcHeader, 'received_total', 'resolved_total', 'pending_total'];
    const rows = dcRows().map((r) => {
      const n = (k: string) => Number(r[k]);
      return {
        ...r,
        received_total: String(n('received_online') + n('received_offline') + n('carried_over')),
        resolved_total: String(n('resolved_early') + n('resolved_on_time') + n('resolved_overdue')),
        pending_total: String(n('pending_within') + n('pending_overdue')),
      };
    });
    add(tableCase('sum_mismatch_totals', 'dossier_counts', dc(withRow(rows, 3, { received_total: '211' }), header), 'Biểu 06 total columns carried in the canonical file; received_total on row 3 is 211, its parts add up to 210', refused(E('sum_mismatch', { row: 3, column: 'received_total' }))));
    add(tableCase('valid_with_totals', 'dossier_counts', dc(rows, header), 'Biểu 06 total columns that add up: valid, must load', loaded()));
  }
  add(
    tableCase(
      'postal_exceeds_offline',
      'dossier_counts',
      dc(withRow(dcRows(), 3, { received_postal: '95' }).map((r) => ({ ...r, received_postal: r.received_postal ?? '0' })), [...dcHeader, 'received_postal']),
      'row 3: received_postal (95) is more than received_offline (80), of which it is a part',
      refused(E('sum_mismatch', { row: 3, column: 'received_postal' })),
    ),
  );

  // — dates and periods —
  add(tableCase('impossible_date_iso', 'dossier_counts', dc(withRow(dcRows(), 5, { period_end: '2026-02-31' })), 'period_end = 2026-02-31 on row 5', refused(E('bad_date', { row: 5, column: 'period_end' }))));
  add(tableCase('impossible_date_vn', 'dossier_counts', dc(withRow(dcRows(), 2, { period_start: '31/02/2026' })), 'period_start = 31/02/2026 on row 2 (not ISO, and no such day)', refused(E('bad_date', { row: 2, column: 'period_start' }))));
  add(tableCase('month_13', 'dossier_counts', dc(withRow(dcRows(), 6, { period_start: '2026-13-01' })), 'period_start = 2026-13-01 on row 6', refused(E('bad_date', { row: 6, column: 'period_start' }))));
  add(tableCase('period_reversed', 'dossier_counts', dc(withRow(dcRows(), 3, { period_start: '2026-01-31', period_end: '2026-01-01' })), 'row 3 ends (2026-01-01) before it starts (2026-01-31)', refused(E('period_reversed', { row: 3, column: 'period_end' }))));
  add(tableCase('target_period_reversed', 'targets', targetsCsv(targets().map((t, i) => (i === 2 ? { ...t, period_to: '2025-12-31' } : t))), 'target on row 4 applies from 2026-01-01 to 2025-12-31', refused(E('period_reversed', { row: 4, column: 'period_to' }))));
  add(
    tableCase('unit_validity_reversed', 'units', unitsCsv(units().map((u, i) => (i === 1 ? { ...u, valid_from: '2026-01-01', valid_to: '2025-06-30' } : u))), 'unit on row 3 is valid from 2026-01-01 to 2025-06-30', refused(E('period_reversed', { row: 3, column: 'valid_to' }))),
  );

  // — enumerations, empty required cells, numbers —
  add(tableCase('bad_enum_level', 'units', unitsCsv(units().map((u, i) => (i === 1 ? { ...u, level: 'tinh' } : u))), 'level = "tinh" on row 3 (not one of nation, province, agency…)', refused(E('bad_enum', { row: 3, column: 'level' }))));
  add(tableCase('bad_enum_comparator', 'targets', targetsCsv(targets().map((t, i) => (i === 0 ? { ...t, comparator: '=>' } : t))), 'comparator = "=>" on row 2', refused(E('bad_enum', { row: 2, column: 'comparator' }))));
  add(tableCase('required_empty_unit_id', 'dossier_counts', dc(withRow(dcRows(), 6, { unit_id: '' })), 'unit_id empty on row 6', refused(E('required_empty', { row: 6, column: 'unit_id' }))));
  add(tableCase('required_empty_name', 'units', unitsCsv(units().map((u, i) => (i === 2 ? { ...u, name: '  ' } : u))), 'unit name blank on row 4', refused(E('required_empty', { row: 4, column: 'name' }))));
  add(tableCase('required_empty_source_doc', 'targets', targetsCsv(targets().map((t, i) => (i === 1 ? { ...t, source_doc: '' } : t))), 'a target without its source document (row 3)', refused(E('required_empty', { row: 3, column: 'source_doc' }))));
  add(tableCase('target_value_not_number', 'targets', targetsCsv(targets().map((t, i) => (i === 0 ? { ...t, value: 'chín mươi lăm' } : t))), 'target value "chín mươi lăm" (ninety-five, in words) on row 2', refused(E('not_number', { row: 2, column: 'value' }))));

  // — separators and quoting —
  add(
    tableCase(
      'quoted_newlines',
      'units',
      unitsCsv(units().map((u, i) => (i === 1 ? { ...u, name: 'Sở Tư pháp\ntỉnh Mẫu Sơn, (cơ quan chuyên môn)', short_name: 'Sở "TP"' } : u))),
      'a unit name with a quoted line break, comma and doubled quotes: valid, must load',
      loaded(),
    ),
  );
  {
    const lines = base.replace(/\n$/, '').split('\n');
    const mixed = lines.map((l, i) => (i === 2 || i === 3 ? l.replace(/,/g, ';') : l)).join('\n') + '\n';
    add(tableCase('mixed_separators', 'dossier_counts', mixed, 'comma header, but rows 3–4 use semicolons', refused(E('bad_date', { row: 3, column: 'period_start' }))));
  }
  add(tableCase('semicolon_valid', 'dossier_counts', dc(dcRows(), dcHeader, { sep: ';' }), 'semicolon-separated with CRLF-free lines: valid, must load', loaded()));
  add(
    tableCase(
      'mixed_line_endings',
      'dossier_counts',
      base.split('\n').map((l, i) => (i % 2 ? l + '\r' : l)).join('\n'),
      'CRLF and LF line endings mixed (some lines edited on Windows): valid, must load',
      loaded(),
    ),
  );

  // — JSON canonical files —
  const jsonRecords = () =>
    dcRows().map((r) => Object.fromEntries(dcHeader.map((h) => [h, /^(received|carried|resolved|pending)/.test(h) ? Number(r[h]) : r[h]])));
  const j = (v: unknown) => JSON.stringify(v, null, 1);
  add(tableCase('json_valid', 'dossier_counts', j(jsonRecords()), 'a JSON array of records: valid, must load', loaded(), { format: 'json' }));
  add(tableCase('json_object_not_array', 'dossier_counts', j({ rows: jsonRecords() }), 'an object {"rows": […]} instead of an array of records', refused(E('bad_json_shape')), { format: 'json' }));
  add(tableCase('json_array_of_arrays', 'dossier_counts', j([dcHeader, ...dcRows().map((r) => dcHeader.map((h) => r[h]))]), 'an array of arrays (a spreadsheet dump) instead of records', refused(E('bad_json_shape')), { format: 'json' }));
  add(tableCase('json_null', 'dossier_counts', 'null', 'the JSON value null', refused(E('bad_json_shape')), { format: 'json' }));
  add(tableCase('json_empty_array', 'dossier_counts', '[]', 'an empty array: no rows', refused(E('empty_file')), { format: 'json' }));
  add(
    tableCase(
      'json_numbers_as_strings',
      'dossier_counts',
      j(dcRows()),
      'counts written as strings of digits ("120"): unambiguous, loaded like CSV cells',
      loaded(),
      { format: 'json' },
    ),
  );
  add(
    tableCase(
      'json_vi_number_strings',
      'dossier_counts',
      j(jsonRecords().map((r, i) => (i === 1 ? { ...r, received_online: '1.200' } : r))),
      'record 2 has received_online "1.200" (vi-VN thousands, as a string)',
      refused(E('not_integer', { row: 2, column: 'received_online' })),
      { format: 'json' },
    ),
  );
  add(
    tableCase(
      'json_nested_garbage',
      'dossier_counts',
      j(jsonRecords().map((r, i) => (i === 1 ? { ...r, received_online: { value: 120, unit: 'hồ sơ' }, field: ['a', ['b']] } : r))),
      'record 2 has an object as received_online and an array as field',
      refused(E('not_integer', { row: 2, column: 'received_online' })),
      { format: 'json' },
    ),
  );
  add(tableCase('json_deeply_nested', 'dossier_counts', '['.repeat(100_000) + ']'.repeat(100_000), 'arrays nested 100,000 deep (a parser stack bomb)', refused(E('bad_json_shape', { aliases: ['truncated'] })), { format: 'json' }));
  {
    const text = j(jsonRecords());
    add(tableCase('json_truncated', 'dossier_counts', text.slice(0, Math.floor(text.length * 0.6)), 'the JSON stops at 60 % of its length', refused(E('truncated')), { format: 'json' }));
  }
  add(
    tableCase(
      'json_proto_keys',
      'dossier_counts',
      '[' + jsonRecords().map((r, i) => (i === 0 ? JSON.stringify(r).replace(/^\{/, '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":2}},') : JSON.stringify(r))).join(',\n') + ']',
      'record 1 carries "__proto__" and "constructor" keys (prototype pollution attempt): ignored columns',
      warned(W('unknown_column', { row: 1, column: '__proto__' })),
      { format: 'json' },
    ),
  );

  // — other tables —
  {
    const header = cols('dossiers');
    const row = (id: string, received: string, rating: string) => ({
      dossier_id: id, unit_id: 'H99.01', field: 'Hộ tịch', procedure_code: '1.000656', channel: '2', online_level: 'full',
      received_at: received, due_at: '2026-01-10T17:00:00', finished_at: '2026-01-08T10:00:00', status: '10',
      supplement_requests: '0', supplement_days: '0', apology_issued: 'false', rating, digitized: 'true', result_electronic: 'true',
    });
    add(
      tableCase('dossiers_bad_timestamp', 'dossiers', toCsv(records(header, [row('d1', '2026-01-05T08:00:00', ''), row('d2', '2026-02-30T08:00:00', '')])), 'received_at 2026-02-30T08:00 on row 3', refused(E('bad_date', { row: 3, column: 'received_at', aliases: ['bad_timestamp'] })), {
        single: true,
      }),
    );
    add(
      tableCase('dossiers_bad_rating', 'dossiers', toCsv(records(header, [row('d1', '2026-01-05T08:00:00', 'ok'), row('d2', '2026-01-06T08:00:00', 'satisfied')])), 'rating "ok" on row 2 (not very_satisfied, satisfied, dissatisfied)', refused(E('bad_enum', { row: 2, column: 'rating' }))),
    );
  }
  {
    const header = cols('index_scores');
    const row = (unit: string, periodType: string) => ({ index: 'DDCI', component: 'TOTAL', period_type: periodType, period: '2025', as_of: '', unit_id: unit, score: '68.5', max_score: '100', rank: '3', rank_of: '20', source: 'Báo cáo DDCI 2025' });
    add(
      tableCase('index_bad_period_type', 'index_scores', toCsv(records(header, [row('H99.01', 'year'), row('H99.02', 'nam')])), 'period_type "nam" (year, in Vietnamese) on row 3', refused(E('bad_enum', { row: 3, column: 'period_type' }))),
    );
  }

  // — datapackage.json —
  const desc = (resources: { name: string; path: string; format?: string }[], extra?: Record<string, unknown>) => JSON.stringify(descriptor(resources, extra), null, 2);
  const swap = (table: string, p: string) => BASE_RESOURCES.map((r) => (r.name === table ? { ...r, path: p } : r));
  add(descriptorCase('dp_missing_file', desc(swap('dossier_counts', 'dossier_counts_2026.csv')), 'resource dossier_counts_2026.csv does not exist', refused(E('missing_file', { file: 'dossier_counts_2026.csv' }))));
  add(descriptorCase('dp_other_origin', desc(swap('dossier_counts', 'https://example.org/dossier_counts.csv')), 'a resource on another origin (must not even be requested)', refused(E('bad_path'))));
  add(descriptorCase('dp_protocol_relative', desc(swap('dossier_counts', '//example.org/dossier_counts.csv')), 'a protocol-relative URL to another origin', refused(E('bad_path'))));
  add(descriptorCase('dp_path_traversal', desc(swap('dossier_counts', '../../base/dossier_counts.csv')), 'a resource path climbing out of the package with ../', refused(E('bad_path'))));
  add(descriptorCase('dp_encoded_traversal', desc(swap('dossier_counts', '%2e%2e/%2e%2e/base/dossier_counts.csv')), 'a percent-encoded ../ (URL parsers treat %2e%2e as ..)', refused(E('bad_path'))));
  add(descriptorCase('dp_backslash_traversal', desc(swap('dossier_counts', '..\\..\\base\\dossier_counts.csv')), 'a Windows-style ..\\ path', refused(E('bad_path'))));
  add(descriptorCase('dp_absolute_path', desc(swap('units', '/etc/passwd')), 'an absolute path', refused(E('bad_path'))));
  add(descriptorCase('dp_javascript_url', desc(swap('units', 'javascript:window.__xss=1')), 'a javascript: URL as a resource path', refused(E('bad_path'))));
  add(descriptorCase('dp_data_url', desc(swap('units', 'data:text/csv;base64,dW5pdF9pZCxuYW1lCg==')), 'a data: URL as a resource path', refused(E('bad_path'))));
  add(descriptorCase('dp_not_json', 'Đây không phải JSON { "resources": [', 'datapackage.json is not JSON', refused(E('bad_json_shape', { aliases: ['bad_package', 'truncated'] }))));
  add(descriptorCase('dp_resources_object', JSON.stringify({ ...descriptor([]), resources: { units: 'units.csv' } }), '"resources" is an object, not a list', refused(E('bad_json_shape', { aliases: ['bad_package'] }))));
  add(descriptorCase('dp_empty', '', 'datapackage.json is empty', refused(E('empty_file', { aliases: ['bad_package'] }))));

  // — Biểu 06 (single files) —
  const b06 = (o: Bieu06Options = {}) => gridToCsv(bieu06Grid(o));
  const L = (i: number) => BIEU06_FIRST_DATA + i + 1; // spreadsheet row of data row i
  const fields = () => BIEU06_FIELDS.map((r) => ({ ...r, c: [...r.c] }));
  add(singleCase('bieu06_valid_csv', 'bieu06', 'csv', b06(), 'a clean Biểu 06 export (title block, 3 header rows, (1)…(13), vi-VN numbers, Tổng cộng): must load', loaded(), 'dossier_counts'));
  add(singleCase('bieu06_valid_xlsx', 'bieu06', 'xlsx', toXlsx(bieu06Grid({ cellsAs: 'number' })), 'the same report as XLSX with numeric cells: must load', loaded(), 'dossier_counts'));
  add(
    singleCase(
      'bieu06_sum_received',
      'bieu06',
      'csv',
      b06({ rows: fields().map((r, i) => (i === 1 ? { ...r, totals: [611, 590, 20] } : r)) }),
      'Chứng thực: col 3 (611) ≠ col 4+5+6 (610)',
      refused(E('sum_mismatch', { row: L(1), aliases: ['bieu06_sum'] })),
      'dossier_counts',
    ),
  );
  add(singleCase('bieu06_sum_resolved', 'bieu06', 'csv', b06({ rows: fields().map((r, i) => (i === 2 ? { ...r, totals: [255, 250, 10] } : r)) }), 'Lý lịch tư pháp: col 7 (250) ≠ col 8+9+10 (245)', refused(E('sum_mismatch', { row: L(2), aliases: ['bieu06_sum'] })), 'dossier_counts'));
  add(singleCase('bieu06_sum_pending', 'bieu06', 'csv', b06({ rows: fields().map((r, i) => (i === 3 ? { ...r, totals: [6, 4, 3] } : r)) }), 'Quốc tịch: col 11 (3) ≠ col 12+13 (2)', refused(E('sum_mismatch', { row: L(3), aliases: ['bieu06_sum'] })), 'dossier_counts'));
  {
    const total = { name: 'Tổng cộng', c: [1874, 532, 66, 1902, 371, 46, 125, 28] };
    add(singleCase('bieu06_total_row_mismatch', 'bieu06', 'csv', b06({ total }), 'the Tổng cộng row (online 1.874, pending overdue 28) is not the sum of the field rows (1.873, 27): the field rows load, the printed total is flagged', warned(W('sum_mismatch', { row: L(4), aliases: ['subtotal_mismatch'] })), 'dossier_counts'));
  }
  add(singleCase('bieu06_negative', 'bieu06', 'csv', b06({ rows: fields().map((r, i) => (i === 1 ? { ...r, c: [400, 200, 10, 520, 80, -10, 15, 5] } : r)) }), 'Chứng thực: col 10 (resolved overdue) = -10 (col 7 still adds up)', refused(E('negative_count', { row: L(1) })), 'dossier_counts'));
  add(singleCase('bieu06_decimal_count', 'bieu06', 'csv', b06({ cells: [[BIEU06_FIRST_DATA + 2, 3, '220,5']] }), 'Lý lịch tư pháp: col 4 (online) = "220,5", a decimal count', refused(E('not_integer', { row: L(2), aliases: ['bad_number'] })), 'dossier_counts'));
  add(
    singleCase(
      'bieu06_unmapped_header',
      'bieu06',
      'csv',
      b06({ numberRow: false, headerRows: [['TT', 'Nội dung', 'Chỉ tiêu A', 'Chỉ tiêu B', 'Chỉ tiêu C', 'Chỉ tiêu D', 'Chỉ tiêu E', 'Chỉ tiêu F', 'Chỉ tiêu G', 'Chỉ tiêu H', 'Chỉ tiêu I', 'Chỉ tiêu J', 'Chỉ tiêu K']] }),
      'a report whose column headers name nothing known and that has no (1)…(13) row',
      refused(E('header_unmapped')),
      'dossier_counts',
    ),
  );
  add(singleCase('bieu06_no_period', 'bieu06', 'csv', b06({ periodLine: 'Kỳ báo cáo: ……' }), 'the title block has no "Từ ngày … đến ngày …"', refused(E('required_empty', { column: 'period_start', aliases: ['period_unknown'] })), 'dossier_counts'));
  add(singleCase('bieu06_impossible_period', 'bieu06', 'csv', b06({ periodLine: 'Kỳ báo cáo: Tháng 02/2026 (Từ ngày 01/02/2026 đến ngày 31/02/2026)' }), 'the period ends on 31/02/2026', refused(E('bad_date', { aliases: ['period_invalid'] })), 'dossier_counts'));
  add(singleCase('bieu06_reversed_period', 'bieu06', 'csv', b06({ periodLine: 'Kỳ báo cáo: Tháng 03/2026 (Từ ngày 31/03/2026 đến ngày 01/03/2026)' }), 'the period ends before it starts', refused(E('period_reversed', { aliases: ['period_invalid'] })), 'dossier_counts'));
  add(singleCase('bieu06_quoted_newline_field', 'bieu06', 'csv', b06({ rows: fields().map((r, i) => (i === 0 ? { ...r, name: 'Hộ tịch\n(đăng ký khai sinh, kết hôn, khai tử)' } : r)) }), 'a field name with a quoted line break and commas: valid, must load', loaded(), 'dossier_counts'));
  add(singleCase('bieu06_formula_xlsx', 'bieu06', 'xlsx', toXlsx(bieu06Grid({ cellsAs: 'formula' })), 'XLSX whose total columns (3, 7, 11) and Tổng cộng row are formulas with cached values: loads, with a warning', warned(W('formula_cell', { aliases: ['formula_cells'] })), 'dossier_counts'));
  {
    const whole = toXlsx(bieu06Grid({ cellsAs: 'number' }));
    add(singleCase('bieu06_truncated_xlsx', 'bieu06', 'xlsx', whole.subarray(0, Math.floor(whole.length / 2)), 'an XLSX cut at half its length (the zip directory is gone)', refused(E('truncated', { aliases: ['zip_corrupt'] })), 'dossier_counts'));
  }
  add(singleCase('xlsx_not_zip', 'bieu06', 'xlsx', 'PK\u0003\u0004 this is not really a zip file', 'starts like a zip, is not one', refused(E('truncated', { aliases: ['zip_corrupt', 'not_xlsx', 'not_text'] })), 'dossier_counts'));

  // — workbook bombs (refused at the workbook reader's boundary, before SheetJS parses anything) —
  {
    const edit = (bytes: Uint8Array, part: string, f: (xml: string) => string, extra: Record<string, Uint8Array> = {}) => {
      const files = unzipSync(bytes);
      files[part] = strToU8(f(new TextDecoder().decode(files[part])));
      const fixed = new Date(Date.UTC(2026, 0, 1));
      return zipSync(Object.fromEntries(Object.entries({ ...files, ...extra }).map(([k, v]) => [k, [v, { mtime: fixed }]])), { level: 9 });
    };
    const sheet = 'xl/worksheets/sheet1.xml';
    const report = () => toXlsx(bieu06Grid({ cellsAs: 'number' }));
    add(singleCase('xlsx_zip_bomb', 'bieu06', 'xlsx', edit(report(), sheet, (x) => x, { 'xl/media/pad.bin': new Uint8Array(30_000_000) }), 'a 30 MB part of zeros compressed to a few KB (a zip bomb)', refused(E('file_too_large', { aliases: ['zip_bomb', 'zip_too_large'] })), 'dossier_counts'));
    add(singleCase('xlsx_huge_dimension', 'bieu06', 'xlsx', edit(report(), sheet, (x) => x.replace(/(<worksheet[^>]*>)/, '$1<dimension ref="A1:XFD1048576"/>')), 'a sheet declaring A1:XFD1048576 (17 billion cells)', refused(E('file_too_large', { aliases: ['sheet_too_large'], column: 'A1:XFD1048576' })), 'dossier_counts'));
    const g = bieu06Grid({ cellsAs: 'number' });
    const r = BIEU06_FIRST_DATA + 1; // second field row (0-based grid row)
    g[r] = g[r].map((c, j) => (j === 3 ? { f: "cmd|' /C calc'!A0", v: 400 } : c));
    add(singleCase('xlsx_formula_dde', 'bieu06', 'xlsx', toXlsx(g), "a DDE formula =cmd|' /C calc'!A0 (cached 400) in a count cell", refused(E('formula_cell', { aliases: ['formula_external'], row: r + 1, column: 'D' })), 'dossier_counts'));
    const content =
      '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Bieu06">' +
      '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>' +
      '</table:table></office:spreadsheet></office:body></office:document-content>';
    const ods = zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0, mtime: new Date(Date.UTC(2026, 0, 1)) }], 'content.xml': [strToU8(content), { mtime: new Date(Date.UTC(2026, 0, 1)) }] });
    add(singleCase('ods_repeat_bomb', 'bieu06', 'ods', ods, 'an .ods row repeated 1,048,576 times of a cell repeated 16,384 times (17 billion cells from 600 bytes)', refused(E('file_too_large', { aliases: ['too_many_cells'] })), 'dossier_counts'));
  }

  // — DVCQG 766 JSON (single files) —
  const ag = () => [dvc766Agency('H99.01', 'Sở Tư pháp - tỉnh Mẫu Sơn', 654, 653), dvc766Agency('H99.02', 'Sở Xây dựng - tỉnh Mẫu Sơn', 1200, 1100)];
  add(singleCase('dvc766_valid', 'dvcqg766', 'json', j(dvc766Detail(ag())), 'a clean agencies-detail snapshot (2 agencies): must load', loaded(), 'index_scores'));
  add(singleCase('dvc766_wrong_shape', 'dvcqg766', 'json', j({ ...dvc766Detail([]), agenciesDetail: 'không có dữ liệu' }), 'agenciesDetail is a string', refused(E('bad_json_shape', { aliases: ['json_unknown'] })), 'index_scores'));
  {
    const a = ag();
    (a[0].componentIndicators.TDGQ_TienDoGiaiQuyet as Record<string, unknown>).totalReceived = '654';
    (a[0] as Record<string, unknown>).totalScore = '70,5';
    add(singleCase('dvc766_numbers_as_strings', 'dvcqg766', 'json', j(dvc766Detail(a)), 'totalScore "70,5" and totalReceived "654" as strings: unambiguous, read like cells', loaded(), 'index_scores'));
  }
  {
    const a = ag();
    a[1].componentIndicators.TDGQ_TienDoGiaiQuyet.totalReceived = -1200;
    add(singleCase('dvc766_negative_received', 'dvcqg766', 'json', j(dvc766Detail(a)), 'totalReceived = -1200 for the second agency', refused(E('negative_count')), 'index_scores'));
  }
  {
    const a = ag() as Record<string, unknown>[];
    a[0].componentIndicators = [{ junk: [[[{}]]] }, 42, null];
    a[1].groupScores = 'CKMB=11';
    add(singleCase('dvc766_nested_garbage', 'dvcqg766', 'json', j(dvc766Detail(a)), 'componentIndicators is an array of junk and groupScores a string', refused(E('bad_json_shape')), 'index_scores'));
  }

  // — the portal's evaluation API response as saved (single files, no capture manifest beside them) —
  {
    const tree = j(eval766Tree([{ code: 'H99.01', name: 'Sở Tư pháp - Tỉnh Mẫu Sơn', received: 654, onTime: 653 }, { code: 'H99.100', name: 'UBND xã An Phú - tỉnh Mẫu Sơn', received: 0, onTime: 0, commune: true }]));
    add(singleCase('eval766_no_period', 'evaluation766', 'json', tree, 'a clean dvc-progress-tree response without its capture manifest: the body states no period (the request did)', refused(E('period_unknown', { column: 'payload' })), 'index_scores'));
    add(singleCase('eval766_truncated', 'evaluation766', 'json', tree.slice(0, Math.floor(tree.length / 2)), 'a response cut at half its length', refused(E('truncated')), 'index_scores'));
    add(singleCase('eval766_api_error', 'evaluation766', 'json', j({ code: 'UNAUTHORIZED', data: null, message: 'Phiên đăng nhập đã hết hạn' }), 'the portal answered an error (code is not OK): a saved error page, not figures', refused(E('bad_json_shape', { aliases: ['api_error'], column: 'code' })), 'index_scores'));
    add(singleCase('eval766_no_data', 'evaluation766', 'json', j({ code: 'OK', message: 'OK' }), 'the envelope without its data part', refused(E('bad_json_shape', { aliases: ['bad_envelope'], column: 'data' })), 'index_scores'));
    add(singleCase('eval766_unknown_endpoint', 'evaluation766', 'json', j({ code: 'OK', data: { rows: [{ a: 1 }] }, message: 'OK' }), 'an OK envelope whose data is of no known endpoint', refused(E('bad_json_shape', { column: 'data' })), 'index_scores'));
  }

  return cases;
}

// ── writing ──────────────────────────────────────────────────────────────────────────────────────────

function writeFile(root: string, rel: string, bytes: Bytes): number {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const b = asBytes(bytes);
  fs.writeFileSync(abs, b);
  return b.length;
}

/** The 300 MB CSV (with --big): valid rows, repeated, so only its size is wrong. Streamed, never held in memory. */
async function writeBig(root: string): Promise<ManifestCase> {
  const rel = 'single/big_300mb.csv';
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  const out = fs.createWriteStream(abs);
  const target = 300 * 1024 * 1024;
  let written = 0;
  const header = dcHeader.join(',') + '\n';
  out.write(header);
  written += header.length;
  let i = 0;
  while (written < target) {
    let chunk = '';
    for (let k = 0; k < 5000; k++, i++) {
      const day = String((i % 28) + 1).padStart(2, '0');
      chunk += `2026-01-${day},2026-01-${day},H99.01,Lĩnh vực ${i},1,2,3,1,2,1,1,1\n`;
    }
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  await new Promise<void>((r, e) => out.end((err?: Error | null) => (err ? e(err) : r())));
  return {
    name: 'big_300mb',
    problem: '300 MB of valid rows: over the size limit, refused before parsing',
    pretends: { table: 'dossier_counts', format: 'csv' },
    single: rel,
    singleExpect: refused(E('file_too_large')),
    bytes: fs.statSync(abs).size,
  };
}

export async function generateBadCorpus(outDir: string, opts: { big?: boolean } = {}): Promise<ManifestCase[]> {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });

  // base/: the valid package every case starts from.
  for (const [name, body] of Object.entries(BASE_FILES)) writeFile(outDir, `base/${name}`, body);
  writeFile(outDir, 'base/datapackage.json', JSON.stringify(descriptor(BASE_RESOURCES), null, 2) + '\n');

  const manifest: ManifestCase[] = [];
  for (const c of planCases()) {
    const entry: ManifestCase = { name: c.name, problem: c.problem, pretends: c.pretends, bytes: 0 };
    if (c.packageFiles) {
      const dir = `cases/${c.name}`;
      const files: Record<string, Bytes> = {};
      const resources = BASE_RESOURCES.map((r) => ({ ...r }));
      for (const [k, v] of Object.entries(c.packageFiles)) {
        if (k.startsWith('@')) {
          // "@table": the bad file replaces (or adds) this table's resource.
          const table = k.slice(1);
          const p = String(v);
          const format = p.split('.').pop() ?? 'csv';
          const existing = resources.find((r) => r.name === table);
          if (existing) Object.assign(existing, { path: p, format });
          else resources.push({ name: table, path: p, format });
        } else files[k] = v;
      }
      const usedPaths = new Set(resources.map((r) => r.path));
      for (const [name, body] of Object.entries(BASE_FILES)) if (usedPaths.has(name) && !(name in files)) files[name] = body;
      if (!('datapackage.json' in files)) files['datapackage.json'] = JSON.stringify(descriptor(resources), null, 2) + '\n';
      else for (const [name, body] of Object.entries(BASE_FILES)) if (!(name in files)) files[name] = body;
      for (const [name, body] of Object.entries(files)) {
        const n = writeFile(outDir, `${dir}/${name}`, body);
        if (name === c.badFile) entry.bytes = n;
      }
      entry.package = `${dir}/datapackage.json`;
      entry.badFile = `${dir}/${c.badFile}`;
      entry.expect = c.expect;
    }
    if (c.single) {
      const rel = `single/${c.name}.${c.single.ext}`;
      entry.bytes = writeFile(outDir, rel, c.single.bytes);
      entry.single = rel;
      entry.singleExpect = c.singleExpect;
    }
    manifest.push(entry);
  }
  if (opts.big) manifest.push(await writeBig(outDir));

  const names = new Set<string>();
  for (const m of manifest) {
    if (names.has(m.name)) throw new Error(`generate-bad-corpus: duplicate case name ${m.name}`);
    names.add(m.name);
    for (const e of [m.expect, m.singleExpect]) for (const i of e?.issues ?? []) if (!ISSUE_CODES.includes(i.code)) throw new Error(`unknown code ${i.code}`);
  }

  writeFile(
    outDir,
    'manifest.json',
    JSON.stringify(
      {
        generator: 'scripts/generate-bad-corpus.ts',
        readme: 'test/fixtures/bad/README.md',
        base: 'base/datapackage.json',
        outcomes: {
          refused: 'at least one error issue; every listed issue is reported (code or an alias, same severity, and row/column where given)',
          'loaded-with-warnings': 'no error issue; every listed warning is reported',
          loaded: 'no error issue',
        },
        vocabulary: ISSUE_CODES,
        cases: manifest,
      },
      null,
      2,
    ) + '\n',
  );
  return manifest;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = path.join(repoRoot, 'test', 'fixtures', 'bad', 'generated');
  const big = process.argv.includes('--big');
  const cases = await generateBadCorpus(outDir, { big });
  const packages = cases.filter((c) => c.package).length;
  const singles = cases.filter((c) => c.single).length;
  console.log(`generate-bad-corpus: ${cases.length} cases (${packages} packages, ${singles} single files) in ${path.relative(repoRoot, outDir)}/${big ? '' : ' (add --big for the 300 MB CSV)'}`);
}
