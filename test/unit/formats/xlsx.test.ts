import { describe, expect, it } from 'vitest';
import { strToU8, zipSync } from 'fflate';
import { parseCellRef, readXlsx } from '../../../src/datasets/formats/xlsx';
import { filledTextRows } from '../../../src/datasets/formats/grid';
import { scanXml } from '../../../src/datasets/formats/xml';
import { fixture } from './helpers';

describe('readXlsx', () => {
  const bytes = fixture('bieu06', 'merged-two-headers.xlsx');
  const r = readXlsx(bytes, 'm.xlsx');
  const grid = r.grid!;
  it('reads shared and inline strings, numbers, cached formula values and date cells', () => {
    expect(r.sheetNames).toEqual(['Biểu 06', 'Ghi chú']);
    expect(grid.sheet).toBe('Biểu 06');
    expect(grid.rows[0][0]).toBe('Biểu số 06/VPCP/KSTT');
    expect(grid.rows[2][11]).toBe('2026-07-01'); // serial 46204 with a dd/mm/yyyy style
    expect(grid.rows[6].slice(0, 4)).toEqual([1, 'Hộ tịch', 500, 300]);
    expect(grid.rows[7][1]).toBe('Chứng thực'); // inline string
    expect(grid.formulaColumns).toEqual([2]);
    expect(grid.rowNumbers[6]).toBe(7);
  });
  it('keeps merged ranges and fills them for header matching', () => {
    expect(grid.merges).toContainEqual({ r0: 4, c0: 2, r1: 4, c1: 5 });
    const filled = filledTextRows(grid, 4, 6);
    expect(filled[0].slice(2, 6)).toEqual(Array(4).fill('Số hồ sơ nhận giải quyết'));
    expect(filled[1][1]).toBe('Lĩnh vực, công việc giải quyết theo cấp'); // merged down over two rows
    expect(grid.rows[5][1] ?? null).toBeNull(); // the data itself is not copied
  });
  it('reads a named sheet, and says which sheets exist when the name is wrong', () => {
    expect(readXlsx(bytes, 'm.xlsx', { sheet: 'Ghi chú' }).grid?.rows[0][0]).toBe('Ghi chú');
    const bad = readXlsx(bytes, 'm.xlsx', { sheet: 'Sheet9' });
    expect(bad.grid).toBeNull();
    expect(bad.issues[0]).toMatchObject({ severity: 'error', code: 'sheet_missing' });
    expect(bad.issues[0].message).toContain('Biểu 06, Ghi chú');
  });
  it('refuses non-zip bytes, old .xls files, damaged archives and zip bombs', () => {
    expect(readXlsx(new TextEncoder().encode('a,b,c'), 'x.xlsx').issues[0].code).toBe('not_xlsx');
    expect(readXlsx(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'x.xls').issues[0].code).toBe('xls_binary');
    expect(readXlsx(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), 'x.xlsx').issues[0].code).toBe('zip_corrupt');
    const bomb = zipSync({ 'xl/workbook.xml': new Uint8Array(2_000_000) }, { level: 9 });
    expect(bomb.length).toBeLessThan(20_000);
    const res = readXlsx(bomb, 'bomb.xlsx', { maxUncompressedBytes: 1_000_000 });
    expect(res.issues[0]).toMatchObject({ severity: 'error', code: 'zip_too_large' });
    expect(readXlsx(zipSync({ 'a.txt': strToU8('hi') }), 'z.xlsx').issues[0].code).toBe('not_xlsx');
  });
  it('parses cell references', () => {
    expect(parseCellRef('A1')).toEqual({ row: 0, col: 0 });
    expect(parseCellRef('AB12')).toEqual({ row: 11, col: 27 });
    expect(parseCellRef('$C$3')).toEqual({ row: 2, col: 2 });
  });
  it('tokenizes XML with entities, CDATA and prefixes', () => {
    const seen: string[] = [];
    scanXml('<?xml version="1.0"?><x:si a="1 &amp; 2"><t>&lt;Hộ&gt; &#272;</t><![CDATA[<b>]]><!-- c --></x:si>', (t) => {
      if (t.kind === 'open') seen.push(`<${t.name} ${JSON.stringify(t.attrs)}`);
      else if (t.kind === 'close') seen.push(`</${t.name}`);
      else seen.push(t.text);
    });
    expect(seen).toEqual(['<si {"a":"1 & 2"}', '<t {}', '<Hộ> Đ', '</t', '<b>', '</si']);
  });
});
