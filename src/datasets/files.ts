// Single files as publishers export them (Biểu 06 CSV/XLSX, 766 JSON, index tables, canonical files)
// → one working dataset, through the same validator as a package. Runs the same in the browser (in a
// worker, see worker/), on the main thread as a fallback, and in Node (summary command, tests).
//
// Order of work: JSON and canonical files first, so the units they name (a 766 file's departmentCode
// H21.16 "Sở Tư pháp - tỉnh Gia Lai") are known when a Biểu 06 names "Sở Tư pháp"; then the sheets.
// Rows that several 766 snapshots repeat are set aside (planSnapshotMerge) and counted as `repeated`
// in the row account; every other row is loaded or reported, never dropped without a word.
import { assembleDataset } from './assemble';
import { canonicalTableFor, closestTableFor, detectKind, isWorkbookKind, readFile, type ReadOptions } from './formats/detect';
import { loadWorkbookReader } from './formats/workbook';
import type { Bieu06Mapping } from './formats/bieu06';
import type { KnownUnit } from './formats/indexTable';
import { errorIssue, warningIssue } from './formats/issues';
import { planSnapshotMerge, type SetAside } from './formats/snapshots';
import { combineEvaluation766 } from './formats/evaluation766Combine';
import { evaluationContext } from './formats/evaluation766Manifest';
import { decodeText } from './formats/text';
import { readCanonical, sizeRefusal, type CanonicalFormat } from './canonical';
import { LIMITS, type LimitKind } from './limits';
import type { Cell, DatasetMeta, Issue, LoadedDataset, ParsedFile, RawTable, RowAccount, TableName } from './types';

export interface FileInput {
  name: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  /** Biểu 06 column mappings a person saved, by layout signature */
  mappings?: Record<string, Bieu06Mapping>;
  /** options for one file (by its name): an explicit mapping, the unit, the period, the sheet, as_of… */
  perFile?: Record<string, ReadOptions>;
  /** units known before these files (matched by name in Biểu 06 and index tables) */
  units?: KnownUnit[];
  /** the dataset's title; default: the file names */
  title?: string;
}

export interface ImportProgress {
  stage: 'read' | 'validate' | 'done';
  /** the file being read (stage 'read') */
  file?: string;
  /** files read so far */
  done: number;
  count: number;
  /** 0..1, by bytes read, validation last */
  fraction: number;
}

/** What the preview shows for one file. */
export interface FileReport {
  file: string;
  kind: string;
  bytes: number;
  units: string[];
  fields: string[];
  period: { start: string; end: string; type?: string; text?: string | null } | null;
  asOf: string | null;
  read: number;
  loaded: number;
  reported: number;
  subtotal: number;
  repeated: number;
  totals: Record<string, number | null>;
  errors: number;
  warnings: number;
  /** a 766 file that does not say when its figures were taken: the person gives the day (perFile asOf) */
  needsAsOf?: boolean;
  /** what the person must give for this file to be read (perFile options): the day of 766 figures, the
   *  index (DDCI, PCI…) and year of an index table */
  needs?: ('asOf' | 'index' | 'year' | 'period')[];
  /** the sheets of a workbook with several (perFile sheet picks another) */
  sheets?: string[];
  /** the sheets read as provincial index tables (PCI, PAPI…), with their layout, year and rows; the
   *  sheets skipped (hidden, no index table) are in summary.skippedSheets */
  indexSheets?: { sheet: string; layout: string; index: string | null; year: number | null; rows: number }[];
  /** set when the file needs a column mapping (Biểu 06 whose header was not matched) or a unit/period */
  mapping?: {
    signature: string;
    headerCandidates: { row: number; cells: string[] }[];
    missing: string[];
    headerRow?: number;
    columns?: Record<string, number>;
  };
  summary: Record<string, unknown>;
}

export interface ImportResult {
  dataset: LoadedDataset;
  files: FileReport[];
}

// ── one file ─────────────────────────────────────────────────────────────────────────────────────────

function limitKindOf(kind: string): LimitKind {
  if (kind === 'json') return 'json';
  if (kind === 'zip-xlsx' || kind === 'ods' || kind === 'xls') return 'xlsx';
  if (kind === 'parquet' || kind === 'arrow') return 'binary';
  return 'text';
}

/** The first line of a text file, split by its delimiter, when it is the header of a canonical table. */
function canonicalCsvHeader(bytes: Uint8Array, file: string): TableName | null {
  const head = decodeText(bytes.subarray(0, Math.min(bytes.length, 8192)), file).text.replace(/^\uFEFF/, '');
  const line = head.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  const delimiter = [';', '\t', ','].reduce((best, d) => (line.split(d).length > line.split(best).length ? d : best), ',');
  const cells = line.split(delimiter).map((c) => c.trim().replace(/^"|"$/g, ''));
  return canonicalTableFor(cells) ?? closestTableFor(cells);
}

function refusedFile(file: string, kind: string, issue: Issue): ParsedFile {
  return { file, kind, tables: {}, issues: [issue], accounts: [{ file, table: 'unknown', read: 0, loaded: 0, reported: 0 }], summary: { kind, rows: 0 } };
}

/** A canonical table read with the package reader (the same checks as a package's file). */
async function readCanonicalFile(bytes: Uint8Array, file: string, format: CanonicalFormat): Promise<ParsedFile & { bulk?: LoadedDataset['bulk'] }> {
  const read = await readCanonical(bytes, file, format);
  const kind = `canonical:${format}`;
  if (!read.raw) {
    const n = read.rowsRead ?? 0;
    return { file, kind, tables: {}, issues: read.issues, accounts: [{ file, table: 'unknown', read: n, loaded: 0, reported: n }], summary: { kind, rows: 0 } };
  }
  const table = canonicalTableFor(read.raw.header) ?? closestTableFor(read.raw.header);
  if (!table) {
    const n = read.raw.rows.length;
    const cols = read.raw.header.slice(0, 8).join(', ');
    const refusal = errorIssue('header_unmapped', file, `Tệp ${file}: các cột (${cols}) không khớp bảng chuẩn nào.`, `File ${file}: the columns (${cols}) match no canonical table.`);
    return { file, kind, tables: {}, issues: [...read.issues, refusal], accounts: [{ file, table: 'unknown', read: n, loaded: 0, reported: n }], summary: { kind, rows: 0 } };
  }
  return {
    file,
    kind: `canonical:${table}`,
    tables: { [table]: read.raw },
    issues: read.issues,
    accounts: [],
    summary: { kind: `canonical:${table}`, table, rows: read.raw.rows.length, columns: read.raw.header, format },
  };
}

/** One file → ParsedFile (plus dossier bytes for the database's bulk path). Never throws. */
export async function readOneFile(input: FileInput, opts: ReadOptions = {}): Promise<ParsedFile & { bulk?: LoadedDataset['bulk'] }> {
  const { name: file, bytes } = input;
  try {
    const d = detectKind(bytes, file);
    const tooLarge = sizeRefusal(bytes.byteLength, file, limitKindOf(d.kind));
    if (tooLarge) return refusedFile(file, 'too_large', tooLarge);
    if (d.kind === 'parquet' || d.kind === 'arrow') {
      const p = await readCanonicalFile(bytes, file, d.kind);
      const raw = p.tables.dossiers;
      if (raw) {
        // dossier rows can be millions: the database reads and checks them (as for a package)
        return { ...p, tables: {}, bulk: [{ table: 'dossiers', file, format: d.kind, bytes }] };
      }
      return p;
    }
    if (d.kind === 'csv') {
      const table = canonicalCsvHeader(bytes, file);
      if (table === 'dossiers' && bytes.byteLength > LIMITS.maxValidatedDossierBytes) {
        return { file, kind: 'canonical:dossiers', tables: {}, issues: [], accounts: [], summary: { kind: 'canonical:dossiers', rows: null, bulk: true }, bulk: [{ table: 'dossiers', file, format: 'csv', bytes }] };
      }
      if (table) return readCanonicalFile(bytes, file, 'csv');
    }
    // SheetJS is a chunk of its own, loaded with the first workbook
    if (isWorkbookKind(d.kind)) await loadWorkbookReader();
    return readFile(bytes, file, opts);
  } catch (e) {
    // a reader bug must not take the page down: the file is refused with the reason
    return refusedFile(file, 'failed', { severity: 'error', code: 'read_failed', file, message: `Tệp ${file}: không đọc được (${(e as Error).message}).`, message_en: `File ${file}: could not be read (${(e as Error).message}).` });
  }
}

/** Units a file defines, for matching names in the sheets read after it. */
function unitsOf(p: ParsedFile): KnownUnit[] {
  const t = p.tables.units;
  if (!t) return [];
  const [id, name, short] = ['unit_id', 'name', 'short_name'].map((c) => t.header.indexOf(c));
  if (id < 0 || name < 0) return [];
  return t.rows.filter((r) => r[id] != null && r[name] != null).map((r) => ({ unit_id: String(r[id]), name: String(r[name]), short_name: short >= 0 && r[short] != null ? String(r[short]) : null }));
}

/** File names made unique ("a.csv", "a.csv (2)"): messages and row accounts are keyed by file. */
function uniqueNames(inputs: FileInput[]): FileInput[] {
  const seen = new Map<string, number>();
  return inputs.map((f) => {
    const n = (seen.get(f.name) ?? 0) + 1;
    seen.set(f.name, n);
    return n === 1 ? f : { ...f, name: `${f.name} (${n})` };
  });
}

// ── many files → one dataset ─────────────────────────────────────────────────────────────────────────

/** Read every file (JSON and canonical first, then sheets with the units known so far). */
export async function readFiles(
  inputs: FileInput[],
  opts: ImportOptions = {},
  onProgress?: (p: ImportProgress) => void,
  signal?: { aborted: boolean },
): Promise<(ParsedFile & { bulk?: LoadedDataset['bulk'] })[]> {
  const files = uniqueNames(inputs);
  const isSheet = (f: FileInput) => {
    const k = detectKind(f.bytes, f.name).kind;
    return isWorkbookKind(k) || (k === 'csv' && !canonicalCsvHeader(f.bytes, f.name));
  };
  const order = [...files.filter((f) => !isSheet(f)), ...files.filter(isSheet)];
  const total = files.reduce((n, f) => n + f.bytes.byteLength, 0) || 1;
  let doneBytes = 0;
  const units: KnownUnit[] = [...(opts.units ?? [])];
  const parsed = new Map<string, ParsedFile & { bulk?: LoadedDataset['bulk'] }>();
  // evaluation API responses: their capture manifest (matched by SHA-256) and the procedure catalogues
  const evaluation = await evaluationContext(files);
  for (const [i, f] of order.entries()) {
    if (signal?.aborted) throw new ImportCancelled();
    onProgress?.({ stage: 'read', file: f.name, done: i, count: files.length, fraction: (0.9 * doneBytes) / total });
    const own = opts.perFile?.[f.name] ?? {};
    const ev = evaluation.perFile.get(f.name);
    const p = await readOneFile(f, { mappings: opts.mappings, ...(ev ? { evaluation: ev } : {}), ...own, units: [...units, ...(own.units ?? [])] });
    if (evaluation.manifests.has(f.name)) {
      p.summary.matched = evaluation.manifests.get(f.name);
      p.issues.push(...evaluation.notes.filter((n) => n.file === f.name));
    }
    parsed.set(f.name, p);
    units.push(...unitsOf(p));
    doneBytes += f.bytes.byteLength;
  }
  // back in the order the person gave
  const out = files.map((f) => parsed.get(f.name)!);
  combineEvaluation766(out);
  return out;
}

export class ImportCancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

function withoutRows(raw: RawTable & { allowEmpty?: string[] }, drop: Set<number>): RawTable & { allowEmpty?: string[] } {
  if (drop.size === 0) return raw;
  const rows: Cell[][] = [];
  const rowNumbers: number[] = [];
  raw.rows.forEach((r, i) => {
    if (drop.has(i)) return;
    rows.push(r);
    rowNumbers.push(raw.rowNumbers[i]);
  });
  return { ...raw, rows, rowNumbers };
}

const TABLE_VI: Record<string, string> = { units: 'đơn vị', index_scores: 'điểm chỉ số', dossier_counts: 'số hồ sơ' };

/** One warning per file and table for the rows another file already gives (not an error: loaded once). */
function repeatedNotes(setAside: SetAside[]): Issue[] {
  const groups = new Map<string, { file: string; table: TableName; by: Set<string>; n: number; older: number }>();
  for (const s of setAside) {
    const k = `${s.file}\u0000${s.table}`;
    const g = groups.get(k) ?? { file: s.file, table: s.table, by: new Set<string>(), n: 0, older: 0 };
    g.n++;
    if (s.reason === 'older_snapshot') g.older++;
    g.by.add(s.by);
    groups.set(k, g);
  }
  return [...groups.values()].map((g) => {
    const by = [...g.by].slice(0, 3).join(', ') + (g.by.size > 3 ? '…' : '');
    const older = g.older > 0 ? ` (${g.older} dòng số hồ sơ lũy kế cũ hơn)` : '';
    const olderEn = g.older > 0 ? ` (${g.older} older cumulative dossier rows)` : '';
    return warningIssue(
      'repeated_rows',
      g.file,
      `Tệp ${g.file}: ${g.n.toLocaleString('vi-VN')} dòng ${TABLE_VI[g.table] ?? g.table} đã có trong tệp ${by}${older}: chỉ nạp một lần.`,
      `File ${g.file}: ${g.n} ${g.table} rows are also given by ${by}${olderEn}: loaded once.`,
      { column: g.table },
    );
  });
}

/** Rows that would be counted twice: for one unit, a row whose period overlaps another's (a quarter and
 *  its months, a 766 year-to-date total and a monthly Biểu 06) for the same field, or a row for all fields
 *  (field empty) next to rows per field. The row that covers the other (all fields, else the longer period)
 *  is an error; the person may still load the rest without it. */
function overlapIssues(raws: { table: TableName; raw: RawTable }[], recordFiles: Set<string>): { issues: Issue[]; drop: Map<RawTable, Set<number>> } {
  type R = { raw: RawTable; index: number; file: string; row: number; unit: string; field: string; start: string; end: string };
  const byUnit = new Map<string, R[]>();
  const iso = /^\d{4}-\d{2}-\d{2}$/;
  for (const { table, raw } of raws) {
    if (table !== 'dossier_counts') continue;
    const [u, f, a, b] = ['unit_id', 'field', 'period_start', 'period_end'].map((c) => raw.header.indexOf(c));
    if (u < 0 || a < 0 || b < 0) continue;
    raw.rows.forEach((r, i) => {
      const start = String(r[a] ?? '');
      const end = String(r[b] ?? '');
      if (!iso.test(start) || !iso.test(end) || r[u] == null) return;
      const unit = String(r[u]);
      const list = byUnit.get(unit) ?? [];
      list.push({ raw, index: i, file: raw.file, row: raw.rowNumbers[i], unit, field: f >= 0 && r[f] != null ? String(r[f]) : '', start, end });
      byUnit.set(unit, list);
    });
  }
  const out: Issue[] = [];
  const drop = new Map<RawTable, Set<number>>();
  const flagged = new Set<R>();
  for (const list of byUnit.values()) {
    list.sort((x, y) => (x.start < y.start ? -1 : x.start > y.start ? 1 : 0));
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length && list[j].start <= list[i].end; j++) {
        const [x, y] = [list[i], list[j]];
        const sameField = x.field === y.field;
        if (!sameField && x.field !== '' && y.field !== '') continue;
        if (sameField && x.start === y.start && x.end === y.end) continue; // a duplicate key: the validator says it
        const covering = !sameField ? (x.field === '' ? x : y) : x.end >= y.end ? x : y;
        const other = covering === x ? y : x;
        if (flagged.has(covering)) continue;
        flagged.add(covering);
        if (!drop.has(covering.raw)) drop.set(covering.raw, new Set());
        drop.get(covering.raw)!.add(covering.index);
        // In a 766 JSON file the "row" is the unit's record, shared by its units and index_scores rows: the
        // row is taken out here and the record is named in the words only, so those rows still load.
        const at = recordFiles.has(covering.file) ? { column: 'dossier_counts' } : { row: covering.row, column: 'period_start+period_end+field' };
        const place = recordFiles.has(covering.file) ? `bản ghi ${covering.row}` : `dòng ${covering.row}`;
        const placeEn = recordFiles.has(covering.file) ? `record ${covering.row}` : `row ${covering.row}`;
        const what = sameField ? `kỳ ${covering.start} – ${covering.end} chồng lên kỳ ${other.start} – ${other.end}` : `dòng cho mọi lĩnh vực cùng kỳ với dòng lĩnh vực «${other.field}»`;
        const whatEn = sameField ? `period ${covering.start} – ${covering.end} overlaps ${other.start} – ${other.end}` : `a row for all fields over the same period as the field "${other.field}"`;
        out.push(
          errorIssue(
            'overlapping_rows',
            covering.file,
            `Tệp ${covering.file}, ${place}: đơn vị ${covering.unit}, ${what} (tệp ${other.file}, dòng ${other.row}): số hồ sơ sẽ bị tính hai lần.`,
            `File ${covering.file}, ${placeEn}: unit ${covering.unit}, ${whatEn} (file ${other.file}, row ${other.row}): dossiers would be counted twice.`,
            at,
          ),
        );
      }
    }
  }
  return { issues: out, drop };
}

function defaultMeta(files: ParsedFile[], title?: string): DatasetMeta {
  const names = files.map((f) => f.file);
  const shown = names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')}… (${names.length} tệp)`;
  const sources = new Set<string>();
  for (const f of files) {
    const t = f.tables.index_scores;
    const i = t ? t.header.indexOf('source') : -1;
    if (t && i >= 0) for (const r of t.rows) if (typeof r[i] === 'string') sources.add(r[i] as string);
  }
  return {
    name: 'import',
    title: title ?? shown,
    description: 'Tệp do người dùng nhập / files imported by the user',
    sources: [...names.map((n) => ({ title: n })), ...[...sources].slice(0, 10).map((s) => ({ title: s, path: s }))],
    created: new Date().toISOString().slice(0, 10),
    origin: `import:${names.join('|')}`,
  };
}

/** Parsed files → one validated dataset; row accounts say, per file and table, read = loaded +
 *  reported + subtotal + repeated. */
export function assembleFiles(parsed: (ParsedFile & { bulk?: LoadedDataset['bulk'] })[], meta?: DatasetMeta): LoadedDataset {
  const plan = planSnapshotMerge(parsed);
  const drop = new Map<string, Set<number>>();
  for (const s of plan.setAside) {
    const k = `${s.file}\u0000${s.table}`;
    if (!drop.has(k)) drop.set(k, new Set());
    drop.get(k)!.add(s.rowIndex);
  }
  const raws: { table: TableName; raw: RawTable & { allowEmpty?: string[] } }[] = [];
  const issues: Issue[] = [];
  for (const p of parsed) {
    for (const i of p.issues) issues.push(i);
    for (const [table, raw] of Object.entries(p.tables) as [TableName, RawTable & { allowEmpty?: string[] }][]) {
      raws.push({ table, raw: withoutRows({ ...raw, file: p.file }, drop.get(`${p.file}\u0000${table}`) ?? new Set()) });
    }
  }
  for (const i of plan.issues) issues.push(i);
  for (const i of repeatedNotes(plan.setAside)) issues.push(i);
  const overlaps = overlapIssues(raws, new Set(parsed.filter((p) => p.kind.startsWith('dvcqg766:') || p.kind.startsWith('evaluation766:')).map((p) => p.file)));
  for (const i of overlaps.issues) issues.push(i);
  const refused = new Map<string, number>(); // rows taken out as counted twice, by file and table
  for (const r of raws) {
    const d = overlaps.drop.get(r.raw);
    if (!d) continue;
    r.raw = withoutRows(r.raw, d);
    const k = `${r.raw.file}\u0000${r.table}`;
    refused.set(k, (refused.get(k) ?? 0) + d.size);
  }
  const ds = assembleDataset(meta ?? defaultMeta(parsed), raws, issues);

  // Row accounts: the reader saw more rows than it handed on (subtotals, rows it reported itself) and
  // some were set aside as repeated; the validator's account covers only the rows it was given.
  const accounts: RowAccount[] = [];
  for (const p of parsed) {
    const tables = new Set<string>([...Object.keys(p.tables), ...p.accounts.map((a) => a.table)]);
    for (const table of tables) {
      const mine = ds.accounts.find((a) => a.file === p.file && a.table === table);
      const reader = p.accounts.find((a) => a.table === table);
      const repeated = drop.get(`${p.file}\u0000${table}`)?.size ?? 0;
      const subtotal = reader?.subtotal ?? 0;
      const loaded = mine?.loaded ?? 0;
      const outOfTable = refused.get(`${p.file}\u0000${table}`) ?? 0;
      const read = Math.max(reader?.read ?? 0, (mine?.read ?? 0) + repeated + outOfTable + (reader?.reported ?? 0) + subtotal);
      const a: RowAccount = { file: p.file, table: table as RowAccount['table'], read, loaded, reported: read - loaded - subtotal - repeated };
      if (subtotal) a.subtotal = subtotal;
      if (repeated) a.repeated = repeated;
      if (a.table === 'unknown' && read === 0 && tables.size > 1) continue;
      accounts.push(a);
    }
  }
  ds.accounts = accounts;
  ds.detected = parsed.map((p) => {
    const tables = Object.keys(p.tables) as TableName[];
    return { file: p.file, kind: p.kind, table: tables.find((t) => t !== 'units') ?? tables[0], rows: accounts.filter((a) => a.file === p.file).reduce((n, a) => n + a.loaded, 0) };
  });
  const bulk = parsed.flatMap((p) => p.bulk ?? []);
  if (bulk.length) ds.bulk = bulk;
  return ds;
}

// ── what the preview shows ───────────────────────────────────────────────────────────────────────────

const asStrings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export function fileReport(p: ParsedFile, ds: LoadedDataset, bytes = 0): FileReport {
  const s = p.summary;
  const mine = ds.accounts.filter((a) => a.file === p.file);
  const sum = (k: 'read' | 'loaded' | 'reported' | 'subtotal' | 'repeated') => mine.reduce((n, a) => n + (a[k] ?? 0), 0);
  const per = s.period as Record<string, unknown> | null | undefined;
  let period: FileReport['period'] = null;
  if (per && typeof per.start === 'string' && typeof per.end === 'string') period = { start: per.start, end: per.end, type: typeof per.type === 'string' ? per.type : undefined, text: typeof per.text === 'string' ? per.text : null };
  else if (typeof s.year === 'number') period = { start: `${s.year}-01-01`, end: `${s.year}-12-31`, type: 'year' };
  const fileIssues = ds.issues.filter((i) => i.file === p.file);
  const totals: Record<string, number | null> = {};
  if (s.totals && typeof s.totals === 'object') for (const [k, v] of Object.entries(s.totals as Record<string, unknown>)) totals[k] = typeof v === 'number' ? v : null;
  const report: FileReport = {
    file: p.file,
    kind: p.kind,
    bytes,
    units: asStrings(s.units),
    fields: asStrings(s.fields),
    period,
    asOf: typeof s.asOf === 'string' ? s.asOf : null,
    read: sum('read'),
    loaded: sum('loaded'),
    reported: sum('reported'),
    subtotal: sum('subtotal'),
    repeated: sum('repeated'),
    totals,
    errors: fileIssues.filter((i) => i.severity === 'error').length,
    warnings: fileIssues.filter((i) => i.severity === 'warning').length,
    summary: s,
  };
  if (p.issues.some((i) => i.code === 'as_of_unknown')) report.needsAsOf = true;
  const needs: NonNullable<FileReport['needs']> = [];
  if (report.needsAsOf) needs.push('asOf');
  if (p.issues.some((i) => i.code === 'index_unknown')) needs.push('index');
  if (p.issues.some((i) => i.code === 'year_unknown' && i.row === undefined)) needs.push('year');
  if (p.kind.startsWith('evaluation766:') && p.issues.some((i) => i.code === 'period_unknown')) needs.push('period');
  if (needs.length) report.needs = needs;
  const sheets = asStrings(s.sheets);
  if (sheets.length > 1) report.sheets = sheets;
  if (Array.isArray(s.indexSheets)) report.indexSheets = s.indexSheets as NonNullable<FileReport['indexSheets']>;
  if (p.kind === 'bieu06:unmapped' || (p.kind === 'unknown' && Array.isArray(s.headerCandidates))) {
    report.mapping = {
      signature: String(s.layoutSignature ?? ''),
      headerCandidates: (s.headerCandidates as { row: number; cells: string[] }[]) ?? [],
      missing: asStrings(s.missing),
      headerRow: typeof s.headerRow === 'number' ? s.headerRow : undefined,
      columns: s.columns && typeof s.columns === 'object' ? (s.columns as Record<string, number>) : undefined,
    };
  }
  return report;
}

/** Read, merge and validate files in one go: what the worker runs and what Node calls directly. */
export async function importFiles(
  inputs: FileInput[],
  opts: ImportOptions = {},
  onProgress?: (p: ImportProgress) => void,
  signal?: { aborted: boolean },
): Promise<ImportResult> {
  const parsed = await readFiles(inputs, opts, onProgress, signal);
  if (signal?.aborted) throw new ImportCancelled();
  onProgress?.({ stage: 'validate', done: inputs.length, count: inputs.length, fraction: 0.9 });
  const dataset = assembleFiles(parsed, opts.title ? { ...defaultMeta(parsed), title: opts.title } : undefined);
  const sizes = new Map(uniqueNames(inputs).map((f) => [f.name, f.bytes.byteLength]));
  const files = parsed.map((p) => fileReport(p, dataset, sizes.get(p.file) ?? 0));
  onProgress?.({ stage: 'done', done: inputs.length, count: inputs.length, fraction: 1 });
  return { dataset, files };
}

// ── after the preview ────────────────────────────────────────────────────────────────────────────────

/** What the whole working dataset holds, for the preview's summary. */
export interface DatasetOverview {
  tables: Partial<Record<TableName, number>>;
  units: number;
  unitNames: string[];
  fields: number;
  from: string | null;
  to: string | null;
  asOf: string | null;
  totals: Record<string, number | null>;
}

export function datasetOverview(ds: LoadedDataset): DatasetOverview {
  const tables: DatasetOverview['tables'] = {};
  for (const [k, t] of Object.entries(ds.tables)) if (t) tables[k as TableName] = t.rowCount;
  const u = ds.tables.units;
  const unitNames = u ? (u.columns.name as string[]).filter((n) => typeof n === 'string') : [];
  const dc = ds.tables.dossier_counts;
  let from: string | null = null;
  let to: string | null = null;
  const totals: Record<string, number | null> = {};
  let fields = 0;
  if (dc && dc.rowCount > 0) {
    for (const v of dc.columns.period_start as string[]) if (from === null || v < from) from = v;
    for (const v of dc.columns.period_end as string[]) if (to === null || v > to) to = v;
    fields = new Set((dc.columns.field ?? []).filter((f) => f != null && f !== '')).size;
    for (const c of ['received_online', 'received_offline', 'carried_over', 'resolved_early', 'resolved_on_time', 'resolved_overdue', 'pending_within', 'pending_overdue']) {
      const col = dc.columns[c] ?? [];
      // a column empty on every row has no total (not 0)
      totals[c] = col.some((v) => typeof v === 'number') ? col.reduce<number>((n, v) => n + (typeof v === 'number' ? v : 0), 0) : null;
    }
  }
  let asOf: string | null = null;
  const ix = ds.tables.index_scores;
  if (ix) for (const v of ix.columns.as_of ?? []) if (typeof v === 'string' && (asOf === null || v > asOf)) asOf = v;
  return { tables, units: unitNames.length, unitNames, fields, from, to, asOf, totals };
}

/** Load what can be loaded when the person confirms despite errors: rows and files named by an error
 *  are already out of the tables; the errors stay listed, marked "not loaded", as warnings. Null when
 *  nothing at all could be loaded. */
export function acceptReadable(ds: LoadedDataset): LoadedDataset | null {
  const rows = Object.values(ds.tables).reduce((n, t) => n + (t?.rowCount ?? 0), 0);
  const data = Object.entries(ds.tables).some(([k, t]) => k !== 'units' && (t?.rowCount ?? 0) > 0) || (ds.bulk?.length ?? 0) > 0;
  if (rows === 0 || !data) return null;
  return {
    ...ds,
    issues: ds.issues.map((i) =>
      i.severity === 'error' ? { ...i, severity: 'warning' as const, code: `not_loaded:${i.code}`, message: `Không nạp: ${i.message}`, message_en: `Not loaded: ${i.message_en}` } : i,
    ),
  };
}

/** Errors and warnings as rows for a CSV download: file, row, column, severity, code, message (vi, en). */
export function issueRows(issues: Issue[]): { header: string[]; rows: (string | number | null)[][] } {
  return {
    header: ['file', 'row', 'column', 'severity', 'code', 'message', 'message_en'],
    rows: issues.map((i) => [i.file, i.row ?? null, i.column ?? null, i.severity, i.code, i.message, i.message_en]),
  };
}
