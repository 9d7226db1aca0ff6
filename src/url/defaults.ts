// What a URL without a filter means (pure: the live page, the build-time snapshot and the prerender
// share these rules, so a first visit and the page built for it ask the same queries).
import { LEVELS } from '../datasets/contract';
import { parsePeriod, periodOf, type Period } from '../metrics/periods';

export const DEFAULT_LEVEL = 'agency';

/** The level in the URL if it is a known level, else the default. */
export function levelFrom(text: string | undefined): string {
  return text && (LEVELS as readonly string[]).includes(text) ? text : DEFAULT_LEVEL;
}

/**
 * The chosen period: the URL's if valid, else the data's last month, or (for figures that run from
 * 1 January to a day inside a month, as the 766 portal's year to date) the year to that day, which fits
 * in no month.
 */
export function periodFrom(text: string | undefined, span: { from: string; to: string } | null, hasDays: boolean): Period | null {
  const parsed = text ? parsePeriod(text) : null;
  if (parsed) return parsed;
  if (!span) return null;
  const to = span.to;
  if (!hasDays && span.from === `${to.slice(0, 4)}-01-01` && to !== periodOf('month', to).to) return periodOf('ytd', to);
  return periodOf('month', to);
}
