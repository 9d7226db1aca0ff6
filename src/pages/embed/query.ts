// The embeds' declared queries. /embed/scoreboard runs the scoreboard's query, /embed/public the
// public page's; /embed/metric asks one unit's series across years, or every unit of a level in a period
// (the public page's evaluation: one cached result for both).
import type { QuerySpec } from '../../coordinator/types';
import { oversightSeries, type OversightSeries, type YearWindow } from '../../metrics/oversight';
import type { Period } from '../../metrics/periods';
import type { ScoreboardInput } from '../../metrics/scoreboard';
import { queryScoreboard } from '../../metrics/scoreboardQuery';
import { scoreboardKey } from '../scoreboard/query';
export { publicSummaryQuery as embedUnitsQuery } from '../public/query';

export interface EmbedSeriesScope { metricId: string; unitId: string; windows: YearWindow[]; lineage: boolean }

export function embedSeriesQuery(s: EmbedSeriesScope): QuerySpec<OversightSeries> {
  return {
    key: `embed-metric:${s.metricId}:${s.unitId}:${s.windows.map((w) => w.key).join(',')}:${s.lineage}`,
    run: (db) => oversightSeries(db, { metricId: s.metricId, unitIds: [s.unitId], windows: s.windows, lineage: s.lineage }),
  };
}

/** The scoreboard embed: the scoreboard page's query for the level and period (one cached result for both). */
export function embedScoreboardQuery(period: Period | null, level: string): QuerySpec<ScoreboardInput> | null {
  if (!period) return null;
  const scope = { period, levels: [level] };
  return { key: scoreboardKey(scope), run: (db) => queryScoreboard(db, scope) };
}
