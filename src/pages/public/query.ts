// The public page's declared queries: the chosen level's figures for the period, and the same days
// (1 January to the data's last day) of every year for the trend. SQL comes from src/metrics.
import type { QuerySpec } from '../../coordinator/types';
import { evaluate, type Evaluation } from '../../metrics/evaluate';
import { levelTotals, spanYears, yearWindows, type LevelTotal, type YearWindow } from '../../metrics/oversight';
import type { Period } from '../../metrics/periods';
import { TREND_METRICS } from './model';

export interface PublicScope { period: Period; level: string }

/** Every unit of the level and their total for the period (the scoreboard's evaluation: one cached result). */
export function publicSummaryQuery(s: PublicScope): QuerySpec<Evaluation> {
  return { key: `public:${s.period.key}:${s.level}`, run: (db) => evaluate(db, { from: s.period.from, to: s.period.to, levels: [s.level] }) };
}

/** The windows of the trend: 1 January to the data's last day, in every year of the data. */
export function trendWindows(span: { from: string; to: string } | null): YearWindow[] {
  return yearWindows(spanYears(span), 'ytd', span);
}

export function publicTrendQuery(s: { level: string; windows: YearWindow[] }): QuerySpec<LevelTotal[]> {
  return {
    key: `public-trend:${s.windows.map((w) => w.key).join(',')}:${s.level}`,
    run: (db) => levelTotals(db, { level: s.level, windows: s.windows, metrics: TREND_METRICS }),
  };
}
