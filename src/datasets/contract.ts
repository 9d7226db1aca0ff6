// The canonical tables of ../shared/data-contract.md §2: one definition read by the validator, the
// DuckDB schema, the exports and the sample generator.
import type { TableName } from './types';

export type ColumnType = 'string' | 'integer' | 'number' | 'date' | 'timestamp' | 'boolean';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  required: boolean;
  /** integers that may be negative (none so far); counts are non-negative */
  signed?: boolean;
  /** allowed values, for enumerations */
  oneOf?: readonly string[];
  /** numbers limited to a range (inclusive) */
  min?: number;
  max?: number;
}

export interface TableSpec {
  name: TableName;
  columns: ColumnSpec[];
  /** columns whose combination is unique (empty strings and nulls compare equal) */
  key: string[];
}

const s = (name: string, required = true, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, type: 'string', required, ...extra });
const i = (name: string, required = true): ColumnSpec => ({ name, type: 'integer', required });
const n = (name: string, required = true, extra: Partial<ColumnSpec> = {}): ColumnSpec => ({ name, type: 'number', required, ...extra });
const d = (name: string, required = true): ColumnSpec => ({ name, type: 'date', required });
const t = (name: string, required = true): ColumnSpec => ({ name, type: 'timestamp', required });
const b = (name: string, required = false): ColumnSpec => ({ name, type: 'boolean', required });

export const LEVELS = ['nation', 'province', 'agency', 'division', 'district', 'commune'] as const;
export type Level = (typeof LEVELS)[number];

export const TABLES: Record<TableName, TableSpec> = {
  units: {
    name: 'units',
    key: ['unit_id'],
    columns: [
      s('unit_id'),
      s('name'),
      s('short_name', false),
      s('parent_id', false),
      s('level', true, { oneOf: LEVELS }),
      s('code', false),
      d('valid_from', false),
      d('valid_to', false),
    ],
  },
  unit_lineage: {
    name: 'unit_lineage',
    key: ['from_unit_id', 'to_unit_id', 'effective_date'],
    columns: [s('from_unit_id'), s('to_unit_id'), d('effective_date'), n('share', false, { min: 0, max: 1 })],
  },
  dossier_counts: {
    name: 'dossier_counts',
    key: ['period_start', 'period_end', 'unit_id', 'field'],
    columns: [
      d('period_start'),
      d('period_end'),
      s('unit_id'),
      s('field', false),
      i('received_online'),
      i('received_offline'),
      i('received_postal', false),
      i('received_online_full', false),
      i('carried_over'),
      i('resolved_early'),
      i('resolved_on_time'),
      i('resolved_overdue'),
      i('pending_within'),
      i('pending_overdue'),
      i('apologies_issued', false),
      i('digitized', false),
      i('results_electronic', false),
      i('ratings_total', false),
      i('ratings_dissatisfied', false),
      i('complaints', false),
    ],
  },
  dossiers: {
    name: 'dossiers',
    key: ['dossier_id'],
    columns: [
      s('dossier_id'),
      s('unit_id'),
      s('field', false),
      s('procedure_code', false),
      i('channel', false),
      s('online_level', false, { oneOf: ['full', 'partial'] }),
      t('received_at'),
      t('due_at'),
      t('finished_at', false),
      i('status'),
      i('supplement_requests', false),
      n('supplement_days', false, { min: 0 }),
      b('apology_issued'),
      s('rating', false, { oneOf: ['very_satisfied', 'satisfied', 'dissatisfied'] }),
      b('digitized'),
      b('result_electronic'),
    ],
  },
  index_scores: {
    name: 'index_scores',
    // procedure_code: a figure restricted to one procedure (the portal's per-procedure "-formality"
    // responses); empty on whole-unit figures, which every whole-unit query asks for (IS NULL)
    key: ['index', 'component', 'period_type', 'period', 'as_of', 'unit_id', 'procedure_code'],
    columns: [
      s('index', true, { oneOf: ['766', 'DDCI', 'PCI', 'PAPI', 'SIPAS', 'PAR'] }),
      s('component'),
      s('period_type', true, { oneOf: ['year', 'half', 'quarter', 'month', 'week', 'ytd'] }),
      s('period'),
      d('as_of', false),
      s('unit_id'),
      n('score', false, { signed: true }),
      n('max_score', false),
      n('numerator', false),
      n('denominator', false),
      n('ratio', false, { min: 0, max: 100 }),
      i('rank', false),
      i('rank_of', false),
      s('rank_group', false),
      s('source', false),
      s('quality_flag', false),
      s('procedure_code', false),
      s('procedure_name', false),
    ],
  },
  targets: {
    name: 'targets',
    key: ['metric', 'unit_id', 'period_from'],
    columns: [
      s('metric'),
      s('unit_id'),
      d('period_from'),
      d('period_to', false),
      s('comparator', true, { oneOf: ['>=', '<='] }),
      n('value'),
      s('source_doc'),
    ],
  },
};

/** The Biểu 06 sums checked on every dossier_counts row (errors when they fail). */
export const COUNT_COLUMNS = TABLES.dossier_counts.columns.filter((c) => c.type === 'integer').map((c) => c.name);

/** DuckDB type of a contract column. Dates stay DATE; counts are BIGINT (returned as doubles). */
export function duckType(c: ColumnSpec): string {
  switch (c.type) {
    case 'string':
      return 'VARCHAR';
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE';
    case 'date':
      return 'DATE';
    case 'timestamp':
      return 'TIMESTAMP';
    case 'boolean':
      return 'BOOLEAN';
  }
}

export function createTableSql(spec: TableSpec): string {
  const cols = spec.columns.map((c) => `"${c.name}" ${duckType(c)}`).join(', ');
  return `CREATE OR REPLACE TABLE "${spec.name}" (${cols})`;
}
