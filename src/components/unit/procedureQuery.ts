// The query behind the unit page's breakdown by procedure (src/metrics/procedures.ts).
import type { QuerySpec } from '../../coordinator/types';
import type { Period } from '../../metrics/periods';
import { procedureRows, queryProcedureFigures, type ProcedureRow } from '../../metrics/procedures';

export function procedureBreakdownQuery(unitId: string, period: Period): QuerySpec<ProcedureRow[]> {
  return { key: `unit-procedures:${unitId}:${period.key}:${period.from}:${period.to}`, run: async (db) => procedureRows(await queryProcedureFigures(db, { unitId, period })) };
}
