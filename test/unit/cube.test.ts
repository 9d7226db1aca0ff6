// The cumulative cube (src/load/cube.ts) against the reference SQL (queries.ts buildCountSql: window
// functions over dossier_counts at series edges): random windows, groupings, filters, lineage and
// channels, on the sample (monthly published counts) and on a generated dossier package (day-grain
// counts derived from dossier rows, per channel too); and the scoreboard's two-statement query against
// its 16-statement reference.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSource } from '../../src/cli/loadSource';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { buildCube, cubeReady, lastSlotStartOnOrBefore, slotStartOnOrAfter } from '../../src/load/cube';
import { parsePeriod } from '../../src/metrics/periods';
import { queryCounts, queryCountsReference, queryCube, type CountRow, type Grouping } from '../../src/metrics/queries';
import { queryScoreboard, queryScoreboardReference } from '../../src/metrics/scoreboardQuery';
import { writeSamplePackage } from '../../src/sample/sample';
import { writeDossierFiles } from '../../src/sample/writeDossiers';

const RUNS = Number(process.env.CHISO_CUBE_RUNS ?? 12);
fc.configureGlobal({ seed: Number(process.env.CHISO_FUZZ_SEED ?? 20261201) });

/** Numbers rounded (lineage shares make sums of products differ in the last bits), keys sorted. */
function norm(x: unknown): unknown {
  if (typeof x === 'number') return Number.isInteger(x) ? x : Math.round(x * 1e6) / 1e6;
  if (Array.isArray(x)) return x.map(norm);
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, norm(v)]));
  return x;
}

const dayMs = 86_400_000;
const iso = (d: number) => new Date(d * dayMs).toISOString().slice(0, 10);
const day = (s: string) => Date.parse(`${s}T00:00:00Z`) / dayMs;

/** A random window inside (and a little around) the data's span: days, months, quarters, weeks, years. */
function windowArb(from: string, to: string) {
  const lo = day(from) - 40;
  const hi = day(to) + 40;
  const anyRange = fc.tuple(fc.integer({ min: lo, max: hi }), fc.integer({ min: 0, max: 500 })).map(([a, n]) => ({ from: iso(a), to: iso(Math.min(a + n, hi)) }));
  const named = fc.tuple(fc.integer({ min: lo, max: hi }), fc.constantFrom('month', 'quarter', 'half', 'year', 'week', 'ytd')).map(([a, kind]) => {
    const d = iso(a);
    const key = kind === 'month' ? d.slice(0, 7) : kind === 'quarter' ? `${d.slice(0, 4)}-Q${Math.ceil(Number(d.slice(5, 7)) / 3)}`
      : kind === 'half' ? `${d.slice(0, 4)}-H${Number(d.slice(5, 7)) <= 6 ? 1 : 2}` : kind === 'year' ? d.slice(0, 4)
      : kind === 'week' ? `${d.slice(0, 4)}-W${String(1 + (Math.floor(a / 7) % 52)).padStart(2, '0')}` : `ytd:${d}`;
    const p = parsePeriod(key)!;
    return { from: p.from, to: p.to };
  });
  return fc.oneof(anyRange, named);
}

const groupingArb = fc.subarray<Exclude<Grouping, 'bucket'>>(['unit', 'field', 'parent']);

interface Loaded { db: Db; span: { from: string; to: string }; units: string[]; fields: string[]; levels: string[] }

async function facts(db: Db): Promise<Loaded> {
  const [s] = await db.query<{ from: string; to: string }>('SELECT min(period_start) AS "from", max(period_end) AS "to" FROM dossier_counts');
  const units = (await db.query<{ u: string }>('SELECT DISTINCT unit_id AS u FROM dossier_counts ORDER BY 1')).map((r) => r.u);
  const fields = (await db.query<{ f: string }>("SELECT DISTINCT coalesce(field, '') AS f FROM dossier_counts ORDER BY 1")).map((r) => r.f);
  const levels = (await db.query<{ l: string }>('SELECT DISTINCT level AS l FROM units ORDER BY 1')).map((r) => r.l);
  return { db, span: s, units, fields, levels };
}

function filtersArb(l: Loaded, channels: boolean) {
  return fc.record({
    unitIds: fc.option(fc.subarray(l.units, { minLength: 1, maxLength: 4 }), { nil: undefined, freq: 2 }),
    fields: fc.option(fc.subarray(l.fields, { minLength: 1, maxLength: 3 }), { nil: undefined, freq: 3 }),
    levels: fc.option(fc.subarray(l.levels, { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 2 }),
    lineage: fc.boolean(),
    channels: channels ? fc.option(fc.subarray([1, 2, 3], { minLength: 1 }), { nil: undefined, freq: 2 }) : fc.constant(undefined),
  });
}

async function checkEqual(l: Loaded, channels: boolean) {
  await fc.assert(fc.asyncProperty(windowArb(l.span.from, l.span.to), groupingArb, filtersArb(l, channels), async (w, groupBy, f) => {
    const q = { ...w, groupBy, ...f };
    const [cube, ref] = await Promise.all([queryCounts(l.db, q), queryCountsReference(l.db, q)]);
    expect(norm(cube)).toEqual(norm(ref));
  }), { numRuns: RUNS });
}

/** Many windows and sets in one statement give what each window's own query gives. */
async function checkBatched(l: Loaded) {
  await fc.assert(fc.asyncProperty(fc.array(windowArb(l.span.from, l.span.to), { minLength: 1, maxLength: 5 }), filtersArb(l, false), async (windows, f) => {
    const sets = [{ groupBy: ['unit' as const] }, { groupBy: [] as never[], windows: [0] }, { groupBy: ['unit' as const, 'field' as const], windows: [windows.length - 1], metrics: ['overdue_count'] }];
    const got = await queryCube(l.db, { ...f, windows, sets });
    for (const [g, set] of sets.entries()) {
      for (const [i, w] of windows.entries()) {
        const expected: CountRow[] = set.windows && !set.windows.includes(i) ? [] : await queryCountsReference(l.db, { ...f, ...w, groupBy: set.groupBy, metrics: set.metrics });
        expect(norm(got[g][i])).toEqual(norm(expected));
      }
    }
  }), { numRuns: Math.ceil(RUNS / 2) });
}

const dirs: string[] = [];
let sample: Loaded;
let dossiers: Loaded;

beforeAll(async () => {
  const a = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-cube-sample-'));
  dirs.push(a);
  writeSamplePackage(a);
  const db1 = await openNodeDb();
  await loadSource(db1, a);
  sample = await facts(db1);
  const b = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-cube-dossiers-'));
  dirs.push(b);
  writeDossierFiles({ rows: 20_000, out: b, seed: 7, formats: ['parquet'] });
  const db2 = await openNodeDb();
  await loadSource(db2, b);
  dossiers = await facts(db2);
}, 240_000);

afterAll(async () => {
  await sample?.db.close();
  await dossiers?.db.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('slots', () => {
  it('first slot on or after a day, last slot ending on or before it', () => {
    expect(slotStartOnOrAfter('2026-10-01', -1)).toBe('2026-10-01');
    expect(slotStartOnOrAfter('2026-10-02', -1)).toBe('2026-11-01');
    expect(slotStartOnOrAfter('2026-11-15', -3)).toBe('2027-01-01');
    expect(slotStartOnOrAfter('2026-07-01', -6)).toBe('2026-07-01');
    expect(slotStartOnOrAfter('2026-10-14', 7)).toBe('2026-10-19'); // Wednesday → next Monday
    expect(lastSlotStartOnOrBefore('2026-10-31', -1)).toBe('2026-10-01');
    expect(lastSlotStartOnOrBefore('2026-10-30', -1)).toBe('2026-09-01');
    expect(lastSlotStartOnOrBefore('2026-12-31', -12)).toBe('2026-01-01');
    expect(lastSlotStartOnOrBefore('2026-10-25', 7)).toBe('2026-10-19'); // Sunday ends its week
    expect(lastSlotStartOnOrBefore('2026-10-24', 7)).toBe('2026-10-12');
  });
});

describe('cube = reference', () => {
  it('the sample (monthly counts): a cube is built, bounded by series × months', async () => {
    expect(await cubeReady(sample.db)).toBe(true);
    const [c] = await sample.db.query<{ n: number; s: number }>('SELECT (SELECT count(*) FROM count_cube) AS n, (SELECT count(*) FROM count_cube_series) AS s');
    expect(c.n).toBeLessThanOrEqual(c.s * 12 * 6);
  });

  it('the sample: random windows, groupings, filters and lineage', () => checkEqual(sample, false), 300_000);
  it('the sample: many windows and sets in one statement', () => checkBatched(sample), 300_000);
  it('dossiers (day grain, by channel): random windows, groupings, filters, lineage and channels', () => checkEqual(dossiers, true), 300_000);
  it('dossiers: many windows and sets in one statement', () => checkBatched(dossiers), 300_000);

  it('the scoreboard in two statements = its 16-statement reference', async () => {
    // the reference scoreboard is slow (16 statements): every kind on the sample, a week and January on day-grain data
    for (const key of ['2026-10', '2026-W40', '2026-01', 'ytd:2026-10-15']) {
      for (const l of key === '2026-W40' || key === '2026-01' ? [sample, dossiers] : [sample]) {
        const period = parsePeriod(key)!;
        const scope = { period, levels: [l.levels[0]] };
        expect(norm(await queryScoreboard(l.db, scope))).toEqual(norm(await queryScoreboardReference(l.db, scope)));
        const unit = { period, unitIds: [l.units[0]], seriesMetrics: 'all' as const };
        expect(norm(await queryScoreboard(l.db, unit))).toEqual(norm(await queryScoreboardReference(l.db, unit)));
      }
    }
  }, 300_000);

  it('counts that are not calendar slots of one grain: no cube, the reference answers', async () => {
    const db = sample.db;
    await db.exec("INSERT INTO dossier_counts SELECT * REPLACE (period_start + 3 AS period_start) FROM dossier_counts LIMIT 1");
    const info = await buildCube(db);
    expect(info.built).toBe(false);
    expect(await cubeReady(db)).toBe(false);
    const q = { from: '2026-01-01', to: '2026-06-30', groupBy: ['unit' as const] };
    expect(norm(await queryCounts(db, q))).toEqual(norm(await queryCountsReference(db, q)));
  });
});
