// Fuzzing every filter that reaches SQL: random strings (quotes, semicolons, comments, NUL, unicode,
// SQL keywords) as unitIds, fields, levels, index names and from/to dates, into queryCounts, queryIndex
// and evaluate, on the sample loaded in a Node DuckDB. Values must travel as bound parameters: a hostile
// value matches nothing (or is refused cleanly, with a DuckDB conversion error for a date that is not a
// date), never changes the statement, and the tables are exactly as they were afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSource } from '../../src/cli/loadSource';
import { hasErrors } from '../../src/datasets/types';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { evaluate } from '../../src/metrics/evaluate';
import { parsePeriod } from '../../src/metrics/periods';
import { queryCounts, queryIndex, type Bucket, type Grouping } from '../../src/metrics/queries';
import { writeSamplePackage } from '../../src/sample/sample';

const RUNS = Number(process.env.CHISO_FUZZ_RUNS ?? 40);
// A fixed seed keeps CI reproducible; set CHISO_FUZZ_SEED to explore other inputs.
fc.configureGlobal({ seed: Number(process.env.CHISO_FUZZ_SEED ?? 20261019) });

/** Text an attacker would try, plus plain noise. */
const INJECTIONS = [
  "'", "''", '"', '";', "'; DROP TABLE units; --", "' OR '1'='1", "') OR ('1'='1", '1; DELETE FROM dossier_counts',
  '*/ SELECT 1 /*', '-- ', '\\', '\\\'', '$1', '?', '%', '_', "' UNION SELECT * FROM units --", 'NULL', '\u0000',
  'MH.02', '2026-10-01', "2026-10-01'; DROP TABLE targets; --", 'ATTACH \'x.db\'', "COPY units TO 'x.csv'",
  'Sở Nội vụ', 'Thi đua, khen thưởng', '😀', '\u202e', '<script>window.__xss=1</script>', ' ', '',
];
/** Real values, so that some runs do match rows and the "only what was named" checks bite. */
const REAL = ['MH', 'MH.01', 'MH.02', 'MH.03', 'agency', 'province', 'commune', 'Thi đua, khen thưởng', 'Hộ tịch', '766', 'TOTAL', 'month', '2026-10'];
const hostile = fc.oneof(
  fc.constantFrom(...INJECTIONS),
  fc.constantFrom(...REAL),
  fc.string({ unit: fc.constantFrom("'", '"', ';', '-', '/', '*', '\\', '\u0000', 'ộ', 'Đ', ' ', 'a', '%', '_', '?', ')', '(', '$', '😀', '\n'), maxLength: 24 }),
  fc.string({ unit: 'grapheme', maxLength: 16 }),
  fc.string({ unit: 'binary', maxLength: 16 }),
);
const hostileList = fc.array(hostile, { minLength: 1, maxLength: 4 });
const grouping = fc.subarray<Grouping>(['unit', 'field', 'bucket', 'parent']);
const bucket = fc.option(fc.constantFrom<Bucket>('month', 'quarter', 'half', 'year', 'week'), { nil: undefined });

/** A refusal we accept: DuckDB saying a text is not a date. Anything else (parser, binder, catalog
 *  errors) would mean a value changed the statement. */
const CLEAN_REFUSAL = /Conversion Error|Could not convert|invalid date|date field value out of range/i;

let db: Db;
let dir: string;
let snapshot: string;
const FROM = '2026-10-01';
const TO = '2026-10-31';
let baseline: unknown;
let matched = 0;

/** Every table's row count and a checksum of its content: identical before and after the fuzz. */
async function tablesState(d: Db): Promise<string> {
  const out: string[] = [];
  for (const t of ['units', 'unit_lineage', 'dossier_counts', 'index_scores', 'targets', 'dossiers']) {
    const [r] = await d.query<{ n: number; h: number | null }>(`SELECT count(*) AS n, sum(hash(t::VARCHAR)) % 1000000007 AS h FROM "${t}" t`);
    out.push(`${t}:${r.n}:${r.h}`);
  }
  const tables = await d.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables ORDER BY 1");
  out.push(tables.map((t) => t.name).join(','));
  return out.join(' ');
}

async function guarded<T>(run: () => Promise<T>): Promise<T | 'refused'> {
  try {
    return await run();
  } catch (e) {
    const msg = (e as Error).message ?? String(e);
    expect(msg, 'only a clean refusal may be thrown').toMatch(CLEAN_REFUSAL);
    return 'refused';
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-fuzz-'));
  writeSamplePackage(dir);
  db = await openNodeDb();
  const ds = await loadSource(db, dir);
  expect(hasErrors(ds.issues)).toBe(false);
  snapshot = await tablesState(db);
  baseline = await evaluate(db, { from: FROM, to: TO });
}, 120_000);

afterAll(async () => {
  await db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('filters into SQL', () => {
  it('queryCounts: hostile unitIds, fields and levels match nothing they do not name', async () => {
    const maybe = fc.option(hostileList, { nil: undefined, freq: 2 });
    await fc.assert(fc.asyncProperty(maybe, maybe, maybe, grouping, bucket, fc.boolean(), async (unitIds, fields, levels, groupBy, b, lineage) => {
      const rows = await queryCounts(db, { from: FROM, to: TO, unitIds, fields, levels, groupBy, bucket: b, lineage });
      if (rows.some((r) => r.rows > 0)) matched++;
      // every unit id, field and level that came back is one the filter named, character for character
      for (const r of rows) {
        if (r.unit_id !== undefined && unitIds?.length) expect(unitIds).toContain(r.unit_id);
        if (r.field !== undefined && fields?.length) expect(fields).toContain(r.field);
      }
    }), { numRuns: RUNS });
    expect(await tablesState(db)).toBe(snapshot);
  });

  it('queryCounts: a mix of real and hostile values matches exactly the real ones', async () => {
    await fc.assert(fc.asyncProperty(hostileList, async (list) => {
      const noise = list.filter((v) => !REAL.includes(v));
      const rows = await queryCounts(db, { from: FROM, to: TO, unitIds: [...noise, 'MH.02'], fields: [...noise, 'Thi đua, khen thưởng'], groupBy: ['unit', 'field'] });
      expect(rows.map((r) => [r.unit_id, r.field])).toEqual([['MH.02', 'Thi đua, khen thưởng']]);
      expect(rows[0].metrics.overdue_count.value).toBe(10);
    }), { numRuns: RUNS });
    expect(matched, 'some fuzz runs matched real rows').toBeGreaterThan(0);
  });

  it('queryCounts: hostile from/to are refused cleanly or match nothing', async () => {
    await fc.assert(fc.asyncProperty(hostile, hostile, grouping, async (from, to, groupBy) => {
      const r = await guarded(() => queryCounts(db, { from, to, groupBy }));
      if (r !== 'refused') for (const row of r) expect(row.rows).toBeGreaterThanOrEqual(0);
    }), { numRuns: RUNS });
    expect(await tablesState(db)).toBe(snapshot);
  });

  it('queryIndex: hostile periods, unit ids, index names and as-of dates', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.record({ period_type: hostile, period: hostile }), { minLength: 1, maxLength: 3 }), hostileList, hostileList, fc.option(hostile, { nil: undefined }),
      async (periods, unitIds, indexes, asOfMax) => {
        const r = await guarded(() => queryIndex(db, { periods, unitIds, indexes, asOfMax }));
        if (r !== 'refused') for (const row of r) {
          expect(unitIds).toContain(row.unit_id);
          expect(indexes).toContain(row.index);
        }
      },
    ), { numRuns: RUNS });
    expect(await tablesState(db)).toBe(snapshot);
  });

  it('evaluate: hostile filters give no unit they do not name, and hostile dates are refused cleanly', async () => {
    await fc.assert(fc.asyncProperty(hostileList, hostileList, hostileList, fc.boolean(), async (unitIds, fields, levels, lineage) => {
      const e = await evaluate(db, { from: FROM, to: TO, unitIds, fields, levels, lineage });
      for (const u of e.units) {
        expect(unitIds).toContain(u.unit_id);
        expect(levels).toContain(u.level);
      }
    }), { numRuns: RUNS });
    await fc.assert(fc.asyncProperty(hostile, hostile, async (from, to) => {
      // a period key from the URL is parsed first: only a real period reaches evaluate
      const p = parsePeriod(`${from}..${to}`) ?? parsePeriod(from);
      if (p) {
        expect(p.from <= p.to).toBe(true);
        const r = await guarded(() => evaluate(db, { from: p.from, to: p.to }));
        expect(r).not.toBe('refused');
      }
    }), { numRuns: RUNS });
    expect(await tablesState(db)).toBe(snapshot);
  });

  it('classic injections as unit ids are inert: no rows, no error, nothing dropped', async () => {
    for (const v of INJECTIONS) {
      const rows = await queryCounts(db, { from: FROM, to: TO, unitIds: [v], groupBy: ['unit'] });
      expect(rows.every((r) => r.unit_id === v), JSON.stringify(v)).toBe(true);
    }
    // a real id still works, and the figures are those of before the fuzz
    const one = await queryCounts(db, { from: FROM, to: TO, unitIds: ['MH.02'], groupBy: ['unit'] });
    expect(one.map((r) => r.unit_id)).toEqual(['MH.02']);
    expect(one[0].metrics.overdue_count.value).toBe(10);
    expect(await evaluate(db, { from: FROM, to: TO })).toEqual(baseline);
    expect(await tablesState(db)).toBe(snapshot);
  });

  it('parsePeriod never throws and returns only real, ordered ISO ranges', () => {
    fc.assert(fc.property(hostile, (key) => {
      const p = parsePeriod(key);
      if (p) {
        expect(p.from).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(p.to).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(p.from <= p.to).toBe(true);
      }
    }), { numRuns: 500 });
  });
});
