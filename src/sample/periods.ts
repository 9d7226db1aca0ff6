// Calendar months for the sample (period keys 'YYYY-MM', ISO first and last days). Pure arithmetic on
// numbers: no Date objects, so no time zone can shift a month boundary.

export interface Month {
  year: number;
  /** 1..12 */
  month: number;
  /** 'YYYY-MM' */
  key: string;
  /** 'YYYY-MM-01' */
  start: string;
  /** last day of the month, 'YYYY-MM-DD' */
  end: string;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function makeMonth(year: number, month: number): Month {
  const key = `${year}-${pad2(month)}`;
  return { year, month, key, start: `${key}-01`, end: `${key}-${pad2(daysInMonth(year, month))}` };
}

/** 'YYYY-MM' → Month */
export function parseMonth(key: string): Month {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  if (!m) throw new Error(`Tháng không hợp lệ / invalid month: ${key}`);
  return makeMonth(Number(m[1]), Number(m[2]));
}

/** Every month from `from` to `to`, both included ('YYYY-MM'). */
export function monthRange(from: string, to: string): Month[] {
  const a = parseMonth(from);
  const b = parseMonth(to);
  const out: Month[] = [];
  let y = a.year;
  let m = a.month;
  while (y < b.year || (y === b.year && m <= b.month)) {
    out.push(makeMonth(y, m));
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** 'YYYY-MM' of an ISO date 'YYYY-MM-DD' */
export const monthOfDate = (date: string): string => date.slice(0, 7);

/** Does a unit valid from `validFrom` to `validTo` (ISO dates, empty = open) exist during month `m`? */
export function existsInMonth(m: Month, validFrom?: string, validTo?: string): boolean {
  if (validFrom && validFrom > m.end) return false;
  if (validTo && validTo < m.start) return false;
  return true;
}

/** Lunar new year (Tết) month per year: volumes dip in that month and rise before it. */
export const TET_MONTH: Record<number, number> = {
  2020: 1, 2021: 2, 2022: 2, 2023: 1, 2024: 2, 2025: 1, 2026: 2, 2027: 2,
};

/** Monthly volume factor: a Tết dip, a slow January/after-Tết month, and the year-end rise. */
export function seasonality(m: Month): number {
  const tet = TET_MONTH[m.year] ?? 2;
  if (m.month === tet) return 0.68;
  if (m.month === tet + 1) return 0.92; // offices restart slowly after the holiday
  if (m.month === 1) return 0.96;
  if (m.month === 11) return 1.08;
  if (m.month === 12) return 1.18;
  if (m.month === 7 || m.month === 8) return 1.03; // school enrolment and mid-year work
  return 1;
}
