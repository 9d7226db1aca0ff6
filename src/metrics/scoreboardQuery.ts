// The queries behind the scoreboard and the unit page, in one place: the current period (evaluate), the
// 12-period series (sparklines and the previous period), the same period a year before, overdue
// dossiers by unit and field, and the overall figures of the previous period.
import type { Db } from '../db/types';
import { cubeReady } from '../load/cube';
import { assembleEvaluation, evaluate, loadTargets, loadUnits, periodFromRange } from './evaluate';
import { lastPeriods, yearAgo, type Period } from './periods';
import { queryCounts, queryCube } from './queries';
import { SCOREBOARD_METRICS, type ScoreboardInput } from './scoreboard';
import { assembleSeries, evaluateSeries, indexRows, pickIndex } from './series';

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

/**
 * With the cube: the counts of every window (12 periods, the year before) and grouping (by unit, the
 * total of the current and previous periods, unit × field of the current one) in one statement, the
 * index rows of every period in a second; units and targets (the same for the whole dataset) are cached
 * by the coordinator. The same figures as queryScoreboardReference (tested).
 */
export async function queryScoreboard(db: Db, s: ScoreboardScope): Promise<ScoreboardInput> {
  if (!(await cubeReady(db))) return queryScoreboardReference(db, s);
  const { period, levels, unitIds } = s;
  const channels = s.channels?.length ? s.channels : undefined;
  const periods = lastPeriods(period, SPARK_PERIODS);
  const before = yearAgo(period);
  const cur = periods.length - 1;
  const metrics = s.seriesMetrics === 'all' ? undefined : s.seriesMetrics ?? [...SCOREBOARD_METRICS];
  const windows = [...periods, before].map((p) => ({ from: p.from, to: p.to }));
  const [units, targets, [byUnit, totals, fields], index] = await Promise.all([
    loadUnits(db),
    loadTargets(db),
    queryCube(db, { levels, unitIds, channels, windows, sets: [
      { groupBy: ['unit'] },
      { groupBy: [], windows: [cur, cur - 1] },
      { groupBy: ['unit', 'field'], windows: [cur], metrics: ['overdue_count'] },
    ] }),
    // evaluate() names the current window as periodFromRange does (a week is a custom range there)
    indexRows(db, [...periods, before, periodFromRange(period.from, period.to)], unitIds, null),
  ]);
  const picked = pickIndex([periodFromRange(period.from, period.to)], index)[0];
  const current = assembleEvaluation({ from: period.from, to: period.to, levels, unitIds, channels }, units, targets, byUnit[cur], totals[cur][0], [...picked.values()]);
  const series = assembleSeries({ periods, levels, unitIds, metrics, channels }, units, targets, byUnit.slice(0, periods.length), index);
  const ago = assembleSeries({ periods: [before], levels, unitIds, metrics: [...SCOREBOARD_METRICS], channels }, units, targets, [byUnit[periods.length]], index);
  const prevTotal = totals[cur - 1][0];
  const keep = (ids: string[] | undefined) => (r: (typeof byUnit)[number][number]) => ({ ...r, metrics: Object.fromEntries(Object.entries(r.metrics).filter(([k]) => !ids || ids.includes(k))) });
  return {
    current,
    series,
    yearAgo: ago,
    fields: fields[cur],
    previousTotal: prevTotal ? keep([...SCOREBOARD_METRICS])(prevTotal).metrics : {},
  };
}

/** The reference: evaluate, two series and two count queries, each on its own (16 statements). */
export async function queryScoreboardReference(db: Db, s: ScoreboardScope): Promise<ScoreboardInput> {
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
