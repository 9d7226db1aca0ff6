// The build-time snapshot: queries recorded in Node answer the same SQL in the page with the same rows,
// packed and unpacked without loss; anything not recorded waits for the real database and the loaded
// data; the pages' default queries recorded on the sample answer the scoreboard month as a direct evaluation.
import path from 'node:path';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { queryKey } from '../../src/snapshot/key';
import { recordingDb } from '../../src/snapshot/record';
import { packRows, unpackRows, SNAPSHOT_FORMAT, type Snapshot } from '../../src/snapshot/types';
import { setServing, snapshotDb } from '../../src/stores/snapshot';
import { loadPackage } from '../../src/datasets/package';
import { folderSource } from '../../src/cli/nodeSource';
import { loadDataset } from '../../src/load';
import { evaluate } from '../../src/metrics/evaluate';
import { periodOf } from '../../src/metrics/periods';
import { runDefaultQueries } from '../../src/pages/index';

describe('queryKey', () => {
  it('depends on the SQL text and on every parameter, with types', () => {
    const a = queryKey('SELECT ?', ['1']);
    expect(a).toBe(queryKey('SELECT ?', ['1']));
    expect(a).not.toBe(queryKey('SELECT ?', [1]));
    expect(a).not.toBe(queryKey('SELECT  ?', ['1']));
    expect(a).not.toBe(queryKey('SELECT ?', ['1', null]));
    expect(a).toMatch(/^[0-9a-f]{28}$/);
  });
});

describe('packRows', () => {
  it('round-trips rows, nulls and empty results', () => {
    const rows = [{ unit_id: 'MH.01', v: 1.5, d: '2026-10-31', n: null }, { unit_id: 'MH.02', v: 0, d: null, n: 3 }];
    const packed = packRows(rows);
    expect(packed.c).toEqual(['unit_id', 'v', 'd', 'n']);
    expect(unpackRows(JSON.parse(JSON.stringify(packed)))).toEqual(rows);
    expect(unpackRows(packRows([]))).toEqual([]);
  });
});

describe('snapshotDb', () => {
  let real: Db;
  beforeAll(async () => { real = await openNodeDb(); });
  afterAll(async () => { await real.close(); });

  it('answers recorded queries at once and sends others to the real database after loading', async () => {
    await real.exec('CREATE TABLE t AS SELECT * FROM (VALUES (1, \'a\'), (2, \'b\')) v(n, s)');
    const rec = recordingDb(real);
    const recorded = await rec.db.query('SELECT n, s FROM t WHERE n = ?', [2]);
    const snap: Snapshot = {
      format: SNAPSHOT_FORMAT, package: 'p/datapackage.json', builtAt: '', meta: { name: 'p', title: 'p' }, warnings: [], accounts: [],
      units: [], span: null, hasDays: false, hasChannels: false, queries: rec.results, charts: {},
    };
    let loaded = false;
    let finishLoad: () => void = () => {};
    const load = new Promise<void>((r) => { finishLoad = () => { loaded = true; r(); }; });
    setServing(true);
    let asked = 0;
    const proxy = snapshotDb(snap, async () => real, () => { asked++; return load; });
    // recorded: same rows, before the data is loaded
    expect(await proxy.query('SELECT n, s FROM t WHERE n = ?', [2])).toEqual(recorded);
    expect(loaded).toBe(false);
    // not recorded: waits for the load, then runs on the real database
    const later = proxy.query<{ n: number }>('SELECT count(*) AS n FROM t');
    let settled = false;
    void later.then(() => { settled = true; });
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    expect(asked).toBe(1); // the miss asked for the load (DuckDB starts on demand)
    finishLoad();
    expect(await later).toEqual([{ n: 2 }]);
    // once DuckDB has taken over, even recorded queries go to it (the data may have changed since)
    setServing(false);
    await real.exec('UPDATE t SET s = \'z\' WHERE n = 2');
    expect(await proxy.query('SELECT n, s FROM t WHERE n = ?', [2])).toEqual([{ n: 2, s: 'z' }]);
  });
});

describe('snapshotDb with a `more` file', () => {
  let real: Db;
  beforeAll(async () => { real = await openNodeDb(); await real.exec('CREATE TABLE m AS SELECT * FROM (VALUES (1), (2), (3)) v(n)'); });
  afterAll(async () => { await real.close(); vi.unstubAllGlobals(); });

  it('answers what the page block lacks from the file (fetched once), and the rest from the real database', async () => {
    const rec = recordingDb(real);
    const inFile = await rec.db.query('SELECT sum(n) AS s FROM m');
    const files: string[] = [];
    vi.stubGlobal('location', { origin: 'https://chiso.example', href: 'https://chiso.example/embed/metric' });
    vi.stubGlobal('fetch', async (url: string) => {
      files.push(url);
      return { ok: true, json: async () => JSON.parse(JSON.stringify({ format: SNAPSHOT_FORMAT, package: 'p/datapackage.json', queries: rec.results })) };
    });
    const snap: Snapshot = {
      format: SNAPSHOT_FORMAT, package: 'p/datapackage.json', builtAt: '', meta: { name: 'p', title: 'p' }, warnings: [], accounts: [],
      units: [], span: null, hasDays: false, hasChannels: false, queries: {}, charts: {}, more: 'snapshot/queries-0123456789.json',
    };
    setServing(true);
    let asked = 0;
    const proxy = snapshotDb(snap, async () => real, async () => { asked++; });
    expect(await proxy.query('SELECT sum(n) AS s FROM m')).toEqual(inFile);
    expect(await proxy.query('SELECT sum(n) AS s FROM m')).toEqual(inFile);
    expect(files).toEqual(['https://chiso.example/snapshot/queries-0123456789.json']);
    expect(asked).toBe(0);
    // in neither: the real database, after the load
    expect(await proxy.query<{ n: number }>('SELECT count(*)::INT AS n FROM m')).toEqual([{ n: 3 }]);
    expect(asked).toBe(1);
    // a file of another package is not used
    const other = snapshotDb({ ...snap, package: 'q/datapackage.json', more: 'snapshot/queries-abcdefabcd.json' }, async () => real, async () => { asked++; });
    expect(await other.query('SELECT sum(n) AS s FROM m')).toEqual(inFile); // the real database gives the same rows
    expect(asked).toBe(2);
    setServing(false);
  });
});

const sample = path.resolve('data/sample');
describe.skipIf(!fs.existsSync(path.join(sample, 'datapackage.json')))('default views on the sample', () => {
  it('records the scoreboard month, whose replay equals a direct evaluation', async () => {
    const db = await openNodeDb();
    const ds = await loadPackage(folderSource(sample));
    const facts = await loadDataset(db, ds);
    const rec = recordingDb(db);
    await runDefaultQueries(rec.db, { span: facts.span, hasDays: facts.hasDays });
    const p = periodOf('month', facts.span!.to);
    setServing(true);
    const proxy = snapshotDb({
      format: SNAPSHOT_FORMAT, package: 'x', builtAt: '', meta: { name: '', title: '' }, warnings: [], accounts: [], units: [], span: facts.span,
      hasDays: false, hasChannels: false, queries: JSON.parse(JSON.stringify(rec.results)), charts: {},
    }, () => Promise.reject(new Error('the real database must not be asked')), () => new Promise(() => {}));
    const fromSnapshot = await evaluate(proxy, { from: p.from, to: p.to, levels: ['agency'] });
    const direct = await evaluate(db, { from: p.from, to: p.to, levels: ['agency'] });
    expect(fromSnapshot).toEqual(direct);
    expect(direct.units.length).toBeGreaterThan(0);
    setServing(false);
    await db.close();
  }, 240_000);
});
