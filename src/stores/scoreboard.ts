// The scoreboard's figures: every unit of the chosen level for the chosen period, with the 12-period
// series (sparklines, previous period), the same period a year before, overdue dossiers by field, and
// the model the views, the written summary, meeting mode, the print pack and the CSV export all read.
import { computed } from 'vue';
import { buildScoreboard, type ScoreboardInput, type ScoreboardModel } from '../metrics/scoreboard';
import { queryScoreboard } from '../metrics/scoreboardQuery';
import { useFiltersStore } from './filters';
import { useDbQuery } from './query';

export type ScoreboardData = ScoreboardInput;

export function useScoreboard() {
  const filters = useFiltersStore();
  const key = computed(() => (filters.period ? `scoreboard:${filters.period.key}:${filters.level}` : null));
  const q = useDbQuery<ScoreboardData>(() => key.value, (db) => queryScoreboard(db, { period: filters.period!, levels: [filters.level] }));
  const model = computed<ScoreboardModel | null>(() => (q.data.value ? buildScoreboard(q.data.value) : null));
  return { ...q, model };
}
