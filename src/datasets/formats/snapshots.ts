// Several single files loaded together (daily 766 snapshots, the agencies and the communes file of one
// day, a province ranking and its details…) repeat rows: the province's overview in every Gia Lai file,
// the nation in every national file, the same unit catalogue, cumulative TDGQ counts taken on two days.
// The validator refuses a key seen twice across files, so the loader sets such rows aside first. This
// plans which rows to set aside; the loader removes them and accounts for them (they are not errors:
// the same figure is loaded once).
//  - units: a unit_id already given by an earlier file → set aside; a different name is a warning
//    ("UBND tỉnh Quảng Ninh" in one file, "UBND thành phố Quảng Ninh" in another).
//  - index_scores: the same key (index, component, period_type, period, as_of, unit_id) in two files →
//    the row of the file taken later (summary.takenAt) is kept; different values are a warning naming
//    both (scores_Provinces and details_Provinces of 10-10 differ by 0,01 on CKMB for two provinces).
//  - dossier_counts of 766 files (cumulative from 1 January): for each (period_start, unit_id, field)
//    only the row with the latest period_end is kept (else the same dossiers are summed twice);
//    the same key in two files is handled as for index_scores.
// Files that are not 766 snapshots are left alone: a duplicate there is a real error the validator names.
import type { Cell, Issue, ParsedFile, TableName } from '../types';
import { warningIssue } from './issues';
import { latestCumulativeRows } from './dvcqg766';

export interface SetAside {
  file: string;
  table: TableName;
  /** index into the ParsedFile table's rows */
  rowIndex: number;
  /** the row number shown in messages (RawTable.rowNumbers) */
  row: number;
  reason: 'same_row' | 'older_snapshot' | 'superseded';
  /** the file whose row is kept */
  by: string;
}

const KEYS: Partial<Record<TableName, string[]>> = {
  units: ['unit_id'],
  index_scores: ['index', 'component', 'period_type', 'period', 'as_of', 'unit_id', 'procedure_code'],
  dossier_counts: ['period_start', 'period_end', 'unit_id', 'field'],
};

/** Columns whose values are the figures: two rows of one key conflict only when one of these holds two
 *  different non-empty values (a row with less detail, e.g. a group score without its ratio, does not). */
const VALUES: Partial<Record<TableName, string[]>> = {
  units: ['name'],
  index_scores: ['score', 'max_score', 'numerator', 'denominator', 'ratio', 'rank', 'rank_of', 'rank_group', 'quality_flag'],
  dossier_counts: ['received_online', 'received_offline', 'carried_over', 'resolved_early', 'resolved_on_time', 'resolved_overdue', 'pending_within', 'pending_overdue'],
};

const filled = (r: Cell[]) => r.filter((v) => v !== null && v !== undefined && v !== '').length;

export function planSnapshotMerge(files: ParsedFile[]): { setAside: SetAside[]; issues: Issue[] } {
  // the crawler's files and the portal's evaluation API responses (evaluation766.ts) give the same figures
  const snapshots = files.filter((f) => f.kind.startsWith('dvcqg766:') || f.kind.startsWith('evaluation766:'));
  const setAside: SetAside[] = [];
  const issues: Issue[] = [];
  const taken = (f: ParsedFile) => String(f.summary.takenAt ?? '');
  // later snapshots first, so the first row seen for a key is the one kept
  const order = [...snapshots].sort((a, b) => (taken(a) < taken(b) ? 1 : taken(a) > taken(b) ? -1 : 0));

  const cumulative = latestCumulativeRows(order.filter((f) => f.tables.dossier_counts).map((f) => ({ ...f.tables.dossier_counts!, file: f.file })));
  const olderRows = new Set(cumulative.superseded.map((s) => `${s.file}\u0000${s.rowIndex}`));
  for (const s of cumulative.superseded) {
    const f = order.find((x) => x.file === s.file)!;
    setAside.push({ file: s.file, table: 'dossier_counts', rowIndex: s.rowIndex, row: f.tables.dossier_counts!.rowNumbers[s.rowIndex], reason: 'older_snapshot', by: s.by });
  }

  for (const table of ['units', 'index_scores', 'dossier_counts'] as TableName[]) {
    const seen = new Map<string, { file: string; row: Cell[]; rowIndex: number; rowNumber: number; vx: number[] }>();
    for (const f of order) {
      const t = f.tables[table];
      if (!t) continue;
      const ix = (KEYS[table] ?? []).map((k) => t.header.indexOf(k));
      const vx = (VALUES[table] ?? []).map((k) => t.header.indexOf(k));
      t.rows.forEach((r, rowIndex) => {
        if (olderRows.has(`${f.file}\u0000${rowIndex}`) && table === 'dossier_counts') return;
        const key = ix.map((i) => String(r[i] ?? '')).join('\u0000');
        const kept = seen.get(key);
        const here = { file: f.file, row: r, rowIndex, rowNumber: t.rowNumbers[rowIndex], vx };
        if (!kept) {
          seen.set(key, here);
          return;
        }
        const differs = (VALUES[table] ?? []).filter((_, k) => {
          const a = kept.row[kept.vx[k]] ?? null;
          const b = r[vx[k]] ?? null;
          return a !== null && b !== null && a !== '' && b !== '' && a !== b;
        });
        if (differs.length === 0 && filled(r) > filled(kept.row)) {
          // the same figure with more detail (a ratio, a rank) replaces the earlier row
          setAside.push({ file: kept.file, table, rowIndex: kept.rowIndex, row: kept.rowNumber, reason: 'same_row', by: f.file });
          seen.set(key, here);
          return;
        }
        setAside.push({ file: f.file, table, rowIndex, row: t.rowNumbers[rowIndex], reason: differs.length === 0 ? 'same_row' : 'superseded', by: kept.file });
        if (differs.length > 0) {
          const keyText = key.split('\u0000').filter((x) => x).join(' | ');
          const both = differs.map((c) => `${c}: ${String(kept.row[kept.vx[(VALUES[table] ?? []).indexOf(c)]])} / ${String(r[vx[(VALUES[table] ?? []).indexOf(c)]])}`).join('; ');
          issues.push(
            warningIssue(
              'snapshot_conflict',
              f.file,
              `${keyText}: tệp này ghi khác tệp ${kept.file} (${both}); dùng theo tệp ${kept.file}.`,
              `${keyText}: this file differs from ${kept.file} (${both}); the version of ${kept.file} is used.`,
              { row: t.rowNumbers[rowIndex], column: table },
            ),
          );
        }
      });
    }
  }
  return { setAside, issues };
}
