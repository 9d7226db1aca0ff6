// Biểu số 06/VPCP/KSTT and II.06a/VPCP/KSTT ("Tình hình, kết quả giải quyết TTHC …", domain.md §4.4,
// data-contract §3.1) → dossier_counts + units.
//
// Rows of the table, top to bottom, are classified as:
//  - total rows: column 2 (or STT) reads "Tổng cộng", "Tổng số", "Tổng", "Cộng" (diacritics matter:
//    "Công chứng" is a field, "Cộng" a total). Checked against the sum of every detail row, not loaded.
//  - group rows: STT is a roman numeral (I, II, …) or a capital letter (A, B…), or column 2 starts with
//    "I." / "II -"…. If they carry numbers, those are checked against the detail rows up to the next
//    group of the same or a higher level; not loaded. A group row with no detail rows under it is
//    itself a detail row.
//  - parent rows: STT "1" followed by rows "1.1", "1.2"…: checked against those, not loaded.
//  - detail rows: everything else, loaded (or reported with an error).
//  The table ends at the signature block ("Người lập biểu", "Thủ trưởng đơn vị", "…, ngày … tháng …
//  năm …", "(Ký, ghi rõ họ tên)") or a note ("Ghi chú"); nothing below is read or counted.
//
// What a detail row is (the `mode`):
//  - 'units': the column-2 header says "Đơn vị" / "Cơ quan" and not "Lĩnh vực" (II.06a at a service
//    centre), or there is no header text and at least 80% of the row names are unit names: each row is
//    a unit, field empty. Group rows are categories ("I. Cấp tỉnh").
//  - 'unit-fields': the header says "Lĩnh vực" (or nothing) and some group rows are unit names ("I. Sở
//    Tư pháp", "UBND xã A"): detail rows under such a group are fields of that unit; detail rows above
//    the first unit group are fields of the reporting unit.
//  - 'fields' (the form's own case, "Lĩnh vực, công việc giải quyết theo cấp"): every detail row is a
//    field of the reporting unit named in the title block; group rows ("I. Cấp tỉnh") are categories.
//
// unit_id is slugify(unit name) ("Sở Tư pháp" → "so-tu-phap"); field is the row's name, NFC and trimmed,
// so composed and decomposed spellings are one field. Counts are parsed as Vietnamese whole numbers
// (4.200 = 4200). A count column the header gives but a detail row leaves blank is an error, unless the
// column is blank on every detail row (then it is null and listed in allowEmpty); "-" is blank.
// Column 3 = 4+5+6, 7 = 8+9+10, 11 = 12+13 are checked on every detail row (errors: the row is reported,
// not loaded) and on subtotal rows (warnings).
import type { Cell, Issue, ParsedFile, RowAccount } from '../types';
import type { Grid } from './grid';
import { cellText, columnLetter, filledTextRows, isBlankRow } from './grid';
import { errorIssue, viNumber, warningIssue } from './issues';
import { cleanText, fold, guessLevel, slugify } from './slug';
import { isNumberError, parseVnNumber } from './vnNumber';
import { isDateError } from './vnDate';
import { readTitleBlock, UNIT_START } from './titleBlock';
import {
  BIEU06_COLUMNS,
  BIEU06_COUNTS,
  BIEU06_TOTAL_PARTS,
  columnLabel,
  columnLabelEn,
  findNumberRow,
  layoutSignature,
  matchBieu06Header,
  matchHeaderText,
  type Bieu06Column,
  type ColumnMap,
  type HeaderMatch,
} from './bieu06Header';

export { BIEU06_COLUMNS, layoutSignature, type Bieu06Column } from './bieu06Header';

export interface Bieu06Period {
  period_start: string;
  period_end: string;
}

export interface Bieu06Options {
  /** the reporting unit, when the title block does not name it */
  unitName?: string;
  /** the period, when the title block does not give it */
  period?: Bieu06Period;
  /** units already known (from the package or a 766 file): a unit whose name or short name has the same
   *  slug takes that unit_id (e.g. "Sở Tư pháp" → H21.16) and gets no new units row */
  units?: { unit_id: string; name: string; short_name?: string | null }[];
}

/** A column mapping chosen by a person (saved under layoutSignature(grid)). */
export interface Bieu06Mapping {
  /** 1-based row number of the last header row (data start on the next row) */
  headerRow: number;
  /** 0-based column index of each Biểu 06 column the sheet has ('name' is column 2) */
  columns: Partial<Record<Bieu06Column, number>>;
  unitName?: string;
  period?: Bieu06Period;
  units?: Bieu06Options['units'];
}

type RowKind = 'detail' | 'group' | 'total' | 'parent';

interface DataRow {
  index: number;
  rowNumber: number;
  stt: string;
  name: string;
  kind: RowKind;
  level: number;
  values: Partial<Record<Bieu06Column, number | null>>;
  bad: Partial<Record<Bieu06Column, { vi: string; en: string }>>;
  leaves: DataRow[];
}

const SIGNATURE = /\b(nguoi lap bieu|nguoi lap|thu truong|lanh dao|ky ghi ro ho ten|ky ten|ky dong dau|xac nhan cua|noi nhan|ghi chu|luu y)\b|\bngay\s*\d{0,2}\s*thang\s*\d{0,2}\s*nam\b/;
const TOTAL_NAME = /^(tổng cộng|tổng số|tổng|cộng|toàn tỉnh|toàn thành phố|tổng hợp chung)(\s|$|[:(.,-])/;
const ROMAN = /^(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})\.?$/;
const LETTER = /^[A-H]\.?$/;
const ROMAN_PREFIX = /^((?=[IVXLC])(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))\s*[.\-–:)]\s*(.+)$/;
const STRONG_UNIT = /^(so|ubnd|uy ban nhan dan|ban quan ly|trung tam|van phong|chi cuc|cuc|phong|chi nhanh|thanh tra|cong an|xa|phuong|thi tran|huyen|thi xa|thanh pho)\s/;

function classify(stt: string, name: string): { kind: RowKind; level: number; name: string } {
  const lower = name.toLowerCase();
  if (TOTAL_NAME.test(lower) || TOTAL_NAME.test(stt.toLowerCase())) return { kind: 'total', level: -1, name };
  if (LETTER.test(stt)) return { kind: 'group', level: 0, name };
  if (ROMAN.test(stt)) return { kind: 'group', level: 1, name };
  if (stt === '') {
    const m = ROMAN_PREFIX.exec(name);
    if (m && m[1] !== '') return { kind: 'group', level: 1, name: cleanText(m[2]) };
  }
  return { kind: 'detail', level: 2, name };
}

function isSignatureRow(cells: string[]): boolean {
  const f = fold(cells.join(' '));
  return SIGNATURE.test(f);
}

/** How much a grid looks like a Biểu 06 (0 = not at all): the number row, the header text, the title. */
export function bieu06Score(grid: Grid): number {
  let score = 0;
  if (findNumberRow(grid)) score += 3;
  if (matchHeaderText(grid)) score += 2;
  const head = filledTextRows(grid, 0, Math.min(grid.rows.length, 30))
    .map((r) => fold(r.join(' ')))
    .join(' ');
  if (/\b(bieu so|mau so|bieu)\s*(ii\s*)?06a?\b|\b06\s*vpcp\b/.test(head)) score += 2;
  if (/tinh hinh ket qua giai quyet|ket qua giai quyet (thu tuc|tthc)/.test(head)) score += 2;
  if (/so ho so (nhan|da|dang) giai quyet/.test(head)) score += 1;
  return score;
}

function headerCandidates(grid: Grid): { row: number; cells: string[] }[] {
  const out: { row: number; cells: string[] }[] = [];
  const texts = filledTextRows(grid, 0, Math.min(grid.rows.length, 40));
  texts.forEach((cells, r) => {
    if (out.length >= 15) return;
    if (cells.filter((t) => t !== '').length >= 2) out.push({ row: grid.rowNumbers[r] ?? r + 1, cells });
  });
  return out;
}

function unmapped(grid: Grid, file: string, issues: Issue[], extra: Record<string, unknown> = {}): ParsedFile {
  const rows = grid.rows.filter((r) => !isBlankRow(r)).length;
  return {
    file,
    kind: 'bieu06:unmapped',
    tables: {},
    issues,
    accounts: [{ file, table: 'dossier_counts', read: rows, loaded: 0, reported: rows }],
    summary: { kind: 'bieu06:unmapped', headerCandidates: headerCandidates(grid), layoutSignature: layoutSignature(grid), rows: 0, ...extra },
  };
}

export function parseBieu06(grid: Grid, file: string, opts: Bieu06Options = {}): ParsedFile {
  const layout = matchBieu06Header(grid);
  if (!layout) {
    return unmapped(grid, file, [
      errorIssue(
        'header_unmapped',
        file,
        'Không nhận ra tiêu đề cột của Biểu 06 (không có hàng số cột (1)…(13) và tiêu đề không khớp): hãy chọn cột cho từng chỉ tiêu.',
        'The Biểu 06 column headers were not recognised (no (1)…(13) number row and no matching header text): choose the column of each figure.',
      ),
    ]);
  }
  return parseWithLayout(grid, file, layout, opts);
}

export function applyBieu06Mapping(grid: Grid, file: string, mapping: Bieu06Mapping): ParsedFile {
  let bottom = grid.rowNumbers.indexOf(mapping.headerRow);
  if (bottom < 0) bottom = mapping.headerRow - 1;
  const nameCol = mapping.columns.name;
  const nameHeader = nameCol === undefined ? '' : fold(filledTextRows(grid, Math.max(0, bottom - 2), bottom + 1).map((r) => r[nameCol] ?? '').join(' '));
  const counts = BIEU06_COUNTS.filter((c) => mapping.columns[c] !== undefined);
  if (counts.length === 0 || nameCol === undefined) {
    return unmapped(grid, file, [
      errorIssue('mapping_incomplete', file, 'Cách chọn cột chưa đủ: cần cột tên (cột 2) và ít nhất một cột số hồ sơ.', 'The column mapping is incomplete: it needs the name column (column 2) and at least one count column.'),
    ]);
  }
  const layout: HeaderMatch = { columns: { ...mapping.columns }, top: Math.max(0, bottom), bottom, nameHeader, conflicts: [] };
  return parseWithLayout(grid, file, layout, { unitName: mapping.unitName, period: mapping.period, units: mapping.units });
}

function parseWithLayout(grid: Grid, file: string, layout: HeaderMatch, opts: Bieu06Options): ParsedFile {
  const issues: Issue[] = [];
  const cols: ColumnMap = layout.columns;
  const title = readTitleBlock(grid, layout.top);
  const signature = layoutSignature(grid);

  for (const c of layout.conflicts) {
    issues.push(
      warningIssue(
        'header_number_mismatch',
        file,
        `Hàng số cột đặt ${columnLabel(c.column)} ở cột ${columnLetter(c.byNumber)} nhưng tiêu đề chữ đặt ở cột ${columnLetter(c.byText)}: đã theo hàng số cột.`,
        `The number row puts ${columnLabelEn(c.column)} in column ${columnLetter(c.byNumber)} but the header text puts it in column ${columnLetter(c.byText)}: the number row was followed.`,
        { row: grid.rowNumbers[layout.bottom] },
      ),
    );
  }
  const formulaCols = BIEU06_COLUMNS.filter((c) => cols[c] !== undefined && grid.formulaColumns.includes(cols[c] as number));
  if (formulaCols.length > 0) {
    issues.push(
      warningIssue(
        'formula_cells',
        file,
        `Có công thức ở ${formulaCols.map(columnLabel).join(', ')}: đã dùng giá trị tính sẵn trong tệp.`,
        `Formulas in ${formulaCols.map(columnLabelEn).join(', ')}: the values cached in the file were used.`,
      ),
    );
  }
  for (const c of BIEU06_COUNTS) {
    if (cols[c] === undefined) {
      issues.push(warningIssue('column_missing', file, `Biểu không có ${columnLabel(c)}: để trống.`, `The report has no ${columnLabelEn(c)}: left empty.`, { column: c }));
    }
  }

  // ---- rows of the table
  const numbered = BIEU06_COLUMNS.filter((c) => c !== 'stt' && c !== 'name' && cols[c] !== undefined);
  const rows: DataRow[] = [];
  for (let i = layout.bottom + 1; i < grid.rows.length; i++) {
    const raw = grid.rows[i] ?? [];
    if (isBlankRow(raw)) continue;
    const texts = raw.map(cellText);
    const values: DataRow['values'] = {};
    const bad: DataRow['bad'] = {};
    let anyNumber = false;
    for (const c of numbered) {
      const v = parseVnNumber(raw[cols[c] as number] as Cell, 'count');
      if (isNumberError(v)) bad[c] = { vi: v.error, en: v.error_en };
      else {
        values[c] = v;
        if (v !== null) anyNumber = true;
      }
    }
    if (!anyNumber && isSignatureRow(texts)) break;
    const stt = cols.stt !== undefined ? texts[cols.stt] ?? '' : '';
    const name = cols.name !== undefined ? texts[cols.name] ?? '' : '';
    if (!anyNumber && Object.keys(bad).length === 0 && stt === '' && name === '') continue; // stray text outside the table's columns
    const k = classify(stt, name);
    rows.push({ index: i, rowNumber: grid.rowNumbers[i] ?? i + 1, stt, name: k.name, kind: k.kind, level: k.level, values, bad, leaves: [] });
  }

  // parents: "1" followed by "1.1"…
  rows.forEach((r, i) => {
    if (r.kind !== 'detail' || !/^\d+(\.\d+)*\.?$/.test(r.stt)) return;
    const prefix = r.stt.replace(/\.$/, '') + '.';
    const next = rows.slice(i + 1).find((x) => x.kind === 'detail');
    if (next && next.stt.startsWith(prefix)) r.kind = 'parent';
  });
  const isLeaf = (r: DataRow) => r.kind === 'detail';
  rows.forEach((r, i) => {
    if (r.kind === 'group') {
      for (const x of rows.slice(i + 1)) {
        if (x.kind === 'total' || (x.kind === 'group' && x.level <= r.level)) break;
        if (isLeaf(x)) r.leaves.push(x);
      }
    } else if (r.kind === 'parent') {
      const prefix = r.stt.replace(/\.$/, '') + '.';
      for (const x of rows.slice(i + 1)) {
        if (!x.stt.startsWith(prefix)) break;
        if (isLeaf(x)) r.leaves.push(x);
      }
    }
  });
  // a group or parent with nothing under it is a row of data itself
  for (const r of rows) if ((r.kind === 'group' || r.kind === 'parent') && r.leaves.length === 0 && (Object.values(r.values).some((v) => v !== null) || Object.keys(r.bad).length > 0)) r.kind = 'detail';
  for (const r of rows) if (r.kind === 'total') r.leaves = rows.filter(isLeaf);

  // ---- what a detail row is
  const header = layout.nameHeader;
  const details = rows.filter(isLeaf);
  const unitGroups = rows.filter((r) => r.kind === 'group' && r.leaves.length > 0 && UNIT_START.test(fold(r.name)) && !/^cap\b/.test(fold(r.name)));
  let mode: 'fields' | 'units' | 'unit-fields';
  if (/\b(don vi|co quan)\b/.test(header) && !/\blinh vuc\b/.test(header)) mode = 'units';
  else if (unitGroups.length > 0) mode = 'unit-fields';
  else if (!/\blinh vuc\b/.test(header) && details.length > 0 && details.filter((d) => STRONG_UNIT.test(fold(d.name) + ' ')).length >= 0.8 * details.length) mode = 'units';
  else mode = 'fields';

  const reportingUnit = opts.unitName ? cleanText(opts.unitName) : title.unitName;
  const unitOf = new Map<DataRow, string>();
  if (mode === 'unit-fields') {
    for (const g of unitGroups) for (const leaf of g.leaves) unitOf.set(leaf, g.name);
  }
  const needsReportingUnit = mode !== 'units' && details.some((d) => !unitOf.has(d));
  let period: Bieu06Period | null = opts.period ?? null;
  if (!period && title.period && !isDateError(title.period)) period = { period_start: title.period.period_start, period_end: title.period.period_end };
  const missing: string[] = [];
  const stop: Issue[] = [];
  if (!period) {
    missing.push('period');
    stop.push(
      title.period && isDateError(title.period)
        ? errorIssue('period_invalid', file, `Tệp ${file}: kỳ báo cáo không hợp lệ: ${title.period.error}.`, `File ${file}: invalid reporting period: ${title.period.error_en}.`, { column: 'period_start' })
        : errorIssue('period_unknown', file, `Tệp ${file}: không tìm thấy kỳ báo cáo ("Từ ngày … đến ngày …", "Tháng …/…", "Quý …/…", "Năm …") phía trên bảng: hãy nhập kỳ báo cáo.`, `File ${file}: no reporting period ("Từ ngày … đến ngày …", month, quarter or year) above the table: enter the period.`, { column: 'period_start' }),
    );
  }
  if (needsReportingUnit && !reportingUnit) {
    missing.push('unit');
    stop.push(errorIssue('unit_unknown', file, `Tệp ${file}: không tìm thấy đơn vị báo cáo ("Đơn vị báo cáo: …" hoặc tên đơn vị ở đầu biểu): hãy nhập tên đơn vị.`, `File ${file}: no reporting unit ("Đơn vị báo cáo: …" or the unit at the top of the form): enter the unit name.`, { column: 'unit_id' }));
  }
  if (stop.length > 0) {
    return unmapped(grid, file, [...issues, ...stop], { missing, mode, headerRow: grid.rowNumbers[layout.bottom], columns: cols });
  }
  const p = period as Bieu06Period;

  // ---- columns blank on every detail row are null (allowEmpty), others must be filled
  const allBlank = new Set<Bieu06Column>();
  for (const c of BIEU06_COUNTS) {
    if (cols[c] === undefined || details.every((d) => d.values[c] === null && !d.bad[c])) allBlank.add(c);
  }
  for (const c of BIEU06_COUNTS) {
    if (cols[c] !== undefined && allBlank.has(c) && details.length > 0) {
      issues.push(warningIssue('column_blank', file, `${columnLabel(c)} để trống ở mọi dòng: không có số liệu (không phải 0).`, `${columnLabelEn(c)} is blank on every row: no figure (not zero).`, { column: c }));
    }
  }

  // ---- detail rows → dossier_counts
  const outHeader = ['period_start', 'period_end', 'unit_id', 'field', ...BIEU06_COUNTS];
  const outRows: Cell[][] = [];
  const outNumbers: number[] = [];
  const units = new Map<string, { name: string; row: number }>();
  const seen = new Map<string, number>();
  const fields = new Set<string>();
  const known = new Map<string, string>();
  for (const u of opts.units ?? []) for (const n of [u.name, u.short_name, u.unit_id]) if (n) known.set(slugify(n), u.unit_id);
  const idOf = (name: string) => known.get(slugify(name)) ?? slugify(name);
  const isKnown = (name: string) => known.has(slugify(name));
  const used = new Map<string, string>(); // unit_id → name of every unit with a loaded row
  let reported = 0;
  for (const d of details) {
    const rowIssues: Issue[] = [];
    const at = { row: d.rowNumber };
    const unitName = mode === 'units' ? d.name : unitOf.get(d) ?? (reportingUnit as string);
    const field = mode === 'units' || (mode === 'unit-fields' && unitOf.has(d) && d.name === unitName) ? '' : d.name;
    if (d.name === '') {
      rowIssues.push(errorIssue('missing_name', file, `Dòng ${d.rowNumber}: cột 2 (tên ${mode === 'units' ? 'đơn vị' : 'lĩnh vực'}) để trống.`, `Row ${d.rowNumber}: column 2 (${mode === 'units' ? 'unit' : 'field'} name) is empty.`, { ...at, column: mode === 'units' ? 'unit_id' : 'field' }));
    }
    for (const c of numbered) {
      const b = d.bad[c];
      if (b) rowIssues.push(errorIssue('bad_number', file, `Dòng ${d.rowNumber}, ${columnLabel(c)}: ${b.vi}.`, `Row ${d.rowNumber}, ${columnLabelEn(c)}: ${b.en}.`, { ...at, column: c }));
    }
    const blanks = BIEU06_COUNTS.filter((c) => !allBlank.has(c) && d.values[c] === null && !d.bad[c]);
    if (blanks.length > 0 && blanks.length === BIEU06_COUNTS.filter((c) => !allBlank.has(c)).length) {
      rowIssues.push(errorIssue('row_without_figures', file, `Dòng ${d.rowNumber} («${d.name}»): không có số liệu nào.`, `Row ${d.rowNumber} ("${d.name}"): no figures at all.`, at));
    } else {
      for (const c of blanks) {
        rowIssues.push(errorIssue('missing_value', file, `Dòng ${d.rowNumber}, ${columnLabel(c)}: ô trống trong khi cột này có số ở dòng khác.`, `Row ${d.rowNumber}, ${columnLabelEn(c)}: blank while this column has figures on other rows.`, { ...at, column: c }));
      }
    }
    rowIssues.push(...sumChecks(d, file, 'error'));
    const unitId = idOf(unitName);
    const key = `${unitId}\u0000${field}`;
    const first = seen.get(key);
    if (first !== undefined && rowIssues.length === 0) {
      rowIssues.push(
        errorIssue('duplicate_field', file, `Dòng ${d.rowNumber}: «${field || unitName}» đã có ở dòng ${first}.`, `Row ${d.rowNumber}: "${field || unitName}" is already on row ${first}.`, { ...at, column: field ? 'field' : 'unit_id' }),
      );
    }
    if (rowIssues.some((x) => x.severity === 'error')) {
      issues.push(...rowIssues);
      reported++;
      continue;
    }
    issues.push(...rowIssues);
    seen.set(key, d.rowNumber);
    if (!units.has(unitId) && !isKnown(unitName)) units.set(unitId, { name: unitName, row: d.rowNumber });
    if (field) fields.add(field);
    if (!used.has(unitId)) used.set(unitId, unitName);
    outRows.push([p.period_start, p.period_end, unitId, field, ...BIEU06_COUNTS.map((c) => (allBlank.has(c) ? null : d.values[c] ?? null))]);
    outNumbers.push(d.rowNumber);
  }
  if (mode !== 'units' && reportingUnit && needsReportingUnit) {
    const id = idOf(reportingUnit);
    if (!units.has(id) && !isKnown(reportingUnit)) units.set(id, { name: reportingUnit, row: grid.rowNumbers[layout.bottom] ?? 1 });
  }

  // ---- subtotal rows: checked, not loaded
  const subtotals = rows.filter((r) => !isLeaf(r));
  for (const s of subtotals) {
    if (s.leaves.length === 0) continue;
    issues.push(...sumChecks(s, file, 'warning'));
    for (const c of numbered) {
      const v = s.values[c];
      if (v === null || v === undefined) continue;
      if (s.leaves.some((l) => l.bad[c])) continue;
      const sum = s.leaves.reduce((a, l) => a + (l.values[c] ?? 0), 0);
      if (sum !== v) {
        const what = s.kind === 'total' ? 'dòng tổng' : s.kind === 'group' ? 'dòng nhóm' : 'dòng mục cha';
        const whatEn = s.kind === 'total' ? 'total row' : s.kind === 'group' ? 'group row' : 'parent row';
        issues.push(
          warningIssue(
            'subtotal_mismatch',
            file,
            `Dòng ${s.rowNumber} (${what} «${s.name || s.stt}»), ${columnLabel(c)}: ghi ${viNumber(v)} nhưng cộng ${s.leaves.length} dòng chi tiết được ${viNumber(sum)}.`,
            `Row ${s.rowNumber} (${whatEn} "${s.name || s.stt}"), ${columnLabelEn(c)}: says ${v} but its ${s.leaves.length} detail rows add up to ${sum}.`,
            { row: s.rowNumber, column: c },
          ),
        );
      }
    }
  }

  const allowEmpty = BIEU06_COUNTS.filter((c) => allBlank.has(c));
  const totals: Record<string, number | null> = {};
  BIEU06_COUNTS.forEach((c, k) => {
    totals[c] = allBlank.has(c) ? null : outRows.reduce((a, r) => a + ((r[4 + k] as number | null) ?? 0), 0);
  });
  const accounts: RowAccount[] = [
    { file, table: 'dossier_counts', read: rows.length, loaded: outRows.length, reported, subtotal: subtotals.length },
    { file, table: 'units', read: units.size, loaded: units.size, reported: 0 },
  ];
  const unitList = [...units];
  const unitRows = unitList.map(([id, u]) => [id, u.name, guessLevel(u.name)] as Cell[]);
  const kind = 'bieu06';
  return {
    file,
    kind,
    tables: {
      dossier_counts: { file, header: outHeader, rows: outRows, rowNumbers: outNumbers, allowEmpty },
      units: { file, header: ['unit_id', 'name', 'level'], rows: unitRows, rowNumbers: unitList.map(([, u]) => u.row) },
    },
    issues,
    accounts,
    summary: {
      kind,
      form: title.form,
      mode,
      units: [...used.values()],
      unitIds: [...used.keys()],
      unitFrom: opts.unitName ? 'given' : title.unitFrom,
      fields: [...fields],
      period: { start: p.period_start, end: p.period_end, text: opts.period ? null : title.period && !isDateError(title.period) ? title.period.text : null },
      rows: outRows.length,
      totals,
      headerRow: grid.rowNumbers[layout.bottom] ?? layout.bottom + 1,
      numberRow: layout.numberRow !== undefined ? grid.rowNumbers[layout.numberRow] : null,
      columns: Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, columnLetter(v as number)])),
      layoutSignature: signature,
    },
  };
}

function sumChecks(r: DataRow, file: string, severity: 'error' | 'warning'): Issue[] {
  const out: Issue[] = [];
  for (const [total, parts] of Object.entries(BIEU06_TOTAL_PARTS) as [Bieu06Column, Bieu06Column[]][]) {
    const t = r.values[total];
    if (t === null || t === undefined) continue;
    const vals = parts.map((c) => r.values[c]);
    if (vals.some((v) => v === undefined || r.bad[parts[vals.indexOf(v)]])) continue;
    if (vals.every((v) => v === null)) continue;
    const sum = vals.reduce((a: number, v) => a + (v ?? 0), 0);
    if (sum === t) continue;
    const nums = parts.map((c) => BIEU06_COLUMNS.indexOf(c) + 1).join('+');
    const vi = `Dòng ${r.rowNumber}${r.name ? ` («${r.name}»)` : ''}, ${columnLabel(total)}: ghi ${viNumber(t)} nhưng cột ${nums} cộng lại được ${viNumber(sum)}.`;
    const en = `Row ${r.rowNumber}${r.name ? ` ("${r.name}")` : ''}, ${columnLabelEn(total)}: says ${t} but columns ${nums} add up to ${sum}.`;
    out.push(severity === 'error' ? errorIssue('bieu06_sum', file, vi, en, { row: r.rowNumber, column: total }) : warningIssue('bieu06_sum', file, vi, en, { row: r.rowNumber, column: total }));
  }
  return out;
}
