import { describe, expect, it } from 'vitest';
import { readFile } from '../../../src/datasets/formats/detect';
import { parseIndexTable } from '../../../src/datasets/formats/indexTable';
import { gridFromCsv } from '../../../src/datasets/formats/grid';
import { codes, fixture, records } from './helpers';

describe('index tables', () => {
  it('wide DDCI CSV: TOTAL, rank, components by header text, year and index from the title', () => {
    const p = readFile(fixture('index', 'ddci-2024-wide.csv'), 'ddci-2024-wide.csv');
    expect(p.kind).toBe('index_table:wide');
    expect(p.summary).toMatchObject({ index: 'DDCI', year: 2024 });
    const s = records(p, 'index_scores');
    expect(s).toHaveLength(12);
    expect(s.find((r) => r.unit_id === 'so-tu-phap' && r.component === 'TOTAL')).toMatchObject({ index: 'DDCI', period_type: 'year', period: '2024', score: 85.37, rank: 1, rank_of: 3 });
    expect(s.find((r) => r.unit_id === 'so-y-te' && r.component === 'Chi phí không chính thức')).toMatchObject({ score: 6.45, rank: null });
    expect(s.find((r) => r.unit_id === 'so-xay-dung' && r.component === 'TOTAL')).toMatchObject({ score: 70.05, rank: 3 });
    expect(codes(p)).toEqual(['column_ignored']); // "Xếp loại" bands are text
    expect(records(p, 'units').map((u) => [u.unit_id, u.level])).toEqual([
      ['so-tu-phap', 'agency'],
      ['so-y-te', 'agency'],
      ['so-xay-dung', 'agency'],
    ]);
  });
  it('wide DDCI XLSX gives the same rows as the CSV', () => {
    const a = records(readFile(fixture('index', 'ddci-2024-wide.csv'), 'ddci.csv'), 'index_scores').map((r) => ({ ...r, source: null }));
    const b = records(readFile(fixture('index', 'ddci-2024-wide.xlsx'), 'ddci.xlsx'), 'index_scores').map((r) => ({ ...r, source: null }));
    expect(b).toEqual(a);
  });
  it('matches known units by name (case and diacritics aside) and emits no units row for them', () => {
    const p = readFile(fixture('index', 'ddci-2024-wide.csv'), 'ddci.csv', { units: [{ unit_id: 'H21.16', name: 'Sở Tư pháp - tỉnh Gia Lai', short_name: 'SO TU PHAP' }] });
    expect(records(p, 'index_scores').filter((r) => r.component === 'TOTAL').map((r) => r.unit_id)).toEqual(['H21.16', 'so-y-te', 'so-xay-dung']);
    expect(records(p, 'units').map((u) => u.unit_id)).toEqual(['so-y-te', 'so-xay-dung']);
  });
  it('long PCI CSV with dot decimals and a year column; pillars by their stable code, provinces of the 63', () => {
    const p = readFile(fixture('index', 'pci-long.csv'), 'pci-long.csv');
    expect(p.kind).toBe('index_table:long');
    expect(records(p, 'index_scores').map((r) => [r.index, r.component, r.period, r.unit_id, r.score, r.rank])).toEqual([
      ['PCI', 'TOTAL', '2022', 'quang-ninh', 72.95, 1],
      ['PCI', 'entry_costs', '2022', 'quang-ninh', 7.01, null],
      ['PCI', 'TOTAL', '2022', 'hai-phong', 70.61, 2],
    ]);
    expect(records(p, 'units').map((u) => [u.unit_id, u.level])).toEqual([
      ['quang-ninh', 'province'],
      ['hai-phong', 'province'],
    ]);
  });
  it('asks for the index and the year when nothing says them', () => {
    const g = gridFromCsv('Đơn vị,Điểm tổng hợp\nSở A,"80,5"\n', 'scores.csv').grid;
    const p = parseIndexTable(g, 'scores.csv');
    expect(p.kind).toBe('index_table:unmapped');
    expect(codes(p).sort()).toEqual(['index_unknown', 'year_unknown']);
    const q = parseIndexTable(g, 'scores.csv', { index: 'PAR', year: 2023 });
    expect(records(q, 'index_scores')).toEqual([expect.objectContaining({ index: 'PAR', component: 'TOTAL', period: '2023', unit_id: 'so-a', score: 80.5 })]);
  });
  it('reports a row with a bad number, naming row and column', () => {
    const g = gridFromCsv('PAPI 2023\nTỉnh,Tổng điểm\nHà Nội,"42,1"\nHuế,abc\n', 'papi.csv').grid;
    const p = parseIndexTable(g, 'papi.csv');
    expect(p.issues[0]).toMatchObject({ severity: 'error', code: 'bad_number', row: 4, column: 'Tổng điểm' });
    expect(p.accounts[0]).toMatchObject({ read: 2, loaded: 1, reported: 1 });
  });
});
