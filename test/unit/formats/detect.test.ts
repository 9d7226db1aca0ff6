import fc from 'fast-check';
import { zipSync as zip } from 'fflate';
import { describe, expect, it } from 'vitest';
import { canonicalTableFor, detectKind, readFile } from '../../../src/datasets/formats/detect';
import { gridFromCsv } from '../../../src/datasets/formats/grid';
import { codes, fixture, records } from './helpers';

const enc = (s: string) => new TextEncoder().encode(s);

describe('detectKind', () => {
  it('tells kinds from content, not names', () => {
    expect(detectKind(new Uint8Array(), 'a.csv').kind).toBe('empty');
    expect(detectKind(enc('   \n'), 'a.csv').kind).toBe('empty');
    expect(detectKind(enc('PAR1xxxx'), 'a.csv').kind).toBe('parquet');
    expect(detectKind(enc('ARROW1\0\0'), 'a.json').kind).toBe('arrow');
    expect(detectKind(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x10, 0, 0, 0]), 'a.arrow').kind).toBe('arrow');
    expect(detectKind(fixture('index', 'ddci-2024-wide.xlsx'), 'x.csv').kind).toBe('zip-xlsx');
    expect(detectKind(enc(' [{"a":1}]'), 'data.csv').kind).toBe('json');
    expect(detectKind(enc('{"x":1}'), 'data.txt').kind).toBe('json');
    expect(detectKind(enc('a;b\n1;2\n'), 'data.json').kind).toBe('csv');
    expect(detectKind(fixture('bieu06', 'utf16-phuong-pleiku.csv'), 'u.csv')).toMatchObject({ kind: 'csv', encoding: 'utf-16le' });
    expect(detectKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.csv')).toMatchObject({ kind: 'xls' }); // OLE2: Excel 97–2003
    expect(detectKind(new Uint8Array([1, 2, 3, 0, 5, 6, 7, 8, 9, 10]), 'x.bin').kind).toBe('binary');
  });
});

describe('readFile', () => {
  it('canonical CSV: header = canonical columns of one table → the raw table, untouched', () => {
    const p = readFile(enc('unit_id,name,level\nH21,UBND tỉnh Gia Lai,province\nH21.16,Sở Tư pháp,agency\n'), 'units.csv');
    expect(p.kind).toBe('canonical:units');
    expect(p.tables.units).toEqual({ file: 'units.csv', header: ['unit_id', 'name', 'level'], rows: [['H21', 'UBND tỉnh Gia Lai', 'province'], ['H21.16', 'Sở Tư pháp', 'agency']], rowNumbers: [2, 3] });
    expect(canonicalTableFor(['period_start', 'period_end', 'unit_id', 'received_online', 'received_offline', 'carried_over', 'resolved_early', 'resolved_on_time', 'resolved_overdue', 'pending_within', 'pending_overdue', 'received_total'])).toBe('dossier_counts');
    expect(canonicalTableFor(['unit_id', 'name'])).toBeNull(); // level is required
  });
  it('a header near a canonical table is read as that table, for the validator to name what is wrong', () => {
    const p = readFile(enc('period_start,period_end,unit_id,received_online,received_offline,carried_over,resolved_early,resolved_on_time,pending_within,pending_overdue\n'), 'dc.csv');
    expect(p.kind).toBe('canonical:dossier_counts');
    expect(codes(p)).toEqual(['empty_file']);
    const q = readFile(enc('unit_id,name,level\nA,Sở A,agency\nB,Sở B'), 'u.csv');
    expect(q.issues).toMatchObject([{ code: 'truncated', row: 3 }]);
  });
  it('canonical JSON array of records', () => {
    const p = readFile(enc(JSON.stringify([{ metric: 'on_time_rate', unit_id: '*', period_from: '2026-01-01', comparator: '>=', value: 95, source_doc: 'QĐ 468/QĐ-TTg' }])), 'targets.json');
    expect(p.kind).toBe('canonical:targets');
    expect(p.tables.targets?.rows[0]).toEqual(['on_time_rate', '*', '2026-01-01', '>=', 95, 'QĐ 468/QĐ-TTg']);
  });
  it('empty, binary and unknown files come back as errors, never throws', () => {
    expect(codes(readFile(new Uint8Array(), 'e.csv'))).toEqual(['empty_file']);
    expect(codes(readFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls'))).toEqual(['xls_corrupt']); // an OLE2 header and nothing else
    expect(codes(readFile(enc('{"hello": "world"}'), 'x.json'))).toEqual(['bad_json_shape']);
    expect(codes(readFile(enc('[{"hello": "world"}]'), 'x.json'))).toEqual(['json_unknown']);
    expect(codes(readFile(enc('[]'), 'x.json'))).toEqual(['empty_file']);
    expect(codes(readFile(enc('null'), 'x.json'))).toEqual(['bad_json_shape']);
    expect(codes(readFile(enc('{"hello": '), 'x.json'))).toEqual(['truncated']);
    expect(codes(readFile(enc('a,b,c\n1,2,3\n'), 'x.csv'))).toEqual(['header_unmapped']);
    expect(codes(readFile(enc('unit_id,name,level\nA,Sở\u0000A,agency\n'), 'x.csv'))).toEqual(['not_text']);
    expect(readFile(enc('PAR1....'), 'x.parquet')).toMatchObject({ kind: 'parquet', issues: [] });
    expect(codes(readFile(enc('{"name":"x","resources":[]}'), 'datapackage.json'))).toEqual(['is_datapackage']);
  });
  it('dispatches Biểu 06 and index tables', () => {
    expect(readFile(fixture('bieu06', 'comma-so-tu-phap.csv'), 'b.csv').kind).toBe('bieu06');
    expect(readFile(fixture('bieu06', 'merged-two-headers.xlsx'), 'b.xlsx').kind).toBe('bieu06');
    expect(readFile(fixture('index', 'ddci-2024-wide.xlsx'), 'd.xlsx').kind).toBe('index_table:wide');
  });
});

describe('CSV splitting', () => {
  it('detects comma, semicolon and tab; quoted fields keep separators and line breaks', () => {
    expect(gridFromCsv('a;b;c\n1;"x;y";3\n', 'f').grid).toMatchObject({ delimiter: ';', rows: [['a', 'b', 'c'], ['1', 'x;y', '3']] });
    expect(gridFromCsv('a\tb\tc\n1\t2\t3\n', 'f').grid.delimiter).toBe('\t');
    const g = gridFromCsv('name,note\n"Sở A","dòng 1\ndòng 2"\n', 'f').grid;
    expect(g.rows[1]).toEqual(['Sở A', 'dòng 1\ndòng 2']);
  });
  it('reports lines written with another separator', () => {
    const r = gridFromCsv('a,b,c,d\n1,2,3,4\n5;6;7;8\n9,10,11,12\n', 'mixed.csv');
    expect(r.issues.map((i) => i.code)).toEqual(['mixed_separators']);
    expect(r.issues[0]).toMatchObject({ row: 3 });
  });
});


describe('readFile never throws (property)', () => {
  it('on random bytes, random text and random zips', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (b) => {
        const p = readFile(b, 'x.bin');
        expect(typeof p.kind).toBe('string');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.array(fc.oneof(fc.string(), fc.constantFrom('Tổng số', '(3)', '4.200', 'Từ ngày 01/01/2026 đến ngày 31/01/2026', 'I', 'Tổng cộng', '-')), { maxLength: 14 }), { maxLength: 12 }), fc.constantFrom(',', ';', '\t'), (rows, sep) => {
        const p = readFile(new TextEncoder().encode(rows.map((r) => r.join(sep)).join('\n')), 'x.csv');
        for (const a of p.accounts) expect(a.read).toBe(a.loaded + a.reported + (a.subtotal ?? 0));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml'), fc.string()), (files) => {
        const z = zip(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, new TextEncoder().encode(v)])));
        expect(typeof readFile(z, 'r.xlsx').kind).toBe('string');
      }),
      { numRuns: 200 },
    );
  });
});

describe('canonicalTableFor', () => {
  it('allows a stray extra column (the validator names it) but not a foreign table', () => {
    expect(canonicalTableFor(['unit_id', 'name', 'level', 'parent_id', 'ghi_chu'])).toBe('units');
    expect(canonicalTableFor(['unit_id', 'name', 'level', 'a', 'b', 'c'])).toBeNull();
    expect(canonicalTableFor(['index', 'component', 'period_type', 'period', 'unit_id', 'score'])).toBe('index_scores');
  });
});
