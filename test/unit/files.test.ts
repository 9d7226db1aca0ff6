// Single files → one working dataset (src/datasets/files.ts): every hand-made Biểu 06 variant, the mapping
// step, units matched across a 766 file and a Biểu 06, twelve monthly reports combined, repeated 766
// rows set aside and counted, and the figures computed from the loaded tables by the metric SQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { acceptReadable, assembleFiles, datasetOverview, importFiles, issueRows, readFiles, type FileInput } from '../../src/datasets/files';
import { hasErrors, type LoadedDataset, type RowAccount } from '../../src/datasets/types';
import { openNodeDb } from '../../src/db/node';
import { loadIntoDb } from '../../src/db/tables';
import type { Db } from '../../src/db/types';
import { evaluate } from '../../src/metrics/evaluate';
import { runImport } from '../../src/datasets/worker/run';
import { startImport } from '../../src/datasets/worker/client';

const ROOT = path.resolve(__dirname, '../..');
const fixture = (dir: string, name: string): FileInput => ({ name, bytes: new Uint8Array(readFileSync(path.join(ROOT, 'test/fixtures', dir, name))) });
const text = (name: string, s: string): FileInput => ({ name, bytes: new TextEncoder().encode(s) });
const balanced = (a: RowAccount) => a.read === a.loaded + a.reported + (a.subtotal ?? 0) + (a.repeated ?? 0);

let db: Db;
beforeAll(async () => {
  db = await openNodeDb();
});
afterAll(async () => {
  await db.close();
});

async function figures(ds: LoadedDataset, from: string, to: string) {
  expect(hasErrors(ds.issues)).toBe(false);
  await loadIntoDb(db, ds);
  return evaluate(db, { from, to });
}

describe('every hand-made Biểu 06 variant in one working dataset', () => {
  // (ii06a-units.csv and unit-fields.csv also report Sở Tư pháp, for Q3 and for 9 months: with
  // comma-so-tu-phap.csv they would count the same dossiers twice; that is tested below)
  const names = ['comma-so-tu-phap.csv', 'semicolon-bom-so-y-te.csv', 'utf16-phuong-pleiku.csv', 'cp1258-so-xay-dung.csv', 'merged-two-headers.xlsx', 'number-row-only.csv'];
  let result: Awaited<ReturnType<typeof importFiles>>;
  beforeAll(async () => {
    result = await importFiles(names.map((n) => fixture('bieu06', n)));
  });

  it('reads each file as Biểu 06 with no error and balanced row accounts', () => {
    expect(result.files.map((f) => f.kind)).toEqual(names.map(() => 'bieu06'));
    expect(result.dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
    for (const a of result.dataset.accounts) expect(balanced(a), `${a.file} ${a.table}`).toBe(true);
  });

  it('reports what it understood per file: units, fields, period, rows, totals', () => {
    const tp = result.files.find((f) => f.file === 'comma-so-tu-phap.csv')!;
    expect(tp.units).toEqual(['Sở Tư pháp']);
    expect(tp.fields).toEqual(['Hộ tịch', 'Công chứng', 'Lý lịch tư pháp']);
    expect(tp.period).toMatchObject({ start: '2026-07-01', end: '2026-09-30' });
    // 3 detail rows loaded, the "Tổng cộng" row checked and counted as subtotal
    expect(tp).toMatchObject({ read: 4 + 1, loaded: 3 + 1, reported: 0, subtotal: 1, errors: 0 });
    expect(tp.totals).toMatchObject({ received_online: 10600, received_offline: 1501, carried_over: 334, resolved_early: 9300, resolved_on_time: 2640, resolved_overdue: 160, pending_within: 280, pending_overdue: 55 });
  });

  it('computes the Sở Tư pháp Q3 figures by hand', async () => {
    const ev = await figures(result.dataset, '2026-07-01', '2026-09-30');
    const tp = ev.units.find((u) => u.unit_id === 'so-tu-phap')!;
    // (9.300 + 2.640 + 280) / (12.100 + 335) = 12.220 / 12.435
    expect(tp.metrics.on_time_rate).toMatchObject({ numerator: 12220, denominator: 12435 });
    expect(tp.metrics.on_time_rate.value).toBeCloseTo((100 * 12220) / 12435, 10);
    // online 10.600 / (10.600 + 1.501)
    expect(tp.metrics.online_share).toMatchObject({ numerator: 10600, denominator: 12101 });
    expect(tp.metrics.overdue_count.value).toBe(160 + 55);
  });
});

describe('the mapping step', () => {
  const columns = { stt: 0, name: 1, received_total: 2, received_online: 3, received_offline: 4, carried_over: 5, resolved_total: 6, resolved_early: 7, resolved_on_time: 8, resolved_overdue: 9, pending_total: 10, pending_within: 11, pending_overdue: 12 };

  it('an unmatched header asks for a mapping, with the header rows to choose from', async () => {
    const r = await importFiles([fixture('bieu06', 'unmapped.csv')]);
    const f = r.files[0];
    expect(f.kind).toBe('bieu06:unmapped');
    expect(f.mapping?.signature).toMatch(/^L/);
    expect(f.mapping?.headerCandidates.find((c) => c.row === 4)?.cells.slice(0, 3)).toEqual(['Mã', 'Tên lĩnh vực', 'Nhận']);
    // nothing loads, every row is accounted for as reported, and the error says why
    // (the reader counts the 6 non-blank lines: title block, header and the 2 data lines)
    expect(f).toMatchObject({ read: 6, loaded: 0, reported: 6, errors: 1 });
    expect(acceptReadable(r.dataset)).toBeNull();
  });

  it('with the mapping (for this file, or saved for the layout) the rows load with hand-checked numbers', async () => {
    const first = await importFiles([fixture('bieu06', 'unmapped.csv')]);
    const signature = first.files[0].mapping!.signature;
    const perFile = await importFiles([fixture('bieu06', 'unmapped.csv')], { perFile: { 'unmapped.csv': { mapping: { headerRow: 4, columns } } } });
    const saved = await importFiles([fixture('bieu06', 'unmapped.csv')], { mappings: { [signature]: { headerRow: 4, columns } } });
    for (const r of [perFile, saved]) {
      expect(r.files[0].kind).toBe('bieu06');
      expect(r.files[0]).toMatchObject({ loaded: 2 + 1, reported: 0, units: ['Sở Tài chính'], fields: ['Hộ tịch', 'Giá'] });
      const dc = r.dataset.tables.dossier_counts!;
      expect(dc.columns.resolved_early).toEqual([10, 6]);
      expect(dc.columns.pending_within).toEqual([0, 1]);
    }
    // January, Sở Tài chính: (10 + 20 + 6 + 0 + 0 + 1) / (30 + 6 + 0 + 1) = 37 / 37
    const ev = await figures(saved.dataset, '2026-01-01', '2026-01-31');
    expect(ev.units[0].metrics.on_time_rate).toMatchObject({ value: 100, numerator: 37, denominator: 37 });
  });

  it('a missing period or unit typed by the person completes the file', async () => {
    const noPeriod = 'Đơn vị báo cáo: Sở Tư pháp\n(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13)\n1,Hộ tịch,10,5,5,0,10,5,5,0,0,0,0\n';
    const a = await importFiles([text('no-period.csv', noPeriod)]);
    expect(a.files[0].mapping?.missing).toEqual(['period']);
    const b = await importFiles([text('no-period.csv', noPeriod)], { perFile: { 'no-period.csv': { period: { period_start: '2026-02-01', period_end: '2026-02-28' } } } });
    expect(b.files[0]).toMatchObject({ kind: 'bieu06', period: { start: '2026-02-01', end: '2026-02-28' } });
  });
});

describe('twelve monthly Biểu 06 files make one year', () => {
  // month m: online 10·m, offline 5, nothing carried over; early 10·m, on time 4, overdue 1; nothing pending
  const month = (m: number) => {
    const last = new Date(Date.UTC(2026, m, 0)).getUTCDate();
    const mm = String(m).padStart(2, '0');
    const rec = 10 * m + 5;
    return text(
      `noi-vu-${mm}.csv`,
      `Biểu số 06/VPCP/KSTT\nĐơn vị báo cáo: Sở Nội vụ\nTừ ngày 01/${mm}/2026 đến ngày ${last}/${mm}/2026\n` +
        '(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13)\n' +
        `1,Thi đua khen thưởng,${rec},${10 * m},5,0,${rec},${10 * m},4,1,0,0,0\n`,
    );
  };
  it('loads 12 rows and the year figure equals the hand sum', async () => {
    const r = await importFiles(Array.from({ length: 12 }, (_, i) => month(i + 1)));
    expect(r.dataset.tables.dossier_counts!.rowCount).toBe(12);
    const o = datasetOverview(r.dataset);
    expect(o).toMatchObject({ from: '2026-01-01', to: '2026-12-31', units: 1, fields: 1 });
    // Σ 10·m = 780; early 780, on time 12·4 = 48, overdue 12·1 = 12; resolved 840
    expect(o.totals).toMatchObject({ received_online: 780, received_offline: 60, resolved_early: 780, resolved_on_time: 48, resolved_overdue: 12 });
    const ev = await figures(r.dataset, '2026-01-01', '2026-12-31');
    expect(ev.units[0].metrics.on_time_rate).toMatchObject({ numerator: 828, denominator: 840 });
    expect(ev.units[0].metrics.early_rate).toMatchObject({ numerator: 780, denominator: 840 });
  });
  it('the same month twice is an error naming both files', async () => {
    const r = await importFiles([month(3), { ...month(3), name: 'again.csv' }]);
    const e = r.dataset.issues.find((i) => i.code === 'duplicate_key_across');
    expect(e).toMatchObject({ severity: 'error', file: 'again.csv', row: 5 });
    expect(e!.message).toContain('noi-vu-03.csv');
  });
});

describe('a 766 file and a Biểu 06 together', () => {
  const portal = {
    metadata: { extractedAt: '2026-10-10T02:00:00Z', year: 2026, timeType: 'year', provinceCode: 'H21', province: 'Gia Lai' },
    agenciesDetail: [
      {
        departmentCode: 'H21.16', departmentName: 'Sở Tư pháp - tỉnh Gia Lai', totalScore: 80, groupRank: 1, rank: 3,
        groupScores: { CKMB: 10, TDGQ: 20, CLGQ: 10, TTTT: 10, MDSH: 15, MDHL: 15 },
        componentIndicators: { TDGQ_TienDoGiaiQuyet: { totalReceived: 100, totalOnTime: 97, totalOverdue: 3, ratio: 97, score: 19.4, maxScore: 20 } },
      },
    ],
  };
  it('the Biểu 06 names the 766 unit: "Sở Tư pháp" → H21.16, no second unit; the year-to-date total is not added to Q3', async () => {
    const r = await importFiles([fixture('bieu06', 'comma-so-tu-phap.csv'), text('agencies_detail.json', JSON.stringify(portal))]);
    const dc = r.dataset.tables.dossier_counts!;
    expect(r.dataset.tables.units!.columns.unit_id).not.toContain('so-tu-phap');
    expect(r.dataset.detected.map((d) => d.kind)).toEqual(['bieu06', 'dvcqg766:agencies_detail']);
    // the 766 counts (1 January – 10 October, all fields) cover the Q3 rows per field: counted twice
    const errors = r.dataset.issues.filter((i) => i.severity === 'error');
    expect(errors.map((e) => [e.code, e.file, e.row])).toEqual([['overlapping_rows', 'agencies_detail.json', undefined]]);
    expect(errors[0].message).toBe('Tệp agencies_detail.json, bản ghi 1: đơn vị H21.16, dòng cho mọi lĩnh vực cùng kỳ với dòng lĩnh vực «Hộ tịch» (tệp comma-so-tu-phap.csv, dòng 11): số hồ sơ sẽ bị tính hai lần.');
    expect(r.files[1]).toMatchObject({ reported: 1 });
    expect(new Set(dc.columns.unit_id)).toEqual(new Set(['H21.16']));
    expect(dc.rowCount).toBe(3);
    const ok = acceptReadable(r.dataset)!;
    const ev = await figures(ok, '2026-01-01', '2026-10-10');
    const u = ev.units.find((x) => x.unit_id === 'H21.16')!;
    expect(u.metrics.index_766_total.value).toBe(80);
    expect(u.metrics.on_time_rate).toMatchObject({ numerator: 12220, denominator: 12435 });
  });

  it('alone, the 766 row leaves early and pending-within empty (not 0)', async () => {
    const r = await importFiles([text('agencies_detail.json', JSON.stringify(portal))]);
    const dc = r.dataset.tables.dossier_counts!;
    expect([dc.columns.resolved_early[0], dc.columns.resolved_on_time[0], dc.columns.pending_within[0], dc.columns.resolved_overdue[0]]).toEqual([null, 97, null, 3]);
    const ev = await figures(r.dataset, '2026-01-01', '2026-10-10');
    const u = ev.units.find((x) => x.unit_id === 'H21.16')!;
    expect(u.metrics.on_time_rate).toMatchObject({ value: 97, numerator: 97, denominator: 100 });
    expect(u.metrics.early_rate.value).toBeNull();
  });

  it('a canonical quarter row over its months is refused, and still counted in the file\'s rows', async () => {
    const head = 'period_start,period_end,unit_id,field,received_online,received_offline,carried_over,resolved_early,resolved_on_time,resolved_overdue,pending_within,pending_overdue\n';
    const months = text('months.csv', head + '2026-07-01,2026-07-31,A,,1,0,0,1,0,0,0,0\n2026-08-01,2026-08-31,A,,1,0,0,1,0,0,0,0\n');
    const quarter = text('quarter.csv', head + '2026-07-01,2026-09-30,A,,2,0,0,2,0,0,0,0\n');
    const r = await importFiles([months, quarter, text('units.csv', 'unit_id,name,level\nA,Sở A,agency\n')]);
    expect(r.dataset.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.file, i.row])).toEqual([['overlapping_rows', 'quarter.csv', 2]]);
    expect(r.dataset.accounts.find((a) => a.file === 'quarter.csv')).toMatchObject({ read: 1, loaded: 0, reported: 1 });
    expect(r.dataset.accounts.find((a) => a.file === 'months.csv')).toMatchObject({ read: 2, loaded: 2, reported: 0 });
  });

  it('an all-fields II.06a row next to the same unit\'s field rows is refused as counted twice', async () => {
    const r = await importFiles([fixture('bieu06', 'comma-so-tu-phap.csv'), fixture('bieu06', 'ii06a-units.csv')]);
    const e = r.dataset.issues.filter((i) => i.code === 'overlapping_rows');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatchObject({ severity: 'error', file: 'ii06a-units.csv', row: 10 });
    const nine = await importFiles([fixture('bieu06', 'comma-so-tu-phap.csv'), fixture('bieu06', 'unit-fields.csv')]);
    // 9 months (1 January – 30 September) of Hộ tịch and Công chứng cover the Q3 rows of the same fields
    expect(nine.dataset.issues.filter((i) => i.code === 'overlapping_rows').map((i) => [i.file, i.row])).toEqual([
      ['unit-fields.csv', 6],
      ['unit-fields.csv', 7],
    ]);
  });

  it('the same snapshot twice: repeated rows are set aside, counted, and said once per file', async () => {
    const a = text('a.json', JSON.stringify(portal));
    const b = text('b.json', JSON.stringify(portal));
    const r = await importFiles([a, b]);
    expect(hasErrors(r.dataset.issues)).toBe(false);
    for (const acc of r.dataset.accounts) expect(balanced(acc)).toBe(true);
    const repeated = r.dataset.accounts.filter((x) => x.repeated);
    expect(repeated.length).toBeGreaterThan(0);
    // every row of the later-listed copy equals one of the first: loaded once
    const loaded = (f: string) => r.dataset.accounts.filter((x) => x.file === f).reduce((n, x) => n + x.loaded, 0);
    expect(loaded('a.json') + loaded('b.json')).toBe(r.dataset.accounts.filter((x) => x.file === 'a.json').reduce((n, x) => n + x.read, 0));
    expect(r.dataset.issues.filter((i) => i.code === 'repeated_rows').length).toBeGreaterThan(0);
  });
});

describe('errors: named, downloadable, and the readable part can still be loaded on request', () => {
  const bad = 'Đơn vị báo cáo: Sở Tư pháp\nTừ ngày 01/01/2026 đến ngày 31/03/2026\n(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13)\n' + '1,Hộ tịch,10,5,5,0,10,5,5,0,0,0,0\n2,Công chứng,8,1.23.4,8,0,8,8,0,0,0,0,0\n';
  it('the bad row is reported with file, row and column; the good row is kept for an explicit confirmation', async () => {
    const r = await importFiles([text('q1.csv', bad), { name: 'junk.bin', bytes: new Uint8Array([0, 1, 2, 3, 0, 0, 7, 8, 0, 1]) }]);
    const e = r.dataset.issues.find((i) => i.code === 'bad_number')!;
    expect(e).toMatchObject({ severity: 'error', file: 'q1.csv', row: 5, column: 'received_online' });
    expect(r.files.map((f) => [f.file, f.loaded, f.reported, f.errors])).toEqual([
      ['q1.csv', 1 + 1, 1, 1],
      ['junk.bin', 0, 0, 1],
    ]);
    const ok = acceptReadable(r.dataset)!;
    expect(hasErrors(ok.issues)).toBe(false);
    expect(ok.issues.find((i) => i.code === 'not_loaded:bad_number')?.message).toMatch(/^Không nạp: /);
    expect(ok.tables.dossier_counts!.rowCount).toBe(1);
    const rows = issueRows(r.dataset.issues);
    expect(rows.header).toEqual(['file', 'row', 'column', 'severity', 'code', 'message', 'message_en']);
    expect(rows.rows.find((x) => x[4] === 'bad_number')?.slice(0, 4)).toEqual(['q1.csv', 5, 'received_online', 'error']);
  });

  it('kind comes from the content, not the name: a Biểu 06 named .json and a JSON named .csv', async () => {
    const tp = fixture('bieu06', 'comma-so-tu-phap.csv');
    const r = await readFiles([{ name: 'report.json', bytes: tp.bytes }, text('scores.csv', JSON.stringify([{ unit_id: 'A', name: 'Sở A', level: 'agency' }]))]);
    expect(r.map((p) => p.kind)).toEqual(['bieu06', 'canonical:units']);
  });

  it('a canonical CSV goes through the package reader (same checks, same row numbers)', async () => {
    const r = await importFiles([text('units.csv', 'unit_id,name,level\nA,Sở A,agency\nB,Sở B,planet\n')]);
    expect(r.files[0].kind).toBe('canonical:units');
    expect(r.dataset.issues.find((i) => i.severity === 'error')).toMatchObject({ code: 'bad_enum', row: 3, column: 'level' });
    expect(r.dataset.accounts[0]).toMatchObject({ read: 2, loaded: 1, reported: 1 });
  });

  it('the same file name twice stays two files', async () => {
    const ds = assembleFiles(await readFiles([fixture('bieu06', 'comma-so-tu-phap.csv'), fixture('bieu06', 'comma-so-tu-phap.csv')]));
    expect(ds.detected.map((d) => d.file)).toEqual(['comma-so-tu-phap.csv', 'comma-so-tu-phap.csv (2)']);
    expect(ds.issues.some((i) => i.code === 'duplicate_key_across' && i.file === 'comma-so-tu-phap.csv (2)')).toBe(true);
  });
});

describe('the worker code runs as is in Node', () => {
  it('runImport reads Blobs and reports progress up to done', async () => {
    const tp = fixture('bieu06', 'comma-so-tu-phap.csv');
    const seen: string[] = [];
    const r = await runImport([{ name: tp.name, blob: new Blob([tp.bytes as BlobPart]) }], {}, (p) => seen.push(`${p.stage}:${p.fraction}`));
    expect(r.files[0]).toMatchObject({ kind: 'bieu06', loaded: 4 });
    expect(seen[0]).toBe('read:0');
    expect(seen.at(-1)).toBe('done:1');
  });
  it('without Worker, startImport runs on the thread, and a cancel before the end refuses the result', async () => {
    const job = startImport([fixture('bieu06', 'comma-so-tu-phap.csv')], {});
    expect((await job.result).files[0].kind).toBe('bieu06');
    const many = startImport(Array.from({ length: 5 }, (_, i) => ({ ...fixture('bieu06', 'comma-so-tu-phap.csv'), name: `f${i}.csv` })), {});
    many.cancel();
    await expect(many.result).rejects.toThrow('cancelled');
  });
});

describe('index tables that do not say which index or year', () => {
  const src = 'STT,Đơn vị,Điểm tổng hợp,Xếp hạng\n1,Sở Tư pháp,70.5,1\n2,Sở Y tế,65.2,2\n';
  it('the report asks for them, and with them the scores load', async () => {
    const a = await importFiles([text('bang.csv', src)]);
    expect(a.files[0]).toMatchObject({ kind: 'index_table:unmapped', needs: ['index', 'year'] });
    const b = await importFiles([text('bang.csv', src)], { perFile: { 'bang.csv': { index: 'DDCI', year: 2025 } } });
    expect(b.files[0]).toMatchObject({ kind: 'index_table:wide', errors: 0, units: ['Sở Tư pháp', 'Sở Y tế'] });
    const ix = b.dataset.tables.index_scores!;
    const total = ix.columns.component.map((c, i) => [c, ix.columns.index[i], ix.columns.period[i], ix.columns.score[i], ix.columns.rank[i]]).filter((r) => r[0] === 'TOTAL');
    expect(total).toEqual([
      ['TOTAL', 'DDCI', '2025', 70.5, 1],
      ['TOTAL', 'DDCI', '2025', 65.2, 2],
    ]);
  });
});
