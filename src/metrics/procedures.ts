// The 766 figures of one unit broken down by procedure (index_scores rows with procedure_code: the
// portal's per-procedure "-formality" responses): for each procedure its six group figures and TOTAL, the
// latest snapshot of the period, with what provenance needs (as_of, source, quality flag). Bound
// parameters only; identifiers are fixed here.
import type { Db } from '../db/types';
import { indexPeriodsFor, type Period } from './periods';

export const PROCEDURE_GROUPS = ['TOTAL', 'CKMB', 'TDGQ', 'ONLINE', 'TTTT', 'MDSH', 'MDHL'] as const;

export interface ProcedureFigure {
  procedure_code: string;
  procedure_name: string | null;
  component: string;
  score: number | null;
  max_score: number | null;
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  as_of: string | null;
  period_type: string;
  period: string;
  source: string | null;
  quality_flag: string | null;
}

export interface ProcedureRow {
  code: string;
  name: string | null;
  /** by group (TOTAL, CKMB…): the figure, or absent when the data has none */
  groups: Partial<Record<(typeof PROCEDURE_GROUPS)[number], ProcedureFigure>>;
}

/** Per-procedure 766 figures of a unit for the period (exact period first, then the year to date). */
export async function queryProcedureFigures(db: Db, q: { unitId: string; period: Period }): Promise<ProcedureFigure[]> {
  const periods = indexPeriodsFor(q.period);
  if (periods.length === 0) return [];
  const pref = periods.map(() => 'WHEN period_type = ? AND period = ? THEN ?').join(' ');
  const prefParams = periods.flatMap((p, i) => [p.period_type, p.period, i]);
  const groups = PROCEDURE_GROUPS.map(() => '?').join(', ');
  const sql = `SELECT procedure_code, procedure_name, component, score, max_score, ratio, numerator, denominator,
      CAST(as_of AS VARCHAR) AS as_of, period_type, period, source, quality_flag FROM (
        SELECT *, row_number() OVER (PARTITION BY procedure_code, component ORDER BY pref, as_of DESC NULLS LAST) AS rn FROM (
          SELECT *, (CASE ${pref} END) AS pref FROM index_scores
          WHERE "index" = '766' AND unit_id = ? AND procedure_code IS NOT NULL AND component IN (${groups})
            AND (as_of IS NULL OR as_of <= CAST(? AS DATE))
        ) WHERE pref IS NOT NULL
      ) WHERE rn = 1 ORDER BY procedure_code, component`;
  return db.query<ProcedureFigure>(sql, [...prefParams, q.unitId, ...PROCEDURE_GROUPS, q.period.to]);
}

/** Figures → one row per procedure (by code as text, the portal's code order). */
export function procedureRows(figures: ProcedureFigure[]): ProcedureRow[] {
  const out = new Map<string, ProcedureRow>();
  for (const f of figures) {
    const r = out.get(f.procedure_code) ?? { code: f.procedure_code, name: f.procedure_name, groups: {} };
    r.name ??= f.procedure_name;
    r.groups[f.component as (typeof PROCEDURE_GROUPS)[number]] = f;
    out.set(f.procedure_code, r);
  }
  return [...out.values()].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}
