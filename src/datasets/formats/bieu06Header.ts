// Finding the column layout of a Biểu 06 / II.06a sheet. Three sources, in order of trust:
//  1. the column-number row "(1) (2) … (13)" under the header, which every form prints and which
//     survives any rewording of the header text;
//  2. the header text: a group row ("Số hồ sơ nhận giải quyết / đã giải quyết / đang giải quyết",
//     "Tiếp nhận / Đã giải quyết / Đang xử lý") over the column row ("Tổng số / Trực tuyến / Trực tiếp,
//     dịch vụ bưu chính / Từ kỳ trước / Trước hạn / Đúng hạn / Quá hạn / Trong hạn / Quá hạn"), merged
//     cells filled right and down, matched with case, spacing and diacritics ignored;
//  3. an explicit mapping chosen by a person in the UI (applyBieu06Mapping), saved under the sheet's
//     layoutSignature.
import type { Grid } from './grid';
import { cellText, filledTextRows, isBlankRow } from './grid';
import { fold } from './slug';

/** Biểu 06 column numbers → the names this reader uses; 3, 7 and 11 are totals (checked, not stored). */
export const BIEU06_COLUMNS = [
  'stt',
  'name',
  'received_total',
  'received_online',
  'received_offline',
  'carried_over',
  'resolved_total',
  'resolved_early',
  'resolved_on_time',
  'resolved_overdue',
  'pending_total',
  'pending_within',
  'pending_overdue',
] as const;

export type Bieu06Column = (typeof BIEU06_COLUMNS)[number];

/** The nine count columns that land in dossier_counts. */
export const BIEU06_COUNTS: Bieu06Column[] = [
  'received_online',
  'received_offline',
  'carried_over',
  'resolved_early',
  'resolved_on_time',
  'resolved_overdue',
  'pending_within',
  'pending_overdue',
];

export const BIEU06_TOTAL_PARTS: Partial<Record<Bieu06Column, Bieu06Column[]>> = {
  received_total: ['received_online', 'received_offline', 'carried_over'],
  resolved_total: ['resolved_early', 'resolved_on_time', 'resolved_overdue'],
  pending_total: ['pending_within', 'pending_overdue'],
};

/** "(4) received_online" style label for messages: the form's column number and the canonical name. */
export function columnLabel(c: Bieu06Column): string {
  return `cột ${BIEU06_COLUMNS.indexOf(c) + 1} (${c})`;
}
export function columnLabelEn(c: Bieu06Column): string {
  return `column ${BIEU06_COLUMNS.indexOf(c) + 1} (${c})`;
}

export type ColumnMap = Partial<Record<Bieu06Column, number>>;

export interface HeaderMatch {
  columns: ColumnMap;
  /** 0-based index of the first header row (group row, or the column row when there is none) */
  top: number;
  /** 0-based index of the last header row (the number row when there is one); data start below it */
  bottom: number;
  numberRow?: number;
  /** folded text of the column-2 header, to tell fields ("Lĩnh vực") from units ("Đơn vị") */
  nameHeader: string;
  /** disagreements between the number row and the header text */
  conflicts: { column: Bieu06Column; byNumber: number; byText: number }[];
}

const NUMBER_CELL = /^\(?\s*(\d{1,2})\s*\)?$/;

/** The row "(1) (2) … (13)": numbers 3…13 (at least) in consecutive columns, in order. */
export function findNumberRow(grid: Grid, limit = 60): { row: number; columns: ColumnMap } | null {
  for (let r = 0; r < Math.min(grid.rows.length, limit); r++) {
    const row = grid.rows[r] ?? [];
    const at = new Map<number, number>();
    let parenthesised = 0;
    row.forEach((c, j) => {
      const t = cellText(c);
      const m = NUMBER_CELL.exec(t);
      if (m && !at.has(Number(m[1]))) {
        at.set(Number(m[1]), j);
        if (t.includes('(')) parenthesised++;
      }
    });
    const c3 = at.get(3);
    if (c3 === undefined) continue;
    let ok = true;
    for (let n = 4; n <= 13; n++) if (at.get(n) !== c3 + (n - 3)) ok = false;
    if (!ok) continue;
    // plain numbers 1…13 could be a data row; only accept them when nothing else is in the row
    const others = row.filter((c) => cellText(c) !== '' && !NUMBER_CELL.test(cellText(c))).length;
    if (parenthesised < 8 && others > 0) continue;
    const columns: ColumnMap = {};
    for (let n = 1; n <= 13; n++) {
      const j = at.get(n);
      if (j !== undefined) columns[BIEU06_COLUMNS[n - 1]] = j;
    }
    return { row: r, columns };
  }
  return null;
}

type Group = 'received' | 'resolved' | 'pending';

function groupOf(label: string): Group | null {
  if (/\b(dang giai quyet|dang xu ly|chua giai quyet|dang thu ly)\b/.test(label)) return 'pending';
  if (/\b(da giai quyet|da xu ly|giai quyet xong|da tra ket qua)\b/.test(label)) return 'resolved';
  if (/\b(nhan giai quyet|tiep nhan|so ho so nhan|da nhan|ho so nhan)\b/.test(label)) return 'received';
  return null;
}

const SUB: [Bieu06Column, RegExp][] = [
  ['received_total', /\btong so\b|\btong cong\b|^tong$|\btong\b/],
  ['received_online', /\btruc tuyen\b|\bqua mang\b/],
  ['received_offline', /\btruc tiep\b|\bbuu chinh\b/],
  ['carried_over', /\bky truoc\b|\bchuyen qua\b|\bton\b/],
  ['resolved_total', /\btong so\b|\btong cong\b|\btong\b/],
  ['resolved_early', /\btruoc han\b/],
  ['resolved_on_time', /\bdung han\b/],
  ['resolved_overdue', /\bqua han\b|\btre han\b|\btre hen\b/],
  ['pending_total', /\btong so\b|\btong cong\b|\btong\b/],
  ['pending_within', /\btrong han\b|\bchua den han\b/],
  ['pending_overdue', /\bqua han\b|\btre han\b|\btre hen\b/],
];
const GROUP_OF_COLUMN: Partial<Record<Bieu06Column, Group>> = {
  received_total: 'received',
  received_online: 'received',
  received_offline: 'received',
  carried_over: 'received',
  resolved_total: 'resolved',
  resolved_early: 'resolved',
  resolved_on_time: 'resolved',
  resolved_overdue: 'resolved',
  pending_total: 'pending',
  pending_within: 'pending',
  pending_overdue: 'pending',
};

const STT = /^(stt|tt|so tt|so thu tu)$/;
const NAME = /\b(linh vuc|don vi|cong viec|ten|co quan|noi dung)\b/;

/** How many cells of a row read like Biểu 06 column labels. */
function subLabelScore(cells: string[]): number {
  // distinct short texts only: a title merged across the sheet ("… trực tiếp giải quyết TTHC") fills
  // every cell of its row but is one label
  const distinct = new Set(cells.filter((t) => t && t.length <= 60 && SUB.some(([, re]) => re.test(t))));
  let n = distinct.size;
  for (const t of cells) if (t && t.length <= 60 && (t === 'tong so' || t === 'qua han')) n += 0.1; // repeated labels of a real column row
  return n;
}

/** Header text → columns. The column row is the row with the most column labels; the group row(s) are
 *  the rows right above it that still read as header (group words, STT, "Lĩnh vực"/"Đơn vị"). Each
 *  column's label is its group text + its own text; columns are then assigned left to right in the
 *  form's order, so the three "Tổng số" and the two "Quá hạn" fall into place even without a group row. */
export function matchHeaderText(grid: Grid, limit = 60): Omit<HeaderMatch, 'numberRow' | 'conflicts'> | null {
  const end = Math.min(grid.rows.length, limit);
  const texts = filledTextRows(grid, 0, end).map((r) => r.map(fold));
  let best = -1;
  let bestScore = 0;
  texts.forEach((cells, r) => {
    const s = subLabelScore(cells);
    if (s > bestScore) {
      bestScore = s;
      best = r;
    }
  });
  if (best < 0 || bestScore < 5) return null;
  let top = best;
  for (let r = best - 1; r >= Math.max(0, best - 3); r--) {
    const cells = texts[r];
    const filled = cells.filter((t) => t !== '');
    if (filled.length === 0) break;
    if (filled.some((t) => /\bbao cao\b|\bky bao cao\b|\btu ngay\b/.test(t))) break; // "Đơn vị báo cáo: …" boxes are title, not header
    const headerish = filled.some((t) => groupOf(t) !== null || STT.test(t) || NAME.test(t) || /\bso ho so\b|\btrong do\b|\btrong ky\b/.test(t));
    if (!headerish || filled.length < 2) break;
    top = r;
  }
  // a third header row below the column row ("Trong kỳ" over "Trực tuyến | Trực tiếp, dịch vụ bưu chính")
  let bottom = best;
  for (let r = best + 1; r <= Math.min(best + 2, texts.length - 1); r++) {
    const cells = texts[r];
    const numeric = cells.some((t) => /^\d[\d ]*$/.test(t));
    if (numeric || subLabelScore(cells) < 1) break;
    bottom = r;
  }
  const width = Math.max(...texts.slice(top, bottom + 1).map((r) => r.length));
  const labels: string[] = [];
  for (let j = 0; j < width; j++) {
    const parts: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const t = texts[r][j] ?? '';
      if (t && parts[parts.length - 1] !== t) parts.push(t);
    }
    labels.push(parts.join(' | '));
  }
  const columns: ColumnMap = {};
  let nameHeader = '';
  let state = 2; // index into BIEU06_COLUMNS of the next count column we may assign
  labels.forEach((label, j) => {
    if (!label) return;
    const own = label.split(' | ').pop() ?? '';
    if (columns.stt === undefined && STT.test(own)) {
      columns.stt = j;
      return;
    }
    if (columns.name === undefined && state === 2 && NAME.test(label) && !SUB.some(([, re]) => re.test(own))) {
      columns.name = j;
      nameHeader = label;
      return;
    }
    const group = groupOf(label);
    for (let k = state; k < BIEU06_COLUMNS.length; k++) {
      const col = BIEU06_COLUMNS[k];
      const re = SUB.find(([c]) => c === col)?.[1];
      if (!re || !re.test(own)) continue;
      if (group && GROUP_OF_COLUMN[col] !== group) continue;
      columns[col] = j;
      state = k + 1;
      break;
    }
  });
  const found = BIEU06_COUNTS.filter((c) => columns[c] !== undefined).length;
  if (found < 6) return null;
  return { columns, top, bottom, nameHeader };
}

/** The layout from the number row and/or the header text (number row wins; disagreements are kept to
 *  be reported). Null when neither gives at least six of the nine count columns. */
export function matchBieu06Header(grid: Grid): HeaderMatch | null {
  const byNumber = findNumberRow(grid);
  const byText = matchHeaderText(grid);
  if (!byNumber && !byText) return null;
  if (byNumber && byText) {
    const conflicts: HeaderMatch['conflicts'] = [];
    for (const c of BIEU06_COLUMNS) {
      const a = byNumber.columns[c];
      const b = byText.columns[c];
      if (a !== undefined && b !== undefined && a !== b) conflicts.push({ column: c, byNumber: a, byText: b });
    }
    return {
      columns: { ...byText.columns, ...byNumber.columns },
      top: Math.min(byText.top, byNumber.row),
      bottom: Math.max(byText.bottom, byNumber.row),
      numberRow: byNumber.row,
      nameHeader: byText.nameHeader,
      conflicts,
    };
  }
  if (byNumber) {
    // header text above the number row (if any) still tells fields from units
    let top = byNumber.row;
    let nameHeader = '';
    const nameCol = byNumber.columns.name;
    for (let r = byNumber.row - 1; r >= Math.max(0, byNumber.row - 4); r--) {
      if (isBlankRow(grid.rows[r])) break;
      if ((grid.rows[r] ?? []).filter((c) => cellText(c) !== '').length < 2) break;
      top = r;
      if (nameCol !== undefined && !nameHeader) nameHeader = fold(cellText(grid.rows[r]?.[nameCol]));
    }
    return { columns: byNumber.columns, top, bottom: byNumber.row, numberRow: byNumber.row, nameHeader, conflicts: [] };
  }
  const t = byText as NonNullable<typeof byText>;
  return { ...t, conflicts: [] };
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable hash for layout keys. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** A stable key of a sheet's header layout, so a column mapping chosen once by a person is found again
 *  for the next report from the same software. It hashes the folded text of the header rows (rows above
 *  the first data-looking row that have at least three filled cells), with digits blanked so the period
 *  and unit in the title do not change it. */
export function layoutSignature(grid: Grid): string {
  const parts: string[] = [];
  const limit = Math.min(grid.rows.length, 60);
  for (let r = 0; r < limit; r++) {
    const cells = (grid.rows[r] ?? []).map(cellText);
    const filled = cells.filter((t) => t !== '');
    const numeric = filled.filter((t) => /^[\d.,\s-]+$/.test(t) && !/^\(\d+\)$/.test(t)).length;
    if (numeric >= 3) break;
    if (filled.length < 3) continue;
    parts.push(cells.map((t) => fold(t).replace(/\d+/g, '#')).join('|'));
  }
  return 'L' + fnv1a(parts.join('\n'));
}
