// Numbers as Vietnamese reports write them: "." groups thousands and "," marks decimals
// (4.200 = four thousand two hundred; 66,67 = 66.67), spaces may group thousands too, and a dash or an
// empty cell means "not given" (null), which is not zero.
//
// "12.5" or "4.200" alone are ambiguous between Vietnamese and English habits, so the caller says what
// the column holds: in a 'count' column only whole numbers make sense, so any "." or "," followed by
// groups of three digits is a thousands separator and anything else is an error; in a 'decimal' column
// "," is the decimal mark, a single "." followed by exactly three digits groups thousands unless the
// caller knows the column writes decimals with a dot (`dotIsDecimal`), and any other single "." is a
// decimal point.

export type NumberMode = 'count' | 'decimal';

export interface NumberError {
  error: string;
  error_en: string;
}

export type ParsedNumber = number | null | NumberError;

export function isNumberError(v: ParsedNumber): v is NumberError {
  return typeof v === 'object' && v !== null;
}

const BLANK = new Set(['', '-', '–', '—', '−', '_', '..', '...', '…']);
const SPACES = /[\s\u00a0\u2007\u202f\u2009]+/;

function fail(s: string, vi: string, en: string): NumberError {
  return { error: `«${s}»: ${vi}`, error_en: `"${s}": ${en}` };
}

/** "1", "12", "123" then groups of exactly three digits. */
function validGroups(parts: string[]): boolean {
  if (parts.length < 2) return false;
  if (!/^\d{1,3}$/.test(parts[0])) return false;
  return parts.slice(1).every((p) => /^\d{3}$/.test(p));
}

export interface ParseNumberOptions {
  /** the column writes decimals with a dot (English style): a single "." is always a decimal point */
  dotIsDecimal?: boolean;
}

export function parseVnNumber(input: string | number | boolean | null | undefined, mode: NumberMode = 'decimal', opts: ParseNumberOptions = {}): ParsedNumber {
  if (input === null || input === undefined) return null;
  if (typeof input === 'boolean') return fail(String(input), 'không phải là số', 'not a number');
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return fail(String(input), 'không phải là số hữu hạn', 'not a finite number');
    if (mode === 'count' && !Number.isInteger(input)) return fail(String(input), 'số hồ sơ phải là số nguyên', 'a count must be a whole number');
    return input;
  }
  const raw = input.normalize('NFC').trim();
  if (BLANK.has(raw)) return null;
  let s = raw;
  let sign = 1;
  if (/^[-−–+]/.test(s)) {
    if (s[0] !== '+') sign = -1;
    s = s.slice(1).trim();
  }
  let percent = false;
  if (s.endsWith('%')) {
    if (mode === 'count') return fail(raw, 'cột số hồ sơ không nhận tỷ lệ phần trăm', 'a count column does not take a percentage');
    percent = true;
    s = s.slice(0, -1).trim();
  }
  // Spaces as thousands separators: "1 234 567" (also nbsp and thin spaces from Excel's vi-VN format).
  if (SPACES.test(s)) {
    const groups = s.split(SPACES).filter((g) => g !== '');
    const intPart = groups.slice(0, -1);
    const last = groups[groups.length - 1];
    const lastInt = last.split(/[.,]/)[0];
    if (!validGroups([...intPart, lastInt])) return fail(raw, 'khoảng trắng không đúng chỗ ngăn cách hàng nghìn', 'spaces do not separate thousands correctly');
    s = groups.join('');
    if (mode === 'count' && /[.,]/.test(s)) {
      // after space grouping, a remaining separator can only be a decimal mark
      return fail(raw, 'số hồ sơ phải là số nguyên', 'a count must be a whole number');
    }
    if (/[.,]/.test(s)) s = s.replace(',', '.');
    if (!/^\d+(\.\d+)?$/.test(s)) return fail(raw, 'không phải là số', 'not a number');
    return finish(Number(s), sign, percent);
  }
  if (!/^[\d.,]+$/.test(s) || !/\d/.test(s)) return fail(raw, 'không phải là số', 'not a number');
  const dots = (s.match(/\./g) ?? []).length;
  const commas = (s.match(/,/g) ?? []).length;
  let value: number;
  if (dots > 0 && commas > 0) {
    // Both marks: the one written last is the decimal mark ("1.234,5" Vietnamese, "1,234.5" English).
    const decimalMark = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const groupMark = decimalMark === ',' ? '.' : ',';
    const [intPart, frac, ...rest] = s.split(decimalMark);
    if (rest.length > 0 || intPart.includes(decimalMark)) return fail(raw, 'có nhiều dấu thập phân', 'more than one decimal mark');
    if (!validGroups(intPart.split(groupMark))) return fail(raw, 'dấu ngăn cách hàng nghìn không đúng chỗ', 'thousands separators in the wrong place');
    if (!/^\d+$/.test(frac)) return fail(raw, 'phần thập phân không hợp lệ', 'invalid decimal part');
    value = Number(intPart.split(groupMark).join('') + '.' + frac);
  } else if (dots + commas === 0) {
    value = Number(s);
  } else {
    const mark = dots > 0 ? '.' : ',';
    const parts = s.split(mark);
    const grouped = validGroups(parts);
    if (mode === 'count') {
      if (!grouped) return fail(raw, parts.length === 2 ? 'số hồ sơ phải là số nguyên' : 'dấu ngăn cách hàng nghìn không đúng chỗ', parts.length === 2 ? 'a count must be a whole number' : 'thousands separators in the wrong place');
      value = Number(parts.join(''));
    } else if (parts.length > 2) {
      if (!grouped) return fail(raw, 'dấu ngăn cách hàng nghìn không đúng chỗ', 'thousands separators in the wrong place');
      value = Number(parts.join(''));
    } else if (mark === ',') {
      if (parts[0] === '' || parts[1] === '') return fail(raw, 'không phải là số', 'not a number');
      value = Number(parts[0] + '.' + parts[1]);
    } else {
      if (parts[0] === '' || parts[1] === '') return fail(raw, 'không phải là số', 'not a number');
      value = grouped && !opts.dotIsDecimal ? Number(parts.join('')) : Number(parts[0] + '.' + parts[1]);
    }
  }
  if (!Number.isFinite(value)) return fail(raw, 'không phải là số', 'not a number');
  return finish(value, sign, percent);
}

function finish(value: number, sign: number, _percent: boolean): number {
  // A percentage stays in percent units (66,67 % → 66.67), as index_scores.ratio stores percent.
  const v = sign * value;
  return Object.is(v, -0) ? 0 : v;
}

/** vi-VN text of a number: 4200 → "4.200", 66.67 → "66,67" (at most `decimals` digits after the mark). */
export function formatVnNumber(n: number, decimals = 2): string {
  const neg = n < 0;
  const fixed = Math.abs(n).toFixed(decimals);
  let [int, frac = ''] = fixed.split('.');
  frac = frac.replace(/0+$/, '');
  int = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return (neg ? '-' : '') + int + (frac ? ',' + frac : '');
}
