// The oversight page's URL state, checked against the data (pure: tested in Node). Anything unknown
// falls back to a default; unknown unit ids are kept aside to be told to the reader.
import { WINDOW_KINDS, type WindowKind } from '../../metrics/oversight';
import { isMetricId } from '../../metrics/registry';
import { MAX_UNITS } from '../../components/oversight/types';

export const DEFAULT_METRIC = 'on_time_rate';
export const DEFAULT_RANK_METRIC = 'index_766_total';

/** "2021-2023" or "2022" → the years in between, kept within the data's years. */
export function parseYears(text: string | undefined, available: number[]): number[] {
  const m = text ? /^(\d{4})(?:-(\d{4}))?$/.exec(text) : null;
  if (!m || !available.length) return available;
  let a = Number(m[1]);
  let b = Number(m[2] ?? m[1]);
  if (a > b) [a, b] = [b, a];
  const out = available.filter((y) => y >= a && y <= b);
  return out.length ? out : available;
}

/** "MH.01,MH.02" → known ids, unique, at most MAX_UNITS; none known → the level's first unit. */
export function parseUnits(text: string | undefined, known: Set<string>, levelUnits: string[]): string[] {
  const asked = (text ?? '').split(',').map((s) => s.trim()).filter((s) => s && known.has(s));
  const unique = [...new Set(asked)].slice(0, MAX_UNITS);
  return unique.length ? unique : levelUnits.slice(0, 1);
}

/** Ids in the URL the dataset does not know. */
export function unknownUnits(text: string | undefined, known: Set<string>): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter((s) => s && !known.has(s));
}

export const metricFrom = (text: string | undefined) => (isMetricId(text) ? text : DEFAULT_METRIC);
export const windowFrom = (text: string | undefined): WindowKind => ((WINDOW_KINDS as readonly string[]).includes(text ?? '') ? (text as WindowKind) : 'year');
export const rankMetricFrom = (text: string | undefined, rankable: string[]) => (text && rankable.includes(text) ? text : DEFAULT_RANK_METRIC);

/** "2021-2023", or "2022" when both ends are the same year. */
export const yearsText = (from: number, to: number) => (from === to ? String(from) : `${Math.min(from, to)}-${Math.max(from, to)}`);
