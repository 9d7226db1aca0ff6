// One unit's page: its scoreboard row (figures, deltas, gaps, overdue by field) for the chosen period,
// every metric over the last 12 periods with the target in force in each, its 766 group scores, and,
// for dossier-level data, the pending dossiers that will be overdue within 3 working days.
import { computed, type Ref } from 'vue';
import type { Period } from '../metrics/periods';
import { buildScoreboard, type ScoreboardInput, type ScoreRow } from '../metrics/scoreboard';
import { queryScoreboard } from '../metrics/scoreboardQuery';
import { DUE_SOON_WORKING_DAYS, hasDossiers, queryDueSoon, referenceDate, type DueSoonResult } from '../metrics/dueSoon';
import { useFiltersStore } from './filters';
import { useDbQuery } from './query';

export interface UnitData {
  input: ScoreboardInput;
  dueSoon: DueSoonResult | null;
}

const todayIso = () => {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

export function useUnit(unitId: Ref<string>) {
  const filters = useFiltersStore();
  const key = computed(() => (filters.period && unitId.value ? `unit:${unitId.value}:${filters.period.key}` : null));
  const q = useDbQuery<UnitData>(() => key.value, async (db) => {
    const period: Period = filters.period!;
    const [input, dossiers] = await Promise.all([
      // the unit page charts every metric, not only the scoreboard's columns
      queryScoreboard(db, { period, unitIds: [unitId.value], seriesMetrics: 'all' }),
      hasDossiers(db),
    ]);
    const dueSoon = dossiers
      ? await queryDueSoon(db, { asOf: referenceDate(period.to, todayIso()), unitIds: [unitId.value], workingDays: DUE_SOON_WORKING_DAYS, limit: 200 })
      : null;
    return { input, dueSoon };
  });
  const row = computed<ScoreRow | null>(() => (q.data.value ? buildScoreboard(q.data.value.input).rows[0] ?? null : null));
  return { ...q, row };
}
