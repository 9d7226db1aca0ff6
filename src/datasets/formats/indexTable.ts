// Published index tables (DDCI, PCI, PAPI, SIPAS, PAR INDEX) as CSV or XLSX grids → index_scores + units.
//
// Two layouts:
//  - wide: one row per unit, a column per component. "Tổng điểm" / "Điểm tổng hợp" / "Điểm" / the index's
//    own name ("DDCI", "PCI"…) is component TOTAL; "Xếp hạng" / "Hạng" / "Thứ hạng" is TOTAL's rank
//    ("Xếp hạng <component>" is that component's rank); "Nhóm" / "Khối" is the rank group; every other
//    numeric column is a component named by its header text (NFC, trimmed). Text columns that are not
//    the unit ("Xếp loại" bands…) are reported as ignored.
//  - long: one row per unit and component, with columns for the unit, the component ("Chỉ số thành phần"
//    / component), the score ("Điểm" / score) and optionally index, year / period, max_score, rank,
//    rank_of, rank_group.
// The index comes from a column, the title ("Kết quả DDCI năm 2024"), the file name or opts.index; the
// year from a "Năm" column, the title, the file name or opts.year. Units are matched to opts.units by
// slug of name or short name (so "Sở Tư pháp", "SỞ TƯ PHÁP" and "So Tu phap" are one unit); unknown
// units get unit_id = slug of the name and a units row.
import type { Cell, Issue, ParsedFile, RowAccount } from '../types';
import type { Grid } from './grid';
import { cellText, columnLetter, isBlankRow } from './grid';
import { errorIssue, warningIssue } from './issues';
import { cleanText, fold, guessLevel, slugify, tidyUnitName } from './slug';
import { componentCode } from './indexComponents';
import { matchProvince } from './provinces';
import { isNumberError, parseVnNumber } from './vnNumber';
import { INDEX_HEADER } from './dvcqg766';

export interface KnownUnit {
  unit_id: string;
  name: string;
  short_name?: string | null;
}

export interface IndexTableOptions {
  index?: string;
  year?: number;
  /** units already known (from the package), matched by name */
  units?: KnownUnit[];
  as_of?: string;
  source?: string;
}

const INDEXES: [string, RegExp][] = [
  ['DDCI', /\b(ddci|dci)\b|nang luc canh tranh cap so/],
  ['PCI', /\bpci\b|nang luc canh tranh cap tinh/],
  ['PAPI', /\bpapi\b|hieu qua quan tri va hanh chinh cong/],
  ['SIPAS', /\bsipas\b|chi so hai long ve su phuc vu hanh chinh/],
  ['PAR', /\bpar( index)?\b|chi so cai cach hanh chinh/],
];

function indexIn(text: string): string | null {
  const f = fold(text);
  for (const [name, re] of INDEXES) if (re.test(f)) return name;
  return null;
}

const UNIT_COL = /^(ten )?(don vi|co quan|dia phuong|tinh|tinh thanh pho|tinh thanh|so ban nganh|so nganh|huyen|xa|unit|unit name|name|province|ten)$|^ten (don vi|co quan|dia phuong|tinh)/;
const CODE_COL = /^(ma|ma don vi|ma dvhc|unit id|unit_id|code)$/;
const STT_COL = /^(stt|tt|so tt|no)$/;
const TOTAL_COL = /^(tong diem|diem tong hop|diem tong|diem|tong|tong hop|chi so tong hop|diem chi so|total|score|ket qua)$/;
const RANK_COL = /^(xep hang|hang|thu hang|rank|xep hang chung)$/;
const GROUP_COL = /^(nhom|khoi|nhom xep hang|rank group|group)$/;
const YEAR_COL = /^(nam|year|ky|period)$/;
const INDEX_COL = /^(chi so|index|bo chi so)$/;
const COMPONENT_COL = /^(chi so thanh phan|thanh phan|tieu chi|linh vuc danh gia|component)$/;
const SCORE_COL = /^(diem|diem so|gia tri|score|value)$/;
const MAX_COL = /^(diem toi da|max score|max_score|toi da)$/;
const RANK_OF_COL = /^(so don vi|tong so don vi|rank of|rank_of)$/;

/** How much a grid looks like an index table (0 = not at all). */
export function indexTableScore(grid: Grid, fileName = ''): number {
  const h = findHeader(grid);
  if (!h) return 0;
  let score = 1;
  const title = grid.rows.slice(0, h.row).map((r) => r.map(cellText).join(' ')).join(' ');
  if (indexIn(title) || indexIn(fileName) || h.labels.some((l) => indexIn(l))) score += 2;
  if (h.labels.some((l) => RANK_COL.test(l) || TOTAL_COL.test(l) || COMPONENT_COL.test(l))) score += 1;
  return score;
}

/** A long table: one row per unit and component (a component column and a score column). */
export function isLongIndexTable(grid: Grid): boolean {
  const h = findHeader(grid);
  return !!h && h.labels.some((l) => COMPONENT_COL.test(l)) && h.labels.some((l) => SCORE_COL.test(l));
}

function findHeader(grid: Grid): { row: number; labels: string[]; unitCol: number } | null {
  for (let r = 0; r < Math.min(grid.rows.length, 30); r++) {
    const labels = (grid.rows[r] ?? []).map((c) => fold(cellText(c)));
    const unitCol = labels.findIndex((l) => UNIT_COL.test(l) || CODE_COL.test(l));
    if (unitCol < 0) continue;
    if (labels.filter((l) => l !== '').length < 2) continue;
    return { row: r, labels, unitCol };
  }
  return null;
}

/** Does a column write decimals with a dot (English style)? Then "65.123" is 65.123, not 65 123. */
function dotDecimalColumn(values: Cell[]): boolean {
  const texts = values.filter((v): v is string => typeof v === 'string').map((s) => s.trim());
  if (texts.some((t) => /\d,\d{1,2}(?!\d)/.test(t))) return false;
  return texts.some((t) => /^\d+\.(\d{1,2}|\d{4,})$/.test(t));
}

export function parseIndexTable(grid: Grid, file: string, opts: IndexTableOptions = {}): ParsedFile {
  const issues: Issue[] = [];
  const h = findHeader(grid);
  if (!h) {
    return {
      file,
      kind: 'index_table:unmapped',
      tables: {},
      issues: [errorIssue('header_unmapped', file, 'Không tìm thấy hàng tiêu đề có cột đơn vị ("Đơn vị", "Tên đơn vị", "Tỉnh"…).', 'No header row with a unit column ("Đơn vị", "Tên đơn vị", "Tỉnh"…) was found.')],
      accounts: [],
      summary: { kind: 'index_table:unmapped', rows: 0 },
    };
  }
  const headerTexts = (grid.rows[h.row] ?? []).map(cellText);
  const title = grid.rows
    .slice(0, h.row)
    .map((r) => r.map(cellText).filter((t) => t).join(' '))
    .join('\n');
  const dataRows: { cells: Cell[]; rowNumber: number }[] = [];
  for (let r = h.row + 1; r < grid.rows.length; r++) {
    const row = grid.rows[r] ?? [];
    if (isBlankRow(row)) continue;
    dataRows.push({ cells: row, rowNumber: grid.rowNumbers[r] ?? r + 1 });
  }
  const labels = h.labels;
  const col = (re: RegExp) => labels.findIndex((l) => re.test(l));
  const long = col(COMPONENT_COL) >= 0 && col(SCORE_COL) >= 0;
  const yearCol = col(YEAR_COL);
  const indexCol = col(INDEX_COL);
  const codeCol = col(CODE_COL);
  const unitCol = labels.findIndex((l) => UNIT_COL.test(l));
  let index = opts.index ?? indexIn(title) ?? indexIn(file) ?? null;
  if (!index && !long) index = headerTexts.map(indexIn).find((x) => x) ?? null;
  const titleYear = /\b(19[89]\d|20\d\d)\b/.exec(title)?.[1] ?? /\b(19[89]\d|20\d\d)\b/.exec(file)?.[1];
  const year = opts.year ?? (titleYear ? Number(titleYear) : null);
  if (!index && indexCol < 0) {
    issues.push(errorIssue('index_unknown', file, 'Không biết đây là chỉ số nào (DDCI, PCI, PAPI, SIPAS, PAR INDEX): tiêu đề, tên tệp và các cột đều không ghi.', 'Which index this is (DDCI, PCI, PAPI, SIPAS, PAR INDEX) is written neither in the title, the file name nor a column.'));
  }
  if (year === null && yearCol < 0) {
    issues.push(errorIssue('year_unknown', file, 'Không biết số liệu của năm nào: tiêu đề, tên tệp và các cột đều không ghi năm.', 'The year of the figures is written neither in the title, the file name nor a column.'));
  }
  if (issues.length > 0) {
    return { file, kind: 'index_table:unmapped', tables: {}, issues, accounts: [{ file, table: 'index_scores', read: dataRows.length, loaded: 0, reported: dataRows.length }], summary: { kind: 'index_table:unmapped', rows: 0, headerRow: grid.rowNumbers[h.row] } };
  }

  // units
  const known = new Map<string, string>();
  for (const u of opts.units ?? []) {
    for (const n of [u.name, u.short_name]) if (n) known.set(slugify(n), u.unit_id);
    known.set(slugify(u.unit_id), u.unit_id);
  }
  const units = new Map<string, { name: string; row: number; level?: string; code?: string }>();
  // provincial indices name the 63 provinces of before 2025: their own units (provinces.ts), never
  // matched by name to the dataset's 2025 units
  const provincial = (idx: string | null) => idx === 'PCI' || idx === 'PAPI' || idx === 'SIPAS' || idx === 'PAR';
  const unitIdOf = (name: string, code: string, row: number, idx: string | null = index): string => {
    if (!code && provincial(idx)) {
      const m = matchProvince(name);
      if (m) {
        if (m.fuzzy) issues.push(warningIssue('province_fuzzy', file, `Dòng ${row}: tên tỉnh viết khác, đã khớp ${m.fuzzy}.`, `Row ${row}: a province name spelt differently, matched ${m.fuzzy}.`, { row }));
        if (!units.has(m.province.unit_id) && !known.has(slugify(m.province.unit_id))) units.set(m.province.unit_id, { name: m.province.name, row, level: 'province', code: m.province.code });
        return m.province.unit_id;
      }
    }
    const id = code || known.get(slugify(name)) || slugify(name);
    if (!known.has(slugify(name)) && !known.has(slugify(id)) && !units.has(id)) units.set(id, { name: tidyUnitName(name || code), row });
    return id;
  };
  const levelFor = (name: string, idx: string) => {
    const g = guessLevel(name);
    return idx !== 'DDCI' && g === 'agency' ? 'province' : g;
  };

  const out: Cell[][] = [];
  const outRows: number[] = [];
  let reported = 0;
  const rowIndexName = (cells: Cell[]) => (indexCol >= 0 ? indexIn(cellText(cells[indexCol])) ?? cellText(cells[indexCol]).toUpperCase() : index) as string;
  const rowYear = (cells: Cell[]) => {
    if (yearCol >= 0) {
      const m = /\b(19\d\d|20\d\d)\b/.exec(cellText(cells[yearCol]));
      if (m) return m[1];
    }
    return year !== null ? String(year) : null;
  };
  const num = (v: Cell, mode: 'count' | 'decimal', dot: boolean): number | null | { error: string; error_en: string } => parseVnNumber(v, mode, { dotIsDecimal: dot });
  const push = (idx: string, component: string, yr: string, unitId: string, v: { score?: number | null; max?: number | null; ratio?: number | null; rank?: number | null; rankOf?: number | null; group?: string | null }, rowNumber: number) => {
    out.push([idx, component, 'year', yr, opts.as_of ?? null, unitId, v.score ?? null, v.max ?? null, null, null, v.ratio ?? null, v.rank ?? null, v.rankOf ?? null, v.group ?? null, opts.source ?? (title.split('\n')[0] || null), null]);
    outRows.push(rowNumber);
  };

  if (long) {
    const compCol = col(COMPONENT_COL);
    const scoreCol = col(SCORE_COL);
    const maxCol = col(MAX_COL);
    const rankCol = col(RANK_COL);
    const rankOfCol = col(RANK_OF_COL);
    const groupCol = col(GROUP_COL);
    const dot = dotDecimalColumn(dataRows.map((d) => d.cells[scoreCol]));
    for (const d of dataRows) {
      const name = unitCol >= 0 ? cellText(d.cells[unitCol]) : '';
      const code = codeCol >= 0 ? cellText(d.cells[codeCol]) : '';
      const comp = cleanText(cellText(d.cells[compCol]));
      const errs: Issue[] = [];
      const at = { row: d.rowNumber };
      if (!name && !code) errs.push(errorIssue('missing_unit', file, `Dòng ${d.rowNumber}: không có tên đơn vị.`, `Row ${d.rowNumber}: no unit name.`, { ...at, column: 'unit_id' }));
      if (!comp) errs.push(errorIssue('missing_component', file, `Dòng ${d.rowNumber}: không có tên chỉ số thành phần.`, `Row ${d.rowNumber}: no component name.`, { ...at, column: 'component' }));
      const yr = rowYear(d.cells);
      if (!yr) errs.push(errorIssue('year_unknown', file, `Dòng ${d.rowNumber}: không có năm.`, `Row ${d.rowNumber}: no year.`, { ...at, column: 'period' }));
      const vals: Record<string, number | null> = {};
      for (const [k, c, mode] of [['score', scoreCol, 'decimal'], ['max', maxCol, 'decimal'], ['rank', rankCol, 'count'], ['rankOf', rankOfCol, 'count']] as const) {
        if (c < 0) continue;
        const v = num(d.cells[c], mode, dot);
        if (isNumberError(v)) errs.push(errorIssue('bad_number', file, `Dòng ${d.rowNumber}, cột ${columnLetter(c)} (${headerTexts[c]}): ${v.error}.`, `Row ${d.rowNumber}, column ${columnLetter(c)} (${headerTexts[c]}): ${v.error_en}.`, { ...at, column: headerTexts[c] }));
        else vals[k] = v;
      }
      if (errs.length > 0) {
        issues.push(...errs);
        reported++;
        continue;
      }
      const rowIdx = rowIndexName(d.cells);
      const compName = TOTAL_COL.test(fold(comp)) || indexIn(comp) === rowIdx ? 'TOTAL' : provincial(rowIdx) ? componentCode(rowIdx, comp) : comp;
      const unitId = unitIdOf(name, code, d.rowNumber, rowIdx);
      push(rowIndexName(d.cells), compName, yr as string, unitId, { score: vals.score, max: vals.max, rank: vals.rank, rankOf: vals.rankOf, group: groupCol >= 0 ? cellText(d.cells[groupCol]) || null : null }, d.rowNumber);
    }
  } else {
    // wide: classify the other columns
    type ColRole = { kind: 'total' | 'component' | 'rank' | 'group' | 'ignore'; component?: string; of?: string };
    const roles = new Map<number, ColRole>();
    const ignored: string[] = [];
    labels.forEach((l, j) => {
      if (j === unitCol || j === codeCol || j === yearCol || j === indexCol || l === '' || STT_COL.test(l)) return;
      const text = cleanText(headerTexts[j]);
      if (RANK_COL.test(l)) roles.set(j, { kind: 'rank', of: 'TOTAL' });
      else if (/^(xep hang|hang|thu hang|rank)\s+(.+)$/.test(l)) roles.set(j, { kind: 'rank', of: text.replace(/^(xếp hạng|hạng|thứ hạng|rank)\s+/i, '') });
      else if (GROUP_COL.test(l)) roles.set(j, { kind: 'group' });
      else if (TOTAL_COL.test(l) || (index && indexIn(l) === index && l.split(' ').length <= 3)) roles.set(j, { kind: 'total' });
      else {
        const values = dataRows.map((d) => d.cells[j]).filter((v) => cellText(v) !== '');
        const numeric = values.filter((v) => !isNumberError(parseVnNumber(v, 'decimal')) && parseVnNumber(v, 'decimal') !== null).length;
        if (values.length > 0 && numeric >= values.length * 0.8) roles.set(j, { kind: 'component', component: provincial(index) ? componentCode(index as string, text) : text });
        else {
          roles.set(j, { kind: 'ignore' });
          ignored.push(text);
        }
      }
    });
    if (ignored.length > 0) {
      issues.push(warningIssue('column_ignored', file, `Các cột không phải số điểm, không nạp: ${ignored.join(', ')}.`, `Columns that are not scores, not loaded: ${ignored.join(', ')}.`));
    }
    const rankCount = [...roles].filter(([, r]) => r.kind === 'rank' && r.of === 'TOTAL').length > 0 ? dataRows.length : null;
    const dots = new Map<number, boolean>();
    for (const j of roles.keys()) dots.set(j, dotDecimalColumn(dataRows.map((d) => d.cells[j])));
    for (const d of dataRows) {
      const name = unitCol >= 0 ? cellText(d.cells[unitCol]) : '';
      const code = codeCol >= 0 ? cellText(d.cells[codeCol]) : '';
      const at = { row: d.rowNumber };
      const errs: Issue[] = [];
      if (!name && !code) errs.push(errorIssue('missing_unit', file, `Dòng ${d.rowNumber}: không có tên đơn vị.`, `Row ${d.rowNumber}: no unit name.`, { ...at, column: 'unit_id' }));
      const yr = rowYear(d.cells);
      if (!yr) errs.push(errorIssue('year_unknown', file, `Dòng ${d.rowNumber}: không có năm.`, `Row ${d.rowNumber}: no year.`, { ...at, column: 'period' }));
      const byComponent = new Map<string, { score?: number | null; rank?: number | null }>();
      let group: string | null = null;
      for (const [j, role] of roles) {
        if (role.kind === 'ignore') continue;
        if (role.kind === 'group') {
          group = cellText(d.cells[j]) || null;
          continue;
        }
        const v = num(d.cells[j], role.kind === 'rank' ? 'count' : 'decimal', dots.get(j) ?? false);
        if (isNumberError(v)) {
          errs.push(errorIssue('bad_number', file, `Dòng ${d.rowNumber}, cột ${columnLetter(j)} (${headerTexts[j]}): ${v.error}.`, `Row ${d.rowNumber}, column ${columnLetter(j)} (${headerTexts[j]}): ${v.error_en}.`, { ...at, column: headerTexts[j] }));
          continue;
        }
        const comp = role.kind === 'total' ? 'TOTAL' : role.kind === 'rank' ? (role.of as string) : (role.component as string);
        const e = byComponent.get(comp) ?? {};
        if (role.kind === 'rank') e.rank = v;
        else e.score = v;
        byComponent.set(comp, e);
      }
      if (errs.length > 0) {
        issues.push(...errs);
        reported++;
        continue;
      }
      const unitId = unitIdOf(name, code, d.rowNumber);
      const idx = rowIndexName(d.cells);
      for (const [comp, v] of byComponent) {
        if ((v.score ?? null) === null && (v.rank ?? null) === null) continue;
        push(idx, comp, yr as string, unitId, { score: v.score, rank: v.rank, rankOf: comp === 'TOTAL' && v.rank != null ? rankCount : null, group: comp === 'TOTAL' ? group : null }, d.rowNumber);
      }
    }
  }
  const unitList = [...units];
  const idxName = index ?? 'index';
  const unitRows = unitList.map(([id, u]) => [id, u.name, u.level ?? levelFor(u.name, idxName), u.code ?? null] as Cell[]);
  const accounts: RowAccount[] = [
    { file, table: 'index_scores', read: out.length + reported, loaded: out.length, reported },
    { file, table: 'units', read: unitRows.length, loaded: unitRows.length, reported: 0 },
  ];
  const kind = long ? 'index_table:long' : 'index_table:wide';
  return {
    file,
    kind,
    tables: {
      index_scores: { file, header: INDEX_HEADER, rows: out, rowNumbers: outRows },
      ...(unitRows.length > 0 ? { units: { file, header: ['unit_id', 'name', 'level', 'code'], rows: unitRows, rowNumbers: unitList.map(([, u]) => u.row) } } : {}),
    },
    issues,
    accounts,
    summary: {
      kind,
      index,
      year,
      units: unitList.map(([, u]) => u.name),
      components: [...new Set(out.map((r) => r[1] as string))],
      rows: out.length,
      headerRow: grid.rowNumbers[h.row] ?? h.row + 1,
    },
  };
}
