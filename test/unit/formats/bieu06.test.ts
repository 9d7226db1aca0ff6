import { describe, expect, it } from 'vitest';
import { readFile } from '../../../src/datasets/formats/detect';
import { applyBieu06Mapping, layoutSignature, parseBieu06 } from '../../../src/datasets/formats/bieu06';
import { gridFromCsv } from '../../../src/datasets/formats/grid';
import { decodeText } from '../../../src/datasets/formats/text';
import { codes, fixture, records } from './helpers';

const read = (name: string, opts = {}) => readFile(fixture('bieu06', name), name, opts);
const counts = (r: Record<string, unknown>) => [r.received_online, r.received_offline, r.carried_over, r.resolved_early, r.resolved_on_time, r.resolved_overdue, r.pending_within, r.pending_overdue];

describe('Biểu 06 — comma CSV, two header rows, number row, Tổng cộng, signature block', () => {
  const p = read('comma-so-tu-phap.csv');
  it('maps every row with the title block unit and period', () => {
    expect(p.kind).toBe('bieu06');
    expect(codes(p, 'error')).toEqual([]);
    const rows = records(p, 'dossier_counts');
    expect(rows.map((r) => [r.period_start, r.period_end, r.unit_id, r.field])).toEqual([
      ['2026-07-01', '2026-09-30', 'so-tu-phap', 'Hộ tịch'],
      ['2026-07-01', '2026-09-30', 'so-tu-phap', 'Công chứng'],
      ['2026-07-01', '2026-09-30', 'so-tu-phap', 'Lý lịch tư pháp'],
    ]);
    expect(counts(rows[0])).toEqual([3100, 900, 200, 2500, 1400, 100, 150, 50]);
    expect(counts(rows[1])).toEqual([1000, 200, 34, 800, 390, 10, 30, 4]);
    expect(counts(rows[2])).toEqual([6500, 401, 100, 6000, 850, 50, 100, 1]);
    expect(records(p, 'units')).toEqual([{ unit_id: 'so-tu-phap', name: 'Sở Tư pháp', level: 'agency' }]);
  });
  it('checks Tổng cộng against the rows and counts it as subtotal; ignores the signature block', () => {
    expect(p.issues).toEqual([]);
    expect(p.accounts[0]).toEqual({ file: 'comma-so-tu-phap.csv', table: 'dossier_counts', read: 4, loaded: 3, reported: 0, subtotal: 1 });
    expect(p.summary.totals).toMatchObject({ received_online: 10600, received_offline: 1501, carried_over: 334, resolved_early: 9300, resolved_on_time: 2640, resolved_overdue: 160, pending_within: 280, pending_overdue: 55 });
    expect(p.summary.numberRow).toBe(10);
  });
});

describe('Biểu 06 — semicolon CSV with BOM, one header row, a column blank throughout', () => {
  const p = read('semicolon-bom-so-y-te.csv');
  it('reads semicolons although names hold commas; blank column → null and allowEmpty', () => {
    expect(p.summary).toMatchObject({ delimiter: ';', encoding: 'utf-8-bom', mode: 'fields', unitFrom: 'title', period: { start: '2026-10-01', end: '2026-10-31' } });
    const rows = records(p, 'dossier_counts');
    expect(rows.map((r) => r.field)).toEqual(['Dược phẩm', 'Khám bệnh, chữa bệnh', 'Y tế dự phòng']);
    expect(counts(rows[0])).toEqual([1200, 320, null, 1000, 450, 50, 15, 5]);
    expect(counts(rows[1])).toEqual([600, 260, null, 700, 90, 10, 60, 0]);
    expect(counts(rows[2])).toEqual([40, 5, null, 45, 0, 0, 0, 0]);
    expect(p.tables.dossier_counts?.allowEmpty).toEqual(['carried_over']);
    expect(codes(p)).toEqual(['column_blank']);
    expect(rows[0].unit_id).toBe('so-y-te');
  });
});

describe('Biểu 06 — encodings', () => {
  it('UTF-16 LE, tab separated, unit in the cell after the label', () => {
    const p = read('utf16-phuong-pleiku.csv');
    expect(p.summary).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', period: { start: '2026-09-01', end: '2026-09-30' } });
    const rows = records(p, 'dossier_counts');
    expect(rows.map((r) => [r.unit_id, r.field, ...counts(r)])).toEqual([
      ['ubnd-phuong-pleiku', 'Hộ tịch', 250, 40, 20, 200, 95, 5, 10, 0],
      ['ubnd-phuong-pleiku', 'Đất đai', 30, 60, 5, 40, 30, 10, 12, 3],
    ]);
    expect(records(p, 'units')).toEqual([{ unit_id: 'ubnd-phuong-pleiku', name: 'UBND phường Pleiku', level: 'commune' }]);
  });
  it('Windows-1258 with semicolons, year period', () => {
    const p = read('cp1258-so-xay-dung.csv');
    expect(p.summary).toMatchObject({ encoding: 'windows-1258', period: { start: '2025-01-01', end: '2025-12-31' } });
    const rows = records(p, 'dossier_counts');
    expect(rows.map((r) => [r.unit_id, r.field, ...counts(r)])).toEqual([
      ['so-xay-dung', 'Xây dựng', 1800, 200, 50, 1500, 450, 50, 40, 10],
      ['so-xay-dung', 'Nhà ở', 100, 20, 0, 100, 10, 0, 10, 0],
      ['so-xay-dung', 'Quy hoạch kiến trúc', 30, 3, 0, 20, 5, 5, 0, 3],
    ]);
    expect(codes(p)).toEqual(['legacy_encoding']);
  });
  it('decomposed (NFD) names become NFC, and NFD/NFC spellings are one field', () => {
    const p = read('decomposed-xa-ia-grai.csv');
    const rows = records(p, 'dossier_counts');
    expect(rows.map((r) => r.field)).toEqual(['Hộ tịch'.normalize('NFC'), 'Chứng thực'.normalize('NFC')]);
    expect(rows[0].unit_id).toBe('ubnd-xa-ia-grai');
    expect(counts(rows[0])).toEqual([20, 30, 0, 30, 20, 0, 0, 0]);
    const dup = p.issues.find((i) => i.code === 'duplicate_field');
    expect(dup).toMatchObject({ severity: 'error', row: 7, column: 'field' });
    expect(p.accounts[0]).toMatchObject({ read: 3, loaded: 2, reported: 1 });
    expect(p.summary.period).toMatchObject({ start: '2026-01-01', end: '2026-03-31' });
  });
});

describe('Biểu 06 — XLSX with two merged header rows and no number row', () => {
  const p = read('merged-two-headers.xlsx');
  it('matches the header text through merged cells and reads numeric cells', () => {
    expect(p.kind).toBe('bieu06');
    expect(p.summary).toMatchObject({ numberRow: null, headerRow: 6, sheet: 'Biểu 06', period: { start: '2026-01-01', end: '2026-06-30' } });
    const rows = records(p, 'dossier_counts');
    expect(rows.map((r) => [r.unit_id, r.field, ...counts(r)])).toEqual([
      ['ubnd-xa-ia-grai', 'Hộ tịch', 300, 150, 50, 400, 70, 10, 18, 2],
      ['ubnd-xa-ia-grai', 'Chứng thực', 900, 100, 0, 1000, 0, 0, 0, 0],
      ['ubnd-xa-ia-grai', 'Đất đai', 20, 40, 15, 30, 20, 10, 10, 5],
    ]);
  });
  it('says the total column holds formulas and that other sheets were not read', () => {
    expect(codes(p).sort()).toEqual(['formula_cells', 'other_sheets']);
    expect(p.issues.find((i) => i.code === 'formula_cells')?.message).toContain('cột 3 (received_total)');
  });
});

describe('Biểu 06 — only the (1)…(13) number row', () => {
  it('maps by column numbers; unit from the letterhead', () => {
    const p = read('number-row-only.csv');
    expect(p.summary).toMatchObject({ unitFrom: 'letterhead', numberRow: 4, period: { start: '2026-10-01', end: '2026-10-31' } });
    const rows = records(p, 'dossier_counts');
    expect(rows.map((r) => [r.unit_id, r.field, ...counts(r)])).toEqual([
      ['so-noi-vu', 'Thi đua khen thưởng', 10, 30, 0, 20, 20, 0, 0, 0],
      ['so-noi-vu', 'Tôn giáo', 2, 10, 0, 5, 5, 0, 1, 1],
    ]);
  });
});

describe('Biểu 06 — group rows, Tổng cộng, a bad row and a bad subtotal', () => {
  const p = read('groups-total-tinh.csv');
  it('loads detail rows only and reports the row whose column 3 ≠ 4+5+6', () => {
    const rows = records(p, 'dossier_counts');
    expect(rows.map((r) => [r.field, ...counts(r)])).toEqual([
      ['Đầu tư', 60, 30, 10, 50, 30, 10, 8, 2],
      ['Xây dựng', 150, 40, 10, 100, 60, 20, 15, 5],
      ['Hộ tịch', 700, 250, 50, 800, 100, 50, 40, 10],
    ]);
    const err = p.issues.filter((i) => i.severity === 'error');
    expect(err).toHaveLength(1);
    expect(err[0]).toMatchObject({ code: 'bieu06_sum', row: 13, column: 'received_total' });
    expect(err[0].message).toContain('cột 3 (received_total): ghi 500 nhưng cột 4+5+6 cộng lại được 490');
    expect(p.accounts[0]).toEqual({ file: 'groups-total-tinh.csv', table: 'dossier_counts', read: 7, loaded: 3, reported: 1, subtotal: 3 });
    expect(p.summary.period).toMatchObject({ start: '2026-01-01', end: '2026-06-30' });
  });
  it('warns about the group subtotal that does not match its rows, naming row and column', () => {
    const w = p.issues.find((i) => i.code === 'subtotal_mismatch');
    expect(w).toMatchObject({ severity: 'warning', row: 11, column: 'resolved_early' });
    expect(w?.message).toContain('ghi 1.250 nhưng cộng 2 dòng chi tiết được 1.200');
    // Tổng cộng (row 7) matches the sum of all detail rows column by column: no subtotal warning for it
    expect(p.issues.filter((i) => i.code === 'subtotal_mismatch' && i.row === 7)).toEqual([]);
  });
});

describe('II.06a — rows are units at the service centre', () => {
  it('emits one row per unit with empty field and guesses levels', () => {
    const p = read('ii06a-units.csv');
    expect(p.summary).toMatchObject({ form: 'II.06a', mode: 'units', period: { start: '2026-07-01', end: '2026-09-30' } });
    expect(p.issues).toEqual([]);
    const rows = records(p, 'dossier_counts');
    expect(rows.map((r) => [r.unit_id, r.field, ...counts(r)])).toEqual([
      ['so-tu-phap', '', 3100, 900, 200, 2500, 1400, 100, 150, 50],
      ['so-y-te', '', 1200, 320, 0, 1000, 450, 50, 15, 5],
      ['ubnd-xa-ia-grai', '', 1220, 290, 65, 1330, 170, 40, 28, 7],
      ['ubnd-phuong-pleiku', '', 280, 100, 25, 240, 125, 15, 22, 3],
    ]);
    expect(records(p, 'units').map((u) => [u.unit_id, u.level])).toEqual([
      ['so-tu-phap', 'agency'],
      ['so-y-te', 'agency'],
      ['ubnd-xa-ia-grai', 'commune'],
      ['ubnd-phuong-pleiku', 'commune'],
    ]);
    expect(p.accounts[0]).toMatchObject({ read: 7, loaded: 4, reported: 0, subtotal: 3 });
  });
});

describe('Biểu 06 — units with their fields under them', () => {
  it('group rows name the unit of the fields below', () => {
    const p = read('unit-fields.csv');
    expect(p.summary).toMatchObject({ mode: 'unit-fields', period: { start: '2026-01-01', end: '2026-09-30' } });
    expect(p.issues).toEqual([]);
    expect(records(p, 'dossier_counts').map((r) => [r.unit_id, r.field, r.received_online])).toEqual([
      ['so-tu-phap', 'Hộ tịch', 3100],
      ['so-tu-phap', 'Công chứng', 1000],
      ['so-y-te', 'Dược phẩm', 1200],
    ]);
    expect(records(p, 'units').map((u) => u.unit_id)).toEqual(['so-tu-phap', 'so-y-te']);
  });
});

describe('Biểu 06 — unmapped header and the mapping step', () => {
  const bytes = fixture('bieu06', 'unmapped.csv');
  const grid = gridFromCsv(decodeText(bytes, 'unmapped.csv').text, 'unmapped.csv').grid;
  it('returns bieu06:unmapped with header candidates and a layout signature', () => {
    const p = readFile(bytes, 'unmapped.csv');
    expect(p.kind).toBe('bieu06:unmapped');
    expect(codes(p)).toEqual(['header_unmapped']);
    const cands = p.summary.headerCandidates as { row: number; cells: string[] }[];
    expect(cands.find((c) => c.row === 4)?.cells.slice(0, 3)).toEqual(['Mã', 'Tên lĩnh vực', 'Nhận']);
    expect(p.summary.layoutSignature).toBe(layoutSignature(grid));
  });
  it('parses with an explicit mapping, also when saved under the layout signature', () => {
    const columns = { stt: 0, name: 1, received_total: 2, received_online: 3, received_offline: 4, carried_over: 5, resolved_total: 6, resolved_early: 7, resolved_on_time: 8, resolved_overdue: 9, pending_total: 10, pending_within: 11, pending_overdue: 12 };
    const p = applyBieu06Mapping(grid, 'unmapped.csv', { headerRow: 4, columns });
    expect(p.kind).toBe('bieu06');
    expect(records(p, 'dossier_counts').map((r) => [r.unit_id, r.field, r.period_start, r.period_end, ...counts(r)])).toEqual([
      ['so-tai-chinh', 'Hộ tịch', '2026-01-01', '2026-01-31', 10, 20, 0, 10, 20, 0, 0, 0],
      ['so-tai-chinh', 'Giá', '2026-01-01', '2026-01-31', 7, 0, 0, 6, 0, 0, 1, 0],
    ]);
    const again = readFile(bytes, 'unmapped.csv', { mappings: { [layoutSignature(grid)]: { headerRow: 4, columns, unitName: 'Sở Tài chính tỉnh Gia Lai' } } });
    expect(records(again, 'dossier_counts')[0].unit_id).toBe('so-tai-chinh-tinh-gia-lai');
  });
  it('the layout signature ignores the period and unit in the title', () => {
    const other = new TextDecoder().decode(bytes).replace('31/01/2026', '28/02/2026').replace('Sở Tài chính', 'Sở Nội vụ');
    const g2 = gridFromCsv(other, 'x.csv').grid;
    expect(layoutSignature(g2)).toBe(layoutSignature(grid));
  });
});

describe('Biểu 06 — blank cells and missing title block', () => {
  const head = 'Đơn vị báo cáo: Sở Tư pháp\nTừ ngày 01/01/2026 đến ngày 31/03/2026\n(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13)\n';
  const parse = (body: string, h = head) => parseBieu06(gridFromCsv(h + body, 't.csv').grid, 't.csv');
  it('a blank cell in a column that has figures elsewhere is an error naming row and column', () => {
    const p = parse('1,Hộ tịch,10,5,5,0,10,5,5,0,0,0,0\n2,Công chứng,8,,8,0,8,8,0,0,0,0,0\n');
    const e = p.issues.find((i) => i.code === 'missing_value');
    expect(e).toMatchObject({ severity: 'error', row: 5, column: 'received_online' });
    expect(p.accounts[0]).toMatchObject({ read: 2, loaded: 1, reported: 1 });
  });
  it('a malformed number is an error with the reason', () => {
    const p = parse('1,Hộ tịch,10,5,5,0,10,5,5,0,0,0,0\n2,Công chứng,8,1.23.4,8,0,8,8,0,0,0,0,0\n');
    expect(p.issues.find((i) => i.code === 'bad_number')).toMatchObject({ row: 5, column: 'received_online' });
  });
  it('without a period the UI is asked for it (unmapped, period_unknown)', () => {
    const p = parse('1,Hộ tịch,10,5,5,0,10,5,5,0,0,0,0\n', 'Đơn vị báo cáo: Sở Tư pháp\n(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13)\n');
    expect(p.kind).toBe('bieu06:unmapped');
    expect(codes(p)).toEqual(['period_unknown']);
    expect(p.summary.missing).toEqual(['period']);
  });
  it('without a reporting unit the UI is asked for it (unmapped, unit_unknown)', () => {
    const p = parse('1,Hộ tịch,10,5,5,0,10,5,5,0,0,0,0\n', 'Năm 2026\n(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13)\n');
    expect(codes(p)).toEqual(['unit_unknown']);
    const q = parseBieu06(gridFromCsv('Năm 2026\n(1),(2),(3),(4),(5),(6),(7),(8),(9),(10),(11),(12),(13)\n1,Hộ tịch,10,5,5,0,10,5,5,0,0,0,0\n', 't.csv').grid, 't.csv', { unitName: 'Sở Tư pháp' });
    expect(records(q, 'dossier_counts')[0]).toMatchObject({ unit_id: 'so-tu-phap', period_start: '2026-01-01', period_end: '2026-12-31' });
  });
  it('"Công chứng" is a field, "Cộng" a total', () => {
    const p = parse('1,Công chứng,10,5,5,0,10,5,5,0,0,0,0\n,Cộng,10,5,5,0,10,5,5,0,0,0,0\n');
    expect(records(p, 'dossier_counts').map((r) => r.field)).toEqual(['Công chứng']);
    expect(p.accounts[0]).toMatchObject({ loaded: 1, subtotal: 1 });
  });
  it('hierarchical numbering: "1" over "1.1", "1.2" is a parent row, checked not loaded', () => {
    const p = parse('1,Tư pháp,15,10,5,0,15,10,5,0,0,0,0\n1.1,Hộ tịch,10,5,5,0,10,5,5,0,0,0,0\n1.2,Chứng thực,5,5,0,0,5,5,0,0,0,0,0\n');
    expect(records(p, 'dossier_counts').map((r) => r.field)).toEqual(['Hộ tịch', 'Chứng thực']);
    expect(p.issues).toEqual([]);
    expect(p.accounts[0]).toMatchObject({ read: 3, loaded: 2, subtotal: 1 });
  });
});

describe('Biểu 06 — known units', () => {
  it('a unit named like a known unit takes its id and gets no new units row', () => {
    const p = readFile(fixture('bieu06', 'ii06a-units.csv'), 'ii06a-units.csv', { units: [{ unit_id: 'H21.16', name: 'Sở Tư pháp - tỉnh Gia Lai', short_name: 'Sở Tư pháp' }] });
    expect(records(p, 'dossier_counts').map((r) => r.unit_id)).toEqual(['H21.16', 'so-y-te', 'ubnd-xa-ia-grai', 'ubnd-phuong-pleiku']);
    expect(records(p, 'units').map((u) => u.unit_id)).toEqual(['so-y-te', 'ubnd-xa-ia-grai', 'ubnd-phuong-pleiku']);
    expect(p.summary.unitIds).toEqual(['H21.16', 'so-y-te', 'ubnd-xa-ia-grai', 'ubnd-phuong-pleiku']);
  });
});

describe('II.06a — three header rows and no number row', () => {
  it('reads "Trực tuyến / Trực tiếp" under "Trong kỳ"', () => {
    const text = new TextDecoder().decode(fixture('bieu06', 'ii06a-units.csv')).replace(/^\(1\),.*\r?\n/m, '');
    const p = readFile(new TextEncoder().encode(text), 'ii06a-no-numbers.csv');
    expect(p.summary).toMatchObject({ mode: 'units', numberRow: null, headerRow: 7 });
    expect(p.issues).toEqual([]);
    expect(records(p, 'dossier_counts').map((r) => [r.unit_id, r.received_online, r.received_offline, r.carried_over])).toEqual([
      ['so-tu-phap', 3100, 900, 200],
      ['so-y-te', 1200, 320, 0],
      ['ubnd-xa-ia-grai', 1220, 290, 65],
      ['ubnd-phuong-pleiku', 280, 100, 25],
    ]);
  });
});
