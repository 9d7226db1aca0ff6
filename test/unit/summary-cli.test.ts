// The summary command, run as a person runs it, on the hand-checked package and on a broken copy.
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TINY = path.join(ROOT, 'test/fixtures/packages/tiny');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const run = (args: string[]) => spawnSync(TSX, [path.join(ROOT, 'src/cli/summary.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run summary', () => {
  it('prints one JSON document with unrounded percent figures for the chosen period', () => {
    const out = execFileSync(TSX, [path.join(ROOT, 'src/cli/summary.ts'), path.join(TINY, 'datapackage.json'), '--from', '2026-10-01', '--to', '2026-10-31'], { cwd: ROOT, encoding: 'utf8' });
    const doc = JSON.parse(out);
    expect(doc.period).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(doc.units.map((u: { unit_id: string }) => u.unit_id)).toEqual(['A', 'B']);
    const a = doc.units[0];
    expect(a).toMatchObject({ name: 'Sở Tư pháp', level: 'agency' });
    // A, October: (70 + 20 + 37) / (70 + 20 + 0 + 37 + 1) = 127/128
    expect(a.metrics.on_time_rate).toEqual({ value: 99.21875, numerator: 127, denominator: 128, target: 95, comparator: '>=', status: 'met', target_source: 'Kế hoạch thử' });
    expect(doc.total.metrics.overdue_count.value).toBe(11);
    expect(doc.warnings).toEqual([]);
    expect(doc.errors).toEqual([]);
  });

  it('covers the whole span of the data without dates, and accepts the folder', () => {
    const r = run([TINY]);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.period).toEqual({ from: '2026-09-01', to: '2026-10-31' });
    const a = doc.units.find((u: { unit_id: string }) => u.unit_id === 'A');
    expect(a.metrics.on_time_rate.numerator).toBe(207);
  });

  it('exits 1 with the errors when the source is refused', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chiso-bad-'));
    cpSync(TINY, dir, { recursive: true });
    const csv = readFileSync(path.join(dir, 'dossier_counts.csv'), 'utf8').replace('2026-10-01,2026-10-31,B,Công chức,40,', '2026-10-01,2026-10-31,B,Công chức,-40,');
    writeFileSync(path.join(dir, 'dossier_counts.csv'), csv);
    const r = run([dir]);
    expect(r.status).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.errors).toHaveLength(1);
    expect(doc.errors[0]).toMatchObject({ code: 'negative_count', file: 'dossier_counts.csv', row: 5, column: 'received_online' });
    expect(doc.errors[0].message).toBe('Tệp dossier_counts.csv, dòng 5, cột received_online: số âm (-40) không hợp lệ cho số hồ sơ.');
    expect(doc.accounts.find((x: { file: string }) => x.file === 'dossier_counts.csv')).toMatchObject({ read: 4, loaded: 3, reported: 1 });
  });

  it('refuses bad usage with exit 2', () => {
    expect(run([]).status).toBe(2);
    expect(run([TINY, '--from', '2026-02-31']).status).toBe(2);
  });
});
