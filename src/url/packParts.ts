// Which part of a packed package (npm run pack: one file per province × year) a view needs, from its
// URL (pure: the dataset store asks it with the pack's span once the descriptor is read).
//   ?years=2025,2026 or ?years=2024-2026   those years (the oversight page's own range reads the same way)
//   ?province=MH or ?province=MH,HN        those provinces' files only (absent: every province)
//   otherwise                               the years of the period shown and the year before (year-ago
//                                           comparisons), or every year on the pages that draw a series
//                                           over all the data's years (public page, embeds but the
//                                           scoreboard one, oversight without a range)
// A period picked later outside the part attaches its years then (stores/dataset.ts `need`).
import { parsePeriod } from '../metrics/periods';
import { periodFrom } from './defaults';

export interface PackWant { path: string; period?: string; years?: string; province?: string }
export interface PackParts { years?: number[]; provinces?: string[] }

/** Pages whose series run over every year of the data. */
const ALL_YEARS = /^\/(cong-khai|giam-sat|embed\/(?!scoreboard\b))/;

/** "2025,2026", "2024-2026", "2026" → the years; anything else → null. */
export function yearList(text: string | undefined): number[] | null {
  if (!text) return null;
  const range = /^(\d{4})-(\d{4})$/.exec(text);
  if (range) {
    const [a, b] = [Number(range[1]), Number(range[2])].sort((x, y) => x - y);
    return b - a > 200 ? null : Array.from({ length: b - a + 1 }, (_, i) => a + i);
  }
  const ys = text.split(',').map((s) => s.trim());
  return ys.length && ys.every((y) => /^\d{4}$/.test(y)) ? [...new Set(ys.map(Number))] : null;
}

/** Province ids named in ?province= (plain ids only). */
function provinceList(text: string | undefined): string[] | undefined {
  const ids = (text ?? '').split(',').map((s) => s.trim()).filter((s) => /^[A-Za-z0-9_.-]{1,64}$/.test(s));
  return ids.length ? ids : undefined;
}

export function packParts(want: PackWant, span: { from: string; to: string } | null, hasDays: boolean): PackParts {
  const provinces = provinceList(want.province);
  const named = yearList(want.years);
  if (named) return { years: named, provinces };
  if (ALL_YEARS.test(want.path)) return { provinces };
  const period = (want.period ? parsePeriod(want.period) : null) ?? periodFrom(undefined, span, hasDays);
  if (!period) return { provinces };
  const from = Number(period.from.slice(0, 4));
  const to = Number(period.to.slice(0, 4));
  return { years: Array.from({ length: to - from + 2 }, (_, i) => from - 1 + i), provinces };
}
