// The scoreboard's figures: every unit of the chosen level for the chosen period, with the previous
// period and the same period a year before for the deltas.
import { computed } from 'vue';
import { evaluate, type Evaluation } from '../metrics/evaluate';
import { previousPeriod, yearAgo } from '../metrics/periods';
import { useFiltersStore } from './filters';
import { useDbQuery } from './query';

export interface ScoreboardData {
  current: Evaluation;
  previous: Evaluation;
  yearAgo: Evaluation;
}

export function useScoreboard() {
  const filters = useFiltersStore();
  const key = computed(() => (filters.period ? `scoreboard:${filters.period.key}:${filters.level}` : null));
  return useDbQuery<ScoreboardData>(() => key.value, async (db) => {
    const p = filters.period!;
    const levels = [filters.level];
    const prev = previousPeriod(p);
    const ago = yearAgo(p);
    const [current, previous, before] = await Promise.all([
      evaluate(db, { from: p.from, to: p.to, levels }),
      evaluate(db, { from: prev.from, to: prev.to, levels }),
      evaluate(db, { from: ago.from, to: ago.to, levels }),
    ]);
    return { current, previous, yearAgo: before };
  });
}
