// Excel workbooks read back with SheetJS: the scoreboard of the sample (October 2026, departments) and
// an oversight table (the on-time rate of the departments by year) equal the models' figures — numbers as
// numbers with their display formats, the header block, the autofilter on the header row — and dataset
// text that looks like a formula stays text. Page models and metrics from the app; the figures compared
// are the ones the page shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import * as zip from 'fflate';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { loadSource } from '../../src/cli/loadSource';
import { parsePeriod } from '../../src/metrics/periods';
import { queryScoreboard } from '../../src/metrics/scoreboardQuery';
import { oversightSeries, yearWindows } from '../../src/metrics/oversight';
import { buildScoreboardPage } from '../../src/pages/scoreboard/model';
import { scoreboardTable } from '../../src/export/scoreboardTable';
import { HEADER_BLOCK_ROWS, numberFormat, safeSheetName, tableFromRows, workbookBytes } from '../../src/export/xlsx';

const SAMPLE = resolve(__dirname, '../../data/sample');
let db: Db;

beforeAll(async () => {
  if (!existsSync(`${SAMPLE}/datapackage.json`)) throw new Error('data/sample is missing: run `npm run data:sample`');
  db = await openNodeDb();
  await loadSource(db, SAMPLE);
});
afterAll(async () => {
  await db?.close();
});

/** The sheet as rows of raw cells (value, type, format), the header block included. */
function readBack(bytes: Uint8Array, sheet?: string) {
  const wb = XLSX.read(bytes, { type: 'array', cellNF: true });
  const ws = wb.Sheets[sheet ?? wb.SheetNames[0]];
  const range = XLSX.utils.decode_range(ws['!ref']!);
  const rows: (XLSX.CellObject | undefined)[][] = [];
  for (let r = range.s.r; r <= range.e.r; r++) {
    const line: (XLSX.CellObject | undefined)[] = [];
    for (let c = range.s.c; c <= range.e.c; c++) line.push(ws[XLSX.utils.encode_cell({ r, c })]);
    rows.push(line);
  }
  return { wb, ws, rows };
}

describe('frozen header', () => {
  it('keeps the header block and the table header on screen in every sheet (Excel\'s frozen pane)', () => {
    const t = tableFromRows(['Đơn vị'], [['A'], ['B']], { title: 'T', dataset: 'D', period: 'P', source: 'S', asOf: '2026-10-31' }, 'Một');
    const bytes = workbookBytes({ XLSX, zip }, [t, { ...t, sheet: 'Hai' }]);
    const files = zip.unzipSync(bytes);
    const sheets = Object.keys(files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets).toHaveLength(2);
    const row = HEADER_BLOCK_ROWS + 1;
    for (const n of sheets) {
      expect(zip.strFromU8(files[n])).toContain(`<pane ySplit="${row}" topLeftCell="A${row + 1}" activePane="bottomLeft" state="frozen"/>`);
    }
    // and SheetJS still reads the workbook, rows intact
    const wb = XLSX.read(bytes, { type: 'array' });
    expect(wb.SheetNames).toEqual(['Một', 'Hai']);
    expect(wb.Sheets['Một'][XLSX.utils.encode_cell({ r: row, c: 0 })].v).toBe('A');
  });
});

describe('scoreboard workbook', () => {
  it('holds every figure of the page model as a number, with the header block and the autofilter', async () => {
    const input = await queryScoreboard(db, { period: parsePeriod('2026-10')!, levels: ['agency'] });
    const page = buildScoreboardPage(input, null);
    const table = scoreboardTable({ ...page.board, rows: page.rows }, {
      lang: 'vi', periodKey: '2026-10', periodLabel: 'Tháng 10/2026', dataset: 'Tỉnh Minh Họa (mẫu)', source: 'Biểu 06 (mô phỏng)', asOf: '2026-10-31',
    });
    const { wb, ws, rows } = readBack(workbookBytes({ XLSX, zip }, [table], 'vi'));
    expect(wb.SheetNames).toEqual(['Bảng tổng hợp']);
    // the header block: title, dataset, period, source, as-of date, a blank line
    expect(rows.slice(0, 5).map((r) => r[0]?.v)).toEqual([
      'Bảng tổng hợp – Tháng 10/2026', 'Bộ dữ liệu: Tỉnh Minh Họa (mẫu)', 'Kỳ: Tháng 10/2026', 'Nguồn: Biểu 06 (mô phỏng)', 'Số liệu đến ngày: 31/10/2026',
    ]);
    const header = rows[HEADER_BLOCK_ROWS].map((c) => c?.v);
    expect(header.slice(0, 6)).toEqual(['Kỳ', 'Mã đơn vị', 'Đơn vị', 'Số chỉ tiêu chưa đạt', 'Đúng hạn – giá trị', 'Đúng hạn – chỉ tiêu (≥)']);
    expect(ws['!autofilter']?.ref).toBe(`A7:${XLSX.utils.encode_col(header.length - 1)}${7 + page.rows.length}`);
    const body = rows.slice(HEADER_BLOCK_ROWS + 1);
    expect(body).toHaveLength(14);
    expect(body.map((r) => r[1]?.v)).toEqual(page.rows.map((r) => r.unit.unit_id));
    // every value, target, numerator and denominator equals the model's, as a number
    for (const [i, r] of page.rows.entries()) {
      expect(body[i][3]).toMatchObject({ t: 'n', v: r.missed.length });
      page.board.columns.forEach((id, k) => {
        const at = 4 + k * 8;
        const f = r.cells[id].figure;
        const num = (c: XLSX.CellObject | undefined) => (c == null ? null : c.v);
        expect(num(body[i][at]), `${r.unit.unit_id} ${id}`).toBe(f.value);
        if (f.value != null) expect(body[i][at]!.t).toBe('n');
        expect(num(body[i][at + 1])).toBe(f.target);
        expect(num(body[i][at + 3])).toBe(f.numerator);
        expect(num(body[i][at + 4])).toBe(f.denominator);
        expect(num(body[i][at + 5])).toBe(r.cells[id].deltaPrevious);
      });
    }
    // Sở Nội vụ on time 765/775 with a vi-VN display format (Excel shows 98,71 %); Sở Xây dựng 151 overdue
    const noiVu = body[page.rows.findIndex((r) => r.unit.unit_id === 'MH.02')];
    expect(noiVu[4]).toMatchObject({ t: 'n', v: (100 * 765) / 775, z: '0.00" %"' });
    expect(noiVu[6]?.v).toBe('Đạt');
    const xd = body[page.rows.findIndex((r) => r.unit.unit_id === 'MH.04')];
    expect(xd[4 + 2 * 8]).toMatchObject({ t: 'n', v: 151, z: '#,##0' });
  });
});

describe('oversight workbook', () => {
  it('holds the on-time rate of every department by year as the series gives it', async () => {
    const windows = yearWindows([2024, 2025], 'year', { from: '2021-01-01', to: '2026-10-31' });
    const unitIds = ['MH.01', 'MH.02', 'MH.04', 'MH.08', 'MH.13'];
    const series = await oversightSeries(db, { metricId: 'on_time_rate', windows, unitIds });
    // the change table's CSV shape (ChangeTable.vue): unit, window, value, counts
    const header = ['unit_id', 'window', 'value', 'numerator', 'denominator'];
    const data = series.points.map((p) => [p.unit_id, p.window.key, p.value, p.numerator, p.denominator]);
    expect(data).toHaveLength(10);
    expect(data.every((r) => typeof r[2] === 'number')).toBe(true);
    const table = tableFromRows(header, data, { title: 'So sánh qua các năm', dataset: 'Tỉnh Minh Họa', period: '2024–2025', source: '', asOf: '2026-10-31' });
    const { rows } = readBack(workbookBytes({ XLSX, zip }, [table], 'vi'));
    const body = rows.slice(HEADER_BLOCK_ROWS + 1);
    expect(body.map((r) => r.map((c) => (c == null ? null : c.v)))).toEqual(data.map((r) => r.map((v) => v ?? null)));
    expect(body[0][2]).toMatchObject({ t: 'n', z: '#,##0.00' });
    expect(body[0][3]).toMatchObject({ t: 'n' });
    expect(rows[3][0]?.v).toBe('Nguồn: –');
  });
});

describe('workbook safety and formats', () => {
  it('never writes a formula from dataset text, and neutralises it as the CSV does', () => {
    const evil = ['=HYPERLINK("http://example.invalid","x")', '+1+2', '-3', '@SUM(A1)'];
    const t = tableFromRows(['name', 'n'], evil.map((e, i) => [e, i]), { title: '=cmd|x', dataset: '=1+1', period: '', source: '', asOf: '' });
    const bytes = workbookBytes({ XLSX, zip }, [t]);
    const { ws, rows } = readBack(bytes);
    for (const [i, e] of evil.entries()) {
      const c = rows[HEADER_BLOCK_ROWS + 1 + i][0]!;
      expect(c.t).toBe('s');
      expect(c.f).toBeUndefined();
      expect(c.v).toBe(`'${e}`);
    }
    expect(Object.values(ws).some((c) => typeof c === 'object' && c != null && 'f' in (c as object) && (c as XLSX.CellObject).f)).toBe(false);
    // the sheet XML has no <f> element at all
    const xml = zip.strFromU8(zip.unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    expect(xml).toContain('HYPERLINK');
    expect(xml).not.toMatch(/<f[ >]/);
  });

  it('formats and sheet names', () => {
    expect(numberFormat({ header: '', kind: 'percent', decimals: 2 })).toBe('0.00" %"');
    expect(numberFormat({ header: '', kind: 'int' })).toBe('#,##0');
    expect(numberFormat({ header: '', kind: 'points', decimals: 2 })).toBe('#,##0.00');
    const taken = new Set<string>();
    expect(safeSheetName('a/b:c*d?[e]', taken)).toBe('a b c d e');
    expect(safeSheetName('A/B:C*D?[E]', taken)).toBe('A B C D E 2');
    expect(safeSheetName('x'.repeat(40), taken)).toHaveLength(31);
  });
});
