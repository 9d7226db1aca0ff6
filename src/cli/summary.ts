// npm run --silent summary -- <source>… [--from YYYY-MM-DD] [--to YYYY-MM-DD]
//                                      [--period 2026-08|2026-Q3|2026] [--as-of YYYY-MM-DD] [--index PCI] [--sheet <name>]
// <source>: a datapackage.json or its folder; one or more single files as publishers export them (Biểu 06,
// 766 JSON, index workbooks, canonical files, dossier rows); or a folder of such files. A capture
// manifest (manifest*.json) beside the files or in the folder gives each file's period and day.
// --period, --as-of, --index, --sheet answer what the import page would ask for a file that does not
// say it (the period it covers, the day its figures were taken, which index a table holds, which sheet of
// a workbook), for every file given; what a file states itself wins.
// Loads through the browser's readers, validator and load step (src/load) and prints one JSON document:
// period, units with their figures, total, indices, warnings, errors and the row account of every file.
// `indices`: every published index figure (PCI, PAPI, SIPAS, PAR INDEX, DDCI, 766) of every unit and
// period, whole-unit rows at their latest snapshot, ordered by index, unit, period, component:
//   { unit_id, metric: "pci_total" | "pci_<component>" | "index_766_TDGQ"…, rank_metric: "pci_rank" | null,
//     index: "PCI", component: "TOTAL" | <as in the file>, period_type: "year", period: "2024",
//     value (the score; SIPAS a percent), max_score, rank, rank_of, rank_group, as_of, source, quality_flag }
// (metric ids from src/metrics/registry.ts; components a file holds get `<index>_<slug>` ids).
// Exit codes: 0 loaded (warnings allowed), 1 errors refused the source, 2 usage (a bad option, a missing
// source), 3 the command itself failed.
import { existsSync } from 'node:fs';
import { openNodeDb } from '../db/node';
import type { Db } from '../db/types';
import type { ReadOptions } from '../datasets/formats/detect';
import { dataSpan, evaluate } from '../metrics/evaluate';
import { indexFigures } from '../metrics/indices';
import { parsePeriod, validDate } from '../metrics/periods';
import { loadSource } from './loadSource';

const USAGE = 'usage: npm run --silent summary -- <datapackage.json|folder|file>… [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--period 2026-08|2026-Q3|2026] [--as-of YYYY-MM-DD] [--index PCI|PAPI|SIPAS|PAR|DDCI|766] [--sheet <name>]';

/** Bad usage: exit 2 with the message and the usage line. */
export class UsageError extends Error {}

function usage(msg: string): never {
  throw new UsageError(msg);
}

export function parseArgs(argv: string[]) {
  const sources: string[] = [];
  let from: string | undefined;
  let to: string | undefined;
  // periodKey: the evaluation reader's name for the same answer (a period key as the import page gives it)
  const all: ReadOptions & { periodKey?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) usage(`${a} needs a value`);
      return v;
    };
    if (a === '--from' || a === '--to') {
      const v = value();
      if (!validDate(v)) usage(`${a} needs a date YYYY-MM-DD`);
      if (a === '--from') from = v; else to = v;
    } else if (a === '--period') {
      const v = value();
      const p = /^\d{4}(-\d{2}|-Q[1-4])?$/.test(v) ? parsePeriod(v) : null;
      if (!p) usage(`--period needs a month 2026-08, a quarter 2026-Q3 or a year 2026 (got ${v})`);
      all.period = { period_start: p.from, period_end: p.to };
      all.year = Number(v.slice(0, 4));
      all.periodKey = v;
    } else if (a === '--as-of') {
      const v = value();
      if (!validDate(v)) usage('--as-of needs a date YYYY-MM-DD');
      all.asOf = v;
    } else if (a === '--index') {
      const v = value().toUpperCase();
      if (!/^(PCI|PAPI|SIPAS|PAR|DDCI|766)$/.test(v)) usage(`--index is one of PCI, PAPI, SIPAS, PAR, DDCI, 766 (got ${v})`);
      all.index = v;
    } else if (a === '--sheet') {
      all.sheet = value();
    } else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else sources.push(a);
  }
  if (!sources.length) usage('missing <source>');
  for (const s of sources) if (!existsSync(s)) usage(`no such file or folder: ${s}`);
  if (from && to && to < from) usage('--to is before --from');
  return { sources, from, to, all };
}

export interface SummaryRun {
  code: 0 | 1 | 2;
  /** the JSON document (null on bad usage) */
  doc: unknown;
  /** the usage message (code 2) */
  message?: string;
}

/** The whole command, in process (tests call it directly): arguments → exit code and document. A `db`
 *  given is loaded into (every table replaced, as the browser does on each load) and left open. */
export async function runSummary(argv: string[], given?: { db: Db }): Promise<SummaryRun> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) return { code: 2, doc: null, message: `${e.message}\n${USAGE}` };
    throw e;
  }
  const db = given?.db ?? (await openNodeDb());
  try {
    const loaded = await loadSource(db, args.sources, { all: args.all });
    const warnings = loaded.issues.filter((i) => i.severity === 'warning');
    const errors = loaded.issues.filter((i) => i.severity === 'error');
    if (errors.length) return { code: 1, doc: { period: null, units: [], total: null, indices: [], warnings, errors, accounts: loaded.accounts } };
    const indices = await indexFigures(db); // also defines the metrics of components found in the data
    const empty = { period: null, units: [], total: null, indices, warnings, errors, accounts: loaded.accounts };
    const span = await dataSpan(db);
    const from = args.from ?? span?.from;
    const to = args.to ?? span?.to;
    if (!from || !to) return { code: 0, doc: empty };
    const ev = await evaluate(db, { from, to });
    const units = ev.units.map((u) => ({ unit_id: u.unit_id, name: u.name, level: u.level, metrics: u.metrics }));
    return { code: 0, doc: { period: { from, to }, units, total: { metrics: ev.total.metrics }, indices, warnings, errors, accounts: loaded.accounts } };
  } finally {
    if (!given) await db.close();
  }
}

if (process.argv[1] && /summary\.ts$/.test(process.argv[1])) {
  runSummary(process.argv.slice(2)).then(
    (r) => {
      if (r.code === 2) {
        process.stderr.write(`${r.message}\n`);
        process.exit(2);
      }
      // exit once the document is written: process.exit right after a large write to a pipe cuts it short
      process.stdout.write(JSON.stringify(r.doc, null, 2) + '\n', () => process.exit(r.code));
    },
    (e) => {
      process.stderr.write(`summary failed: ${(e as Error).stack ?? e}\n`);
      process.exit(3);
    },
  );
}
