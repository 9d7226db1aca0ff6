// The dossier-level generator: deterministic files, a Parquet file hyparquet reads back with the
// contract's columns and real types, and rows that follow the 766 timing rules.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../src/datasets/contract';
import { dayNumber, isWorkingDay } from '../../src/sample/calendar';
import { writeDossierFiles } from '../../src/sample/writeDossiers';

const repoRoot = resolve(__dirname, '../..');
const N = 10_000;
const COLUMNS = TABLES.dossiers.columns.map((c) => c.name);
const FIRST = Date.UTC(2024, 0, 1);
const END = Date.UTC(2026, 9, 31, 23, 59, 59);

type Dossier = {
  dossier_id: string; unit_id: string; field: string | null; procedure_code: string | null; channel: number | null;
  online_level: string | null; received_at: Date; due_at: Date; finished_at: Date | null; status: number;
  supplement_requests: number | null; supplement_days: number | null; apology_issued: boolean | null;
  rating: string | null; digitized: boolean | null; result_electronic: boolean | null;
};

let base: string;
let rows: Dossier[];
let cliOut: string;

const bytesOf = (p: string) => readFileSync(p);
const arrayBufferOf = (p: string) => {
  const b = readFileSync(p);
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
};

beforeAll(async () => {
  base = mkdtempSync(join(tmpdir(), 'chiso-dossiers-'));
  cliOut = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/generate-dossiers.ts', '--rows', '10k', '--out', join(base, 'cli')], {
    cwd: repoRoot, encoding: 'utf8',
  });
  writeDossierFiles({ rows: N, out: join(base, 'a') });
  rows = (await parquetReadObjects({ file: arrayBufferOf(join(base, 'a', 'dossiers.parquet')) })) as Dossier[];
});

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('dossier generator', () => {
  it('prints a one-line summary with the rate, and refuses bad arguments with a clear message', () => {
    expect(cliOut.trim().split('\n')).toHaveLength(1);
    expect(cliOut).toMatch(/^Đã sinh 10000 hồ sơ .* rows\/s\) .*dossiers\.parquet .*dossiers\.csv/);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/generate-dossiers.ts', '--rows', 'many'], { cwd: repoRoot, encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--rows phải là số nguyên không âm');
    const fmt = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/generate-dossiers.ts', '--rows', '5', '--format', 'xlsx', '--out', join(base, 'x')], { cwd: repoRoot, encoding: 'utf8' });
    expect(fmt.status).toBe(1);
    expect(fmt.stderr).toContain('unknown format "xlsx"');
  });

  it('is deterministic: same bytes from the command and the function, CSV independent of the chunk size', () => {
    for (const f of ['dossiers.parquet', 'dossiers.csv', 'units.csv', 'datapackage.json']) {
      expect(bytesOf(join(base, 'cli', f)).equals(bytesOf(join(base, 'a', f))), f).toBe(true);
    }
    writeDossierFiles({ rows: N, out: join(base, 'b'), formats: ['csv'], chunk: 3_000 });
    expect(bytesOf(join(base, 'b', 'dossiers.csv')).equals(bytesOf(join(base, 'a', 'dossiers.csv')))).toBe(true);
    writeDossierFiles({ rows: N, out: join(base, 'c'), formats: ['parquet'], seed: 99 });
    expect(bytesOf(join(base, 'c', 'dossiers.parquet')).equals(bytesOf(join(base, 'a', 'dossiers.parquet')))).toBe(false);
  });

  it('writes one row group per chunk with contract columns and typed Parquet columns', () => {
    writeDossierFiles({ rows: N, out: join(base, 'groups'), formats: ['parquet'], chunk: 4_000 });
    const md = parquetMetadata(arrayBufferOf(join(base, 'groups', 'dossiers.parquet')));
    expect(md.num_rows).toBe(BigInt(N));
    expect(md.row_groups.map((g) => Number(g.num_rows))).toEqual([4_000, 4_000, 2_000]);
    const schema = new Map(md.schema.slice(1).map((s) => [s.name, s]));
    expect([...schema.keys()]).toEqual(COLUMNS);
    expect(schema.get('dossier_id')).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' });
    for (const c of ['received_at', 'due_at', 'finished_at']) {
      expect(schema.get(c)).toMatchObject({ type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' } });
    }
    for (const c of ['channel', 'status', 'supplement_requests']) expect(schema.get(c)!.type, c).toBe('INT32');
    for (const c of ['apology_issued', 'digitized', 'result_electronic']) expect(schema.get(c)!.type, c).toBe('BOOLEAN');
    expect(schema.get('supplement_days')!.type).toBe('DOUBLE');
    const pkg = JSON.parse(readFileSync(join(base, 'groups', 'datapackage.json'), 'utf8'));
    expect(pkg.resources.map((r: { name: string; path: string }) => `${r.name}:${r.path}`)).toEqual(['units:units.csv', 'dossiers:dossiers.parquet']);
  });

  it('reads back N rows with unique opaque ids, in receipt-day order, within 2024-01-01..2026-10-31', () => {
    expect(rows).toHaveLength(N);
    expect(Object.keys(rows[0])).toEqual(COLUMNS);
    expect(new Set(rows.map((r) => r.dossier_id)).size).toBe(N);
    for (const r of rows) expect(r.dossier_id).toMatch(/^HS[0-9a-f]{16}$/);
    for (let i = 1; i < rows.length; i++) {
      expect(Math.floor(rows[i].received_at.getTime() / 86_400_000)).toBeGreaterThanOrEqual(Math.floor(rows[i - 1].received_at.getTime() / 86_400_000));
    }
    expect(rows[0].received_at.getTime()).toBeGreaterThanOrEqual(FIRST);
    expect(rows.at(-1)!.received_at.getTime()).toBeLessThanOrEqual(END);
    const units = new Set(readFileSync(join(base, 'a', 'units.csv'), 'utf8').split('\n').slice(1).map((l) => l.split(',')[0]));
    for (const u of new Set(rows.map((r) => r.unit_id))) expect(units.has(u), u).toBe(true);
  });

  it('keeps every row consistent with the status codes, channels and 766 timing rules', () => {
    const finishedStatuses = new Set([3, 7, 8, 9, 10]);
    const pendingStatuses = new Set([2, 4, 5, 6]);
    let overdue = 0;
    for (const r of rows) {
      const rec = r.received_at.getTime();
      const due = r.due_at.getTime();
      expect(due).toBeGreaterThan(rec);
      // due at 17:00 on a working day
      expect(r.due_at.toISOString().slice(11, 19)).toBe('17:00:00');
      expect(isWorkingDay(dayNumber(r.due_at.toISOString().slice(0, 10)))).toBe(true);
      expect([1, 2, 3]).toContain(r.channel);
      expect(r.online_level === null).toBe(r.channel !== 2);
      if (r.online_level !== null) expect(['full', 'partial']).toContain(r.online_level);
      if (r.finished_at === null) {
        expect(pendingStatuses.has(r.status), `pending status ${r.status}`).toBe(true);
        expect(r.result_electronic).toBe(false);
        expect(r.rating).toBeNull();
      } else {
        expect(finishedStatuses.has(r.status), `finished status ${r.status}`).toBe(true);
        expect(r.finished_at.getTime()).toBeGreaterThan(rec);
        expect(r.finished_at.getTime()).toBeLessThanOrEqual(END);
      }
      expect(r.supplement_requests! >= 0 && r.supplement_requests! <= 2).toBe(true);
      if (r.supplement_requests === 0) expect(r.supplement_days).toBeNull();
      else if (r.finished_at !== null) expect(r.supplement_days! > 0).toBe(true);
      if (r.rating !== null) {
        expect(['very_satisfied', 'satisfied', 'dissatisfied']).toContain(r.rating);
        expect([9, 10]).toContain(r.status);
      }
      // the 766 rule: late when finished − supplement time > due, or two supplement requests
      const late = r.finished_at !== null && (r.finished_at.getTime() - (r.supplement_days ?? 0) * 86_400_000 > due || r.supplement_requests! >= 2);
      const pendingLate = r.finished_at === null && due < END && r.status !== 5;
      if (late || pendingLate) overdue++;
      if (r.apology_issued) expect(late || pendingLate).toBe(true);
    }
    const share = (f: (r: Dossier) => boolean) => rows.filter(f).length / N;
    expect(overdue / N).toBeGreaterThan(0.03);
    expect(overdue / N).toBeLessThan(0.08);
    expect(share((r) => r.finished_at === null)).toBeGreaterThan(0.03);
    expect(share((r) => r.finished_at === null)).toBeLessThan(0.07);
    expect(share((r) => r.rating !== null)).toBeGreaterThan(0.25);
    expect(share((r) => r.rating === 'dissatisfied')).toBeLessThan(0.02);
    expect(share((r) => r.digitized === true)).toBeGreaterThan(0.75);
    expect(share((r) => r.status === 10)).toBeGreaterThan(0.7);
    expect(share((r) => r.supplement_requests === 2)).toBeLessThan(0.02);
    // online share follows the sample's province habit: ≈57 % in 2024, ≈72 % in 2026
    const online = (year: number) => {
      const y = rows.filter((r) => r.received_at.getUTCFullYear() === year);
      return y.filter((r) => r.channel === 2).length / y.length;
    };
    expect(online(2024)).toBeGreaterThan(0.5);
    expect(online(2024)).toBeLessThan(0.66);
    expect(online(2026)).toBeGreaterThan(0.66);
    expect(online(2026)).toBeLessThan(0.8);
    // most paper dossiers arrive in desk hours on weekdays
    const paper = rows.filter((r) => r.channel !== 2);
    const inHours = paper.filter((r) => {
      const h = r.received_at.getUTCHours() + r.received_at.getUTCMinutes() / 60;
      return (h >= 7.5 && h < 11.5) || (h >= 13.5 && h < 17);
    });
    expect(inHours.length).toBe(paper.length);
  });

  it('writes the same rows to CSV with ISO timestamps and empty cells for nulls', () => {
    const parsed = Papa.parse<Record<string, string>>(readFileSync(join(base, 'a', 'dossiers.csv'), 'utf8'), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual(COLUMNS);
    expect(parsed.data).toHaveLength(N);
    const iso = (d: Date | null) => (d === null ? '' : d.toISOString().slice(0, 19));
    for (const i of [0, 1, 4_999, N - 1]) {
      const c = parsed.data[i];
      const p = rows[i];
      expect(c.dossier_id).toBe(p.dossier_id);
      expect(c.received_at).toBe(iso(p.received_at));
      expect(c.due_at).toBe(iso(p.due_at));
      expect(c.finished_at).toBe(iso(p.finished_at));
      expect(c.status).toBe(String(p.status));
      expect(c.online_level).toBe(p.online_level ?? '');
      expect(c.digitized).toBe(String(p.digitized));
    }
    expect(parsed.data.every((c) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(c.received_at))).toBe(true);
  });
});
