// The headline's queries beside scoreboardQuery (query.ts): the figures of the unit one level above the
// chosen level (the province: its index scores are its own, never a sum of departments) and the two
// latest daily captures of the 766 totals in the period (the portal republishes them every day).
// Built from src/metrics (evaluate, queryIndex: bound parameters only).
import type { QuerySpec } from '../../coordinator/types';
import { evaluate, loadUnits } from '../../metrics/evaluate';
import { addDays, indexPeriodsFor, type Period } from '../../metrics/periods';
import { queryIndex } from '../../metrics/queries';
import type { HeadlineInput } from './model';

export interface HeadlineScope {
  period: Period;
  level: string;
  channels?: number[];
}

export function headlineQuery(s: HeadlineScope): QuerySpec<HeadlineInput> {
  return {
    key: `scoreboard-headline:${s.period.key}:${s.level}:${(s.channels ?? []).join(',')}`,
    async run(db) {
      const units = await loadUnits(db);
      const parents = [...new Set(units.filter((u) => u.level === s.level).map((u) => u.parent_id).filter((p): p is string => !!p))];
      let province: HeadlineInput['province'] = null;
      if (parents.length === 1) {
        const unit = units.find((u) => u.unit_id === parents[0]);
        const ev = unit ? await evaluate(db, { from: s.period.from, to: s.period.to, unitIds: [unit.unit_id], channels: s.channels }) : null;
        const mine = ev?.units.find((u) => u.unit_id === parents[0]);
        if (unit && mine) province = { unit, metrics: mine.metrics };
      }
      const periods = indexPeriodsFor(s.period);
      const latest766 = (await queryIndex(db, { periods, indexes: ['766'], asOfMax: s.period.to })).filter((r) => r.component === 'TOTAL');
      const last = latest766.map((r) => String(r.as_of ?? '')).filter(Boolean).sort().pop();
      const previous766 = last
        ? (await queryIndex(db, { periods, indexes: ['766'], asOfMax: addDays(last.slice(0, 10), -1) })).filter((r) => r.component === 'TOTAL')
          // an older capture of the same period only: a fallback to another period is no "previous day"
          .filter((r) => latest766.some((l) => l.unit_id === r.unit_id && l.period === r.period && l.period_type === r.period_type))
        : [];
      return { province, latest766, previous766 };
    },
  };
}
