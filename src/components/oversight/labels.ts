// Words for windows, units and counts shared by the oversight and public components. Numbers and
// dates go through src/format (vi-VN); dataset text (unit names) is returned as plain text.
import { formatDate, formatNumber, formatPercent, type Lang } from '../../format';
import { parsePeriod, periodLabel } from '../../metrics/periods';
import type { MetricDef } from '../../metrics/registry';
import type { YearWindow } from '../../metrics/oversight';

/** Long label: "9 tháng năm 2023", "Từ đầu năm đến 31/10/2023". */
export function windowLabel(w: YearWindow, lang: Lang): string {
  return periodLabel(parsePeriod(w.key)!, lang);
}

/** Short axis label: "2023", "9T 2023", "6T đầu 2023", "2023 (đến 31/10)"; a '*' marks an incomplete window. */
export function windowShort(w: YearWindow, lang: Lang): string {
  const vi = lang === 'vi';
  const y = String(w.year);
  const base = w.kind === 'year' ? y
    : w.kind === 'nine' ? (vi ? `9T ${y}` : `9M ${y}`)
    : w.kind === 'h1' ? (vi ? `6T đầu ${y}` : `H1 ${y}`)
    : w.kind === 'h2' ? (vi ? `6T cuối ${y}` : `H2 ${y}`)
    : `${y} (${vi ? 'đến' : 'to'} ${formatDate(w.to).slice(0, 5)})`;
  return w.complete ? base : `${base}*`;
}

/** Counts may be fractional when a predecessor's work was shared between successors (share < 1). */
export function formatCount(v: number | null | undefined, lang: Lang): string {
  if (v == null) return '–';
  const r = Math.round(v * 10) / 10;
  return formatNumber(r, Number.isInteger(r) ? 0 : 1, lang);
}

/** A metric value in its unit (percent, points, count, rank). */
export function formatValue(m: Pick<MetricDef, 'unit' | 'decimals'>, v: number | null | undefined, lang: Lang): string {
  if (m.unit === 'percent') return formatPercent(v, m.decimals, lang);
  if (m.unit === 'count') return formatCount(v, lang);
  return formatNumber(v, m.decimals, lang);
}

/** Round for CSV: keeps exports readable without losing the figure shown (6 decimals). */
export function csvNumber(v: number | null | undefined): number | null {
  return v == null || !Number.isFinite(v) ? null : Math.round(v * 1e6) / 1e6;
}
