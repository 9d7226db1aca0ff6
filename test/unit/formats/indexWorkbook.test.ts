// Publishers' provincial index workbooks: the two official PCI workbooks of ../shared/real/indices/ (each
// province's published total, rank and pillar scores read back equal to the cells, read here with
// SheetJS by address and paired by province name independently of the reader), and layouts the reader
// has not seen, built here with SheetJS: PAPI-like sheets per year with two header rows, a long SIPAS
// table, a wide PAR INDEX table, an .ods.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { readFile } from '../../../src/datasets/formats/detect';
import { importFiles } from '../../../src/datasets/files';
import { codes, records, repoRoot } from './helpers';

const REAL = resolve(repoRoot, '../shared/real/indices');
const has = (f: string) => existsSync(resolve(REAL, f));

/** The 63 provinces (before 2025) by the slug the reader must give, and the spellings these two
 *  workbooks use, folded by hand (written out here, not taken from the reader). */
const IDS_63 = ['an-giang', 'ba-ria-vung-tau', 'bac-giang', 'bac-kan', 'bac-lieu', 'bac-ninh', 'ben-tre', 'binh-dinh', 'binh-duong', 'binh-phuoc', 'binh-thuan', 'ca-mau', 'can-tho', 'cao-bang', 'da-nang', 'dak-lak', 'dak-nong', 'dien-bien', 'dong-nai', 'dong-thap', 'gia-lai', 'ha-giang', 'ha-nam', 'ha-noi', 'ha-tinh', 'hai-duong', 'hai-phong', 'hau-giang', 'hoa-binh', 'hung-yen', 'khanh-hoa', 'kien-giang', 'kon-tum', 'lai-chau', 'lam-dong', 'lang-son', 'lao-cai', 'long-an', 'nam-dinh', 'nghe-an', 'ninh-binh', 'ninh-thuan', 'phu-tho', 'phu-yen', 'quang-binh', 'quang-nam', 'quang-ngai', 'quang-ninh', 'quang-tri', 'soc-trang', 'son-la', 'tay-ninh', 'thai-binh', 'thai-nguyen', 'thanh-hoa', 'thua-thien-hue', 'tien-giang', 'tra-vinh', 'tuyen-quang', 'vinh-long', 'vinh-phuc', 'yen-bai', 'ho-chi-minh'];
const SPELLINGS: Record<string, string> = { 'tp-hcm': 'ho-chi-minh', brvt: 'ba-ria-vung-tau', 'tt-hue': 'thua-thien-hue', 'bac-can': 'bac-kan', 'dak-lak': 'dak-lak', 'quang-ngai': 'quang-ngai', 'ha-tay': 'ha-tay' };
function idOf(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const id = SPELLINGS[slug] ?? slug;
  if (!IDS_63.includes(id) && id !== 'ha-tay') throw new Error(`test: unknown province spelling ${name} (${slug})`);
  return id;
}

function sheetCells(file: string, sheet: string): (string | number | null)[][] {
  const wb = XLSX.read(readFileSync(resolve(REAL, file)), { type: 'buffer' });
  return XLSX.utils.sheet_to_json<(string | number | null)[]>(wb.Sheets[sheet], { header: 1, raw: true, defval: null, blankrows: true });
}

const pick = (rows: Record<string, unknown>[], component: string) => new Map(rows.filter((r) => r.component === component).map((r) => [r.unit_id as string, r]));

describe.skipIf(!has('PCI_2016.xlsx'))('PCI 2016 (official workbook; skipped when ../shared/real/indices is absent)', () => {
  const p = readFile(new Uint8Array(readFileSync(resolve(REAL, 'PCI_2016.xlsx'))), 'PCI_2016.xlsx');
  const rows = records(p, 'index_scores');
  const cells = sheetCells('PCI_2016.xlsx', 'Summary_VN');
  const PILLARS: [string, number][] = [['entry_costs', 1], ['land_access', 3], ['transparency', 5], ['time_costs', 7], ['informal_charges', 9], ['policy_bias', 11], ['proactivity', 13], ['business_support', 15], ['labor_training', 17], ['legal_institutions', 19]];
  it('63 provinces, the year from the file name, every pillar and the total', () => {
    expect(p.kind).toBe('index_workbook');
    expect(p.summary).toMatchObject({ index: 'PCI', year: 2016 });
    expect(new Set(rows.map((r) => r.unit_id)).size).toBe(63);
    expect([...new Set(rows.map((r) => r.unit_id as string))].sort()).toEqual([...IDS_63].sort());
    expect(records(p, 'units').every((u) => u.level === 'province')).toBe(true);
    expect(rows.every((r) => r.index === 'PCI' && r.period === '2016' && r.period_type === 'year')).toBe(true);
  });
  it('each pillar (its own sorted column pair B/C … T/U) paired back by province name', () => {
    for (const [code, col] of PILLARS) {
      const got = pick(rows, code);
      expect(got.size).toBe(63);
      for (let r = 1; r <= 63; r++) {
        const name = cells[r][col] as string;
        expect(got.get(idOf(name))?.score, `${code} ${name}`).toBe(cells[r][col + 1]);
      }
    }
  });
  it('the overall PCI (V/W), rank (X) of 63 and tier (Y)', () => {
    const total = pick(rows, 'TOTAL');
    for (let r = 1; r <= 63; r++) {
      const id = idOf(cells[r][21] as string);
      expect(total.get(id)).toMatchObject({ score: cells[r][22], rank: cells[r][23], rank_of: 63, rank_group: cells[r][24] });
    }
  });
  it('skips the hidden stale Summary, reports the lookup rows 66–68 and the pillar sheets’ extra rows', () => {
    expect(p.summary.skippedSheets).toContainEqual({ sheet: 'Summary', reason: 'hidden' });
    expect(codes(p, 'error')).toEqual([]);
    const ignored = p.issues.find((i) => i.code === 'rows_not_provinces' && i.message_en.includes('"Summary_VN"'));
    expect(ignored?.message_en).toMatch(/3 rows are not provinces.*66.*67.*68/);
    const a = p.accounts.find((x) => x.table === 'index_scores')!;
    expect(a.read).toBe(a.loaded + a.reported);
    expect(a.loaded).toBe(63 * 11);
  });
  it('through `npm run --silent summary`: exit 0, the 63 totals and every pillar in the JSON', () => {
    const out = execFileSync('npm', ['run', '--silent', 'summary', '--', resolve(REAL, 'PCI_2016.xlsx')], { cwd: repoRoot, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }); // throws on a non-zero exit
    const doc = JSON.parse(out) as { indices: { index: string; component: string; unit_id: string; value: number; rank: number | null }[] };
    const totals = doc.indices.filter((f) => f.index === 'PCI' && f.component === 'TOTAL');
    expect(totals).toHaveLength(63);
    const cellsTotal = new Map(cells.slice(1, 64).map((r) => [idOf(r[21] as string), r[22]]));
    for (const t of totals) expect(t.value).toBe(cellsTotal.get(t.unit_id));
    expect(new Set(doc.indices.map((f) => f.component)).size).toBe(11);
  }, 120_000);
  it('reads the hidden sheet alone when asked, with its own year (2013)', () => {
    const q = readFile(new Uint8Array(readFileSync(resolve(REAL, 'PCI_2016.xlsx'))), 'PCI_2016.xlsx', { sheet: 'Summary' });
    expect(q.summary).toMatchObject({ year: 2013 });
    expect(new Set(records(q, 'index_scores').map((r) => r.unit_id)).size).toBe(63);
  });
});

describe.skipIf(!has('PCI_2005.xls'))('PCI 2005 (official .xls; skipped when ../shared/real/indices is absent)', () => {
  const p = readFile(new Uint8Array(readFileSync(resolve(REAL, 'PCI_2005.xls'))), 'PCI_2005.xls');
  const rows = records(p, 'index_scores');
  const summary = sheetCells('PCI_2005.xls', 'Bảng tóm tắt chỉ số');
  const ranks = sheetCells('PCI_2005.xls', 'Xếp hạng theo chỉ số PCI');
  it('42 provinces of 2005 (Hà Tây among them), year 2005', () => {
    expect(p.summary).toMatchObject({ index: 'PCI', year: 2005, workbook: 'xls' });
    const ids = new Set(rows.map((r) => r.unit_id));
    expect(ids.size).toBe(42);
    expect(ids.has('ha-tay')).toBe(true);
    expect([...ids].filter((i) => i !== 'ha-tay').every((i) => IDS_63.includes(i as string))).toBe(true);
  });
  it('pillars (columns F–N) and total (O) of the summary rows 3–44; background conditions C–E left out', () => {
    const PILLARS = ['entry_costs', 'land_access', 'transparency', 'time_costs', 'informal_charges', 'central_policy_implementation', 'soe_bias', 'proactivity', 'private_sector_development_policy'];
    for (let r = 2; r <= 43; r++) {
      const id = idOf(summary[r][0] as string);
      PILLARS.forEach((code, k) => expect(pick(rows, code).get(id)?.score, `${code} ${id}`).toBe(summary[r][5 + k]));
      expect(pick(rows, 'TOTAL').get(id)?.score).toBe(summary[r][14]);
    }
    expect(new Set(rows.map((r) => r.component)).size).toBe(10);
    expect(codes(p)).toContain('background_not_pillar');
  });
  it('rank from the first sheet, its misspelt province matched and reported', () => {
    const total = pick(rows, 'TOTAL');
    for (let r = 1; r <= 42; r++) {
      const name = ranks[r][0] === 'Quàng Ngãi' ? 'Quảng Ngãi' : (ranks[r][0] as string);
      expect(total.get(idOf(name))).toMatchObject({ rank: ranks[r][2], rank_of: 42 });
    }
    expect(p.issues.some((i) => i.code === 'province_fuzzy' && i.message.includes('Quàng Ngãi'))).toBe(true);
    // the pillar sheets' min/max rows are not provinces
    expect(p.issues.some((i) => i.code === 'rows_not_provinces' && i.message.includes('Điểm thấp nhất mẫu'))).toBe(true);
  });
});

describe.skipIf(!has('PCI_2005.xls') || !has('PCI_2016.xlsx'))('both PCI workbooks in one import', () => {
  it('one units row per province (64: the 63 and Hà Tây), both years loaded, no error', async () => {
    const files = ['PCI_2005.xls', 'PCI_2016.xlsx'].map((name) => ({ name, bytes: new Uint8Array(readFileSync(resolve(REAL, name))) }));
    const { dataset } = await importFiles(files);
    expect(dataset.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(dataset.tables.units?.rowCount).toBe(64);
    expect(dataset.tables.index_scores?.rowCount).toBe(420 + 693);
    for (const a of dataset.accounts) expect(a.read).toBe(a.loaded + a.reported + (a.subtotal ?? 0) + (a.repeated ?? 0));
  });
});

/** A workbook with one sheet per entry; bookType xlsx by default. */
function workbook(sheets: Record<string, unknown[][]>, bookType: XLSX.BookType = 'xlsx'): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), name);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }));
}

describe('layouts not seen before', () => {
  const papiSheet = (year: number, base: number) => [
    [`PAPI ${year}: Chỉ số Hiệu quả Quản trị và Hành chính công cấp tỉnh`],
    [],
    ['No.', 'Province', 'Participation at local levels', 'Transparency', 'Vertical accountability', 'Control of corruption', 'Public administrative procedures', 'Public service delivery', `PAPI ${year} (unweighted, sum of 6 dimensions)`],
    ['STT', 'Tỉnh/Thành phố', 'Tham gia của người dân ở cấp cơ sở', 'Công khai, minh bạch', 'Trách nhiệm giải trình với người dân', 'Kiểm soát tham nhũng trong khu vực công', 'Thủ tục hành chính công', 'Cung ứng dịch vụ công', 'Tổng điểm PAPI'],
    [1, 'Ha Noi', base + 0.1, 6.2, 5.9, 6.1, 7.0, 7.1, base + 30],
    [],
    [2, 'HCMC', base + 0.2, 6.0, 5.5, 6.3, 7.2, 7.4, base + 31],
    [3, 'TT-Hue', base + 0.3, 6.5, 6.1, 6.6, 7.1, 7.0, base + 32],
    [4, 'BRVT', base + 0.4, 5.8, 5.2, 6.0, 6.9, 7.2, base + 29],
    [5, 'Dak Lak', base + 0.5, 5.1, 5.0, 5.9, 6.8, 6.5, base + 28],
    [],
    ['', 'Median', 5.5, 6.0, 5.5, 6.1, 7.0, 7.1, 34],
  ];
  it('PAPI-like: a sheet per year (2011_PAPI, 2012_PAPI), two header rows, blank rows, names without diacritics', () => {
    const p = readFile(workbook({ '2011_PAPI': papiSheet(2011, 5), '2012_PAPI': papiSheet(2012, 6) }), 'PAPI_2011-2012.xlsx');
    expect(p.kind).toBe('index_workbook');
    expect(p.summary).toMatchObject({ index: 'PAPI', years: [2011, 2012] });
    const rows = records(p, 'index_scores');
    const hn = rows.filter((r) => r.unit_id === 'ha-noi' && r.period === '2011');
    expect(Object.fromEntries(hn.map((r) => [r.component, r.score]))).toEqual({
      participation: 5.1, transparency: 6.2, vertical_accountability: 5.9, control_of_corruption: 6.1, public_admin_procedures: 7.0, public_service_delivery: 7.1, TOTAL: 35,
    });
    expect(rows.find((r) => r.unit_id === 'ho-chi-minh' && r.period === '2012' && r.component === 'TOTAL')?.score).toBe(37);
    expect(new Set(rows.map((r) => r.unit_id))).toEqual(new Set(['ha-noi', 'ho-chi-minh', 'thua-thien-hue', 'ba-ria-vung-tau', 'dak-lak']));
    expect(p.issues.find((i) => i.code === 'rows_not_provinces')?.message_en).toContain('Median');
    // one sheet only
    const one = readFile(workbook({ '2011_PAPI': papiSheet(2011, 5), '2012_PAPI': papiSheet(2012, 6) }), 'PAPI.xlsx', { sheet: '2012_PAPI' });
    expect(one.summary).toMatchObject({ year: 2012 });
  });
  it('a long SIPAS table (one row per province and element)', () => {
    const rows = [['Kết quả Chỉ số SIPAS năm 2022'], ['Tỉnh', 'Chỉ số thành phần', 'Điểm'], ['Tỉnh Quảng Ninh', 'Tiếp cận dịch vụ', 88.1], ['Tỉnh Quảng Ninh', 'Chỉ số SIPAS', 87.4], ['Thành phố Cần Thơ', 'Tiếp cận dịch vụ', 80.2], ['Thành phố Cần Thơ', 'Công chức giải quyết công việc', 81.5]];
    const p = readFile(workbook({ SIPAS: rows }), 'sipas.xlsx');
    expect(p.kind).toBe('index_table:long');
    expect(records(p, 'index_scores').map((r) => [r.index, r.component, r.period, r.unit_id, r.score])).toEqual([
      ['SIPAS', 'access', '2022', 'quang-ninh', 88.1],
      ['SIPAS', 'TOTAL', '2022', 'quang-ninh', 87.4],
      ['SIPAS', 'access', '2022', 'can-tho', 80.2],
      ['SIPAS', 'civil_servants', '2022', 'can-tho', 81.5],
    ]);
  });
  it('a wide PAR INDEX table in .ods, with rank', () => {
    const rows = [['CHỈ SỐ CẢI CÁCH HÀNH CHÍNH (PAR INDEX) NĂM 2023'], ['STT', 'Tỉnh, thành phố', 'Công tác chỉ đạo, điều hành CCHC', 'Cải cách thủ tục hành chính', 'Điểm tổng', 'Xếp hạng'], [1, 'Hải Phòng', 9.1, 12.5, 91.2, 1], [2, 'Quảng Ninh', 9.0, 12.4, 90.9, 2], [3, 'Hoà Bình', 8.0, 11.0, 85.1, 3]];
    const p = readFile(workbook({ 'PAR INDEX 2023': rows }, 'ods'), 'par.ods');
    expect(p.summary).toMatchObject({ index: 'PAR', year: 2023, workbook: 'ods' });
    const total = pick(records(p, 'index_scores'), 'TOTAL');
    expect(total.get('hoa-binh')).toMatchObject({ score: 85.1, rank: 3, rank_of: 3 });
    expect(pick(records(p, 'index_scores'), 'procedures_reform').get('hai-phong')?.score).toBe(12.5);
  });
  it('asks for the year when nothing says it', () => {
    const p = readFile(workbook({ Sheet1: [['Tỉnh', 'PCI'], ['Hà Nội', 60], ['Huế', 58], ['Đà Nẵng', 70]] }), 'bang.xlsx');
    expect(codes(p, 'error')).toEqual(['year_unknown']);
    const q = readFile(workbook({ Sheet1: [['Tỉnh', 'PCI'], ['Hà Nội', 60], ['Huế', 58], ['Đà Nẵng', 70]] }), 'bang.xlsx', { year: 2020 });
    expect(pick(records(q, 'index_scores'), 'TOTAL').get('da-nang')?.score).toBe(70);
  });
});
