// The evaluation API responses of one import, read one by one (evaluation766.ts), made into one 766
// dataset:
//  - units known by departmentId only (transparency, handling-satisfaction) take the departmentCode the
//    other responses give for that departmentId; one known by id only keeps the id (stable) and a warning;
//  - a unit's TOTAL = Σ of its six group scores (CKMB, TDGQ, ONLINE, TTTT, MDSH, MDHL) for one period and
//    procedure, only when all six are present; otherwise no TOTAL and a warning naming the missing groups.
//    A group with no dossiers (score empty, NO_DOSSIERS) counts as the 0 the portal gives it;
//  - TDGQ dossier_counts of responses whose periods overlap (the year to date and its quarter or month)
//    would count the same dossiers twice: only the longest period's rows go to dossier_counts (the others'
//    counts stay in index_scores as numerator/denominator), with a warning.
// Runs in place on the parsed files, after every file is read and before they are merged and validated.
import type { Cell, ParsedFile } from '../types';
import { warningIssue } from './issues';
import { round2 } from './jsonValues';

const GROUPS = ['CKMB', 'TDGQ', 'ONLINE', 'TTTT', 'MDSH', 'MDHL'] as const;
const isEval = (p: ParsedFile) => p.kind.startsWith('evaluation766:') && typeof p.summary.group === 'string';

// column positions of EVAL_INDEX_HEADER (evaluation766.ts)
const C = { component: 1, period_type: 2, period: 3, as_of: 4, unit: 5, score: 6, max: 7, source: 14, flag: 15, proc: 16, procName: 17 };

function remapUnits(files: ParsedFile[]): void {
  const codes: Record<string, string> = {};
  for (const p of files) Object.assign(codes, (p.summary.departmentCodes as Record<string, string> | undefined) ?? {});
  for (const p of files) {
    if (!((p.summary.idOnlyUnits as number) > 0)) continue;
    const map = (v: Cell) => (typeof v === 'string' && codes[v] ? codes[v] : v);
    const u = p.tables.units;
    const unresolved: string[] = [];
    if (u) {
      for (const row of u.rows) {
        if (row[0] === 'VN') continue;
        const code = codes[row[0] as string];
        if (code) {
          row[0] = code;
          row[5] = code;
        } else if (row[5] === null) unresolved.push(String(row[0]));
        row[3] = map(row[3]);
      }
    }
    const ix = p.tables.index_scores;
    if (ix) for (const row of ix.rows) row[C.unit] = map(row[C.unit]);
    const dc = p.tables.dossier_counts;
    if (dc) for (const row of dc.rows) row[2] = map(row[2]);
    if (typeof p.summary.root === 'string') p.summary.root = codes[p.summary.root] ?? p.summary.root;
    if (unresolved.length > 0) {
      const shown = unresolved.slice(0, 3).join(', ') + (unresolved.length > 3 ? '…' : '');
      p.issues.push(
        warningIssue(
          'unit_id_only',
          p.file,
          `${unresolved.length.toLocaleString('vi-VN')} đơn vị chỉ được gọi bằng departmentId (${shown}): không tệp nào đã nạp cho biết mã departmentCode của chúng; giữ departmentId làm mã đơn vị. Nạp kèm phản hồi dvc-progress-tree cùng tỉnh để có mã.`,
          `${unresolved.length} units are named by departmentId only (${shown}): no loaded file gives their departmentCode; the departmentId is kept as their id. Load a dvc-progress-tree response of the same province with it to get the codes.`,
          { column: 'departmentId' },
        ),
      );
    }
  }
}

/** Only the longest of overlapping TDGQ periods keeps its dossier_counts rows. */
function settleCounts(files: ParsedFile[]): void {
  type P = { p: ParsedFile; start: string; end: string };
  const withCounts: P[] = files
    .filter((p) => p.tables.dossier_counts)
    .map((p) => {
      const per = p.summary.period as { start: string; end: string };
      return { p, start: per.start, end: per.end };
    })
    .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end > b.end ? -1 : a.end < b.end ? 1 : 0));
  const kept: P[] = [];
  for (const x of withCounts) {
    // same start: cumulative snapshots of one period, settled by snapshots.ts (the latest end is kept)
    const over = kept.find((k) => k.start !== x.start && x.start <= k.end && k.start <= x.end);
    if (!over) {
      kept.push(x);
      continue;
    }
    const n = x.p.tables.dossier_counts!.rows.length;
    delete x.p.tables.dossier_counts;
    x.p.accounts = x.p.accounts.filter((a) => a.table !== 'dossier_counts');
    x.p.summary.dossierCountRows = 0;
    x.p.summary.countsNote = `dossier counts of ${x.start} – ${x.end} overlap those of ${over.p.file} (${over.start} – ${over.end}): kept in index_scores only.`;
    x.p.issues.push(
      warningIssue(
        'counts_overlap',
        x.p.file,
        `Số hồ sơ kỳ ${x.start} – ${x.end} (${n.toLocaleString('vi-VN')} đơn vị) chồng lên kỳ ${over.start} – ${over.end} của tệp ${over.p.file}: không đưa vào bảng số hồ sơ (tránh đếm hai lần); các số vẫn có trong điểm TDGQ.`,
        `Dossier counts of ${x.start} – ${x.end} (${n} units) overlap ${over.start} – ${over.end} of ${over.p.file}: not put into dossier_counts (no double count); the counts stay in the TDGQ figures.`,
        { column: 'dossier_counts' },
      ),
    );
  }
}

interface GroupFig {
  file: ParsedFile;
  rowIndex: number;
  score: number | null;
  max: number | null;
  asOf: string | null;
  flag: string | null;
  taken: string;
}

/** TOTAL = Σ six group scores, where all six are present. */
function totals(files: ParsedFile[]): void {
  const byKey = new Map<string, { unit: string; period_type: string; period: string; proc: Cell; procName: Cell; groups: Map<string, GroupFig> }>();
  for (const p of files) {
    const g = p.summary.group as string;
    const t = p.tables.index_scores;
    if (!t) continue;
    const taken = String(p.summary.takenAt ?? '');
    t.rows.forEach((row, rowIndex) => {
      if (row[C.component] !== g) return;
      const key = [row[C.unit], row[C.period_type], row[C.period], row[C.proc] ?? ''].join('\u0000');
      const e = byKey.get(key) ?? { unit: String(row[C.unit]), period_type: String(row[C.period_type]), period: String(row[C.period]), proc: row[C.proc] ?? null, procName: row[C.procName] ?? null, groups: new Map() };
      const cur = e.groups.get(g);
      if (!cur || taken > cur.taken) e.groups.set(g, { file: p, rowIndex, score: row[C.score] as number | null, max: row[C.max] as number | null, asOf: row[C.as_of] as string | null, flag: row[C.flag] as string | null, taken });
      if (e.procName === null && row[C.procName] != null) e.procName = row[C.procName];
      byKey.set(key, e);
    });
  }
  const missing = new Map<string, { file: ParsedFile; groups: Set<string>; units: number; what: string }>();
  let made = 0;
  for (const e of byKey.values()) {
    const absent = GROUPS.filter((g) => {
      const f = e.groups.get(g);
      return !f || (f.score === null && !(f.flag ?? '').split(',').includes('NO_DOSSIERS'));
    });
    if (absent.length > 0) {
      const what = `${e.period_type} ${e.period}${e.proc ? `, ${String(e.proc)}` : ''}`;
      const first = [...e.groups.values()][0];
      const m = missing.get(what) ?? { file: first.file, groups: new Set<string>(), units: 0, what };
      absent.forEach((g) => m.groups.add(g));
      m.units++;
      missing.set(what, m);
      continue;
    }
    const figs = GROUPS.map((g) => e.groups.get(g)!);
    const score = round2(figs.reduce((n, f) => n + (f.score ?? 0), 0));
    const max = figs.every((f) => f.max !== null) ? round2(figs.reduce((n, f) => n + (f.max as number), 0)) : 100;
    const asOf = figs.map((f) => f.asOf).reduce((a, b) => (b !== null && (a === null || b > a) ? b : a), null as string | null);
    const home = e.groups.get('TDGQ')!;
    const t = home.file.tables.index_scores!;
    const flags = figs.filter((f) => (f.flag ?? '').split(',').includes('NO_DOSSIERS')).map((f) => `NO_DOSSIERS_${f.file.summary.group as string}`);
    t.rows.push(['766', 'TOTAL', e.period_type, e.period, asOf, e.unit, score, max, null, null, null, null, null, null, 'Σ 6 nhóm chỉ số (CKMB+TDGQ+ONLINE+TTTT+MDSH+MDHL)', flags.length ? flags.join(',') : null, e.proc, e.procName]);
    t.rowNumbers.push(t.rowNumbers[home.rowIndex]);
    const acc = home.file.accounts.find((a) => a.table === 'index_scores');
    if (acc) {
      acc.read++;
      acc.loaded++;
    }
    home.file.summary.derivedTotals = ((home.file.summary.derivedTotals as number) ?? 0) + 1;
    made++;
  }
  for (const m of missing.values()) {
    const list = [...m.groups].join(', ');
    m.file.issues.push(
      warningIssue(
        'total_missing_groups',
        m.file.file,
        `Kỳ ${m.what}: ${m.units.toLocaleString('vi-VN')} đơn vị không có tổng điểm 766 vì thiếu nhóm ${list} (tổng chỉ tính khi có đủ 6 nhóm).`,
        `Period ${m.what}: ${m.units} units have no 766 total because group(s) ${list} are missing (the total needs all six groups).`,
        { column: 'TOTAL' },
      ),
    );
  }
  void made;
}

export function combineEvaluation766(parsed: ParsedFile[]): void {
  const files = parsed.filter(isEval);
  if (files.length === 0) return;
  remapUnits(files);
  settleCounts(files);
  totals(files);
}
