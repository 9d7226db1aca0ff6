// The scoreboard page's declared queries: one QuerySpec per view (period × level or unit scope). The
// coordinator answers it; the SQL comes from src/metrics (registry, bound parameters).
import type { QuerySpec } from '../../coordinator/types';
import type { ScoreboardInput } from '../../metrics/scoreboard';
import { queryScoreboard, type ScoreboardScope } from '../../metrics/scoreboardQuery';

export type { ScoreboardScope };

/** Everything a scope's figures depend on, in full: two scopes with one key share one result. */
export function scoreboardKey(s: ScoreboardScope): string {
  const metrics = s.seriesMetrics === 'all' ? 'all' : (s.seriesMetrics ?? []).join(',');
  return `scoreboard:${s.period.key}:${(s.levels ?? []).join(',')}:${(s.unitIds ?? []).join(',')}:${metrics}:${(s.channels ?? []).join(',')}`;
}

export function scoreboardQuery(scope: ScoreboardScope): QuerySpec<ScoreboardInput> {
  return { key: scoreboardKey(scope), run: (db) => queryScoreboard(db, scope) };
}
