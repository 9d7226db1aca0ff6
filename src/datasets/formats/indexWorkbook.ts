// Provincial index workbooks as their publishers make them (PCI by VCCI, PAPI by UNDP, SIPAS and PAR
// INDEX by Bộ Nội vụ) → index_scores + units, one sheet or every sheet that holds an index table.
//
// A sheet is an index table when a column (or several) holds province names (provinces.ts). Layouts:
//  - wide: one province column, one row per province, a column per component; the header may span
//    several rows (English over Vietnamese, a row of variable codes, merged group headers): each column's
//    label parts are matched one by one. The total is the column whose label names the index or says
//    total / tổng / overall / "có trọng số" (the first such: PAPI's irregular "PAPI 2011 (unweighted)"
//    header too); rank "Xếp hạng" / "Thứ hạng" / rank; the tier "Nhóm" / tier / "Xếp loại".
//  - paired (PCI 2016 Summary_VN): each component is its own (province, score) column pair sorted by
//    that component, so a row is not one province; rank and tier columns belong to the pair on their
//    left (the overall PCI). Scores are paired back by province name.
//  - a component's own sheet (PCI "Chi phí gia nhập thị trường"): its score column ("Chỉ số thành phần
//    1", "Điểm chỉ số thành phần …", code sub1_entry) is that component (named by the sheet); the
//    indicator columns beside it are not scores and are left out with a note.
// Rows below the header that are not provinces (Median, Min, Max, "Điểm thấp nhất mẫu", a repeated header,
// a one-province lookup made of formulas) and repeats of a province already read are reported as ignored,
// never dropped without a word. Blank rows are skipped.
// Year: opts.year, else the sheet name ("2011_PAPI"), the title rows, the total's header ("PCI 2016"),
// then the file name when it names one year ("PCI_2016.xlsx"). Index: opts.index, else sheet name,
// title, headers, file name.
// Several sheets: a hidden sheet is skipped when a visible one holds an index table (PCI 2016's hidden
// `Summary` holds stale 2013 data); a value given by two sheets (the summary and a component's sheet) is
// loaded once, its other fields filled from the second, and a disagreement is reported.
// Component codes: indexComponents.ts. Units: the 63 provinces (provinces.ts), never matched to the
// dataset's 2025 units by name.
import type { Cell, Issue, ParsedFile, RowAccount } from '../types';
import { INDEX_HEADER } from './dvcqg766';
import { cellText, columnLetter, filledTextRows, isBlankRow, type Grid } from './grid';
import { componentCode, isBackground, knownComponent } from './indexComponents';
import { errorIssue, warningIssue } from './issues';
import { matchProvince, type Province } from './provinces';
import { fold } from './slug';
import { isNumberError, parseVnNumber } from './vnNumber';

export interface IndexSheet {
  name: string;
  hidden: boolean;
  grid: Grid;
}

export interface IndexWorkbookOptions {
  index?: string;
  year?: number;
  /** read this sheet only (default: every sheet holding an index table) */
  sheet?: string;
  as_of?: string;
  /** unit ids already defined by files read before (no units row is repeated for them) */
  knownUnitIds?: string[];
}

const INDEX_RE: [string, RegExp][] = [
  ['PCI', /\bpci\b|nang luc canh tranh cap tinh/],
  ['PAPI', /\bpapi\b|hieu qua quan tri va hanh chinh cong/],
  ['SIPAS', /\bsipas\b|hai long ve su phuc vu hanh chinh/],
  ['PAR', /\bpar( ?index)?\b|chi so cai cach hanh chinh|par index/],
];
const PROVINCE_INDEXES = new Set(INDEX_RE.map(([n]) => n));

function indexIn(text: string): string | null {
  const f = fold(text).replace(/_/g, ' ');
  for (const [name, re] of INDEX_RE) if (re.test(f)) return name;
  return null;
}

const short = (t: string, n = 80) => (t.length > n ? `${t.slice(0, n - 1)}…` : t);

function yearsIn(text: string): string[] {
  return [...new Set([...text.replace(/_/g, ' ').matchAll(/(?<!\d)(19[89]\d|20\d\d)(?!\d)/g)].map((m) => m[1]))];
}

const RANK = /^(xep hang|thu hang|hang|rank|ranking)\b|\b(xep hang|thu hang|ranking|rank)$|\brank\b|xep hang/;
const GROUP = /\b(nhom|tier|xep loai|phan loai|group|quartile|nhom xep hang)\b/;
const ORDINAL = /^(stt|tt|thu tu|so tt|no|pci id|id|ma|ma tinh|code|province code|pci_id|pci id)$/;
const REGION = /^(vung|region|khu vuc|mien|vung mien)$/;
const TOTAL = /\b(tong|total|overall|composite|aggregate|tong hop|co trong so|weighted|unweighted|khong trong so|sum)\b/;
const SUBINDEX = /chi so thanh phan|sub ?index|\bsub\d+\b|diem chi so thanh phan|\bcstp\b/;
const NOT_A_PROVINCE_LABEL = /^(median|min|max|mean|average|trung vi|trung binh|diem thap nhat|diem cao nhat|gia tri (nho|lon) nhat|ca nuoc|toan quoc|national|tham chieu)/;

type Role =
  | { kind: 'total'; label: string }
  | { kind: 'component'; code: string; label: string }
  | { kind: 'rank'; of?: string; label: string }
  | { kind: 'group'; label: string }
  | { kind: 'skip'; why: 'ordinal' | 'text' | 'background' | 'indicator' | 'extra_total'; label: string };

interface Value {
  index: string;
  component: string;
  year: string;
  province: Province;
  score: number | null;
  rank: number | null;
  group: string | null;
  sheet: string;
  row: number;
  col: number;
}

interface SheetResult {
  sheet: string;
  values: Value[];
  ignored: { row: number; text: string }[];
  issues: Issue[];
  /** rows read below the header (blank rows aside) */
  rowsRead: number;
  /** province rows not loaded because the index or the year is unknown (reported) */
  blocked: number;
  index: string | null;
  year: string | null;
  layout: 'wide' | 'paired';
  components: number;
}

/** Columns holding province names (at least three matches), with their matches. */
function provinceColumns(grid: Grid): { col: number; rows: number[] }[] {
  const byCol = new Map<number, number[]>();
  // the province columns are found in the first rows (a table of provinces has at most ~70 rows per
  // block; a large sheet of something else is not matched cell by cell)
  grid.rows.slice(0, 400).forEach((row, r) => {
    row.forEach((c, j) => {
      if (typeof c !== 'string') return;
      if (matchProvince(c)) byCol.set(j, [...(byCol.get(j) ?? []), r]);
    });
  });
  return [...byCol].filter(([, rows]) => rows.length >= 3).map(([col, rows]) => ({ col, rows })).sort((a, b) => a.col - b.col);
}

/** Does this grid look like a provincial index table (3+ province rows)? */
export function isProvinceIndexGrid(grid: Grid): boolean {
  return provinceColumns(grid).length > 0;
}

export function indexOfText(text: string): string | null {
  return indexIn(text);
}

/** A cell's value, or the value of the merged range that covers it (a tier merged down several rows). */
function mergedCell(grid: Grid, r: number, c: number): Cell {
  const v = grid.rows[r]?.[c];
  if (v !== undefined && v !== null && cellText(v) !== '') return v;
  const m = grid.merges.find((x) => r >= x.r0 && r <= x.r1 && c >= x.c0 && c <= x.c1);
  return m ? (grid.rows[m.r0]?.[m.c0] ?? null) : null;
}

/** A score cell: numbers as they are; text "6,52" (Vietnamese decimal comma) or "6.52". */
function numberAt(v: Cell | undefined, mode: 'decimal' | 'count' = 'decimal'): number | null | { error: string; error_en: string } {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && /^\s*-?\d+,\d+\s*$/.test(v)) return parseVnNumber(v, mode);
  return parseVnNumber(v as string | number, mode, { dotIsDecimal: true });
}

function isNumeric(v: Cell | undefined): boolean {
  if (typeof v === 'number') return true;
  if (typeof v !== 'string' || v.trim() === '') return false;
  const n = numberAt(v);
  return n !== null && !isNumberError(n);
}

function analyseSheet(sheet: IndexSheet, file: string, opts: IndexWorkbookOptions): SheetResult | null {
  const { grid } = sheet;
  const pcols = provinceColumns(grid);
  if (pcols.length === 0) return null;
  const issues: Issue[] = [];
  const firstData = Math.min(...pcols.map((p) => p.rows[0]));
  // header rows: the rows right above the first province (blank rows between them allowed) with two or
  // more filled cells; above them, the title
  const headerRows: number[] = [];
  for (let r = firstData - 1; r >= 0 && headerRows.length < 4; r--) {
    const filled = (grid.rows[r] ?? []).filter((c) => cellText(c) !== '').length;
    if (filled === 0) continue;
    if (filled < 2) break;
    headerRows.unshift(r);
  }
  const titleEnd = headerRows.length ? headerRows[0] : firstData;
  const title = grid.rows
    .slice(0, titleEnd)
    .map((r) => r.map(cellText).filter((t) => t).join(' '))
    .filter((t) => t)
    .join(' · ');
  const filled = headerRows.length ? filledTextRows(grid, headerRows[0], headerRows[headerRows.length - 1] + 1) : [];
  const width = grid.rows.reduce((w, r) => Math.max(w, r.length), 0);
  const labelsOf = (j: number): string[] => headerRows.map((r) => filled[r - headerRows[0]]?.[j] ?? '').filter((t) => t !== '');
  // labels and cell texts quoted in messages are cut short (a cell may hold megabytes)
  const labelOf = (j: number) => short([...new Set(labelsOf(j))].join(' / '));

  const index = opts.index ?? indexIn(sheet.name) ?? indexIn(title) ?? [...Array(width).keys()].map((j) => labelsOf(j).map(indexIn).find((x) => x)).find((x) => x) ?? indexIn(file) ?? null;
  const paired = pcols.length >= 3;
  const provinceCols = new Set(pcols.map((p) => p.col));
  const scoreColOf = new Map<number, number>(); // province column → its score column (paired)
  if (paired) for (const p of pcols) scoreColOf.set(p.col, p.col + 1);
  const pairScoreCols = new Set(scoreColOf.values());

  // roles of the other columns
  const dataRowIdx: number[] = [];
  for (let r = firstData; r < grid.rows.length; r++) if (!isBlankRow(grid.rows[r])) dataRowIdx.push(r);
  const roles = new Map<number, Role>();
  let totalSeen = false;
  const extraTotals: string[] = [];
  const indicators: string[] = [];
  const background: string[] = [];
  const sheetComponent = index ? knownComponent(index, sheet.name) : null;
  const usedCodes = new Set<string>();
  const sheetHasSubindex = [...Array(width).keys()].some((j) => labelsOf(j).some((l) => SUBINDEX.test(fold(l))));
  const classify = (j: number, parts: string[], label: string): Role => {
    const folded = parts.map((p) => fold(p));
    if (folded.some((f) => ORDINAL.test(f))) return { kind: 'skip', why: 'ordinal', label };
    const numeric = dataRowIdx.filter((r) => isNumeric(grid.rows[r]?.[j])).length;
    const texts = dataRowIdx.filter((r) => cellText(grid.rows[r]?.[j]) !== '').length;
    if (folded.some((f) => RANK.test(f)) && numeric > 0) {
      const named = parts.map((p) => (index ? knownComponent(index, p.replace(/xếp hạng|thứ hạng|hạng|rank(ing)?/gi, '')) : null)).find((x) => x);
      return { kind: 'rank', of: named ?? undefined, label };
    }
    if (folded.some((f) => GROUP.test(f)) && numeric < texts) return { kind: 'group', label };
    if (parts.length === 0 && numeric === 0 && texts > 0) {
      // an unlabelled column of a few short words (PCI 2005's tiers "Tốt", "Khá"… merged down the rows)
      const words = new Set(dataRowIdx.map((r) => cellText(mergedCell(grid, r, j))).filter((t) => t));
      if (words.size <= 10 && [...words].every((w) => w.length <= 24)) return { kind: 'group', label };
    }
    if (numeric === 0 || numeric < texts * 0.6) return { kind: 'skip', why: 'text', label };
    if (folded.some((f) => REGION.test(f))) return { kind: 'skip', why: 'text', label };
    if (index && parts.some((p) => isBackground(index, p))) return { kind: 'skip', why: 'background', label };
    if (folded.some((f) => SUBINDEX.test(f))) {
      const code = (index && (parts.map((p) => knownComponent(index, p.replace(/chỉ số thành phần|điểm/gi, ''))).find((x) => x) ?? sheetComponent)) || null;
      if (code) {
        usedCodes.add(code);
        return { kind: 'component', code, label };
      }
    }
    // a component's own sheet: its score column is the component, the columns beside it indicators
    if (sheetComponent && sheetHasSubindex) return { kind: 'skip', why: 'indicator', label };
    const known = index ? parts.map((p) => knownComponent(index, p)).find((x) => x) : null;
    const isTotal = folded.some((f) => TOTAL.test(f)) || parts.some((p) => index !== null && indexIn(p) === index);
    if (isTotal && !known) {
      if (!totalSeen) {
        totalSeen = true;
        return { kind: 'total', label };
      }
      extraTotals.push(label);
      return { kind: 'skip', why: 'extra_total', label };
    }
    // a second column on a known code (PAPI's sub-dimension "Opportunities for participation" beside
    // "Participation at local levels"): its own code, from its label
    if (known && !usedCodes.has(known)) {
      usedCodes.add(known);
      return { kind: 'component', code: known, label };
    }
    if (known) return { kind: 'component', code: componentCode('', parts[parts.length - 1] ?? label), label };
    if (index === 'PCI' || sheetComponent) {
      // a PCI sheet's other numeric columns are indicators (days, %), not scores
      return { kind: 'skip', why: 'indicator', label };
    }
    const code = componentCode(index ?? '', parts[parts.length - 1] ?? label);
    const own = usedCodes.has(code) ? componentCode('', parts[parts.length - 1] ?? label) : code;
    usedCodes.add(own);
    return { kind: 'component', code: own, label };
  };
  for (let j = 0; j < width; j++) {
    if (provinceCols.has(j) || pairScoreCols.has(j)) continue;
    const parts = labelsOf(j);
    if (parts.length === 0 && dataRowIdx.every((r) => cellText(grid.rows[r]?.[j]) === '')) continue;
    const role = classify(j, parts, labelOf(j) || columnLetter(j));
    roles.set(j, role);
    if (role.kind === 'skip' && role.why === 'indicator') indicators.push(role.label);
    if (role.kind === 'skip' && role.why === 'background') background.push(role.label);
  }
  // pairs: the component of each (province, score) pair, from the label over either column
  const pairComponent = new Map<number, string>();
  if (paired) {
    for (const p of pcols) {
      const parts = [...labelsOf(p.col), ...labelsOf(p.col + 1)];
      const known = index ? parts.map((x) => knownComponent(index, x)).find((x) => x) : null;
      const total = parts.some((x) => (index !== null && indexIn(x) === index) || TOTAL.test(fold(x)));
      pairComponent.set(p.col, known ?? (total ? 'TOTAL' : componentCode(index ?? '', parts[0] ?? columnLetter(p.col))));
    }
  }
  // year
  const headerYears = [...roles.values(), ...[...pairComponent.entries()].filter(([, c]) => c === 'TOTAL').map(([col]) => ({ kind: 'total' as const, label: `${labelOf(col)} ${labelOf(col + 1)}` }))]
    .filter((r) => r.kind === 'total')
    .flatMap((r) => yearsIn(r.label));
  const fileYears = yearsIn(file);
  const year =
    (opts.year !== undefined ? String(opts.year) : null) ??
    (yearsIn(sheet.name).length === 1 ? yearsIn(sheet.name)[0] : null) ??
    (yearsIn(title).length === 1 ? yearsIn(title)[0] : null) ??
    (headerYears.length >= 1 && new Set(headerYears).size === 1 ? headerYears[0] : null) ??
    (fileYears.length === 1 ? fileYears[0] : null);

  const hasComponentColumns = [...roles.values()].some((r) => r.kind === 'component' || r.kind === 'total') || paired;
  if (!hasComponentColumns) return null;

  const where = `trang «${sheet.name}»`;
  const whereEn = `sheet "${sheet.name}"`;
  if (!index) issues.push(errorIssue('index_unknown', file, `Tệp ${file}, ${where}: không biết đây là chỉ số nào (PCI, PAPI, SIPAS, PAR INDEX): tên trang, tiêu đề, tên cột và tên tệp đều không ghi.`, `File ${file}, ${whereEn}: which index this is (PCI, PAPI, SIPAS, PAR INDEX) is written neither in the sheet name, the title, the headers nor the file name.`));
  if (!year) issues.push(errorIssue('year_unknown', file, `Tệp ${file}, ${where}: không biết số liệu của năm nào: tên trang, tiêu đề, tên cột và tên tệp đều không ghi (một) năm.`, `File ${file}, ${whereEn}: the year is written neither in the sheet name, the title, the headers nor the file name.`));
  if (extraTotals.length) issues.push(warningIssue('column_ignored', file, `Tệp ${file}, ${where}: đã lấy cột tổng đầu tiên; các cột tổng khác không nạp: ${extraTotals.join('; ')}.`, `File ${file}, ${whereEn}: the first total column was taken; other total columns are not loaded: ${extraTotals.join('; ')}.`));
  if (background.length) issues.push(warningIssue('background_not_pillar', file, `Tệp ${file}, ${where}: ${background.length} cột «điều kiện truyền thống» (${background.join('; ')}) không phải chỉ số thành phần: không nạp.`, `File ${file}, ${whereEn}: ${background.length} background-condition columns (${background.join('; ')}) are not pillars: not loaded.`));
  if (indicators.length) issues.push(warningIssue('indicators_not_loaded', file, `Tệp ${file}, ${where}: ${indicators.length} cột chỉ tiêu (số ngày, tỷ lệ %…) không phải điểm chỉ số: không nạp.`, `File ${file}, ${whereEn}: ${indicators.length} indicator columns (days, %…) are not index scores: not loaded.`));
  const textCols = [...roles.values()].filter((r) => r.kind === 'skip' && r.why === 'text').map((r) => r.label);
  if (textCols.length) issues.push(warningIssue('column_ignored', file, `Tệp ${file}, ${where}: các cột không phải số điểm, không nạp: ${textCols.join('; ')}.`, `File ${file}, ${whereEn}: columns that are not scores, not loaded: ${textCols.join('; ')}.`));

  const values: Value[] = [];
  const ignored: { row: number; text: string }[] = [];
  const seen = new Set<string>();
  let blocked = 0;
  const headerTexts = new Set(headerRows.flatMap((r) => (grid.rows[r] ?? []).map((c) => fold(cellText(c)))).filter((t) => t));
  const unitCols = paired ? pcols.map((p) => p.col) : [pcols[0].col];
  for (const r of dataRowIdx) {
    const row = grid.rows[r] ?? [];
    const rowNumber = grid.rowNumbers[r] ?? r + 1;
    const before = values.length;
    const reasons: string[] = [];
    let matched = false;
    for (const uc of unitCols) {
      const name = cellText(row[uc]);
      if (name === '') continue;
      const m = typeof row[uc] === 'string' ? matchProvince(name) : null;
      if (!m) {
        reasons.push(name);
        continue;
      }
      const component = paired ? pairComponent.get(uc)! : null;
      const key = `${uc}|${m.province.unit_id}`;
      if (seen.has(key)) {
        reasons.push(`${name} (lặp lại / repeated)`);
        continue;
      }
      seen.add(key);
      matched = true;
      if (!index || !year) {
        blocked++;
        continue;
      }
      if (m.fuzzy) issues.push(warningIssue('province_fuzzy', file, `Tệp ${file}, ${where}, ô ${columnLetter(uc)}${rowNumber} (dòng ${rowNumber}): tên tỉnh viết khác, đã khớp ${m.fuzzy}.`, `File ${file}, ${whereEn}, cell ${columnLetter(uc)}${rowNumber} (row ${rowNumber}): a province name spelt differently, matched ${m.fuzzy}.`, { row: rowNumber, column: columnLetter(uc) }));
      const push = (comp: string, col: number, score: number | null, rank: number | null, group: string | null) => {
        if (!index || !year) return;
        values.push({ index, component: comp, year, province: m.province, score, rank, group, sheet: sheet.name, row: rowNumber, col });
      };
      const num = (col: number, mode: 'decimal' | 'count'): number | null => {
        const v = row[col];
        if (v === undefined || v === null || cellText(v) === '') return null;
        const n = numberAt(v, mode);
        if (isNumberError(n)) {
          issues.push(errorIssue('bad_number', file, `Tệp ${file}, ${where}, ô ${columnLetter(col)}${rowNumber} (dòng ${rowNumber}, ${labelOf(col) || columnLetter(col)}): ${n.error}.`, `File ${file}, ${whereEn}, cell ${columnLetter(col)}${rowNumber} (row ${rowNumber}, ${labelOf(col) || columnLetter(col)}): ${n.error_en}.`, { row: rowNumber, column: columnLetter(col) }));
          return null;
        }
        return n;
      };
      if (paired) {
        // this pair, and the rank/tier columns between it and the next pair
        const next = pcols.find((p) => p.col > uc)?.col ?? width;
        let rank: number | null = null;
        let group: string | null = null;
        for (let j = uc + 2; j < next; j++) {
          const role = roles.get(j);
          if (role?.kind === 'rank') rank = num(j, 'count');
          else if (role?.kind === 'group') group = cellText(mergedCell(grid, r, j)) || null;
        }
        push(component!, uc + 1, num(uc + 1, 'decimal'), rank, group);
      } else {
        const byComp = new Map<string, { score: number | null; rank: number | null; group: string | null; col: number }>();
        const get = (c: string, col: number) => byComp.get(c) ?? byComp.set(c, { score: null, rank: null, group: null, col }).get(c)!;
        for (const [j, role] of roles) {
          if (role.kind === 'total') get('TOTAL', j).score = num(j, 'decimal');
          else if (role.kind === 'component') get(role.code, j).score = num(j, 'decimal');
          else if (role.kind === 'rank') get(role.of ?? 'TOTAL', j).rank = num(j, 'count');
          else if (role.kind === 'group') get('TOTAL', j).group = cellText(mergedCell(grid, r, j)) || null;
        }
        for (const [c, v] of byComp) if (v.score !== null || v.rank !== null) push(c, v.col, v.score, v.rank, v.group);
      }
    }
    if (values.length === before && !matched) {
      const texts = row.map(cellText).filter((t) => t);
      const isHeader = texts.length > 0 && texts.filter((t) => headerTexts.has(fold(t))).length >= Math.min(2, texts.length);
      const first = short(reasons[0] ?? texts[0] ?? '');
      ignored.push({ row: rowNumber, text: isHeader ? `${first} (tiêu đề lặp lại / repeated header)` : first });
    }
  }
  if (ignored.length) {
    const list = ignored.slice(0, 8).map((i) => `${i.row}: «${i.text}»`).join(', ');
    const more = ignored.length > 8 ? '…' : '';
    const known = ignored.every((i) => NOT_A_PROVINCE_LABEL.test(fold(i.text)) || /lặp lại/.test(i.text));
    issues.push(
      warningIssue(
        'rows_not_provinces',
        file,
        `Tệp ${file}, ${where}: ${ignored.length} dòng không phải tỉnh${known ? '' : ' (hoặc tên tỉnh không nhận ra)'}, không nạp: dòng ${list}${more}.`,
        `File ${file}, ${whereEn}: ${ignored.length} rows are not provinces${known ? '' : ' (or an unrecognised province name)'}, not loaded: row ${list}${more}.`,
        { row: ignored[0].row },
      ),
    );
  }
  const components = new Set(values.map((v) => v.component)).size;
  return { sheet: sheet.name, values, ignored, issues, rowsRead: dataRowIdx.length, blocked, index, year, layout: paired ? 'paired' : 'wide', components };
}

/** Sheets of a workbook (or one grid) → ParsedFile with index_scores and the provinces' units rows. */
export function parseIndexWorkbook(sheets: IndexSheet[], file: string, opts: IndexWorkbookOptions = {}): ParsedFile {
  const issues: Issue[] = [];
  let chosen = sheets;
  if (opts.sheet !== undefined) {
    const wanted = opts.sheet.normalize('NFC').trim();
    const s = sheets.find((x) => x.name.trim() === wanted);
    if (!s) {
      const names = sheets.map((x) => x.name).join(', ');
      return { file, kind: 'index_workbook', tables: {}, issues: [errorIssue('sheet_missing', file, `Tệp ${file}: không có trang tính «${wanted}»; các trang có: ${names}.`, `File ${file}: there is no sheet "${wanted}"; the sheets are: ${names}.`)], accounts: [], summary: { kind: 'index_workbook', rows: 0, sheets: sheets.map((x) => x.name) } };
    }
    chosen = [s];
  }
  const results: (SheetResult & { hidden: boolean })[] = [];
  const notIndex: string[] = [];
  for (const s of chosen) {
    const r = analyseSheet(s, file, opts);
    if (r) results.push({ ...r, hidden: s.hidden });
    else notIndex.push(s.name);
  }
  const skipped: { sheet: string; reason: string }[] = notIndex.map((s) => ({ sheet: s, reason: 'no index table' }));
  let used = results;
  if (opts.sheet === undefined && results.some((r) => !r.hidden && r.values.length > 0)) {
    for (const r of results.filter((x) => x.hidden)) {
      skipped.push({ sheet: r.sheet, reason: 'hidden' });
      const other = r.year && r.year !== results.find((x) => !x.hidden)?.year;
      const yr = other ? ` (số liệu năm ${r.year})` : '';
      const yrEn = other ? ` (figures of ${r.year})` : '';
      issues.push(warningIssue('hidden_sheet_skipped', file, `Tệp ${file}: trang ẩn «${r.sheet}»${yr} không đọc vì đã có trang hiển thị chứa bảng chỉ số (chọn trang này để đọc riêng).`, `File ${file}: the hidden sheet "${r.sheet}"${yrEn} is not read since a visible sheet holds the index table (pick that sheet to read it alone).`));
    }
    used = results.filter((x) => !x.hidden);
  }
  // summaries (several components) first, then a component's own sheet
  used = [...used].sort((a, b) => (b.components > 1 ? 1 : 0) - (a.components > 1 ? 1 : 0));
  for (const r of used) issues.push(...r.issues);
  if (used.length === 0) {
    return { file, kind: 'index_workbook', tables: {}, issues: [...issues, errorIssue('header_unmapped', file, `Tệp ${file}: không trang nào có bảng chỉ số theo tỉnh (cột tên tỉnh và cột điểm).`, `File ${file}: no sheet holds an index table by province (a province column and score columns).`)], accounts: [], summary: { kind: 'index_workbook', rows: 0, sheets: sheets.map((x) => x.name) } };
  }

  // merge: one value per index, component, year and province
  const merged = new Map<string, Value>();
  const conflicts: string[] = [];
  let repeats = 0;
  for (const r of used) {
    for (const v of r.values) {
      const key = `${v.index}|${v.component}|${v.year}|${v.province.unit_id}`;
      const had = merged.get(key);
      if (!had) {
        merged.set(key, { ...v });
        continue;
      }
      repeats++;
      if (had.score === null) had.score = v.score;
      else if (v.score !== null && Math.abs(had.score - v.score) > 1e-6 * Math.max(1, Math.abs(had.score))) {
        conflicts.push(`${v.province.name} ${v.component}: «${had.sheet}» ${columnLetter(had.col)}${had.row} = ${had.score}, «${v.sheet}» ${columnLetter(v.col)}${v.row} = ${v.score}`);
      }
      if (had.rank === null) had.rank = v.rank;
      if (had.group === null) had.group = v.group;
    }
  }
  if (repeats > 0) {
    issues.push(warningIssue('values_repeated', file, `Tệp ${file}: ${repeats} điểm có ở hai trang (trang tổng hợp và trang chỉ số thành phần): nạp một lần${conflicts.length ? '' : ', các trang khớp nhau'}.`, `File ${file}: ${repeats} scores are given by two sheets (the summary and a component's sheet): loaded once${conflicts.length ? '' : '; the sheets agree'}.`));
  }
  if (conflicts.length) {
    issues.push(warningIssue('values_disagree', file, `Tệp ${file}: ${conflicts.length} điểm khác nhau giữa các trang (lấy trang tổng hợp): ${conflicts.slice(0, 5).join('; ')}${conflicts.length > 5 ? '…' : ''}.`, `File ${file}: ${conflicts.length} scores differ between sheets (the summary's is kept): ${conflicts.slice(0, 5).join('; ')}${conflicts.length > 5 ? '…' : ''}.`));
  }
  const unitNames = new Map<string, string>();
  for (const v of merged.values()) unitNames.set(v.province.unit_id, v.province.name);
  const rankOf = new Map<string, number>();
  for (const v of merged.values()) if (v.rank !== null) rankOf.set(`${v.index}|${v.component}|${v.year}`, (rankOf.get(`${v.index}|${v.component}|${v.year}`) ?? 0) + 1);
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  const provinces = new Map<string, { p: Province; row: number }>();
  for (const v of merged.values()) {
    rows.push([v.index, v.component, 'year', v.year, opts.as_of ?? null, v.province.unit_id, v.score, null, null, null, null, v.rank, v.rank !== null ? rankOf.get(`${v.index}|${v.component}|${v.year}`) ?? null : null, v.group, `${file} › ${v.sheet}`, null]);
    rowNumbers.push(v.row);
    if (!provinces.has(v.province.unit_id)) provinces.set(v.province.unit_id, { p: v.province, row: v.row });
  }
  const knownIds = new Set(opts.knownUnitIds ?? []);
  for (const id of [...provinces.keys()]) if (knownIds.has(id)) provinces.delete(id);
  const unitRows = [...provinces.values()].map(({ p }) => [p.unit_id, p.name, 'province', p.code] as Cell[]);
  const ignoredRows = used.reduce((n, r) => n + r.ignored.length, 0);
  const produced = used.reduce((n, r) => n + r.values.length, 0);
  const blocked = used.reduce((n, r) => n + r.blocked, 0);
  const accounts: RowAccount[] = [
    { file, table: 'index_scores', read: produced + ignoredRows + blocked, loaded: rows.length, reported: repeats + ignoredRows + blocked },
    { file, table: 'units', read: unitRows.length, loaded: unitRows.length, reported: 0 },
  ];
  const indexes = [...new Set(rows.map((r) => r[0] as string))];
  const years = [...new Set(rows.map((r) => r[3] as string))].sort();
  const allIndexes = [...new Set(used.map((r) => r.index).filter((x): x is string => x !== null))];
  return {
    file,
    kind: 'index_workbook',
    tables: {
      ...(rows.length ? { index_scores: { file, header: INDEX_HEADER, rows, rowNumbers } } : {}),
      ...(unitRows.length ? { units: { file, header: ['unit_id', 'name', 'level', 'code'], rows: unitRows, rowNumbers: [...provinces.values()].map((x) => x.row) } } : {}),
    },
    issues,
    accounts,
    summary: {
      kind: 'index_workbook',
      index: indexes.length === 1 ? indexes[0] : (allIndexes[0] ?? null),
      indexes,
      year: years.length === 1 ? Number(years[0]) : undefined,
      years: years.map(Number),
      sheets: sheets.map((x) => x.name),
      indexSheets: used.map((r) => ({ sheet: r.sheet, layout: r.layout, index: r.index, year: r.year ? Number(r.year) : null, rows: r.values.length, ignoredRows: r.ignored.map((i) => i.row) })),
      skippedSheets: skipped,
      units: [...unitNames.values()],
      components: [...new Set(rows.map((r) => r[1] as string))],
      rows: rows.length,
    },
  };
}

/** Is `index` one of the provincial indices this reader knows? */
export function isProvinceIndex(index: string | null | undefined): boolean {
  return index != null && PROVINCE_INDEXES.has(index);
}
