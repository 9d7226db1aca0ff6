// npm run --silent summary -- <source> [--from YYYY-MM-DD] [--to YYYY-MM-DD]
// Loads a package (or a single file) with the browser's loader, validation and SQL, and prints one
// JSON document. Exit 0 when loaded (warnings allowed), 1 when errors refused the source, 2 on usage.
import { openNodeDb } from '../db/node';
import { dataSpan, evaluate } from '../metrics/evaluate';
import { validDate } from '../metrics/periods';
import { loadSource } from './loadSource';

function usage(msg: string): never {
  process.stderr.write(`${msg}\nusage: npm run --silent summary -- <datapackage.json|folder|file> [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  let source: string | undefined;
  let from: string | undefined;
  let to: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--from' || a === '--to') {
      const v = argv[++i];
      if (!v || !validDate(v)) usage(`${a} needs a date YYYY-MM-DD`);
      if (a === '--from') from = v; else to = v;
    } else if (a.startsWith('--')) usage(`unknown option ${a}`);
    else if (!source) source = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!source) usage('missing <source>');
  if (from && to && to < from) usage('--to is before --from');
  return { source, from, to };
}

/** Print the document, then exit once it is written: process.exit right after a large write to a pipe
 *  cuts the output short. */
function print(doc: unknown, code: number): void {
  process.stdout.write(JSON.stringify(doc, null, 2) + '\n', () => process.exit(code));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const db = await openNodeDb();
  const loaded = await loadSource(db, args.source);
  const warnings = loaded.issues.filter((i) => i.severity === 'warning');
  const errors = loaded.issues.filter((i) => i.severity === 'error');
  if (errors.length) {
    return print({ period: null, units: [], total: null, warnings, errors, accounts: loaded.accounts }, 1);
  }
  const span = await dataSpan(db);
  const from = args.from ?? span?.from;
  const to = args.to ?? span?.to;
  if (!from || !to) {
    return print({ period: null, units: [], total: null, warnings, errors, accounts: loaded.accounts }, 0);
  }
  const ev = await evaluate(db, { from, to });
  const units = ev.units.map((u) => ({ unit_id: u.unit_id, name: u.name, level: u.level, metrics: u.metrics }));
  print({ period: { from, to }, units, total: { metrics: ev.total.metrics }, warnings, errors, accounts: loaded.accounts }, 0);
}

main().catch((e) => {
  process.stderr.write(`summary failed: ${(e as Error).stack ?? e}\n`);
  process.exit(3);
});
