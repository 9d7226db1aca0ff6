// Reporting periods: month, quarter, half, 9 months, year, year to date, ISO week, custom range.
// A period is a closed date range [from, to] plus a key that round-trips through the URL.

export type PeriodKind = 'month' | 'quarter' | 'half' | 'nine' | 'year' | 'ytd' | 'week' | 'custom';

export interface Period {
  kind: PeriodKind;
  key: string;
  from: string;
  to: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
const lastDay = (y: number, m: number) => utc(y, m + 1, 0).getUTCDate();
const parseIso = (s: string) => utc(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));

export function addDays(date: string, n: number): string {
  const d = parseIso(date);
  d.setUTCDate(d.getUTCDate() + n);
  return iso(d);
}

function range(kind: PeriodKind, key: string, y: number, m1: number, m2: number): Period {
  return { kind, key, from: `${y}-${pad(m1)}-01`, to: `${y}-${pad(m2)}-${pad(lastDay(y, m2))}` };
}

/** Monday of ISO week `w` of ISO year `y`. */
function isoWeekStart(y: number, w: number): Date {
  const jan4 = utc(y, 1, 4);
  const day = (jan4.getUTCDay() + 6) % 7;
  const monday = utc(y, 1, 4 - day);
  monday.setUTCDate(monday.getUTCDate() + (w - 1) * 7);
  return monday;
}

/** Parse a period key: 2026-10, 2026-Q3, 2026-H1, 2026-9M, 2026, ytd:2026-10-15, 2026-W41, 2026-01-01..2026-03-31 */
export function parsePeriod(key: string): Period | null {
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{2})$/.exec(key)) && +m[2] >= 1 && +m[2] <= 12) return range('month', key, +m[1], +m[2], +m[2]);
  if ((m = /^(\d{4})-Q([1-4])$/.exec(key))) return range('quarter', key, +m[1], (+m[2] - 1) * 3 + 1, +m[2] * 3);
  if ((m = /^(\d{4})-H([12])$/.exec(key))) return range('half', key, +m[1], m[2] === '1' ? 1 : 7, m[2] === '1' ? 6 : 12);
  if ((m = /^(\d{4})-9M$/.exec(key))) return range('nine', key, +m[1], 1, 9);
  if ((m = /^(\d{4})$/.exec(key))) return range('year', key, +m[1], 1, 12);
  if ((m = /^ytd:(\d{4}-\d{2}-\d{2})$/.exec(key)) && validDate(m[1])) return { kind: 'ytd', key, from: `${m[1].slice(0, 4)}-01-01`, to: m[1] };
  if ((m = /^(\d{4})-W(\d{2})$/.exec(key)) && +m[2] >= 1 && +m[2] <= 53) {
    const start = isoWeekStart(+m[1], +m[2]);
    const from = iso(start);
    return { kind: 'week', key, from, to: addDays(from, 6) };
  }
  if ((m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(key)) && validDate(m[1]) && validDate(m[2]) && m[1] <= m[2]) {
    return { kind: 'custom', key, from: m[1], to: m[2] };
  }
  return null;
}

export function validDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  return iso(parseIso(s)) === s;
}

/** The period of a kind that contains `date` (for ytd and custom: ending on `date`). */
export function periodOf(kind: PeriodKind, date: string): Period {
  const y = Number(date.slice(0, 4));
  const mo = Number(date.slice(5, 7));
  switch (kind) {
    case 'month': return parsePeriod(`${y}-${pad(mo)}`)!;
    case 'quarter': return parsePeriod(`${y}-Q${Math.ceil(mo / 3)}`)!;
    case 'half': return parsePeriod(`${y}-H${mo <= 6 ? 1 : 2}`)!;
    case 'nine': return parsePeriod(`${y}-9M`)!;
    case 'year': return parsePeriod(`${y}`)!;
    case 'ytd': return parsePeriod(`ytd:${date}`)!;
    case 'week': {
      const w = weekKey(date);
      return parsePeriod(w)!;
    }
    case 'custom': return parsePeriod(`${y}-${pad(mo)}-01..${date}`)!;
  }
}

export function weekKey(date: string): string {
  const d = parseIso(date);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3); // Thursday of the same week decides the ISO year
  const year = d.getUTCFullYear();
  const week = Math.round((d.getTime() - isoWeekStart(year, 1).getTime()) / (7 * 86400000)) + 1;
  return `${year}-W${pad(week)}`;
}

function shiftYear(date: string, n: number): string {
  const y = Number(date.slice(0, 4)) + n;
  const m = Number(date.slice(5, 7));
  const d = Math.min(Number(date.slice(8, 10)), lastDay(y, m));
  return `${y}-${pad(m)}-${pad(d)}`;
}

/** The same window one year earlier. */
export function yearAgo(p: Period): Period {
  switch (p.kind) {
    case 'week': {
      const [y, w] = p.key.split('-W').map(Number);
      return parsePeriod(`${y - 1}-W${pad(Math.min(w, 52))}`)!;
    }
    case 'ytd': return parsePeriod(`ytd:${shiftYear(p.to, -1)}`)!;
    case 'custom': return parsePeriod(`${shiftYear(p.from, -1)}..${shiftYear(p.to, -1)}`)!;
    default: return parsePeriod(p.key.replace(/^\d{4}/, String(Number(p.key.slice(0, 4)) - 1)))!;
  }
}

/** The period of the same length just before (for year-like windows: the year before). */
export function previousPeriod(p: Period): Period {
  const y = Number(p.key.slice(0, 4));
  switch (p.kind) {
    case 'month': {
      const m = Number(p.key.slice(5, 7));
      return m === 1 ? parsePeriod(`${y - 1}-12`)! : parsePeriod(`${y}-${pad(m - 1)}`)!;
    }
    case 'quarter': {
      const q = Number(p.key.slice(6));
      return q === 1 ? parsePeriod(`${y - 1}-Q4`)! : parsePeriod(`${y}-Q${q - 1}`)!;
    }
    case 'half':
      return p.key.endsWith('H1') ? parsePeriod(`${y - 1}-H2`)! : parsePeriod(`${y}-H1`)!;
    case 'week':
      return parsePeriod(weekKey(addDays(p.from, -7)))!;
    case 'custom': {
      const days = Math.round((parseIso(p.to).getTime() - parseIso(p.from).getTime()) / 86400000) + 1;
      return parsePeriod(`${addDays(p.from, -days)}..${addDays(p.from, -1)}`)!;
    }
    default:
      return yearAgo(p);
  }
}

/** `n` consecutive periods ending with `p` (oldest first), for sparklines and trends. */
export function lastPeriods(p: Period, n: number): Period[] {
  const out = [p];
  while (out.length < n) out.unshift(previousPeriod(out[0]));
  return out;
}

/** The index_scores periods that describe this window: exact match first; any window from 1 January
 *  within one year may also use the portal's year-to-date figures (taken on or before its last day). */
export function indexPeriodsFor(p: Period): { period_type: string; period: string }[] {
  const out = exactIndexPeriods(p);
  if (p.from.endsWith('-01-01') && p.from.slice(0, 4) === p.to.slice(0, 4) && !out.some((x) => x.period_type === 'ytd')) {
    out.push({ period_type: 'ytd', period: p.from.slice(0, 4) });
  }
  return out;
}

function exactIndexPeriods(p: Period): { period_type: string; period: string }[] {
  // the year from the dates: a ytd key starts with "ytd:", not with the year
  const y = p.from.slice(0, 4);
  switch (p.kind) {
    case 'month': return [{ period_type: 'month', period: p.key }];
    case 'quarter': return [{ period_type: 'quarter', period: p.key }];
    case 'half': return [{ period_type: 'half', period: p.key }];
    case 'year': return [{ period_type: 'year', period: y }, { period_type: 'ytd', period: y }];
    case 'ytd': case 'nine': return [{ period_type: 'ytd', period: y }];
    case 'week': return [{ period_type: 'week', period: p.key }];
    default: return [];
  }
}

export function periodLabel(p: Period, lang: 'vi' | 'en' = 'vi'): string {
  const y = p.key.slice(0, 4);
  const vi = lang === 'vi';
  const dmy = (s: string) => `${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
  switch (p.kind) {
    case 'month': return vi ? `Tháng ${p.key.slice(5, 7)}/${y}` : `${p.key.slice(5, 7)}/${y}`;
    case 'quarter': return vi ? `Quý ${['I', 'II', 'III', 'IV'][Number(p.key.slice(6)) - 1]}/${y}` : `Q${p.key.slice(6)} ${y}`;
    case 'half': return vi ? `6 tháng ${p.key.endsWith('H1') ? 'đầu' : 'cuối'} năm ${y}` : `${p.key.endsWith('H1') ? 'First' : 'Second'} half ${y}`;
    case 'nine': return vi ? `9 tháng năm ${y}` : `First 9 months ${y}`;
    case 'year': return vi ? `Năm ${y}` : `Year ${y}`;
    case 'ytd': return vi ? `Từ đầu năm đến ${dmy(p.to)}` : `Year to ${dmy(p.to)}`;
    case 'week': return vi ? `Tuần ${p.key.slice(6)}/${y}` : `Week ${p.key.slice(6)} ${y}`;
    case 'custom': return vi ? `Từ ${dmy(p.from)} đến ${dmy(p.to)}` : `${dmy(p.from)} to ${dmy(p.to)}`;
  }
}
