// The headline's queries beside scoreboardQuery (query.ts): the figures of the unit one level above the
// chosen level (the province: its index scores are its own, never a sum of departments) and the two
// latest daily captures of the 766 totals in the period (the portal republishes them every day).
// Built from src/metrics (evaluate, queryIndex: bound parameters only).
import type { QuerySpec } from '../../coordinator/types';
import { evaluate, loadUnits, type UnitInfo } from '../../metrics/evaluate';
import { indexPeriodsFor, type Period } from '../../metrics/periods';
import { queryIndex, type IndexRow } from '../../metrics/queries';
import type { HeadlineInput } from './model';

export interface HeadlineScope {
  period: Period;
  level: string;
  channels?: number[];
}

/** Per unit, the figure of the most preferred period (its order in `periods`) at its latest capture, and
 *  the capture of that same period taken on an earlier day (none when there is no earlier one). */
export function pickCaptures(rows: IndexRow[], periods: { period_type: string; period: string }[]): Pick<HeadlineInput, 'latest766' | 'previous766'> {
  const pref = (r: IndexRow) => periods.findIndex((p) => p.period_type === r.period_type && p.period === r.period);
  const day = (r: IndexRow) => String(r.as_of ?? '').slice(0, 10);
  const byUnit = new Map<string, IndexRow[]>();
  for (const r of rows) if (pref(r) >= 0) byUnit.set(r.unit_id, [...(byUnit.get(r.unit_id) ?? []), r]);
  const latest766: IndexRow[] = [];
  const candidates: IndexRow[] = [];
  for (const list of byUnit.values()) {
    const best = Math.min(...list.map(pref));
    const same = list.filter((r) => pref(r) === best).sort((a, b) => day(b).localeCompare(day(a)));
    latest766.push(same[0]);
    candidates.push(...same.slice(1));
  }
  // the previous capture is the one before the newest day of the whole set (the portal's "yesterday")
  const last = latest766.map(day).filter(Boolean).sort().pop();
  const previous766: IndexRow[] = [];
  if (last) {
    for (const l of latest766) {
      const earlier = candidates.filter((r) => r.unit_id === l.unit_id && day(r) !== '' && day(r) < last);
      if (earlier.length) previous766.push(earlier[0]);
    }
  }
  return { latest766, previous766 };
}

/** The figures of the unit one level above `level`, when the level's units have one parent. */
async function provinceOf(db: Parameters<QuerySpec['run']>[0], s: HeadlineScope, units: UnitInfo[]): Promise<HeadlineInput['province']> {
  const parents = [...new Set(units.filter((u) => u.level === s.level).map((u) => u.parent_id).filter((p): p is string => !!p))];
  const unit = parents.length === 1 ? units.find((u) => u.unit_id === parents[0]) : undefined;
  if (!unit) return null;
  const ev = await evaluate(db, { from: s.period.from, to: s.period.to, unitIds: [unit.unit_id], channels: s.channels });
  const mine = ev.units.find((u) => u.unit_id === unit.unit_id);
  return mine ? { unit, metrics: mine.metrics } : null;
}

export function headlineQuery(s: HeadlineScope): QuerySpec<HeadlineInput> {
  return {
    key: `scoreboard-headline:${s.period.key}:${s.level}:${(s.channels ?? []).join(',')}`,
    async run(db) {
      const periods = indexPeriodsFor(s.period);
      // Every query in one queue tick, so the coordinator sends them with the scoreboard's in one
      // statement: the units come from its cache after the first view, and the province's evaluation
      // is asked as soon as they are there, not after the captures' answer.
      const units = loadUnits(db);
      const [captures, province] = await Promise.all([
        queryIndex(db, { periods, indexes: ['766'], asOfMax: s.period.to, allCaptures: true }),
        units.then((list) => provinceOf(db, s, list)),
      ]);
      return { province, ...pickCaptures(captures.filter((r) => r.component === 'TOTAL'), periods) };
    },
  };
}
