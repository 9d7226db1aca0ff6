// The queries behind the scoreboard and the unit page, in one place: the current period (evaluate), the
// 12-period series (sparklines and the previous period), the same period a year before, overdue
// dossiers by unit and field, and the overall figures of the previous period.
import type { Db } from '../db/types';
import { evaluate } from './evaluate';
import { lastPeriods, yearAgo, type Period } from './periods';
import { queryCounts } from './queries';
import { SCOREBOARD_METRICS, type ScoreboardInput } from './scoreboard';
import { evaluateSeries } from './series';

/** Periods in a sparkline and in the unit page's charts (the current one included). */
export const SPARK_PERIODS = 12;

export interface ScoreboardScope {
  period: Period;
  levels?: string[];
  unitIds?: string[];
  /** metrics of the series: the scoreboard's columns by default, 'all' for the unit page's charts */
  seriesMetrics?: string[] | 'all';
  /** channels of receipt (1 in person, 2 online, 3 postal; dossier-level data only); none = all */
  channels?: number[];
}

export async function queryScoreboard(db: Db, s: ScoreboardScope): Promise<ScoreboardInput> {
  const { period, levels, unitIds } = s;
  const channels = s.channels?.length ? s.channels : undefined;
  const periods = lastPeriods(period, SPARK_PERIODS);
  const prev = periods[periods.length - 2];
  const metrics = s.seriesMetrics === 'all' ? undefined : s.seriesMetrics ?? [...SCOREBOARD_METRICS];
  const [current, series, before, fields, prevTotal] = await Promise.all([
    evaluate(db, { from: period.from, to: period.to, levels, unitIds, channels }),
    evaluateSeries(db, { periods, levels, unitIds, metrics, channels }),
    evaluateSeries(db, { periods: [yearAgo(period)], levels, unitIds, metrics: [...SCOREBOARD_METRICS], channels }),
    queryCounts(db, { from: period.from, to: period.to, levels, unitIds, groupBy: ['unit', 'field'], metrics: ['overdue_count'], channels }),
    queryCounts(db, { from: prev.from, to: prev.to, levels, unitIds, groupBy: [], metrics: [...SCOREBOARD_METRICS], channels }),
  ]);
  return { current, series, yearAgo: before, fields, previousTotal: prevTotal[0]?.metrics ?? {} };
}
