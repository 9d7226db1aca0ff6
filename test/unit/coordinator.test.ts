// The coordinator (src/coordinator/coordinator.ts): the queries of one tick go to the database as one
// statement, and every caller gets exactly the rows its query gives alone (order, dates, timestamps,
// BIGINT, DECIMAL and HUGEINT sums, lists, structs, nulls, no rows); an error reaches the caller whose
// query caused it; a superseded run's queries are never sent; a stand-in Db (snapshot, recorder) gets
// each query alone; the scoreboard page's two specs cost one round trip per filter change.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSource } from '../../src/cli/loadSource';
import { Coordinator, Superseded, combine } from '../../src/coordinator/coordinator';
import { openNodeDb } from '../../src/db/node';
import type { Db, Param, Row } from '../../src/db/types';
import { parsePeriod } from '../../src/metrics/periods';
import { headlineQuery } from '../../src/pages/scoreboard/headlineQuery';
import { scoreboardQuery } from '../../src/pages/scoreboard/query';
import { writeSamplePackage } from '../../src/sample/sample';

fc.configureGlobal({ seed: Number(process.env.CHISO_FUZZ_SEED ?? 20261201) });

/** A Db that counts the statements it is sent (and may refuse to combine, as a stand-in does). */
function counting(db: Db, combines = true): Db & { sent: string[] } {
  const sent: string[] = [];
  return { ...db, combines, sent, query: (sql: string, params?: Param[]) => { sent.push(sql); return db.query(sql, params); } } as Db & { sent: string[] };
}

let db: Db;
const dirs: string[] = [];

beforeAll(async () => {
  db = await openNodeDb();
  // every type a page's query returns, nulls in each column, a row order no index gives for free
  await db.exec(`CREATE TABLE t AS SELECT i,
      (hash(i) % 100000)::BIGINT - 50000 AS big,
      ((hash(i * 7) % 200000)::DECIMAL(18, 3) / 1000 - 100)::DECIMAL(18, 3) AS dec,
      DATE '2024-01-01' + (i % 900)::INTEGER AS day,
      TIMESTAMP '2024-01-01 00:00:00' + to_seconds((hash(i) % 80000000)::BIGINT) AS ts,
      CASE WHEN i % 5 = 0 THEN NULL ELSE 'unit ' || (i % 17) END AS name,
      CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 11)::INTEGER END AS n,
      (i % 4 = 0) AS flag,
      [i, i + 1]::BIGINT[] AS pair,
      {'d': DATE '2025-06-30' - (i % 40)::INTEGER, 'v': (i % 9)::DECIMAL(6, 2) / 4} AS rec
    FROM range(3000) r(i)`);
}, 60_000);

afterAll(async () => {
  await db?.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Query shapes a page asks: plain rows in a chosen order, sums (HUGEINT), groups, nothing. */
const shapes: ((a: number, b: number) => { sql: string; params: Param[] })[] = [
  (a, b) => ({ sql: 'SELECT * FROM t WHERE i BETWEEN ? AND ? ORDER BY hash(i * 31)', params: [a, a + b] }),
  (a) => ({ sql: 'SELECT name, sum(big) AS s, sum(dec) AS d, count(*) AS c, min(day) AS first, max(ts) AS last FROM t WHERE i >= ? GROUP BY name ORDER BY name DESC NULLS FIRST', params: [a] }),
  (a, b) => ({ sql: 'SELECT day, n, flag FROM t WHERE i < ? AND n = ? ORDER BY day DESC, i', params: [a, b % 11] }),
  (a) => ({ sql: 'SELECT * FROM t WHERE i < 0 AND i <> ?', params: [a] }),
  () => ({ sql: 'SELECT count(*) AS n, sum(big) AS s FROM t -- a trailing comment', params: [] }),
  (a) => ({ sql: 'SELECT rec, pair FROM t WHERE i % 97 = ? ORDER BY i DESC;', params: [a % 97] }),
];

describe('one statement per tick', () => {
  it('gives each caller exactly the rows its query gives alone', async () => {
    await fc.assert(fc.asyncProperty(
      fc.array(fc.tuple(fc.integer({ min: 0, max: shapes.length - 1 }), fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 2500 })), { minLength: 2, maxLength: 6 }),
      async (picks) => {
        const qs = picks.map(([s, a, b]) => shapes[s](a, b));
        const alone = await Promise.all(qs.map((q) => db.query(q.sql, q.params)));
        const base = counting(db);
        const c = new Coordinator(async () => base);
        const cdb = c.db(1);
        const together = await Promise.all(qs.map((q) => cdb.query(q.sql, q.params)));
        expect(together).toEqual(alone);
        // one round trip, however many distinct queries (identical ones share their answer)
        expect(base.sent.length).toBe(1);
      }), { numRuns: 15 });
  }, 120_000);

  it('converts nested values as top-level ones: dates, timestamps, BIGINT, DECIMAL, HUGEINT, lists, structs, nulls', async () => {
    const q = { sql: 'SELECT big, dec, day, ts, name, n, pair, rec, sum(big) OVER () AS total FROM t WHERE i IN (?, ?, ?) ORDER BY i', params: [0, 1, 15] as Param[] };
    const alone = await db.query(q.sql, q.params);
    expect(alone[0]).toEqual({ big: Number(alone[0].big), dec: alone[0].dec, day: '2024-01-01', ts: alone[0].ts, name: null, n: null, pair: [0, 1], rec: { d: '2025-06-30', v: 0 }, total: alone[0].total });
    expect(typeof alone[0].dec).toBe('number');
    expect(alone[0].ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(alone[1].rec).toEqual({ d: '2025-06-29', v: 0.25 });
    // the same values computed by DuckDB as text: the numbers are exact
    const text = await db.query<{ big: string; dec: string; total: string }>('SELECT big::VARCHAR AS big, dec::VARCHAR AS dec, (sum(big) OVER ())::VARCHAR AS total FROM t WHERE i IN (?, ?, ?) ORDER BY i', q.params);
    expect(alone.map((r) => [r.big, r.dec, r.total])).toEqual(text.map((r) => [Number(r.big), Number(r.dec), Number(r.total)]));
    const { sql, params } = combine([q, { sql: 'SELECT 1 AS one WHERE false', params: [] }]);
    const [row] = await db.query(sql, params);
    expect(row).toEqual({ r0: alone, r1: null });
  });

  it('an error reaches the caller whose query failed; the others get their rows', async () => {
    const base = counting(db);
    const c = new Coordinator(async () => base);
    const cdb = c.db(1);
    const good = shapes[1](10, 0);
    const [a, b, e] = await Promise.allSettled([
      cdb.query(good.sql, good.params),
      cdb.query('SELECT 2 AS two'),
      cdb.query('SELECT no_such_column FROM t WHERE i = ?', [1]),
    ]);
    expect(a).toEqual({ status: 'fulfilled', value: await db.query(good.sql, good.params) });
    expect(b).toEqual({ status: 'fulfilled', value: [{ two: 2 }] });
    expect(e.status).toBe('rejected');
    expect(String((e as PromiseRejectedResult).reason)).toMatch(/no_such_column/);
    // the combined statement, then each alone
    expect(base.sent.length).toBe(4);
  });

  it('drops a superseded run\'s queries before they are sent; a stand-in Db gets each query alone', async () => {
    const base = counting(db);
    const c = new Coordinator(async () => base);
    let live = true;
    const old = c.db(1, () => live).query('SELECT 1 AS a');
    const cur = c.db(1).query('SELECT 2 AS b');
    live = false;
    await expect(old).rejects.toBeInstanceOf(Superseded);
    expect(await cur).toEqual([{ b: 2 }]);
    expect(base.sent).toEqual(['SELECT 2 AS b']);
    expect(c.stats.dropped).toBe(1);

    const stand = counting(db, false);
    const s = new Coordinator(async () => stand).db(1);
    expect(await Promise.all([s.query('SELECT 1 AS a'), s.query('SELECT 2 AS b')])).toEqual([[{ a: 1 }], [{ b: 2 }]]);
    expect(stand.sent).toEqual(['SELECT 1 AS a', 'SELECT 2 AS b']);
  });
});

describe('scoreboard page', () => {
  it('a filter change is one round trip for the scoreboard and its headline, with the figures each spec gives alone', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-coordinator-'));
    dirs.push(dir);
    writeSamplePackage(dir);
    const sample = await openNodeDb();
    try {
      await loadSource(sample, dir);
      const base = counting(sample);
      const c = new Coordinator(async () => base);
      const [{ to }] = await sample.query<{ to: string }>('SELECT max(period_end)::VARCHAR AS "to" FROM dossier_counts');
      const [{ level }] = await sample.query<{ level: string }>("SELECT level FROM units WHERE parent_id IS NOT NULL GROUP BY level ORDER BY count(DISTINCT parent_id), level LIMIT 1");
      const months = [to.slice(0, 7), parsePeriod(to.slice(0, 7))!.from.slice(0, 4) + '-Q1'];
      const specs = (key: string) => {
        const period = parsePeriod(key)!;
        return [scoreboardQuery({ period, levels: [level] }), headlineQuery({ period, level })] as const;
      };
      // the first view also reads units, targets and whether the cube is there
      await Promise.all(specs(months[0]).map((s) => s.run(c.db(1))));
      const before = base.sent.length;
      const [board, headline] = specs(months[1]);
      const got = await Promise.all([board.run(c.db(1)), headline.run(c.db(1))]);
      expect(base.sent.length - before).toBe(1);
      expect(got).toEqual([await board.run(sample), await headline.run(sample)]);
    } finally {
      await sample.close();
    }
  }, 120_000);
});
