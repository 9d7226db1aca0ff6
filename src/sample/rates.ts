// Province-wide habits that change year by year (shares 0..1). One table each, so the sample, the
// dossier generator and data/README.md tell the same story.

export type YearTable = Record<number, number>;

/** Value for a year; years outside the table take the nearest year's value. */
export function yearValue(table: YearTable, year: number): number {
  if (table[year] !== undefined) return table[year];
  const years = Object.keys(table).map(Number).sort((a, b) => a - b);
  return table[year < years[0] ? years[0] : years[years.length - 1]];
}

/** Overdue is worse in early years: multiplier of a unit's latest-year overdue share. */
export const OVERDUE_YEAR_FACTOR: YearTable = { 2021: 1.3, 2022: 1.22, 2023: 1.12, 2024: 1.06, 2025: 1.03, 2026: 1 };
/** digitised dossiers per new dossier */
export const DIGITIZED: YearTable = { 2021: 0.35, 2022: 0.5, 2023: 0.65, 2024: 0.75, 2025: 0.83, 2026: 0.88 };
/** electronic results per resolved dossier */
export const RESULT_ELECTRONIC: YearTable = { 2021: 0.3, 2022: 0.45, 2023: 0.6, 2024: 0.72, 2025: 0.82, 2026: 0.88 };
/** ratings given per resolved dossier */
export const RATING: YearTable = { 2021: 0.02, 2022: 0.04, 2023: 0.06, 2024: 0.08, 2025: 0.1, 2026: 0.12 };
/** full-process (toàn trình) share of online dossiers */
export const ONLINE_FULL: YearTable = { 2021: 0.15, 2022: 0.22, 2023: 0.3, 2024: 0.38, 2025: 0.47, 2026: 0.55 };

/**
 * Online share within a year: the yearly anchor plus a ramp through the year (so January is below the
 * year's level and December above, and years join without big jumps). The ramp's mean over 12 months is 0.
 */
export function onlineRamp(anchors: YearTable, year: number, month: number): number {
  const a = yearValue(anchors, year);
  const prev = anchors[year - 1];
  const next = anchors[year + 1];
  let slope: number;
  if (prev !== undefined && next !== undefined) slope = (next - prev) / 2;
  else if (next !== undefined) slope = next - a;
  else if (prev !== undefined) slope = a - prev;
  else slope = 0;
  slope = Math.min(slope, a * 0.6);
  return a + (slope * (month - 6.5)) / 12;
}
