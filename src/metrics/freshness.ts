// How fresh the figures on screen are, as rules (pure; the page words them through i18n `fresh.*`):
//  - a period still open is provisional ("số liệu tạm thời"): it ends after the data's last day or
//    after today, or its index figures were captured before it ended (a quarter taken in its second month);
//  - a dataset older than its publisher's cadence is behind: the 766 portal republishes daily, Biểu 06
//    (dossier counts) comes monthly, by the middle of the following month;
//  - figures captured on different days are said to be so.
import { addDays, type Period } from './periods';

export type Cadence = 'daily' | 'monthly';

/** days a dataset may age past its last period before it is late, per cadence */
export const CADENCE_GRACE: Record<Cadence, number> = { daily: 2, monthly: 46 };

export interface Freshness {
  provisional: boolean;
  /** why: 'open' (ends after the data or today) or 'captured-early' (index figures taken before its end) */
  reason: 'open' | 'captured-early' | null;
  /** the cadence the data is behind, and since when (its last day), or null */
  late: { cadence: Cadence; asOf: string } | null;
  /** distinct capture dates of the figures shown, when there are several */
  captures: string[];
}

export function isOpenPeriod(p: Period, dataTo: string | null, today: string): boolean {
  return p.to > today || (dataTo != null && p.to > dataTo);
}

export function isLate(asOf: string, cadence: Cadence, today: string): boolean {
  return addDays(asOf, CADENCE_GRACE[cadence]) < today;
}

/**
 * `dataTo` is the data's last day; `cadence` its publisher's (monthly for dossier counts, daily for the
 * portal's 766 captures alone). Lateness is the dataset's, whatever period is on screen.
 */
export function freshness(p: Period, o: { dataTo: string | null; today: string; indexAsOf?: string[]; cadence?: Cadence | null }): Freshness {
  const asOf = [...new Set((o.indexAsOf ?? []).map((d) => d.slice(0, 10)))].sort();
  const open = isOpenPeriod(p, o.dataTo, o.today);
  const early = !open && asOf.some((d) => d < p.to);
  const late: Freshness['late'] = o.cadence && o.dataTo && isLate(o.dataTo, o.cadence, o.today) ? { cadence: o.cadence, asOf: o.dataTo } : null;
  return { provisional: open || early, reason: open ? 'open' : early ? 'captured-early' : null, late, captures: asOf.length > 1 ? asOf : [] };
}

/** The embedded sample's packages (`npm run data:sample`, `data:dossiers`) are named with this prefix: made
 *  to illustrate, they have no publisher and so no cadence to be late against (else the sample would say
 *  "late" a few weeks after it was generated, and a page built one day could differ from the same page
 *  read another day). */
export const SAMPLE_PACKAGE_PREFIX = 'mau-tinh-minh-hoa';

export const isSamplePackage = (name: string | null | undefined): boolean => (name ?? '').startsWith(SAMPLE_PACKAGE_PREFIX);

/** today's date in the reader's time zone, as ISO */
export function todayIso(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
