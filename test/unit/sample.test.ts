// The embedded sample package: deterministic bytes, exact stocks, the promised demo patterns, 766 groups
// that add up, lineage that points at real units, and a clean load through the project's own loader.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TABLES } from '../../src/datasets/contract';
import { loadPackage } from '../../src/datasets/package';
import { writeSamplePackage } from '../../src/sample/sample';

const repoRoot = resolve(__dirname, '../..');
type Rec = Record<string, string>;

function readCsv(dir: string, table: string): Rec[] {
  const text = readFileSync(join(dir, `${table}.csv`), 'utf8');
  const parsed = Papa.parse<Rec>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  expect(parsed.meta.fields).toEqual(TABLES[table as keyof typeof TABLES].columns.map((c) => c.name));
  return parsed.data;
}
const int = (r: Rec, c: string) => (r[c] === '' ? 0 : Number(r[c]));
const overdueOf = (r: Rec) => int(r, 'resolved_overdue') + int(r, 'pending_overdue');
const resolvedOf = (r: Rec) => int(r, 'resolved_early') + int(r, 'resolved_on_time') + int(r, 'resolved_overdue');
const pendingOf = (r: Rec) => int(r, 'pending_within') + int(r, 'pending_overdue');

let dirA: string;
let dirB: string;
let units: Rec[];
let counts: Rec[];
let scores: Rec[];
let lineage: Rec[];

beforeAll(() => {
  const base = mkdtempSync(join(tmpdir(), 'chiso-sample-'));
  dirA = join(base, 'a');
  dirB = join(base, 'b');
  // once through the command (arguments, output line), once in-process: both must give the same bytes
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/generate-sample.ts', '--out', dirA], {
    cwd: repoRoot, encoding: 'utf8',
  });
  expect(out).toMatch(/dossier_counts \d+/);
  writeSamplePackage(dirB);
  units = readCsv(dirA, 'units');
  counts = readCsv(dirA, 'dossier_counts');
  scores = readCsv(dirA, 'index_scores');
  lineage = readCsv(dirA, 'unit_lineage');
});

afterAll(() => {
  if (dirA) rmSync(join(dirA, '..'), { recursive: true, force: true });
});

describe('sample package', () => {
  it('is byte-identical for the same seed, and differs for another seed', () => {
    const files = readdirSync(dirA).sort();
    expect(files).toEqual(['datapackage.json', 'dossier_counts.csv', 'index_scores.csv', 'targets.csv', 'unit_lineage.csv', 'units.csv']);
    for (const f of files) expect(readFileSync(join(dirB, f)).equals(readFileSync(join(dirA, f))), f).toBe(true);
    const other = join(dirA, '..', 'seed7');
    writeSamplePackage(other, { seed: 7 });
    expect(readFileSync(join(other, 'dossier_counts.csv')).equals(readFileSync(join(dirA, 'dossier_counts.csv')))).toBe(false);
    const total = files.reduce((s, f) => s + statSync(join(dirA, f)).size, 0);
    expect(total).toBeLessThan(5_000_000);
  });

  it('has a datapackage.json labelled as sample data with a fixed date', () => {
    const pkg = JSON.parse(readFileSync(join(dirA, 'datapackage.json'), 'utf8'));
    expect(pkg.title).toContain('không phải số liệu thật');
    expect(pkg.created).toBe('2026-11-01');
    expect(pkg.resources.map((r: { name: string; path: string; format: string }) => `${r.name}:${r.path}:${r.format}`)).toEqual([
      'units:units.csv:csv', 'unit_lineage:unit_lineage.csv:csv', 'dossier_counts:dossier_counts.csv:csv',
      'index_scores:index_scores.csv:csv', 'targets:targets.csv:csv',
    ]);
  });

  it('loads through the project loader with no error and no warning', async () => {
    const ds = await loadPackage({ origin: dirA, read: async (p) => new Uint8Array(await readFile(join(dirA, p))) });
    expect(ds.issues).toEqual([]);
    expect(ds.accounts.find((a) => a.table === 'dossier_counts')).toMatchObject({ read: counts.length, loaded: counts.length, reported: 0 });
  });

  it('balances every dossier_counts row and keeps sub-counts within their totals', () => {
    const keys = new Set<string>();
    for (const r of counts) {
      const key = `${r.period_start}|${r.unit_id}|${r.field}`;
      expect(keys.has(key), key).toBe(false);
      keys.add(key);
      const received = int(r, 'received_online') + int(r, 'received_offline') + int(r, 'carried_over');
      expect(resolvedOf(r) + pendingOf(r), key).toBe(received);
      expect(int(r, 'apologies_issued')).toBeLessThanOrEqual(overdueOf(r));
      expect(int(r, 'digitized')).toBeLessThanOrEqual(int(r, 'received_online') + int(r, 'received_offline'));
      expect(int(r, 'results_electronic')).toBeLessThanOrEqual(resolvedOf(r));
      expect(int(r, 'ratings_total')).toBeLessThanOrEqual(resolvedOf(r));
      expect(int(r, 'ratings_dissatisfied')).toBeLessThanOrEqual(int(r, 'ratings_total'));
      expect(int(r, 'received_postal')).toBeLessThanOrEqual(int(r, 'received_offline'));
      expect(int(r, 'received_online_full')).toBeLessThanOrEqual(int(r, 'received_online'));
      const [y, m] = r.period_start.split('-').map(Number);
      expect(r.period_start.endsWith('-01')).toBe(true);
      expect(r.period_end).toBe(new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10));
    }
  });

  it('chains carried_over to the previous month pending of the same unit and field', () => {
    const series = new Map<string, Rec[]>();
    for (const r of counts) {
      const k = `${r.unit_id}|${r.field}`;
      if (!series.has(k)) series.set(k, []);
      series.get(k)!.push(r);
    }
    let links = 0;
    for (const rows of series.values()) {
      rows.sort((a, b) => (a.period_start < b.period_start ? -1 : 1));
      for (let i = 1; i < rows.length; i++) {
        const prev = new Date(rows[i - 1].period_end + 'T00:00:00Z').getTime() + 86_400_000;
        expect(new Date(prev).toISOString().slice(0, 10), 'no month missing').toBe(rows[i].period_start);
        expect(int(rows[i], 'carried_over')).toBe(pendingOf(rows[i - 1]));
        links++;
      }
    }
    expect(links).toBeGreaterThan(10_000);
  });

  it('covers 2021-01..2026-10 with online shares near the province targets', () => {
    const months = [...new Set(counts.map((r) => r.period_start.slice(0, 7)))].sort();
    expect(months[0]).toBe('2021-01');
    expect(months.at(-1)).toBe('2026-10');
    expect(months).toHaveLength(70);
    const divisions = new Set(units.filter((u) => u.level === 'division').map((u) => u.unit_id));
    const share = (year: string) => {
      let on = 0;
      let all = 0;
      for (const r of counts) {
        if (divisions.has(r.unit_id) || !r.period_start.startsWith(year)) continue;
        on += int(r, 'received_online');
        all += int(r, 'received_online') + int(r, 'received_offline');
      }
      return (100 * on) / all;
    };
    expect(Math.abs(share('2021') - 11)).toBeLessThanOrEqual(3);
    expect(Math.abs(share('2022') - 34)).toBeLessThanOrEqual(3);
    expect(Math.abs(share('2023') - 50)).toBeLessThanOrEqual(3);
    for (const y of ['2025', '2026']) {
      expect(share(y)).toBeGreaterThanOrEqual(60);
      expect(share(y)).toBeLessThanOrEqual(75);
    }
  });

  it('holds the promised 2026-10 patterns (a) Nội vụ, (b) Tư pháp, (c) fully on time', () => {
    const oct = counts.filter((r) => r.period_start === '2026-10-01');
    const of = (unit: string) => oct.filter((r) => r.unit_id === unit);
    const sum = (rows: Rec[], f: (r: Rec) => number) => rows.reduce((s, r) => s + f(r), 0);
    expect(units.find((u) => u.unit_id === 'MH.02')!.name).toBe('Sở Nội vụ');
    expect(units.find((u) => u.unit_id === 'MH.01')!.name).toBe('Sở Tư pháp');

    // (a) 10 overdue, all in Thi đua, khen thưởng; citizen satisfaction 1 − 2/6 = 66,67 %
    const noiVu = of('MH.02');
    expect(sum(noiVu, overdueOf)).toBe(10);
    const tdkt = noiVu.find((r) => r.field === 'Thi đua, khen thưởng')!;
    expect(overdueOf(tdkt)).toBe(10);
    expect(int(tdkt, 'ratings_total')).toBe(6);
    expect(int(tdkt, 'ratings_dissatisfied')).toBe(2);
    expect(Math.round(10_000 * (1 - 2 / 6)) / 100).toBe(66.67);

    // (b) exactly one overdue dossier, still pending, no apology slip
    const tuPhap = of('MH.01');
    expect(sum(tuPhap, overdueOf)).toBe(1);
    expect(sum(tuPhap, (r) => int(r, 'pending_overdue'))).toBe(1);
    expect(sum(tuPhap, (r) => int(r, 'apologies_issued'))).toBe(0);

    // (c) agencies with no overdue dossier at all
    for (const u of ['MH.10', 'MH.14']) expect(sum(of(u), overdueOf), u).toBe(0);

    // variety: some agencies miss a 95 % on-time target, most meet it
    const agencies = units.filter((u) => u.level === 'agency' && !u.valid_to).map((u) => u.unit_id);
    const onTime = agencies.map((u) => {
      const rows = of(u);
      const handled = sum(rows, (r) => resolvedOf(r) + pendingOf(r));
      return (100 * (handled - sum(rows, overdueOf))) / handled;
    });
    expect(onTime.filter((x) => x < 95).length).toBeGreaterThanOrEqual(2);
    expect(onTime.filter((x) => x >= 95).length).toBeGreaterThanOrEqual(8);
    expect(Math.min(...onTime)).toBeGreaterThanOrEqual(90);
  });

  it('keeps each unit to its lifetime and links mergers to existing units', () => {
    const byId = new Map(units.map((u) => [u.unit_id, u]));
    expect(byId.size).toBe(units.length);
    for (const u of units) if (u.parent_id) expect(byId.has(u.parent_id), u.unit_id).toBe(true);
    expect(units.filter((u) => u.level === 'agency' && !u.valid_to).length).toBeGreaterThanOrEqual(14);
    expect(units.filter((u) => u.level === 'commune' && !u.valid_to).length).toBe(10);
    expect(units.filter((u) => u.level === 'division').length).toBe(3);
    expect(units.filter((u) => u.level === 'district').map((u) => u.valid_to)).toEqual(['2025-06-30']);

    const shares = new Map<string, number>();
    for (const l of lineage) {
      const from = byId.get(l.from_unit_id)!;
      const to = byId.get(l.to_unit_id)!;
      expect(from, l.from_unit_id).toBeDefined();
      expect(to, l.to_unit_id).toBeDefined();
      const dayAfter = new Date(Date.parse(from.valid_to + 'T00:00:00Z') + 86_400_000).toISOString().slice(0, 10);
      expect(l.effective_date).toBe(dayAfter);
      expect(!to.valid_from || to.valid_from <= l.effective_date).toBe(true);
      expect(!to.valid_to).toBe(true);
      shares.set(l.from_unit_id, (shares.get(l.from_unit_id) ?? 0) + Number(l.share));
    }
    for (const [u, s] of shares) expect(Math.abs(s - 1), u).toBeLessThan(1e-9);
    expect(lineage.filter((l) => l.effective_date === '2025-03-01').length).toBeGreaterThanOrEqual(3);
    expect(new Set(lineage.filter((l) => l.effective_date === '2025-07-01').map((l) => l.to_unit_id)).size).toBe(4);
    // Sở Kế hoạch và Đầu tư → Sở Tài chính; NN&PTNT + TN&MT → Sở Nông nghiệp và Môi trường
    const name = (id: string) => byId.get(id)!.name;
    const pairs = lineage.map((l) => `${name(l.from_unit_id)} → ${name(l.to_unit_id)}`);
    expect(pairs).toContain('Sở Kế hoạch và Đầu tư → Sở Tài chính');
    expect(pairs).toContain('Sở Nông nghiệp và Phát triển nông thôn → Sở Nông nghiệp và Môi trường');
    expect(pairs).toContain('Sở Tài nguyên và Môi trường → Sở Nông nghiệp và Môi trường');

    const inLife = (u: Rec, start: string, end: string) => (!u.valid_from || u.valid_from <= end) && (!u.valid_to || u.valid_to >= start);
    for (const r of counts) expect(inLife(byId.get(r.unit_id)!, r.period_start, r.period_end), `${r.unit_id} ${r.period_start}`).toBe(true);
    for (const s of scores) {
      const start = s.period_type === 'year' ? `${s.period}-01-01` : `${s.period}-01`;
      const end = s.period_type === 'year' ? `${s.period}-12-31` : s.as_of;
      expect(inLife(byId.get(s.unit_id)!, start, end), `${s.index} ${s.unit_id} ${s.period}`).toBe(true);
    }
    // old units end with no pending stock left, as they hand over on their last day
    for (const r of counts) if (byId.get(r.unit_id)!.valid_to?.slice(0, 7) === r.period_start.slice(0, 7)) expect(pendingOf(r)).toBe(0);
  });

  it('makes 766 group scores add up to TOTAL and TDGQ follow the dossier counts', () => {
    const maxima: Record<string, number> = { TOTAL: 100, CKMB: 18, TDGQ: 20, ONLINE: 12, TTTT: 10, MDSH: 22, MDHL: 18 };
    const groups = new Map<string, Rec[]>();
    for (const s of scores.filter((x) => x.index === '766')) {
      const k = `${s.period_type}|${s.period}|${s.unit_id}`;
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push(s);
      expect(Number(s.max_score)).toBe(maxima[s.component]);
      expect(Number(s.score)).toBeGreaterThanOrEqual(0);
      expect(Number(s.score)).toBeLessThanOrEqual(maxima[s.component]);
      expect(s.source).toBe('Cổng Dịch vụ công quốc gia (mô phỏng)');
    }
    for (const [k, rows] of groups) {
      expect(rows.map((r) => r.component).sort(), k).toEqual(Object.keys(maxima).sort());
      const total = rows.find((r) => r.component === 'TOTAL')!;
      const cents = rows.filter((r) => r.component !== 'TOTAL').reduce((s, r) => s + Math.round(Number(r.score) * 100), 0);
      expect(cents, k).toBe(Math.round(Number(total.score) * 100));
    }
    const periods = [...new Set(scores.filter((s) => s.index === '766').map((s) => `${s.period_type}:${s.period}`))];
    expect(periods).toHaveLength(14); // 2022–2025 and 2026-01..2026-10

    // TDGQ of Sở Nội vụ in 2026-10 from its own rows: 20 × on-time / handled
    const rows = counts.filter((r) => r.unit_id === 'MH.02' && r.period_start === '2026-10-01');
    const handled = rows.reduce((s, r) => s + resolvedOf(r) + pendingOf(r), 0);
    const tdgq = scores.find((s) => s.index === '766' && s.component === 'TDGQ' && s.period === '2026-10' && s.unit_id === 'MH.02')!;
    expect(Number(tdgq.denominator)).toBe(handled);
    expect(Number(tdgq.numerator)).toBe(handled - 10);
    expect(Number(tdgq.score)).toBe(Math.round((2000 * (handled - 10)) / handled) / 100);

    // ranks run 1..rank_of inside each group
    const totals = scores.filter((s) => s.index === '766' && s.component === 'TOTAL' && s.rank_group);
    const byGroup = new Map<string, Rec[]>();
    for (const t of totals) {
      const k = `${t.period}|${t.rank_group}`;
      if (!byGroup.has(k)) byGroup.set(k, []);
      byGroup.get(k)!.push(t);
    }
    for (const [k, list] of byGroup) {
      expect(list.every((t) => Number(t.rank_of) === list.length), k).toBe(true);
      const best = list.reduce((a, b) => (Number(a.score) >= Number(b.score) ? a : b));
      expect(best.rank, k).toBe('1');
    }
    expect(totals.find((t) => t.period === '2026-10' && t.rank_group === 'AGENCY')!.rank_of).toBe('14');
    expect(totals.find((t) => t.period === '2026-10' && t.rank_group === 'COMMUNE')!.rank_of).toBe('10');

    const ddci = scores.filter((s) => s.index === 'DDCI');
    expect([...new Set(ddci.map((s) => s.period))].sort()).toEqual(['2020', '2021', '2022', '2023', '2024', '2025']);
    expect(ddci.filter((s) => s.rank_group === 'SO_NGANH').every((s) => Number(s.rank) >= 1 && Number(s.rank) <= Number(s.rank_of))).toBe(true);
  });

  it('writes targets with contract metric ids, sources and periods', () => {
    const targets = readCsv(dirA, 'targets');
    const ids = ['on_time_rate', 'online_share', 'digitized_rate', 'citizen_satisfaction', 'satisfaction_766', 'apology_rate', 'overdue_count', 'index_766_total', 'par_rank'];
    for (const t of targets) {
      expect(ids).toContain(t.metric);
      expect(t.source_doc.length).toBeGreaterThan(3);
      expect(['>=', '<=']).toContain(t.comparator);
    }
    const online = targets.filter((t) => t.metric === 'online_share' && t.unit_id === '*');
    expect(online.map((t) => `${t.period_from}..${t.period_to}:${t.value}`)).toEqual(['2021-01-01..2022-12-31:30', '2023-01-01..:50']);
    expect(targets.find((t) => t.metric === 'on_time_rate' && t.unit_id === 'MH.04')).toMatchObject({ value: '90', period_from: '2026-01-01' });
  });

  it('writes the small variant: another province, 4 units with 3 fields, 2025-01..2026-06', async () => {
    const dir = join(dirA, '..', 'small');
    writeSamplePackage(dir, { variant: 'small' });
    expect(readdirSync(dir).sort()).toEqual(['datapackage.json', 'dossier_counts.csv', 'index_scores.csv', 'targets.csv', 'units.csv']);
    const small = readCsv(dir, 'dossier_counts');
    const measured = new Set(small.map((r) => r.unit_id));
    expect(measured.size).toBe(4);
    for (const u of measured) expect(new Set(small.filter((r) => r.unit_id === u).map((r) => r.field)).size).toBe(3);
    const months = [...new Set(small.map((r) => r.period_start.slice(0, 7)))].sort();
    expect([months[0], months.at(-1), months.length]).toEqual(['2025-01', '2026-06', 18]);
    expect(readCsv(dir, 'units').every((u) => u.unit_id.startsWith('TN'))).toBe(true);
    const ds = await loadPackage({ origin: dir, read: async (p) => new Uint8Array(await readFile(join(dir, p))) });
    expect(ds.issues).toEqual([]);
  });
});
