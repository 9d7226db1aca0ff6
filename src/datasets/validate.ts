// The data contract's rules, applied to raw tables: types, required cells, non-negative counts,
// unique keys, known units, date order, the Biểu 06 sums. Every failing cell becomes an Issue with
// its file, row and column; a row with an error is counted as reported, never dropped silently.
import { COUNT_COLUMNS, TABLES, type ColumnSpec } from './contract';
import { MAX_COUNT, asText, isEmpty, readBoolean, readDate, readInteger, readNumber, readTimestamp } from './cells';
import { LIMITS, pacer, type Pacer } from './limits';
import { issue } from './messages';
import type { CanonicalTable, Cell, Issue, RawTable, RowAccount, TableName } from './types';

/** Biểu 06 total columns a canonical file may carry (col 3, 7, 11); checked, not stored. */
const BIEU06_TOTALS: Record<string, { parts: string[]; vi: string; en: string }> = {
  received_total: { parts: ['received_online', 'received_offline', 'carried_over'], vi: 'tổng nhận (cột 3) = trực tuyến + trực tiếp, bưu chính + kỳ trước (cột 4+5+6)', en: 'received total (col 3) = online + offline + carried over (cols 4+5+6)' },
  resolved_total: { parts: ['resolved_early', 'resolved_on_time', 'resolved_overdue'], vi: 'tổng đã giải quyết (cột 7) = trước hạn + đúng hạn + quá hạn (cột 8+9+10)', en: 'resolved total (col 7) = early + on time + overdue (cols 8+9+10)' },
  pending_total: { parts: ['pending_within', 'pending_overdue'], vi: 'tổng đang giải quyết (cột 11) = trong hạn + quá hạn (cột 12+13)', en: 'pending total (col 11) = within + overdue (cols 12+13)' },
};

/** "Of which" parts that may not exceed their whole. */
const PART_OF: [part: string, whole: string[], vi: string, en: string][] = [
  ['received_postal', ['received_offline'], 'qua bưu chính ≤ trực tiếp, bưu chính', 'postal ≤ in person and postal'],
  ['received_online_full', ['received_online'], 'trực tuyến toàn trình ≤ trực tuyến', 'full-process online ≤ online'],
  ['ratings_dissatisfied', ['ratings_total'], 'không hài lòng ≤ số đánh giá', 'dissatisfied ≤ ratings'],
];

const DATE_ORDER: Partial<Record<TableName, [string, string][]>> = {
  dossier_counts: [['period_start', 'period_end']],
  units: [['valid_from', 'valid_to']],
  targets: [['period_from', 'period_to']],
  dossiers: [['received_at', 'due_at']],
};

export interface TableResult {
  table: CanonicalTable;
  issues: Issue[];
  account: RowAccount;
}

function readCell(spec: ColumnSpec, v: Cell): { value: Cell; code?: string; params?: Record<string, string | number> } {
  switch (spec.type) {
    case 'string': {
      const s = asText(v);
      if (spec.oneOf && !spec.oneOf.includes(s)) return { value: null, code: 'bad_enum', params: { value: s, allowed: spec.oneOf.join(', ') } };
      return { value: s };
    }
    case 'integer': {
      const n = readInteger(v);
      if (n == null) return { value: null, code: 'not_integer', params: { value: String(v) } };
      if (n < 0 && !spec.signed) return { value: null, code: 'negative_count', params: { value: n } };
      if (Math.abs(n) > MAX_COUNT) return { value: null, code: 'absurd_count', params: { value: n, limit: MAX_COUNT } };
      return { value: n };
    }
    case 'number': {
      const n = readNumber(v);
      if (n == null) return { value: null, code: 'not_number', params: { value: String(v) } };
      if ((spec.min != null && n < spec.min) || (spec.max != null && n > spec.max)) {
        return { value: null, code: 'out_of_range', params: { value: n, min: spec.min ?? '−∞', max: spec.max ?? '∞' } };
      }
      return { value: n };
    }
    case 'date': {
      const d = readDate(v);
      return d ? { value: d } : { value: null, code: 'bad_date', params: { value: String(v) } };
    }
    case 'timestamp': {
      const t = readTimestamp(v);
      return t ? { value: t } : { value: null, code: 'bad_timestamp', params: { value: String(v) } };
    }
    case 'boolean': {
      const b = readBoolean(v);
      return b != null ? { value: b } : { value: null, code: 'bad_boolean', params: { value: String(v) } };
    }
  }
}

/** A key as a message shows it: its parts in order, an empty part as a dash. */
export function keyText(key: string): string {
  return key.split('\u0000').map((v) => (v === '' ? '—' : v)).join(', ');
}

/** One table's check, split so that the paced variant can give the event loop back between rows. */
interface TableCheck {
  /** set when the header (or the size) refuses the whole file */
  done?: TableResult;
  row(r: number): void;
  finish(): TableResult;
}

function startTable(raw: RawTable & { allowEmpty?: string[] }, name: TableName): TableCheck {
  const spec = TABLES[name];
  const file = raw.file;
  const issues: Issue[] = [];
  const header = raw.header.map((h) => asText(h));
  const account: RowAccount = { file, table: name, read: raw.rows.length, loaded: 0, reported: 0 };
  const empty: CanonicalTable = { name, columns: {}, rowCount: 0, origins: [] };
  const refuseAll = (): TableCheck => {
    account.reported = raw.rows.length;
    const done = { table: empty, issues, account };
    return { done, row: () => {}, finish: () => done };
  };

  if (raw.rows.length > LIMITS.maxValidatedRows) {
    issues.push(issue('too_many_rows', { file }, { count: raw.rows.length, limit: LIMITS.maxValidatedRows }));
    return refuseAll();
  }
  // Header: duplicates and missing required columns refuse the whole file; unknown columns are ignored.
  const seen = new Map<string, number>();
  header.forEach((h) => seen.set(h, (seen.get(h) ?? 0) + 1));
  for (const [h, count] of seen) if (count > 1) issues.push(issue('duplicate_column', { file, row: 1, column: h }, { column: h, count }));
  for (const c of spec.columns) {
    if (c.required && !seen.has(c.name)) issues.push(issue('missing_column', { file, row: 1, column: c.name }, { column: c.name }));
  }
  const known = new Set([...spec.columns.map((c) => c.name), ...(name === 'dossier_counts' ? Object.keys(BIEU06_TOTALS) : [])]);
  for (const h of seen.keys()) if (!known.has(h)) issues.push(issue('unknown_column', { file, row: 1, column: h }, { column: h }));
  if (issues.some((i) => i.severity === 'error')) return refuseAll();

  const index = new Map(header.map((h, i) => [h, i] as const));
  const present = spec.columns.filter((c) => index.has(c.name));
  const allowEmpty = new Set(raw.allowEmpty ?? []);
  const columns: Record<string, Cell[]> = Object.fromEntries(spec.columns.map((c) => [c.name, [] as Cell[]]));
  const origins: CanonicalTable['origins'] = [];
  const keys = new Map<string, number>();

  return {
    row(r: number) {
      const cells = raw.rows[r];
      const row = raw.rowNumbers[r] ?? r + 2;
      const rowIssues: Issue[] = [];
      const values: Record<string, Cell> = {};
      for (const c of present) {
        const v = cells[index.get(c.name)!];
        if (isEmpty(v)) {
          if (c.required && !allowEmpty.has(c.name)) rowIssues.push(issue('required_empty', { file, row, column: c.name }));
          values[c.name] = null;
          continue;
        }
        const read = readCell(c, v);
        if (read.code) rowIssues.push(issue(read.code, { file, row, column: c.name }, read.params));
        values[c.name] = read.value;
      }
      for (const [a, b] of DATE_ORDER[name] ?? []) {
        const [x, y] = [values[a], values[b]];
        if (typeof x === 'string' && typeof y === 'string' && y < x) {
          rowIssues.push(issue('period_reversed', { file, row, column: b }, { start: x, end: y }));
        }
      }
      if (name === 'dossier_counts') rowIssues.push(...checkCountSums(cells, index, values, file, row));
      if (rowIssues.every((i) => i.severity !== 'error')) {
        const key = spec.key.map((k) => String(values[k] ?? '')).join('\u0000');
        const first = keys.get(key);
        if (first != null) rowIssues.push(issue('duplicate_key', { file, row, column: spec.key.join('+') }, { key: keyText(key), first }));
        else keys.set(key, row);
      }
      for (const i of rowIssues) issues.push(i);
      if (rowIssues.some((i) => i.severity === 'error')) {
        account.reported++;
        return;
      }
      account.loaded++;
      for (const c of spec.columns) columns[c.name].push(values[c.name] ?? null);
      origins.push({ file, row });
    },
    finish: () => ({ table: { name, columns, rowCount: origins.length, origins }, issues, account }),
  };
}

/** Check one raw table against its contract spec; returns the typed table of rows without errors. */
export function validateTable(raw: RawTable & { allowEmpty?: string[] }, name: TableName): TableResult {
  const check = startTable(raw, name);
  if (check.done) return check.done;
  for (let r = 0; r < raw.rows.length; r++) check.row(r);
  return check.finish();
}

/** The same check, giving the event loop back whenever a slice of time is used up (large files). */
export async function validateTablePaced(raw: RawTable & { allowEmpty?: string[] }, name: TableName, pace: Pacer = pacer()): Promise<TableResult> {
  const check = startTable(raw, name);
  if (check.done) return check.done;
  for (let r = 0; r < raw.rows.length; r++) {
    check.row(r);
    if ((r & 255) === 255 && pace.due()) await pace.yield();
  }
  return check.finish();
}

function checkCountSums(cells: Cell[], index: Map<string, number>, v: Record<string, Cell>, file: string, row: number): Issue[] {
  const out: Issue[] = [];
  const num = (k: string) => (typeof v[k] === 'number' ? (v[k] as number) : null);
  for (const [totalCol, rule] of Object.entries(BIEU06_TOTALS)) {
    if (!index.has(totalCol)) continue;
    const raw = cells[index.get(totalCol)!];
    if (isEmpty(raw)) continue;
    const total = readInteger(raw);
    const parts = rule.parts.map(num);
    if (total == null) {
      out.push(issue('not_integer', { file, row, column: totalCol }, { value: String(raw) }));
    } else if (parts.every((p) => p != null)) {
      const sum = (parts as number[]).reduce((a, b) => a + b, 0);
      if (sum !== total) out.push(issue('sum_mismatch', { file, row, column: totalCol }, { what: rule.vi, what_en: rule.en, left: total, right: sum }));
    }
  }
  for (const [part, whole, vi, en] of PART_OF) {
    const p = num(part);
    const w = whole.map(num);
    if (p != null && w.every((x) => x != null)) {
      const total = (w as number[]).reduce((a, b) => a + b, 0);
      if (p > total) out.push(issue('sum_mismatch', { file, row, column: part }, { what: vi, what_en: en, left: p, right: total }));
    }
  }
  const received = ['received_online', 'received_offline', 'carried_over'].map(num);
  const handled = ['resolved_early', 'resolved_on_time', 'resolved_overdue', 'pending_within', 'pending_overdue'].map(num);
  if (received.every((x) => x != null) && handled.every((x) => x != null)) {
    const r = (received as number[]).reduce((a, b) => a + b, 0);
    const h = (handled as number[]).reduce((a, b) => a + b, 0);
    if (r !== h) out.push(issue('received_mismatch', { file, row, column: 'received_online+received_offline+carried_over' }, { received: r, handled: h }));
  }
  return out;
}

/** Cross-table rules: every unit id used must be in `units`. */
export function checkUnits(tables: Partial<Record<TableName, CanonicalTable>>): Issue[] {
  const units = tables.units;
  if (!units) return [];
  const known = new Set(units.columns.unit_id as string[]);
  const out: Issue[] = [];
  const refs: [TableName, string, boolean][] = [
    ['dossier_counts', 'unit_id', false],
    ['index_scores', 'unit_id', false],
    ['targets', 'unit_id', true],
    ['unit_lineage', 'from_unit_id', false],
    ['unit_lineage', 'to_unit_id', false],
    ['units', 'parent_id', false],
    ['dossiers', 'unit_id', false],
  ];
  for (const [t, col, star] of refs) {
    const table = tables[t];
    if (!table) continue;
    const values = table.columns[col] ?? [];
    values.forEach((v, i) => {
      if (v == null || v === '' || (star && v === '*')) return;
      if (!known.has(String(v))) out.push(issue('unknown_unit', { file: table.origins[i].file, row: table.origins[i].row, column: col }, { value: String(v) }));
    });
  }
  return out;
}

export { COUNT_COLUMNS };
