// The pack step: the same SQL on both engines. A dossier-level package is loaded on native DuckDB
// (@duckdb/node-api, the pack command's engine) and packed; the pack is attached in duckdb-wasm (Node
// build, files handed over with registerFileBuffer) as the browser attaches it. Every figure of the
// summary, for several windows, and the due-soon list must be the same on both, and the same as the
// unpacked package loaded in duckdb-wasm.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openNativeDb, type NativeDb } from '../../src/db/native';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { loadSource } from '../../src/cli/loadSource';
import { nativeParquetReader } from '../../src/cli/pack';
import { folderSource } from '../../src/cli/nodeSource';
import { attachedPartitions, extendPack, openPack, selectPartitions, type PackDescriptor } from '../../src/load/pack';
import { packParts } from '../../src/url/packParts';
import { dataSpan, evaluate } from '../../src/metrics/evaluate';
import { queryDueSoon } from '../../src/metrics/dueSoon';
import { writeDossierFiles } from '../../src/sample/writeDossiers';
import { loadPackage } from '../../src/datasets/package';
import { loadDataset } from '../../src/load';
import { nodeParquetDecoder } from '../../src/db/parquetNode';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
let dir: string;
let native: NativeDb;
let wasmPack: Db;
let wasmRaw: Db;
let descriptor: PackDescriptor;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'chiso-pack-'));
  writeDossierFiles({ rows: 2500, out: path.join(dir, 'pkg'), seed: 11, formats: ['parquet'] });
  const r = spawnSync(TSX, [path.join(ROOT, 'src/cli/pack.ts'), path.join(dir, 'pkg'), '--out', path.join(dir, 'pack'), '--threads', '2'], { cwd: ROOT, encoding: 'utf8' });
  expect([r.status, r.stderr]).toEqual([0, '']);
  descriptor = JSON.parse(readFileSync(path.join(dir, 'pack/datapackage.json'), 'utf8'));
  native = await openNativeDb({ threads: 2 });
  await loadSource(native, path.join(dir, 'pkg'), { load: { readParquet: nativeParquetReader(native) } });
  wasmPack = await openNodeDb();
  await openPack(wasmPack, folderSource(path.join(dir, 'pack')), descriptor);
  wasmRaw = await openNodeDb();
  await loadSource(wasmRaw, path.join(dir, 'pkg'));
}, 600_000);
afterAll(async () => {
  await Promise.all([native?.close(), wasmPack?.close(), wasmRaw?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

describe('npm run pack', () => {
  it('writes a common file and one file per province × year, named by the descriptor', () => {
    expect(descriptor.profile).toBe('chiso-pack');
    expect(descriptor.pack.storage).toBe('v1.4.0');
    expect(descriptor.pack.partitions.map((p) => `${p.province}-${p.year}`)).toEqual(['MH-2024', 'MH-2025', 'MH-2026']);
    expect(descriptor.pack.tables).toEqual(expect.arrayContaining(['dossier_counts', 'dossier_counts_by_channel', 'dossiers']));
    expect(descriptor.pack.commonTables).toEqual(expect.arrayContaining(['units', 'targets', 'index_scores']));
    expect(descriptor.pack.accounts).toContainEqual({ file: 'dossiers.parquet', table: 'dossiers', read: 2500, loaded: 2500, reported: 0 });
    // the pending dossiers near their deadline only, never the dossier rows themselves
    const pending = descriptor.pack.partitions.reduce((n, p) => n + p.rows.dossiers, 0);
    expect(pending).toBeGreaterThan(0);
    expect(pending).toBeLessThan(2500 / 10);
    expect(selectPartitions(descriptor, { years: [2026] }).map((p) => p.path)).toEqual(['MH-2026.duckdb']);
  });

  it('every figure of the summary is the same on native DuckDB, on the attached pack in duckdb-wasm and on the unpacked package', async () => {
    const span = await dataSpan(native);
    expect(await dataSpan(wasmPack)).toEqual(span);
    // the whole span, a month, a quarter, a year, an ISO week (2026-W40)
    const windows: [string, string][] = [[span!.from, span!.to], ['2026-10-01', '2026-10-31'], ['2026-07-01', '2026-09-30'], ['2025-01-01', '2025-12-31'], ['2026-09-28', '2026-10-04']];
    for (const [from, to] of windows) {
      const [a, b, c] = await Promise.all([native, wasmPack, wasmRaw].map((db) => evaluate(db, { from, to })));
      const figures = (ev: typeof a) => ({ units: ev.units.map((u) => ({ id: u.unit_id, metrics: u.metrics })), total: ev.total.metrics });
      expect(figures(b)).toEqual(figures(a));
      expect(figures(c)).toEqual(figures(a));
      expect(a.units.length).toBeGreaterThan(10);
    }
  }, 240_000);

  it('the due-soon list is the same from the pack as from the dossier rows', async () => {
    const asOf = (await dataSpan(native))!.to;
    const [a, b] = await Promise.all([native, wasmPack].map((db) => queryDueSoon(db, { asOf })));
    expect(b).toEqual(a);
    expect(a.total).toBeGreaterThan(0);
  }, 120_000);

  it('a page that needs one year attaches only that partition and still answers its windows', async () => {
    const db = await openNodeDb();
    try {
      const fetched: string[] = [];
      const facts = await openPack(db, folderSource(path.join(dir, 'pack')), descriptor, { years: [2026] }, (f) => fetched.push(f));
      expect(fetched.sort()).toEqual(['MH-2026.duckdb', 'common.duckdb']);
      // the span is the whole pack's (the period picker offers every period), not the part's
      expect(facts.span).toEqual(await dataSpan(native));
      const month = { from: '2026-10-01', to: '2026-10-31' };
      const [a, b, all] = await Promise.all([native, db, wasmPack].map((x) => evaluate(x, month)));
      const figures = (ev: typeof a) => ({ units: ev.units.map((u) => ({ id: u.unit_id, metrics: u.metrics })), total: ev.total.metrics });
      expect(figures(b)).toEqual(figures(a));
      expect(figures(b)).toEqual(figures(all));
      // a period outside the part: its year is attached on demand, the others stay
      const year = { from: '2025-01-01', to: '2025-12-31' };
      expect(await extendPack(db, folderSource(path.join(dir, 'pack')), descriptor, { years: [2025, 2026] })).toEqual(['MH-2025.duckdb']);
      expect(await extendPack(db, folderSource(path.join(dir, 'pack')), descriptor, { years: [2025] })).toEqual([]);
      expect(attachedPartitions(db)).toEqual(['MH-2026.duckdb', 'MH-2025.duckdb']);
      const [c, d] = await Promise.all([native, db].map((x) => evaluate(x, year)));
      expect(figures(d)).toEqual(figures(c));
      expect(figures(await evaluate(db, month))).toEqual(figures(a));
    } finally {
      await db.close();
    }
  }, 240_000);

  it('an import cancelled over an open pack leaves the pack answering; a kept one replaces it', async () => {
    const db = await openNodeDb();
    try {
      await openPack(db, folderSource(path.join(dir, 'pack')), descriptor, { years: [2026] });
      const month = { from: '2026-10-01', to: '2026-10-31' };
      const figures = async () => JSON.stringify(await evaluate(db, month));
      const before = await figures();
      writeDossierFiles({ rows: 300, out: path.join(dir, 'other'), seed: 5, formats: ['parquet'] });
      const ds = await loadPackage(folderSource(path.join(dir, 'other')));
      for (const stage of ['check', 'facts']) {
        const signal = { aborted: false };
        const run = loadDataset(db, ds, { parquet: nodeParquetDecoder, atomic: true, signal, onProgress: (p) => { if (p.stage === stage) signal.aborted = true; } });
        await expect(run, stage).rejects.toThrow('cancelled');
        // the pack's views came back with the rollback and its files are still attached
        expect(await figures(), stage).toEqual(before);
        expect(attachedPartitions(db), stage).toEqual(['MH-2026.duckdb']);
      }
      await loadDataset(db, ds, { parquet: nodeParquetDecoder, atomic: true });
      expect(attachedPartitions(db)).toBeNull();
      const [{ n }] = await db.query<{ n: number }>("SELECT count(*) AS n FROM duckdb_databases() WHERE database_name LIKE '\\_\\_pack%' ESCAPE '\\'");
      expect(n).toBe(0);
      expect(await figures()).not.toEqual(before);
    } finally {
      await db.close();
    }
  }, 240_000);

  it('the URL names the part: the years of the period and the year before, ?years=, ?province=, all for series pages', () => {
    const span = { from: '2024-01-01', to: '2026-10-31' };
    expect(packParts({ path: '/' }, span, true)).toEqual({ years: [2025, 2026], provinces: undefined });
    expect(packParts({ path: '/don-vi/MH.01', period: '2025-Q1' }, span, true)).toEqual({ years: [2024, 2025], provinces: undefined });
    expect(packParts({ path: '/', years: '2024,2026', province: 'MH' }, span, true)).toEqual({ years: [2024, 2026], provinces: ['MH'] });
    expect(packParts({ path: '/giam-sat', years: '2024-2025' }, span, true)).toEqual({ years: [2024, 2025], provinces: undefined });
    expect(packParts({ path: '/cong-khai' }, span, true)).toEqual({ provinces: undefined });
    expect(packParts({ path: '/embed/metric' }, span, true)).toEqual({ provinces: undefined });
    expect(packParts({ path: '/embed/scoreboard' }, span, true).years).toEqual([2025, 2026]);
    // text that is not a year list or a province id is ignored
    expect(packParts({ path: '/', years: "2026'; DROP", province: "x' OR 1" }, span, true)).toEqual({ years: [2025, 2026], provinces: undefined });
    expect(selectPartitions(descriptor, packParts({ path: '/' }, span, true)).map((p) => p.path)).toEqual(['MH-2025.duckdb', 'MH-2026.duckdb']);
  });
});
