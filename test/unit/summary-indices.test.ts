// `npm run summary` prints PCI/PAPI/SIPAS/PAR figures under the registry's ids (doc.indices): for a small
// published-style index table written here, and for the generated sample, whose index_scores.csv is read
// with papaparse to give the expected figures (not through the app).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSummary } from '../../src/cli/summary';
import type { IndexFigure } from '../../src/metrics/indices';
import { writeSamplePackage } from '../../src/sample/sample';

let base: string;
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'chiso-summary-indices-'));
});
afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

type Doc = { indices: IndexFigure[]; errors: unknown[]; units: { unit_id: string; metrics: Record<string, { value: number | null; target: number | null; comparator: string | null; status: string | null }> }[] };

const REAL = join(__dirname, '../../../shared/real/indices/PCI_2016.xlsx');
const realPresent = existsSync(REAL);
if (!realPresent) console.warn(`[summary-indices] ${REAL} is absent: the real PCI workbook case is skipped.`);

describe('summary: index figures', () => {
  it('gives a PCI table’s total, rank and pillars under pci_* ids', async () => {
    const file = join(base, 'pci-2024.csv');
    writeFileSync(file, [
      'Kết quả PCI năm 2024',
      'Tỉnh,Gia nhập thị trường,Tính minh bạch,Chỉ số mới lạ,PCI,Xếp hạng',
      'Tỉnh Ví Dụ,"7,12","6,5","5,25","65,5",2',
      'Tỉnh Mẫu Hai,"8,01","7,3","4,75","70,25",1',
    ].join('\n'), 'utf8');
    const r = await runSummary([file]);
    expect(r.code).toBe(0);
    const doc = r.doc as Doc;
    expect(doc.errors).toEqual([]);
    const pick = (unit: string) => doc.indices.filter((f) => f.unit_id === unit).map((f) => [f.metric, f.rank_metric, f.period, f.value, f.rank, f.rank_of]);
    expect(pick('tinh-vi-du')).toEqual([
      ['pci_total', 'pci_rank', '2024', 65.5, 2, 2],
      ['pci_entry_costs', null, '2024', 7.12, null, null],
      ['pci_moi_la', null, '2024', 5.25, null, null], // a component the registry did not know: defined from the file
      ['pci_transparency', null, '2024', 6.5, null, null],
    ]);
    expect(pick('tinh-mau-hai')[0]).toEqual(['pci_total', 'pci_rank', '2024', 70.25, 1, 2]);
    expect(doc.indices.every((f) => f.index === 'PCI' && f.period_type === 'year' && f.source === 'Kết quả PCI năm 2024')).toBe(true);
  });

  it('gives every PCI, PAPI, SIPAS and PAR INDEX figure of the sample, per province and year', async () => {
    const dir = join(base, 'sample');
    writeSamplePackage(dir);
    const rows = Papa.parse<Record<string, string>>(readFileSync(join(dir, 'index_scores.csv'), 'utf8'), { header: true, skipEmptyLines: true }).data
      .filter((x) => ['PCI', 'PAPI', 'SIPAS', 'PAR'].includes(x.index));
    const r = await runSummary([dir]);
    expect(r.code).toBe(0);
    const figs = (r.doc as Doc).indices.filter((f) => ['PCI', 'PAPI', 'SIPAS', 'PAR'].includes(f.index));
    expect(figs).toHaveLength(rows.length);
    const key = (i: string, u: string, p: string, c: string) => `${i}|${u}|${p}|${c}`;
    const byKey = new Map(figs.map((f) => [key(f.index, f.unit_id, f.period, f.component), f]));
    const prefix: Record<string, string> = { PCI: 'pci', PAPI: 'papi', SIPAS: 'sipas', PAR: 'par' };
    for (const x of rows) {
      const f = byKey.get(key(x.index, x.unit_id, x.period, x.component))!;
      expect(f, key(x.index, x.unit_id, x.period, x.component)).toBeDefined();
      expect(f.metric).toBe(`${prefix[x.index]}_${x.component === 'TOTAL' ? 'total' : x.component}`);
      expect(f.value).toBe(Number(x.score));
      expect(f.rank).toBe(x.rank === '' ? null : Number(x.rank));
      expect(f.rank_metric).toBe(x.rank === '' ? null : `${prefix[x.index]}_rank`);
      expect(f.as_of).toBe(x.as_of === '' ? null : x.as_of);
    }
    // Tỉnh Minh Họa's PAR INDEX 2025, as written in the file
    const par = rows.find((x) => x.index === 'PAR' && x.unit_id === 'MH' && x.period === '2025' && x.component === 'TOTAL')!;
    expect(byKey.get(key('PAR', 'MH', '2025', 'TOTAL'))).toMatchObject({ metric: 'par_total', rank_metric: 'par_rank', value: Number(par.score), rank: Number(par.rank), rank_of: 12 });

    // a target on a rank ("PAR INDEX in the top 5", par_rank <= 5): the year's figures judge it lower-is-better
    const y = await runSummary([dir, '--from', '2025-01-01', '--to', '2025-12-31']);
    const mh = (y.doc as Doc).units.find((u) => u.unit_id === 'MH')!;
    expect(mh.metrics.par_rank).toMatchObject({ value: Number(par.rank), target: 5, comparator: '<=', status: Number(par.rank) <= 5 ? 'met' : 'missed' });
    expect(mh.metrics.pci_total.value).toBe(Number(rows.find((x) => x.index === 'PCI' && x.unit_id === 'MH' && x.period === '2025' && x.component === 'TOTAL')!.score));
  });

  it.skipIf(!realPresent)('gives the official PCI 2016 workbook’s 63 totals and ranks under pci_total / pci_rank', async () => {
    // expected: the Summary_VN sheet's "PCI 2016" and "Xếp hạng" columns, read here with SheetJS
    const XLSX = await import('@e965/xlsx');
    const wb = XLSX.read(readFileSync(REAL));
    const grid = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Summary_VN, { header: 1 });
    const j = (grid[0] as string[]).indexOf('PCI 2016');
    const expected = grid.slice(1).filter((r) => typeof r[0] === 'number' && typeof r[j] === 'number').map((r) => [Math.round((r[j] as number) * 1e6), r[j + 1]]).sort((a, b) => Number(a[1]) - Number(b[1]));
    expect(expected).toHaveLength(63);
    const r = await runSummary([REAL]);
    expect(r.code).toBe(0);
    const totals = (r.doc as Doc).indices.filter((f) => f.metric === 'pci_total');
    expect(totals.every((f) => f.period === '2016' && f.rank_metric === 'pci_rank' && f.rank_of === 63)).toBe(true);
    expect(totals.map((f) => [Math.round(f.value! * 1e6), f.rank]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual(expected);
    // every pillar lands on a known pillar id (none defined from the file)
    const ids = new Set((r.doc as Doc).indices.map((f) => f.metric));
    expect([...ids].sort()).toEqual(['pci_business_support', 'pci_entry_costs', 'pci_informal_charges', 'pci_labor_training', 'pci_land_access',
      'pci_legal_institutions', 'pci_policy_bias', 'pci_proactivity', 'pci_time_costs', 'pci_total', 'pci_transparency']);
  });
});
