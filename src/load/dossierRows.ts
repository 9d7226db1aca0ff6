// Dossier rows that went to the database in bulk (Parquet, Arrow, a large CSV) skip the JS validator:
// they are checked here, in SQL, once they are in the `dossiers` table. A row that breaks a rule is taken
// out and counted as reported, so the file's row account holds: read = loaded + reported. The rows left
// out are named (the first few row numbers) in one note per rule, worded like the validator's.
import type { Db } from '../db/types';
import type { Issue, RowAccount } from '../datasets/types';
import { viNumber } from '../datasets/formats/issues';

interface Rule {
  code: string;
  column: string;
  /** SQL condition over a dossiers row that breaks the rule (no dataset text is spliced in) */
  bad: string;
  vi: string;
  en: string;
}

const RULES: Rule[] = [
  { code: 'missing_value', column: 'dossier_id', bad: "dossier_id IS NULL OR trim(dossier_id) = ''", vi: 'thiếu mã hồ sơ', en: 'no dossier id' },
  { code: 'missing_value', column: 'unit_id', bad: "unit_id IS NULL OR trim(unit_id) = ''", vi: 'thiếu mã đơn vị', en: 'no unit id' },
  { code: 'missing_value', column: 'received_at', bad: 'received_at IS NULL', vi: 'thiếu ngày tiếp nhận', en: 'no receipt time' },
  { code: 'missing_value', column: 'due_at', bad: 'due_at IS NULL', vi: 'thiếu ngày hẹn trả', en: 'no due time' },
  { code: 'missing_value', column: 'status', bad: 'status IS NULL', vi: 'thiếu trạng thái', en: 'no status' },
  { code: 'negative_count', column: 'supplement_requests', bad: 'supplement_requests < 0', vi: 'số lần yêu cầu bổ sung âm', en: 'negative supplement requests' },
  { code: 'out_of_range', column: 'supplement_days', bad: 'supplement_days < 0', vi: 'số ngày bổ sung âm', en: 'negative supplement days' },
  { code: 'finished_before_received', column: 'finished_at', bad: 'finished_at < received_at', vi: 'ngày kết thúc trước ngày tiếp nhận', en: 'finished before it was received' },
];

/** The unit must be one the package names (only checked when the package has a units table). */
const UNKNOWN_UNIT: Rule = {
  code: 'unknown_unit', column: 'unit_id', bad: 'unit_id NOT IN (SELECT unit_id FROM units)',
  vi: 'mã đơn vị không có trong bảng đơn vị', en: 'the unit is not in the units table',
};

/** A row number as a person sees it: CSV counts its header line as row 1, a binary file counts records. */
const shownRow = (rowid: number, format: string) => (format === 'csv' ? rowid + 2 : rowid + 1);

export interface DossierCheck {
  accounts: RowAccount[];
  notes: Issue[];
}

/** A bulk file's rows in the dossiers table: rowids [from, from + rows), in the order files were appended. */
export interface BulkPart {
  file: string;
  format: string;
  from: number;
  rows: number;
}

const asList = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : v && typeof (v as { toArray?: unknown }).toArray === 'function' ? Array.from((v as { toArray(): ArrayLike<unknown> }).toArray()) : [];

/** Check the bulk-loaded dossier rows, take the bad ones out, and give each file its row account. */
export async function checkDossierRows(db: Db, parts: BulkPart[]): Promise<DossierCheck> {
  if (!parts.length) return { accounts: [], notes: [] };
  const [{ n: units }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM units');
  const rules = units > 0 ? [...RULES, UNKNOWN_UNIT] : RULES;
  const notes: Issue[] = [];
  const note = (p: BulkPart, code: string, column: string, n: number, rowids: unknown, vi: string, en: string) => {
    const rows = asList(rowids).map((x) => shownRow(Number(x) - p.from, p.format));
    const more = n > rows.length ? '…' : '';
    notes.push({
      severity: 'warning', code: `not_loaded:${code}`, file: p.file, column, ...(rows.length ? { row: rows[0] } : {}),
      message: `Không nạp: tệp ${p.file}, ${viNumber(n)} dòng (dòng ${rows.join(', ')}${more}), cột ${column}: ${vi}.`,
      message_en: `Not loaded: file ${p.file}, ${n} rows (row ${rows.join(', ')}${more}), column ${column}: ${en}.`,
    });
  };
  // One pass per file counts every rule; the first rows that break one are looked up only for the rules
  // that found some (most loads find none, and listing rows costs more than counting them).
  const sel = rules.map((r, i) => `count(*) FILTER (WHERE ${r.bad}) AS n${i}`).join(', ');
  for (const p of parts) {
    const range = [p.from, p.from + p.rows];
    const [hits] = await db.query<Record<string, unknown>>(`SELECT ${sel} FROM dossiers WHERE rowid >= ? AND rowid < ?`, range);
    for (const [i, r] of rules.entries()) {
      const n = Number(hits?.[`n${i}`] ?? 0);
      if (n === 0) continue;
      const [ex] = await db.query<{ r: unknown }>(`SELECT list(rowid::INTEGER ORDER BY rowid)[1:3] AS r FROM (SELECT rowid FROM dossiers WHERE rowid >= ? AND rowid < ? AND (${r.bad}) ORDER BY rowid LIMIT 3)`, range);
      note(p, r.code, r.column, n, ex?.r, r.vi, r.en);
    }
  }
  if (notes.length) await db.exec(`DELETE FROM dossiers WHERE ${rules.map((r) => `(${r.bad})`).join(' OR ')}`);
  // The first row of an id stays; a later row with the same id would count one dossier twice.
  const [dup] = await db.query<{ n: number }>('SELECT count(*) - count(DISTINCT dossier_id) AS n FROM dossiers');
  if (dup.n > 0) {
    const later = 'SELECT rowid AS id FROM (SELECT rowid, row_number() OVER (PARTITION BY dossier_id ORDER BY rowid) AS k FROM dossiers) WHERE k > 1';
    for (const p of parts) {
      const [ex] = await db.query<{ n: number; r: unknown }>(`SELECT count(*) AS n, list(id::INTEGER ORDER BY id)[1:3] AS r FROM (${later}) WHERE id >= ? AND id < ?`, [p.from, p.from + p.rows]);
      if (ex.n > 0) note(p, 'duplicate_key', 'dossier_id', ex.n, ex.r, 'trùng mã hồ sơ với một dòng trước', 'the dossier id repeats an earlier row');
    }
    await db.exec(`DELETE FROM dossiers WHERE rowid IN (${later})`);
  }
  const accounts: RowAccount[] = [];
  for (const p of parts) {
    const [{ n }] = await db.query<{ n: number }>('SELECT count(*) AS n FROM dossiers WHERE rowid >= ? AND rowid < ?', [p.from, p.from + p.rows]);
    accounts.push({ file: p.file, table: 'dossiers', read: p.rows, loaded: n, reported: p.rows - n });
  }
  return { accounts, notes };
}
