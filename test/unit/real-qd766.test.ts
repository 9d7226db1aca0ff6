// The portal's own evaluation API responses (../shared/real/qd766/, Phú Thọ, 2026) through the whole
// import (manifest → readers → combining → merge → validator → DuckDB → metric SQL): for every unit of
// every response, the published counts, ratio, score and maximum land in index_scores / dossier_counts;
// units with no dossiers are empty; the six year-all files give TOTAL = Σ six groups; the on-time rate
// through the real SQL equals the published TDGQ ratio; periods come from the manifest. Skipped, with a
// message, where ../shared/real/qd766 is absent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { importFiles, type FileInput, type ImportResult } from '../../src/datasets/files';
import type { CanonicalTable } from '../../src/datasets/types';
import { openNodeDb } from '../../src/db/node';
import { loadIntoDb } from '../../src/db/tables';
import type { Db } from '../../src/db/types';
import { evaluate } from '../../src/metrics/evaluate';

const dir = path.resolve(__dirname, '../../../shared/real/qd766');
const present = existsSync(path.join(dir, 'manifest.m0.json'));
if (!present) console.warn(`[real-qd766] ${dir} is absent: the tests on the portal's evaluation API responses are skipped.`);

type Obj = Record<string, any>;
const GROUP: Record<string, string> = { 'dvc-progress-tree': 'TDGQ', transparency: 'CKMB', 'provide-online-tree': 'ONLINE', 'formality-online-payment-tree': 'TTTT', 'dossier-digitized': 'MDSH', 'handling-satisfaction': 'MDHL' };
const rel = (p: string) => path.relative(dir, p);
function walk(d: string): string[] {
  return readdirSync(d).flatMap((f) => {
    const p = path.join(d, f);
    return statSync(p).isDirectory() ? walk(p) : f.endsWith('.json') ? [p] : [];
  });
}
// names repeat across folders (year-all.json): the folder is kept in the name, the manifest matches by SHA-256
const input = (p: string): FileInput => ({ name: rel(p), bytes: new Uint8Array(readFileSync(p)) });
const rowsOf = (t: CanonicalTable | undefined) => (t ? Array.from({ length: t.rowCount }, (_, r) => Object.fromEntries(Object.entries(t.columns).map(([k, v]) => [k, v[r]]))) : []) as Obj[];
const manifest = present ? (JSON.parse(readFileSync(path.join(dir, 'manifest.m0.json'), 'utf8')) as Obj) : { captures: [] };
const captureOf = (file: string) => (manifest.captures as Obj[]).find((c) => c.file === file)!;

let db: Db;
let all: ImportResult;
beforeAll(async () => {
  if (!present) return;
  db = await openNodeDb();
  all = await importFiles(walk(dir).map(input));
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe.skipIf(!present)('every evaluation response with its manifest', () => {
  it('reads with no error; every file matched to its capture; row accounts add up', () => {
    expect(all.dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const m = all.files.find((f) => f.file === 'manifest.m0.json')!;
    const responses = all.files.filter((f) => f.kind.startsWith('evaluation766:') && f.file !== 'manifest.m0.json');
    expect(m.summary.matched).toBe(responses.length); // 26 responses, each matched by SHA-256
    for (const a of all.dataset.accounts) expect(a.read, `${a.file} ${a.table}`).toBe(a.loaded + a.reported + (a.subtotal ?? 0) + (a.repeated ?? 0));
  });

  it('the period of each file is its request payload’s (Vietnam day of the capture as as_of)', () => {
    for (const f of all.files.filter((x) => GROUP[x.file.split('/')[0]])) {
      const c = captureOf(f.file);
      const quarter = f.file.includes('quarter-');
      expect(f.asOf, f.file).toBe('2026-09-26');
      expect(f.period, f.file).toMatchObject(quarter ? { type: 'quarter', start: '2026-07-01', end: '2026-09-26' } : { type: 'ytd', start: '2026-01-01', end: '2026-09-26' });
      expect(c.period).toBe(quarter ? 'quarter' : 'year');
      expect(f.summary.procedure, f.file).toEqual(f.file.includes('-formality') ? { code: '2.000815', name: manifest.formality.name } : null);
    }
  });

  it('for every unit of every response: the published counts, ratio, score and maximum (±0,01)', () => {
    const ix = rowsOf(all.dataset.tables.index_scores);
    const byKey = new Map(ix.map((r) => [[r.component, r.period, r.period_type, r.unit_id, r.procedure_code ?? ''].join('|'), r]));
    // departmentId → code, as the tree responses give it
    const codeOf = new Map<string, string>();
    for (const p of walk(path.join(dir, 'dvc-progress-tree'))) {
      const d = JSON.parse(readFileSync(p, 'utf8')).data;
      for (const u of [d.parent, ...d.children]) codeOf.set(u.departmentId, u.departmentCode);
    }
    let checked = 0;
    let empty = 0;
    const close = (a: unknown, b: unknown, what: string) => {
      if (b === null || b === undefined) return expect(a ?? null, what).toBeNull();
      expect(a as number, what).toBeCloseTo(b as number, 2);
    };
    for (const [folder, group] of Object.entries(GROUP)) {
      for (const p of walk(path.join(dir, folder))) {
        const name = rel(p);
        const d = JSON.parse(readFileSync(p, 'utf8')).data;
        const quarter = name.includes('quarter-');
        const proc = name.includes('-formality') ? '2.000815' : '';
        const root = d.parent ?? d.overview;
        const units = [root, ...(d.children ?? d.evaluation)];
        expect(units.length, name).toBe(164);
        for (const u of units) {
          const id = u.departmentCode ?? codeOf.get(u.departmentId);
          expect(id, `${name} ${u.departmentId}`).toBeTruthy();
          const k = (c: string) => [c, quarter ? '2026-Q3' : '2026', quarter ? 'quarter' : 'ytd', id, proc].join('|');
          const g = byKey.get(k(group));
          expect(g, `${name} ${id} ${group}`).toBeDefined();
          const what = `${name} ${id}`;
          if (group === 'TDGQ') {
            expect(g!.numerator, what).toBe(u.totalOnTime);
            expect(g!.denominator, what).toBe(u.totalReceived);
            close(g!.max_score, u.maxScore ?? u.totalMaxScore, what);
            if (u.totalReceived === 0) {
              // the portal prints ratio 0 and score 0: here empty, with the reason
              expect([u.ratio, u.score]).toEqual([0, 0]);
              expect([g!.ratio, g!.score, g!.quality_flag], what).toEqual([null, null, 'NO_DOSSIERS']);
              empty++;
            } else {
              close(g!.ratio, u.ratio, what);
              close(g!.score, u.score ?? u.totalScore, what);
              expect(g!.quality_flag, what).toBeNull(); // every identity holds in these files
              if (u.totalOverdue !== undefined) expect(byKey.get(k('TDGQ_OVERDUE'))!.numerator, what).toBe(u.totalOverdue);
            }
          } else {
            close(g!.score, u.totalScore, what);
            close(g!.max_score, u.totalMaxScore, what);
            close(g!.ratio, u.ratio, what);
            for (const m of u.metrics ?? []) {
              const r = byKey.get(k(m.code))!;
              expect(r, `${what} ${m.code}`).toBeDefined();
              expect([r.numerator, r.denominator], `${what} ${m.code}`).toEqual([m.numerator, m.denominator]);
              close(r.max_score, m.maxScore, `${what} ${m.code}`);
              if (m.denominator === 0) {
                expect(r.ratio, `${what} ${m.code}`).toBeNull();
                expect(r.quality_flag).toMatch(/NO_DOSSIERS/);
                if (m.score === 0) expect(r.score).toBeNull();
                empty++;
              } else close(r.ratio, m.ratio, `${what} ${m.code}`);
              if (m.maxScore === 0 || m.score === null) expect([r.score, r.quality_flag], `${what} ${m.code}`).toEqual([null, expect.stringMatching(/NOT_SCORED/)]);
              else if (m.denominator !== 0 || m.score !== 0) close(r.score, m.score, `${what} ${m.code}`);
            }
            if (group === 'TTTT') expect([byKey.get(k('TTTT_DOSSIER_PAYMENT'))?.numerator, byKey.get(k('TTTT_DOSSIER_PAYMENT'))?.denominator], what).toEqual([u.totalDossierOnlinePaymentSuccess, u.totalDossierFinancialObligation]);
          }
          checked++;
        }
      }
    }
    expect(checked).toBe(22 * 164);
    expect(empty).toBeGreaterThan(0);
  });

  it('TDGQ dossier_counts (year to date): every child with dossiers, on time / overdue as published; the quarter’s overlap is kept out', () => {
    const d = JSON.parse(readFileSync(path.join(dir, 'dvc-progress-tree/year-all.json'), 'utf8')).data;
    const dc = rowsOf(all.dataset.tables.dossier_counts);
    const withDossiers = (d.children as Obj[]).filter((c) => c.totalReceived > 0);
    expect(dc).toHaveLength(withDossiers.length);
    for (const c of withDossiers) {
      const r = dc.find((x) => x.unit_id === c.departmentCode)!;
      expect(r, c.departmentCode).toMatchObject({ period_start: '2026-01-01', period_end: '2026-09-26', resolved_on_time: c.totalOnTime, resolved_overdue: c.totalOverdue, pending_overdue: 0 });
    }
    expect(all.dataset.issues.find((i) => i.code === 'counts_overlap')).toMatchObject({ severity: 'warning', file: 'dvc-progress-tree/quarter-all.json' });
  });
});

describe.skipIf(!present)('the six year-all files of Phú Thọ', () => {
  let six: ImportResult;
  beforeAll(async () => {
    if (!present) return;
    six = await importFiles([...Object.keys(GROUP).map((f) => input(path.join(dir, f, 'year-all.json'))), input(path.join(dir, 'manifest.m0.json'))]);
    await loadIntoDb(db, six.dataset);
  }, 60_000);

  it('combine into TOTAL = Σ six groups for each of the 164 units', () => {
    expect(six.dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const ix = rowsOf(six.dataset.tables.index_scores);
    const units = new Set(ix.map((r) => r.unit_id));
    expect(units.size).toBe(164);
    expect(ix.some((r) => String(r.unit_id).includes('-'))).toBe(false); // every departmentId joined to its code
    for (const u of units) {
      const groups = Object.values(GROUP).map((g) => ix.find((r) => r.unit_id === u && r.component === g)!);
      const total = ix.find((r) => r.unit_id === u && r.component === 'TOTAL')!;
      expect(total, String(u)).toBeDefined();
      const sum = groups.reduce((n, g) => n + ((g.score as number | null) ?? 0), 0);
      expect(total.score as number, String(u)).toBeCloseTo(sum, 9);
      expect(total.max_score).toBe(100);
    }
    // the province: 7,96 + 17,68 + 8,56 + 6,67 + 9,59 + 11,43
    expect(ix.find((r) => r.unit_id === 'H44' && r.component === 'TOTAL')!.score).toBeCloseTo(61.89, 9);
  });

  it('on_time_rate through the real SQL = the published TDGQ ratio; total = Σ groups; no dossiers → empty', async () => {
    const d = JSON.parse(readFileSync(path.join(dir, 'dvc-progress-tree/year-all.json'), 'utf8')).data;
    const ev = await evaluate(db, { from: '2026-01-01', to: '2026-09-26' });
    const total = JSON.parse(readFileSync(path.join(dir, 'dvc-progress-tree/year-all.json'), 'utf8')).data.parent;
    for (const c of d.children as Obj[]) {
      const u = ev.units.find((x) => x.unit_id === c.departmentCode)!;
      expect(u, c.departmentCode).toBeDefined();
      if (c.totalReceived === 0) {
        expect(u.metrics.on_time_rate.value, c.departmentCode).toBeNull();
        continue;
      }
      expect(u.metrics.on_time_rate).toMatchObject({ numerator: c.totalOnTime, denominator: c.totalReceived });
      expect(Math.round(u.metrics.on_time_rate.value! * 100) / 100, c.departmentCode).toBe(c.ratio);
    }
    // the province's figure is its children's sum (parent = Σ children holds)
    expect(ev.total.metrics.on_time_rate).toMatchObject({ numerator: total.totalOnTime, denominator: total.totalReceived });
    const h44 = ev.units.find((x) => x.unit_id === 'H44')!;
    expect(h44.metrics.index_766_total.value).toBeCloseTo(61.89, 9);
    // the whole-unit figures only: the procedure's TDGQ (2.000815) is not what the unit shows
    const [n] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM index_scores WHERE procedure_code IS NOT NULL');
    expect(n.n).toBe(0);
  });
});

describe.skipIf(!present)('per procedure (2.000815) beside the whole-unit figures', () => {
  let both: ImportResult;
  beforeAll(async () => {
    if (!present) return;
    const files = Object.keys(GROUP).flatMap((f) => ['year-all.json', 'year-formality.json'].map((n) => path.join(dir, f, n))).filter((p) => existsSync(p));
    both = await importFiles([...files.map(input), input(path.join(dir, 'manifest.m0.json'))]);
    await loadIntoDb(db, both.dataset);
  }, 60_000);

  it('the breakdown query gives each unit the procedure’s published figures; the unit’s own figures stay whole-unit', async () => {
    expect(both.dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const { queryProcedureFigures, procedureRows } = await import('../../src/metrics/procedures');
    const { parsePeriod } = await import('../../src/metrics/periods');
    const period = parsePeriod('ytd:2026-09-26')!;
    const proc = JSON.parse(readFileSync(path.join(dir, 'dvc-progress-tree/year-formality.json'), 'utf8')).data.children as Obj[];
    const whole = JSON.parse(readFileSync(path.join(dir, 'dvc-progress-tree/year-all.json'), 'utf8')).data.children as Obj[];
    const ev = await evaluate(db, { from: '2026-01-01', to: '2026-09-26' });
    let withDossiers = 0;
    // the 15 agencies and one commune in four (each a query; the figures of all were checked above)
    for (const c of proc.filter((x, i) => x.level === 'PROVINCE' || i % 4 === 0)) {
      const rows = procedureRows(await queryProcedureFigures(db, { unitId: c.departmentCode, period }));
      expect(rows.map((r) => [r.code, r.name]), c.departmentCode).toEqual([['2.000815', manifest.formality.name]]);
      const g = rows[0].groups.TDGQ!;
      expect([g.numerator, g.denominator], c.departmentCode).toEqual([c.totalOnTime, c.totalReceived]);
      if (c.totalReceived > 0) {
        withDossiers++;
        expect(g.ratio).toBeCloseTo(c.ratio, 2);
      } else expect([g.ratio, g.score, g.quality_flag]).toEqual([null, null, 'NO_DOSSIERS']);
      // handling-satisfaction has no per-procedure response: no total for a procedure
      expect(rows[0].groups.TOTAL).toBeUndefined();
      expect(rows[0].groups.CKMB).toBeDefined();
      const w = whole.find((x) => x.departmentCode === c.departmentCode)!;
      expect(ev.units.find((u) => u.unit_id === c.departmentCode)!.metrics.index_766_TDGQ.value ?? null, c.departmentCode).toBe(w.totalReceived === 0 ? null : w.score);
    }
    expect(withDossiers).toBeGreaterThan(20);
    expect(both.dataset.issues.find((i) => i.code === 'total_missing_groups')!.message_en).toContain('MDHL');
  });
});
