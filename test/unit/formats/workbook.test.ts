// The workbook reader (SheetJS behind formats/workbook.ts): the same Grid the readers used with the old
// XLSX reader, .xls and .ods read the same way, and the limits at the library's boundary.
import * as XLSX from '@e965/xlsx';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectKind, readFile } from '../../../src/datasets/formats/detect';
import { filledTextRows } from '../../../src/datasets/formats/grid';
import { parseCellRef, readWorkbook } from '../../../src/datasets/formats/workbook';
import { codes, fixture, records } from './helpers';

/** A workbook written by SheetJS: one sheet per entry, rows as arrays (a string starting "=" is a
 *  formula whose cached value is the text after "|"). */
function book(sheets: Record<string, unknown[][]>, bookType: XLSX.BookType, edit?: (ws: XLSX.WorkSheet, name: string) => void): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet(rows);
    edit?.(ws, name);
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }));
}

/** The same zip with one part's text edited (for layouts SheetJS's writer does not make). */
function patch(bytes: Uint8Array, part: string, edit: (xml: string) => string): Uint8Array {
  const files = unzipSync(bytes);
  files[part] = strToU8(edit(new TextDecoder().decode(files[part])));
  const { mimetype, ...rest } = files;
  return zipSync(mimetype ? { mimetype: [mimetype, { level: 0 }], ...rest } : rest);
}

describe('readWorkbook (.xlsx)', () => {
  const bytes = fixture('bieu06', 'merged-two-headers.xlsx');
  const r = readWorkbook(bytes, 'm.xlsx');
  const grid = r.sheets[0].grid;
  it('reads shared and inline strings, numbers, cached formula values and date cells', () => {
    expect(r.type).toBe('xlsx');
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
  it('reads a named sheet through readFile, and says which sheets exist when the name is wrong', () => {
    expect(readFile(bytes, 'm.xlsx', { sheet: 'Ghi chú' }).summary.sheet).toBe('Ghi chú');
    const bad = readFile(bytes, 'm.xlsx', { sheet: 'Sheet9' });
    expect(bad.issues[0]).toMatchObject({ severity: 'error', code: 'sheet_missing' });
    expect(bad.issues[0].message).toContain('Biểu 06, Ghi chú');
  });
  it('parses cell references', () => {
    expect(parseCellRef('A1')).toEqual({ row: 0, col: 0 });
    expect(parseCellRef('AB12')).toEqual({ row: 11, col: 27 });
    expect(parseCellRef('$C$3')).toEqual({ row: 2, col: 2 });
  });
  it('marks hidden sheets; a formula without a cached value is empty (never 0), with a warning', () => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['x', 1]]), 'A');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['y', 2]]), 'B');
    wb.Workbook = { Sheets: [{ name: 'A', Hidden: 0 }, { name: 'B', Hidden: 1 }] };
    // B1: a formula never recalculated (no <v>)
    const b = patch(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' })), 'xl/worksheets/sheet1.xml', (x) => x.replace(/<c r="B1"[^>]*>.*?<\/c>/, '<c r="B1"><f>SUM(1,2)</f></c>'));
    const out = readWorkbook(b, 'h.xlsx');
    expect(out.sheets.map((s) => [s.name, s.hidden])).toEqual([['A', false], ['B', true]]);
    expect(out.sheets[0].grid.rows[0]).toEqual(['x']);
    expect(codes({ issues: out.issues } as never)).toEqual(['formula_no_value']);
  });
});

describe('.xls and .ods', () => {
  const rows = [['Tỉnh', 'Điểm'], ['Hà Nội', 61.5], ['Huế', 58.25]];
  it('detects them by content, not by name', () => {
    expect(detectKind(book({ S: rows }, 'biff8'), 'a.xlsx').kind).toBe('xls');
    expect(detectKind(book({ S: rows }, 'ods'), 'a.xlsx').kind).toBe('ods');
    expect(detectKind(book({ S: rows }, 'xlsx'), 'a.ods').kind).toBe('zip-xlsx');
  });
  it('give the same grid as .xlsx, merged cells and dates included', () => {
    const withMerge = (ws: XLSX.WorkSheet) => {
      ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 1 } }];
      ws.C2 = { t: 'n', v: 46204, z: 'dd/mm/yyyy' };
      ws['!ref'] = 'A1:C3';
    };
    const grids = (['xlsx', 'biff8', 'ods'] as const).map((t) => readWorkbook(book({ S: rows }, t, withMerge), `f.${t}`).sheets[0].grid);
    for (const g of grids) {
      expect(g.rows.slice(1)).toEqual([['Hà Nội', 61.5, '2026-07-01'], ['Huế', 58.25]]);
      expect(g.merges).toEqual([{ r0: 0, c0: 0, r1: 0, c1: 1 }]);
    }
  });
});

describe('limits at the library boundary', () => {
  it('refuses a zip bomb before SheetJS inflates it', () => {
    const bomb = zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(20_000_000) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(readWorkbook(bomb, 'bomb.xlsx').issues[0]).toMatchObject({ severity: 'error', code: 'zip_bomb' });
    // under the ratio check, the inflated total still counts
    const big = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(900_000) }, { level: 9 });
    expect(readWorkbook(big, 'big.xlsx', { maxInflatedBytes: 500_000 }).issues[0].code).toBe('zip_too_large');
  });
  it('refuses a sheet that declares a huge dimension, and too many cells', () => {
    const huge = patch(book({ S: [['a', 1]] }, 'xlsx'), 'xl/worksheets/sheet1.xml', (x) => x.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>'));
    expect(readWorkbook(huge, 'dim.xlsx').issues[0]).toMatchObject({ severity: 'error', code: 'sheet_too_large', column: 'A1:XFD1048576' });
    const many = book({ S: Array.from({ length: 300 }, (_, i) => [i, i + 1, i + 2]) }, 'xlsx');
    expect(readWorkbook(many, 'many.xlsx', { maxCells: 500 }).issues[0]).toMatchObject({ severity: 'error', code: 'too_many_cells' });
  });
  it('refuses an .ods whose repeated cells would expand to billions', () => {
    const rebuilt = patch(book({ S: [['a', 1]] }, 'ods'), 'content.xml', (x) =>
      x.replace(/<table:table-row([^>]*)>/, '<table:table-row table:number-rows-repeated="1000000"$1>').replace(/<table:table-cell /, '<table:table-cell table:number-columns-repeated="16000" '),
    );
    expect(new TextDecoder().decode(unzipSync(rebuilt)['content.xml'])).toContain('number-rows-repeated="1000000"');
    const out = readWorkbook(rebuilt, 'rep.ods');
    expect(out.issues[0]).toMatchObject({ severity: 'error', code: 'too_many_cells' });
  });
  it('a formula that calls out (DDE, WEBSERVICE) is refused with its cell; its cached text is not read', () => {
    const b = book({ S: [['Tỉnh', 'Điểm'], ['Hà Nội', 61.5], ['Huế', 58]] }, 'xlsx', (ws) => {
      ws.B2 = { t: 's', v: '=HYPERLINK("x")', f: "cmd|' /C calc'!A0" };
      ws.B3 = { t: 'n', v: 58, f: 'WEBSERVICE("http://example.invalid/")' };
    });
    const out = readWorkbook(b, 'dde.xlsx');
    expect(out.issues.map((i) => [i.code, i.row, i.column])).toEqual([
      ['formula_external', 2, 'B'],
      ['formula_external', 3, 'B'],
    ]);
    expect(out.sheets[0].grid.rows.slice(1)).toEqual([['Hà Nội', null], ['Huế', null]]);
  });
  it('damaged and foreign files come back as errors', () => {
    expect(readWorkbook(new TextEncoder().encode('a,b,c'), 'x.xlsx').issues[0].code).toBe('not_xlsx');
    expect(readWorkbook(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), 'x.xlsx').issues[0].code).toBe('zip_corrupt');
    expect(readWorkbook(zipSync({ 'a.txt': strToU8('hi') }), 'z.xlsx').issues[0].code).toBe('not_xlsx');
    expect(readWorkbook(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'x.xls').issues[0].code).toBe('xls_corrupt');
  });
});

describe('a canonical table in a workbook', () => {
  it('stays a canonical table although its rows name provinces', () => {
    const p = readFile(book({ units: [['unit_id', 'name', 'level'], ['H01', 'UBND tỉnh An Giang', 'province'], ['H21', 'UBND tỉnh Gia Lai', 'province'], ['H44', 'UBND tỉnh Phú Thọ', 'province']] }, 'xlsx'), 'units.xlsx');
    expect(p.kind).toBe('canonical:units');
    expect(records(p, 'units').map((u) => u.unit_id)).toEqual(['H01', 'H21', 'H44']);
  });
});

describe('Biểu 06 as .xls and .ods', () => {
  it('reads the same report from .xlsx, .xls and .ods', () => {
    const wb = XLSX.read(fixture('bieu06', 'merged-two-headers.xlsx'), { type: 'array', cellNF: true });
    delete wb.Sheets['Biểu 06'].C7?.f;
    const out = (['xlsx', 'biff8', 'ods'] as const).map((t) => {
      const p = readFile(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: t })), `b.${t}`);
      expect(p.kind).toBe('bieu06');
      return records(p, 'dossier_counts');
    });
    expect(out[1]).toEqual(out[0]);
    expect(out[2]).toEqual(out[0]);
    expect(out[0].map((r) => r.received_online)).toEqual(records(readFile(fixture('bieu06', 'merged-two-headers.xlsx'), 'b.xlsx'), 'dossier_counts').map((r) => r.received_online));
  });
});
