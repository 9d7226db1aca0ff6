// Dates as Vietnamese reports write them (19/10/2023, 1/7/2025, 2025-07-01, "ngày 01 tháng 7 năm 2025")
// and the reporting period written in a report's title block ("Từ ngày 01/01/2026 đến ngày 30/09/2026",
// "Kỳ báo cáo: Tháng 10/2026", "Quý III/2026", "6 tháng đầu năm 2026", "Năm 2026").

export interface DateError {
  error: string;
  error_en: string;
}

export type ParsedDate = { iso: string } | DateError;

export function isDateError(v: unknown): v is DateError {
  return typeof v === 'object' && v !== null && 'error' in v;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Checks a day/month/year triple; the message says why it is not a date (31/02, month 13…). */
export function checkedDate(day: number, month: number, year: number, shown: string): ParsedDate {
  if (year < 1900 || year > 2200) return { error: `«${shown}»: năm ${year} không hợp lệ`, error_en: `"${shown}": year ${year} is out of range` };
  if (month < 1 || month > 12) return { error: `«${shown}»: không có tháng ${month}`, error_en: `"${shown}": there is no month ${month}` };
  const dim = daysInMonth(year, month);
  if (day < 1 || day > dim) {
    return {
      error: `«${shown}»: tháng ${month}/${year} chỉ có ${dim} ngày`,
      error_en: `"${shown}": month ${month}/${year} has only ${dim} days`,
    };
  }
  return { iso: isoDate(year, month, day) };
}

/** dd/mm/yyyy, d/m/yyyy (also with "-" or "."), yyyy-mm-dd (optionally with a time part, ignored). */
export function parseVnDate(input: string): ParsedDate {
  const s = input.normalize('NFC').trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) return checkedDate(Number(m[3]), Number(m[2]), Number(m[1]), s);
  m = /^(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})$/.exec(s);
  if (m) return checkedDate(Number(m[1]), Number(m[3]), Number(m[4]), s);
  return { error: `«${s}»: không phải ngày dạng dd/mm/yyyy hoặc yyyy-mm-dd`, error_en: `"${s}": not a date as dd/mm/yyyy or yyyy-mm-dd` };
}

/** Spreadsheet day serial → ISO date. 1900 system: serial 1 is 1900-01-01 and serial 60 is Lotus's
 *  phantom 29/02/1900, so from serial 61 on the epoch is 1899-12-30. 1904 system: serial 0 is 1904-01-01. */
export function excelSerialToIso(serial: number, date1904 = false): string {
  const days = Math.floor(serial);
  const ms = date1904 ? Date.UTC(1904, 0, 1) + days * 86400000 : days >= 61 ? Date.UTC(1899, 11, 30) + days * 86400000 : Date.UTC(1899, 11, 31) + days * 86400000;
  const d = new Date(ms);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Same plus time of day, for timestamp cells: "2026-10-10T07:00:18". */
export function excelSerialToIsoTimestamp(serial: number, date1904 = false): string {
  const date = excelSerialToIso(serial, date1904);
  const secs = Math.round((serial - Math.floor(serial)) * 86400);
  if (secs === 0) return date;
  return `${date}T${pad(Math.floor(secs / 3600))}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}`;
}

export type PeriodKind = 'range' | 'month' | 'quarter' | 'half' | 'months' | 'year';

export interface FoundPeriod {
  period_start: string;
  period_end: string;
  kind: PeriodKind;
  /** the words that gave the period, as written */
  text: string;
}

/** Lower case, no diacritics, đ→d, single spaces; punctuation kept (dates need "/"). */
function loose(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ');
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const D = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
const RANGE = new RegExp(String.raw`tu ngay\s*${D}\s*,?\s*(?:den|toi)\s*(?:het\s*)?(?:ngay\s*)?${D}`);
const RANGE_LONG = /tu ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})\s*,?\s*(?:den|toi)\s*(?:het\s*)?ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})/;
const MONTHS_FROM_JAN = /(?<![\d/])(\d{1,2}) thang (?:dau )?nam\s*(\d{4})/;
const HALF = /(6 thang (?:dau nam|cuoi nam)|nua dau nam|nua cuoi nam)\s*(\d{4})/;
const MONTH = /(?<!ngay \d{1,2} )thang\s*(\d{1,2})\s*(?:\/|-|nam)\s*(\d{4})/;
const QUARTER = /quy\s*(iv|i{1,3}|[1-4])\s*(?:\/|-|nam)\s*(\d{4})/;
const YEAR = /(?:ky bao cao\s*:?\s*)?(?<!thang \d{1,2} )nam\s*(\d{4})/;

/** Finds the reporting period in a title block (the lines above the table header). Returns null when no
 *  period is written, or an error when the period is written but is not a real range (31/02, end before
 *  start). More specific wording wins: an explicit range, then a month, a quarter, a half, "N tháng",
 *  then a whole year. Signature-block dates ("…, ngày 15 tháng 10 năm 2026") are not periods: keep them
 *  out of `text`. */
export function findPeriod(text: string): FoundPeriod | DateError | null {
  const t = loose(text);
  let m = RANGE.exec(t) ?? RANGE_LONG.exec(t);
  if (m) {
    const start = checkedDate(Number(m[1]), Number(m[2]), Number(m[3]), `${m[1]}/${m[2]}/${m[3]}`);
    if (isDateError(start)) return start;
    const end = checkedDate(Number(m[4]), Number(m[5]), Number(m[6]), `${m[4]}/${m[5]}/${m[6]}`);
    if (isDateError(end)) return end;
    if (end.iso < start.iso) {
      return { error: `Kỳ báo cáo kết thúc (${m[4]}/${m[5]}/${m[6]}) trước ngày bắt đầu (${m[1]}/${m[2]}/${m[3]})`, error_en: `The reporting period ends (${end.iso}) before it starts (${start.iso})` };
    }
    return { period_start: start.iso, period_end: end.iso, kind: 'range', text: m[0] };
  }
  m = MONTH.exec(t);
  if (m) {
    const month = Number(m[1]);
    const year = Number(m[2]);
    if (month < 1 || month > 12) return { error: `Kỳ báo cáo: không có tháng ${month}`, error_en: `Reporting period: there is no month ${month}` };
    return { period_start: isoDate(year, month, 1), period_end: isoDate(year, month, daysInMonth(year, month)), kind: 'month', text: m[0] };
  }
  m = QUARTER.exec(t);
  if (m) {
    const q = ROMAN[m[1]] ?? Number(m[1]);
    const year = Number(m[2]);
    const endMonth = q * 3;
    return { period_start: isoDate(year, endMonth - 2, 1), period_end: isoDate(year, endMonth, daysInMonth(year, endMonth)), kind: 'quarter', text: m[0] };
  }
  m = HALF.exec(t);
  if (m) {
    const year = Number(m[2]);
    const second = m[1].includes('cuoi');
    return { period_start: isoDate(year, second ? 7 : 1, 1), period_end: isoDate(year, second ? 12 : 6, second ? 31 : 30), kind: 'half', text: m[0] };
  }
  m = MONTHS_FROM_JAN.exec(t);
  if (m) {
    const n = Number(m[1]);
    const year = Number(m[2]);
    if (n >= 1 && n <= 12) {
      return { period_start: isoDate(year, 1, 1), period_end: isoDate(year, n, daysInMonth(year, n)), kind: n === 12 ? 'year' : 'months', text: m[0] };
    }
  }
  m = YEAR.exec(t);
  if (m) {
    const year = Number(m[1]);
    return { period_start: isoDate(year, 1, 1), period_end: isoDate(year, 12, 31), kind: 'year', text: m[0] };
  }
  return null;
}
