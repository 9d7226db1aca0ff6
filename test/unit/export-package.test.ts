// The clean package (src/export/package.ts): a .zip whose datapackage.json (CSV) and
// datapackage-parquet.json (Parquet) both open as packages and give back exactly the tables exported.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { importFiles } from '../../src/datasets/files';
import { loadPackage, type Source } from '../../src/datasets/package';
import { TABLES } from '../../src/datasets/contract';
import type { LoadedDataset, TableName } from '../../src/datasets/types';
import { exportColumns, packageZip, tableCsv } from '../../src/export/package';

const ROOT = path.resolve(__dirname, '../..');
const bieu = (n: string) => ({ name: n, bytes: new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures/bieu06', n))) });
const portal = {
  metadata: { extractedAt: '2026-10-10T02:00:00Z', year: 2026, timeType: 'year', provinceCode: 'H21', province: 'UBND tỉnh Gia Lai' },
  agenciesDetail: [
    {
      departmentCode: 'H21.05', departmentName: 'Sở Xây dựng - tỉnh Gia Lai', totalScore: 65.23, groupRank: 2,
      groupScores: { CKMB: 11.79, TDGQ: 14.47, CLGQ: 9, TTTT: 8, MDSH: 10, MDHL: 11.97 },
      componentIndicators: {
        TDGQ_TienDoGiaiQuyet: { totalReceived: 756, totalOnTime: 547, totalOverdue: 209, ratio: 72.35, score: 14.47, maxScore: 20 },
        CKMB_CongKhaiMinhBach: { metrics: [{ code: 'DOSSIER_SYNC', numerator: 5, denominator: 5, ratio: 100, score: 6, maxScore: 6, dataQualityStatus: 'TEMP_NATIONAL_REPORT_DENOMINATOR' }] },
      },
    },
  ],
};

const memory = (files: Record<string, Uint8Array>): Source => ({
  origin: 'zip',
  async read(p: string) {
    const f = files[p];
    if (!f) throw new Error('không tìm thấy tệp / file not found');
    return f;
  },
});

function sameTables(a: LoadedDataset, b: LoadedDataset) {
  for (const name of Object.keys(TABLES) as TableName[]) {
    const x = a.tables[name];
    const y = b.tables[name];
    if (!x || x.rowCount === 0) {
      expect(y?.rowCount ?? 0, name).toBe(0);
      continue;
    }
    expect(y!.rowCount, name).toBe(x.rowCount);
    for (const c of exportColumns(x)) expect(y!.columns[c.name], `${name}.${c.name}`).toEqual(x.columns[c.name]);
  }
}

describe('clean package export', () => {
  it('datapackage.json + contract CSVs (+ Parquet) load back to the very same tables', async () => {
    const { dataset } = await importFiles([bieu('comma-so-tu-phap.csv'), bieu('semicolon-bom-so-y-te.csv'), { name: 'portal.json', bytes: new TextEncoder().encode(JSON.stringify(portal)) }]);
    expect(dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const files = unzipSync(packageZip(dataset));
    expect(Object.keys(files).sort()).toEqual([
      'datapackage-parquet.json', 'datapackage.json', 'dossier_counts.csv', 'index_scores.csv',
      'parquet/dossier_counts.parquet', 'parquet/index_scores.parquet', 'parquet/units.parquet', 'units.csv',
    ]);
    // no BOM, contract header order, empty optional columns left out, empty cells stay empty (not 0)
    const dc = strFromU8(files['dossier_counts.csv']);
    expect(files['dossier_counts.csv'][0]).toBe(0x70); // "p" of period_start
    expect(dc.split('\n')[0]).toBe('period_start,period_end,unit_id,field,received_online,received_offline,carried_over,resolved_early,resolved_on_time,resolved_overdue,pending_within,pending_overdue');
    expect(dc).toContain('2026-07-01,2026-09-30,so-tu-phap,Hộ tịch,3100,900,200,2500,1400,100,150,50\n');
    expect(dc).toContain('2026-01-01,2026-10-10,H21.05,,,,,,547,209,,0\n');
    const desc = JSON.parse(strFromU8(files['datapackage.json']));
    expect(desc.resources.map((r: { name: string; path: string }) => [r.name, r.path])).toEqual([['units', 'units.csv'], ['dossier_counts', 'dossier_counts.csv'], ['index_scores', 'index_scores.csv']]);
    expect(desc.resources[1].schema.primaryKey).toEqual(['period_start', 'period_end', 'unit_id', 'field']);

    const csvBack = await loadPackage(memory(files));
    expect(csvBack.issues.filter((i) => i.severity === 'error')).toEqual([]);
    sameTables(dataset, csvBack);
    const pqBack = await loadPackage(memory(files), 'datapackage-parquet.json');
    expect(pqBack.issues.filter((i) => i.severity === 'error')).toEqual([]);
    sameTables(dataset, pqBack);
    // the portal's quality flag travels with its figure
    const ix = csvBack.tables.index_scores!;
    const i = ix.columns.component.indexOf('DOSSIER_SYNC');
    expect(ix.columns.quality_flag[i]).toBe('TEMP_NATIONAL_REPORT_DENOMINATOR');
  });

  it('a text cell that a spreadsheet would run is neutralised; quotes and commas are quoted', () => {
    const t = { name: 'units' as const, rowCount: 2, origins: [], columns: { unit_id: ['A', 'B'], name: ['=HYPERLINK("x")', 'Sở "Tư pháp", tỉnh'], level: ['agency', 'agency'], short_name: [null, null] } };
    expect(tableCsv(t)).toBe('unit_id,name,level\nA,"\'=HYPERLINK(""x"")",agency\nB,"Sở ""Tư pháp"", tỉnh",agency\n');
  });
});
