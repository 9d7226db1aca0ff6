// The title block above a report's table: who reports ("Đơn vị báo cáo: Sở Tư pháp", the title
// "… TẠI SỞ TƯ PHÁP", or the organisation lines top left "UBND TỈNH GIA LAI / SỞ TƯ PHÁP") and for which
// period ("Từ ngày … đến ngày …", "Kỳ báo cáo: Tháng 10/2026", "Quý III/2026", "Năm 2026").
import type { Grid } from './grid';
import { cellText } from './grid';
import { cleanText, fold, tidyUnitName } from './slug';
import { findPeriod, type FoundPeriod, type DateError } from './vnDate';

/** Words a unit's name starts with (folded). */
export const UNIT_START = /^(so|ubnd|uy ban nhan dan|ban|trung tam|van phong|chi cuc|cuc|phong|chi nhanh|thanh tra|cong an|bao hiem|kho bac|bo chi huy|bo|xa|phuong|thi tran|dac khu|huyen|quan|thi xa|thanh pho|tinh|benh vien|truong|dai|hoi|lien doan|toa an|vien kiem sat)\b/;

/** Lines of a cell as written (cells may hold "UBND TỈNH GIA LAI\nSỞ TƯ PHÁP"). */
function cellLines(v: unknown): string[] {
  if (typeof v !== 'string') return v === null || v === undefined ? [] : [String(v)];
  return v
    .normalize('NFC')
    .split(/\r?\n/)
    .map(cleanText)
    .filter((l) => l !== '');
}

const GENERIC_PLACE = /^(co quan,? don vi|co quan don vi|don vi|bo phan mot cua|cac co quan|trung tam phuc vu hanh chinh cong)( truc tiep giai quyet( thu tuc hanh chinh| tthc)?)?$/;
const NOT_UNIT = /^(cong hoa xa hoi chu nghia viet nam|doc lap tu do hanh phuc|bieu so|mau so|so:|so \/|tinh hinh|ket qua|bao cao)/;

export interface TitleInfo {
  unitName: string | null;
  /** where the unit name was found: 'label' | 'title' | 'letterhead' */
  unitFrom: string | null;
  period: FoundPeriod | DateError | null;
  /** "06" or "II.06a" when the form number is written */
  form: string | null;
  lines: string[];
}

/** Reads the title block: rows [0, top) of the grid. */
export function readTitleBlock(grid: Grid, top: number): TitleInfo {
  const rows = grid.rows.slice(0, top);
  const lines: string[] = [];
  for (const row of rows) for (const c of row) lines.push(...cellLines(c));
  let unitName: string | null = null;
  let unitFrom: string | null = null;

  // 1. "Đơn vị báo cáo: X" (not "Đơn vị nhận báo cáo"); the value is after the colon or in the next cell.
  outer: for (const row of rows) {
    for (let j = 0; j < row.length; j++) {
      for (const line of cellLines(row[j])) {
        const f = fold(line);
        if (!f.startsWith('don vi bao cao')) continue;
        const colon = line.indexOf(':');
        let value = colon >= 0 ? cleanText(line.slice(colon + 1)) : '';
        if (!value) value = cellText(row.slice(j + 1).find((c) => cellText(c) !== '') ?? null);
        if (value && !/^[.…_\s]+$/.test(value)) {
          unitName = value;
          unitFrom = 'label';
          break outer;
        }
      }
    }
  }
  // 2. The title "… tại <unit>" unless the place is the form's generic wording.
  if (!unitName) {
    for (const line of lines) {
      const f = fold(line);
      if (!/ket qua giai quyet|tinh hinh/.test(f)) continue;
      const m = /\s(?:tại|TẠI|Tại)\s+(.+)$/.exec(line);
      if (!m) continue;
      const place = cleanText(m[1].replace(/\(.*$/, ''));
      if (place && !GENERIC_PLACE.test(fold(place))) {
        unitName = place;
        unitFrom = 'title';
        break;
      }
    }
  }
  // 3. Letterhead top left: the last organisation line above the title ("UBND TỈNH X" then "SỞ Y").
  if (!unitName) {
    let last: string | null = null;
    for (const row of rows.slice(0, 6)) {
      for (const c of row.slice(0, 3)) {
        for (const line of cellLines(c)) {
          const f = fold(line);
          if (NOT_UNIT.test(f)) continue;
          if (UNIT_START.test(f) && f.split(' ').length >= 2 && !/\d/.test(f)) last = line;
        }
      }
    }
    if (last) {
      unitName = last;
      unitFrom = 'letterhead';
    }
  }
  const joined = lines.filter((l) => !/\bngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}\b/.test(fold(l)) || /tu ngay/.test(fold(l))).join('\n');
  const period = findPeriod(joined);
  let form: string | null = null;
  for (const line of lines) {
    const f = fold(line);
    if (/\bii 06a\b/.test(f)) form = 'II.06a';
    else if (!form && /\b(bieu so|mau so|bieu)\s*06\b/.test(f)) form = '06';
  }
  return { unitName: unitName ? tidyUnitName(unitName) : null, unitFrom, period, form, lines };
}
