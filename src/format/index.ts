// Numbers and dates the vi-VN way (4.200; 66,67 %; 19/10/2023), English as en-GB. One place for
// every view, chart, export and the written summary.
import type { MetricDef } from '../metrics/registry';

export type Lang = 'vi' | 'en';

const locale = (lang: Lang) => (lang === 'vi' ? 'vi-VN' : 'en-GB');
const cache = new Map<string, Intl.NumberFormat>();

function nf(lang: Lang, digits: number): Intl.NumberFormat {
  const key = `${lang}:${digits}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits });
    cache.set(key, f);
  }
  return f;
}

export function formatNumber(value: number | null | undefined, digits = 0, lang: Lang = 'vi'): string {
  if (value == null || !Number.isFinite(value)) return '–';
  return nf(lang, digits).format(value);
}

/** A percent value already on the 0–100 scale: 66.6667 → "66,67 %". */
export function formatPercent(value: number | null | undefined, digits = 2, lang: Lang = 'vi'): string {
  if (value == null || !Number.isFinite(value)) return '–';
  return `${nf(lang, digits).format(value)}\u00a0%`;
}

/** Percentage points, signed: +1,25 đ.p. */
export function formatDelta(value: number | null | undefined, unit: MetricDef['unit'], digits: number, lang: Lang = 'vi'): string {
  if (value == null || !Number.isFinite(value)) return '–';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '±';
  const abs = Math.abs(value);
  if (unit === 'percent') return `${sign}${nf(lang, digits).format(abs)}${lang === 'vi' ? '\u00a0điểm %' : '\u00a0pp'}`;
  return `${sign}${nf(lang, digits).format(abs)}`;
}

export function formatMetric(m: Pick<MetricDef, 'unit' | 'decimals'>, value: number | null | undefined, lang: Lang = 'vi'): string {
  if (m.unit === 'percent') return formatPercent(value, m.decimals, lang);
  return formatNumber(value, m.decimals, lang);
}

/** ISO date → 19/10/2023 (both languages use day first). */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '–';
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}
