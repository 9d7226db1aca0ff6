// The unit page's declared queries: its scoreboard row with every metric's 12-period series, and (for
// dossier-level data) the dossiers due within 3 working days. SQL comes from src/metrics.
import type { QuerySpec } from '../../coordinator/types';
import type { Period } from '../../metrics/periods';
import type { ScoreboardInput } from '../../metrics/scoreboard';
import { DUE_SOON_WORKING_DAYS, hasDossiers, queryDueSoon, referenceDate, type DueSoonResult } from '../../metrics/dueSoon';
import { queryScoreboard } from '../../metrics/scoreboardQuery';

export interface UnitScope {
  unitId: string;
  period: Period;
  /** channels of receipt (?channel=, dossier-level data only): none = every channel */
  channels?: number[];
}

/** The unit's figures: the scoreboard's query narrowed to one unit, charting every metric. */
export function unitFiguresQuery(s: UnitScope): QuerySpec<ScoreboardInput> {
  const channels = s.channels?.length ? s.channels : undefined;
  return { key: `unit:${s.unitId}:${s.period.key}:${(channels ?? []).join(',')}`, run: (db) => queryScoreboard(db, { period: s.period, unitIds: [s.unitId], seriesMetrics: 'all', channels }) };
}

/** Pending dossiers near their deadline, as of the period's end or today if earlier; null without dossier rows. */
export function unitDueSoonQuery(s: UnitScope & { today: string }): QuerySpec<DueSoonResult | null> {
  const asOf = referenceDate(s.period.to, s.today);
  return {
    key: `unit-due:${s.unitId}:${asOf}`,
    run: async (db) => (await hasDossiers(db)
      ? queryDueSoon(db, { asOf, unitIds: [s.unitId], workingDays: DUE_SOON_WORKING_DAYS, limit: 200 })
      : null),
  };
}
