// One test per rule of the validator, on tiny packages written inline: the exact issue (code, severity,
// file, row, column) and its exact words in Vietnamese and English, and the row account of every file
// (rows read = rows loaded + rows reported). Messages were written out by hand from the catalogue in
// src/datasets/messages.ts: place first ("Tệp F, dòng R, cột C: …"), numbers the vi-VN way in Vietnamese.
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/datasets/limits';
import { loadPackage, type Source } from '../../src/datasets/package';
import { validateTable } from '../../src/datasets/validate';
import type { Issue, LoadedDataset, TableName } from '../../src/datasets/types';

const enc = new TextEncoder();

/** A package held in memory: file name → text (or bytes); datapackage.json is written from the names
 *  unless given. A name missing from `files` but listed in `resources` fails to load (HTTP 404). */
function memSource(files: Record<string, string | Uint8Array>): Source {
  return {
    origin: 'mem:',
    async read(path: string) {
      const f = files[path];
      if (f === undefined) throw new Error('HTTP 404');
      return typeof f === 'string' ? enc.encode(f) : f;
    },
  };
}

function descriptor(resources: { name: string; path: string }[]): string {
  return JSON.stringify({ name: 'kiem-tra', title: 'Kiểm tra', resources });
}

/** Load tables given as file → CSV/JSON text; each file's table is its name without the extension
 *  (dc*.csv → dossier_counts, u.csv → units…) unless `tables` says otherwise. */
async function load(files: Record<string, string | Uint8Array>, tables: Record<string, TableName | string> = {}): Promise<LoadedDataset> {
  const guess = (f: string): string =>
    tables[f] ?? (f.startsWith('dc') ? 'dossier_counts' : f.startsWith('u') ? 'units' : f.startsWith('t') ? 'targets' : f.startsWith('l') ? 'unit_lineage' : f.startsWith('d') ? 'dossiers' : f.startsWith('i') ? 'index_scores' : f);
  const all = { 'datapackage.json': descriptor(Object.keys(files).map((path) => ({ name: guess(path), path }))), ...files };
  return loadPackage(memSource(all));
}

/** Every account balances; returns them as "file read=loaded+reported" for exact comparison. */
function accounts(ds: LoadedDataset): string[] {
  for (const a of ds.accounts) expect(a.read, a.file).toBe(a.loaded + a.reported + (a.subtotal ?? 0));
  const loaded = ds.accounts.reduce((n, a) => n + a.loaded, 0);
  expect(Object.values(ds.tables).reduce((n, t) => n + (t?.rowCount ?? 0), 0)).toBe(loaded);
  return ds.accounts.map((a) => `${a.file} ${a.read}=${a.loaded}+${a.reported}`);
}

const only = (ds: LoadedDataset, code: string): Issue[] => ds.issues.filter((i) => i.code === code);

const DC = 'period_start,period_end,unit_id,field,received_online,received_offline,carried_over,resolved_early,resolved_on_time,resolved_overdue,pending_within,pending_overdue';
/** A balanced row: received 10+5+2 = 17 = resolved 8+4+1 + pending 3+1. */
const dcRow = (unit = 'U1', month = '01', field = '') => `2026-${month}-01,2026-${month}-${month === '02' ? '28' : '31'},${unit},${field},10,5,2,8,4,1,3,1`;
const UNITS = 'unit_id,name,level,parent_id\nU1,Sở Tư pháp,agency,\n';
const DOSSIERS = 'dossier_id,unit_id,received_at,due_at,status,apology_issued';

describe('header rules', () => {
  it('missing_column: a required column is absent; the whole file is refused', async () => {
    const ds = await load({ 'dc.csv': `${DC.replace(',resolved_overdue', '')}\n2026-01-01,2026-01-31,U1,,10,5,2,8,4,3,1\n` });
    expect(only(ds, 'missing_column')).toEqual([{
      severity: 'error', code: 'missing_column', file: 'dc.csv', row: 1, column: 'resolved_overdue',
      message: 'Tệp dc.csv, dòng 1, cột resolved_overdue: thiếu cột bắt buộc "resolved_overdue".',
      message_en: 'File dc.csv, row 1, column resolved_overdue: required column "resolved_overdue" is missing.',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 1=0+1']);
  });

  it('duplicate_column: a column appears twice; the whole file is refused', async () => {
    const ds = await load({ 'dc.csv': `${DC},received_online\n${dcRow()},10\n${dcRow('U1', '02')},10\n` });
    expect(only(ds, 'duplicate_column')).toEqual([{
      severity: 'error', code: 'duplicate_column', file: 'dc.csv', row: 1, column: 'received_online',
      message: 'Tệp dc.csv, dòng 1, cột received_online: cột "received_online" xuất hiện 2 lần.',
      message_en: 'File dc.csv, row 1, column received_online: column "received_online" appears 2 times.',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 2=0+2']);
  });

  it('unknown_column: a column outside the contract is ignored with a warning; the rows load', async () => {
    const ds = await load({ 'dc.csv': `${DC},ghi_chu\n${dcRow()},xem lại\n` });
    expect(ds.issues).toEqual([{
      severity: 'warning', code: 'unknown_column', file: 'dc.csv', row: 1, column: 'ghi_chu',
      message: 'Tệp dc.csv, dòng 1, cột ghi_chu: cột "ghi_chu" không có trong chuẩn dữ liệu, được bỏ qua.',
      message_en: 'File dc.csv, row 1, column ghi_chu: column "ghi_chu" is not in the data contract and is ignored.',
    }]);
    expect(ds.tables.dossier_counts!.columns).not.toHaveProperty('ghi_chu');
    expect(accounts(ds)).toEqual(['dc.csv 1=1+0']);
  });

  it('too_many_columns: a header over the limit refuses the file before its rows are checked', async () => {
    const header = [...DC.split(','), ...Array.from({ length: LIMITS.maxColumns + 1 - 12 }, (_, i) => `c${i}`)];
    expect(header.length).toBe(501);
    const ds = await load({ 'dc.csv': `${header.join(',')}\n${dcRow()}\n${dcRow('U1', '02')}\n` });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'too_many_columns', file: 'dc.csv', row: 1,
      message: 'Tệp dc.csv, dòng 1: quá nhiều cột (501; tối đa 500).',
      message_en: 'File dc.csv, row 1: too many columns (501; limit 500).',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 2=0+2']);
  });
});

describe('cell rules', () => {
  it('required_empty: a required cell left blank refuses its row only', async () => {
    const ds = await load({ 'dc.csv': `${DC}\n${dcRow()}\n${dcRow('')}\n` });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'required_empty', file: 'dc.csv', row: 3, column: 'unit_id',
      message: 'Tệp dc.csv, dòng 3, cột unit_id: ô bắt buộc bị để trống.',
      message_en: 'File dc.csv, row 3, column unit_id: required cell is empty.',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 2=1+1']);
  });

  it('not_integer: a count written "4.200" (vi-VN thousands) or "300.5" is not a whole number', async () => {
    const ds = await load({ 'dc.csv': `${DC}\n${dcRow().replace(',10,5,', ',"4.200",5,')}\n${dcRow('U1', '02').replace(',10,5,', ',300.5,5,')}\n${dcRow('U1', '03')}\n` });
    expect(ds.issues).toEqual([
      {
        severity: 'error', code: 'not_integer', file: 'dc.csv', row: 2, column: 'received_online',
        message: 'Tệp dc.csv, dòng 2, cột received_online: "4.200" không phải số nguyên.',
        message_en: 'File dc.csv, row 2, column received_online: "4.200" is not a whole number.',
      },
      {
        severity: 'error', code: 'not_integer', file: 'dc.csv', row: 3, column: 'received_online',
        message: 'Tệp dc.csv, dòng 3, cột received_online: "300.5" không phải số nguyên.',
        message_en: 'File dc.csv, row 3, column received_online: "300.5" is not a whole number.',
      },
    ]);
    expect(accounts(ds)).toEqual(['dc.csv 3=1+2']);
  });

  it('negative_count: a count below zero', async () => {
    const ds = await load({ 'dc.csv': `${DC}\n2026-01-01,2026-01-31,U1,,10,5,2,8,4,-1,3,1\n` });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'negative_count', file: 'dc.csv', row: 2, column: 'resolved_overdue',
      message: 'Tệp dc.csv, dòng 2, cột resolved_overdue: số âm (-1) không hợp lệ cho số hồ sơ.',
      message_en: 'File dc.csv, row 2, column resolved_overdue: negative value (-1) is not a valid count.',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 1=0+1']);
  });

  it('absurd_count: a count beyond 1.000.000.000', async () => {
    const ds = await load({ 'dc.csv': `${DC}\n2026-01-01,2026-01-31,U1,,2000000000,5,2,8,4,1,3,1\n` });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'absurd_count', file: 'dc.csv', row: 2, column: 'received_online',
      message: 'Tệp dc.csv, dòng 2, cột received_online: giá trị 2.000.000.000 vượt giới hạn hợp lý (1.000.000.000).',
      message_en: 'File dc.csv, row 2, column received_online: value 2,000,000,000 is beyond a plausible limit (1,000,000,000).',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 1=0+1']);
  });

  it('not_number: a target value written in words', async () => {
    const ds = await load({ 't.csv': 'metric,unit_id,period_from,comparator,value,source_doc\non_time_rate,*,2026-01-01,>=,chín mươi,QĐ 766/QĐ-TTg\non_time_rate,U1,2026-01-01,>=,95,QĐ 766/QĐ-TTg\n' });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'not_number', file: 't.csv', row: 2, column: 'value',
      message: 'Tệp t.csv, dòng 2, cột value: "chín mươi" không phải số.',
      message_en: 'File t.csv, row 2, column value: "chín mươi" is not a number.',
    }]);
    expect(accounts(ds)).toEqual(['t.csv 2=1+1']);
  });

  it('out_of_range: a lineage share of 1.5 (shares are 0..1)', async () => {
    const ds = await load({ 'l.csv': 'from_unit_id,to_unit_id,effective_date,share\nX1,X2,2025-07-01,1.5\nX3,X2,2025-07-01,0.25\n' });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'out_of_range', file: 'l.csv', row: 2, column: 'share',
      message: 'Tệp l.csv, dòng 2, cột share: giá trị 1,5 ngoài khoảng 0–1.',
      message_en: 'File l.csv, row 2, column share: value 1.5 is outside 0–1.',
    }]);
    expect(accounts(ds)).toEqual(['l.csv 2=1+1']);
  });

  it('bad_date: 2026-02-31 does not exist, and 19/10/2026 is not ISO', async () => {
    const ds = await load({ 'dc.csv': `${DC}\n2026-02-01,2026-02-31,U1,,10,5,2,8,4,1,3,1\n19/10/2026,2026-10-31,U1,,10,5,2,8,4,1,3,1\n` });
    expect(ds.issues).toEqual([
      {
        severity: 'error', code: 'bad_date', file: 'dc.csv', row: 2, column: 'period_end',
        message: 'Tệp dc.csv, dòng 2, cột period_end: "2026-02-31" không phải ngày hợp lệ (YYYY-MM-DD).',
        message_en: 'File dc.csv, row 2, column period_end: "2026-02-31" is not a valid date (YYYY-MM-DD).',
      },
      {
        severity: 'error', code: 'bad_date', file: 'dc.csv', row: 3, column: 'period_start',
        message: 'Tệp dc.csv, dòng 3, cột period_start: "19/10/2026" không phải ngày hợp lệ (YYYY-MM-DD).',
        message_en: 'File dc.csv, row 3, column period_start: "19/10/2026" is not a valid date (YYYY-MM-DD).',
      },
    ]);
    expect(accounts(ds)).toEqual(['dc.csv 2=0+2']);
  });

  it('bad_timestamp: a dossier received at 25:00', async () => {
    const ds = await load({ 'd.csv': `${DOSSIERS}\nHS1,U1,2026-10-19 25:00,2026-10-25 17:00,4,false\nHS2,U1,2026-10-19T08:30:00,2026-10-25T17:00:00+07:00,4,true\n` });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'bad_timestamp', file: 'd.csv', row: 2, column: 'received_at',
      message: 'Tệp d.csv, dòng 2, cột received_at: "2026-10-19 25:00" không phải thời điểm hợp lệ (ISO 8601).',
      message_en: 'File d.csv, row 2, column received_at: "2026-10-19 25:00" is not a valid timestamp (ISO 8601).',
    }]);
    // the valid one is read as UTC when it carries an offset
    expect(ds.tables.dossiers!.columns.due_at).toEqual(['2026-10-25 10:00:00']);
    expect(accounts(ds)).toEqual(['d.csv 2=1+1']);
  });

  it('bad_boolean: "maybe" is not a yes/no', async () => {
    const ds = await load({ 'd.csv': `${DOSSIERS}\nHS1,U1,2026-10-19,2026-10-25,4,maybe\nHS2,U1,2026-10-19,2026-10-25,4,có\n` });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'bad_boolean', file: 'd.csv', row: 2, column: 'apology_issued',
      message: 'Tệp d.csv, dòng 2, cột apology_issued: "maybe" không phải giá trị đúng/sai.',
      message_en: 'File d.csv, row 2, column apology_issued: "maybe" is not a true/false value.',
    }]);
    expect(ds.tables.dossiers!.columns.apology_issued).toEqual([true]);
    expect(accounts(ds)).toEqual(['d.csv 2=1+1']);
  });

  it('bad_enum: a unit level "tinh" is not one of the levels', async () => {
    const ds = await load({ 'u.csv': 'unit_id,name,level\nP,UBND tỉnh Minh Họa,tinh\nU1,Sở Tư pháp,agency\n' });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'bad_enum', file: 'u.csv', row: 2, column: 'level',
      message: 'Tệp u.csv, dòng 2, cột level: "tinh" không thuộc các giá trị cho phép (nation, province, agency, division, district, commune).',
      message_en: 'File u.csv, row 2, column level: "tinh" is not one of the allowed values (nation, province, agency, division, district, commune).',
    }]);
    expect(accounts(ds)).toEqual(['u.csv 2=1+1']);
  });
});

describe('row rules', () => {
  it('period_reversed: a period that ends before it starts', async () => {
    const ds = await load({ 'dc.csv': `${DC}\n2026-01-31,2026-01-01,U1,,10,5,2,8,4,1,3,1\n` });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'period_reversed', file: 'dc.csv', row: 2, column: 'period_end',
      message: 'Tệp dc.csv, dòng 2, cột period_end: ngày kết thúc 01/01/2026 trước ngày bắt đầu 31/01/2026.',
      message_en: 'File dc.csv, row 2, column period_end: end date 2026-01-01 is before start date 2026-01-31.',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 1=0+1']);
  });

  it('duplicate_key: the same unit, field and period twice in one file', async () => {
    const ds = await load({ 'dc.csv': `${DC}\n${dcRow()}\n${dcRow('U1', '01', 'Hộ tịch')}\n${dcRow()}\n` });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'duplicate_key', file: 'dc.csv', row: 4, column: 'period_start+period_end+unit_id+field',
      message: 'Tệp dc.csv, dòng 4, cột period_start+period_end+unit_id+field: trùng khóa (2026-01-01, 2026-01-31, U1, —) với dòng 2.',
      message_en: 'File dc.csv, row 4, column period_start+period_end+unit_id+field: duplicate key (2026-01-01, 2026-01-31, U1, —), first seen on row 2.',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 3=2+1']);
  });

  it('duplicate_key_across: the same key in two files of one table', async () => {
    const ds = await load({ 'dc1.csv': `${DC}\n${dcRow()}\n`, 'dc2.csv': `${DC}\n${dcRow('U1', '02')}\n${dcRow()}\n` });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'duplicate_key_across', file: 'dc2.csv', row: 3, column: 'period_start+period_end+unit_id+field',
      message: 'Tệp dc2.csv, dòng 3, cột period_start+period_end+unit_id+field: trùng khóa (2026-01-01, 2026-01-31, U1, —) với tệp dc1.csv, dòng 2.',
      message_en: 'File dc2.csv, row 3, column period_start+period_end+unit_id+field: duplicate key (2026-01-01, 2026-01-31, U1, —), also in file dc1.csv, row 2.',
    }]);
    expect(accounts(ds)).toEqual(['dc1.csv 1=1+0', 'dc2.csv 2=1+1']);
  });

  it('unknown_unit: counts for a unit the units table does not list', async () => {
    const ds = await load({ 'u.csv': UNITS, 'dc.csv': `${DC}\n${dcRow()}\n${dcRow('U2')}\n` });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'unknown_unit', file: 'dc.csv', row: 3, column: 'unit_id',
      message: 'Tệp dc.csv, dòng 3, cột unit_id: mã đơn vị "U2" không có trong bảng units.',
      message_en: 'File dc.csv, row 3, column unit_id: unit id "U2" is not in the units table.',
    }]);
    expect(accounts(ds)).toEqual(['u.csv 1=1+0', 'dc.csv 2=1+1']);
  });

  it('sum_mismatch: Biểu 06 totals (cols 3, 7, 11) and "of which" parts larger than their whole', async () => {
    const header = `${DC},received_total,resolved_total,pending_total,received_postal,received_online_full,ratings_total,ratings_dissatisfied`;
    const ds = await load({
      'dc.csv': [
        header,
        `${dcRow('U1', '01', 'A')},17,13,4,,,,`, // all totals right
        `${dcRow('U1', '01', 'B')},18,13,4,,,,`, // received total 18 ≠ 10+5+2
        `${dcRow('U1', '01', 'C')},17,14,4,,,,`, // resolved total 14 ≠ 8+4+1
        `${dcRow('U1', '01', 'D')},17,13,5,,,,`, // pending total 5 ≠ 3+1
        `${dcRow('U1', '01', 'E')},,,,6,11,3,4`, // postal 6 > offline 5; full 11 > online 10; dissatisfied 4 > ratings 3
      ].join('\n'),
    });
    const where = (row: number, column: string) => `Tệp dc.csv, dòng ${row}, cột ${column}: tổng không khớp: `;
    const whereEn = (row: number, column: string) => `File dc.csv, row ${row}, column ${column}: sum does not add up: `;
    expect(ds.issues).toEqual([
      { severity: 'error', code: 'sum_mismatch', file: 'dc.csv', row: 3, column: 'received_total',
        message: `${where(3, 'received_total')}tổng nhận (cột 3) = trực tuyến + trực tiếp, bưu chính + kỳ trước (cột 4+5+6) (18 ≠ 17).`,
        message_en: `${whereEn(3, 'received_total')}received total (col 3) = online + offline + carried over (cols 4+5+6) (18 ≠ 17).` },
      { severity: 'error', code: 'sum_mismatch', file: 'dc.csv', row: 4, column: 'resolved_total',
        message: `${where(4, 'resolved_total')}tổng đã giải quyết (cột 7) = trước hạn + đúng hạn + quá hạn (cột 8+9+10) (14 ≠ 13).`,
        message_en: `${whereEn(4, 'resolved_total')}resolved total (col 7) = early + on time + overdue (cols 8+9+10) (14 ≠ 13).` },
      { severity: 'error', code: 'sum_mismatch', file: 'dc.csv', row: 5, column: 'pending_total',
        message: `${where(5, 'pending_total')}tổng đang giải quyết (cột 11) = trong hạn + quá hạn (cột 12+13) (5 ≠ 4).`,
        message_en: `${whereEn(5, 'pending_total')}pending total (col 11) = within + overdue (cols 12+13) (5 ≠ 4).` },
      { severity: 'error', code: 'sum_mismatch', file: 'dc.csv', row: 6, column: 'received_postal',
        message: `${where(6, 'received_postal')}qua bưu chính ≤ trực tiếp, bưu chính (6 ≠ 5).`,
        message_en: `${whereEn(6, 'received_postal')}postal ≤ in person and postal (6 ≠ 5).` },
      { severity: 'error', code: 'sum_mismatch', file: 'dc.csv', row: 6, column: 'received_online_full',
        message: `${where(6, 'received_online_full')}trực tuyến toàn trình ≤ trực tuyến (11 ≠ 10).`,
        message_en: `${whereEn(6, 'received_online_full')}full-process online ≤ online (11 ≠ 10).` },
      { severity: 'error', code: 'sum_mismatch', file: 'dc.csv', row: 6, column: 'ratings_dissatisfied',
        message: `${where(6, 'ratings_dissatisfied')}không hài lòng ≤ số đánh giá (4 ≠ 3).`,
        message_en: `${whereEn(6, 'ratings_dissatisfied')}dissatisfied ≤ ratings (4 ≠ 3).` },
    ]);
    expect(accounts(ds)).toEqual(['dc.csv 5=1+4']);
  });

  it('received_mismatch: received ≠ resolved + pending is a warning; the row loads', async () => {
    const ds = await load({ 'dc.csv': `${DC}\n2026-01-01,2026-01-31,U1,,10,5,2,8,4,1,2,1\n` });
    expect(ds.issues).toEqual([{
      severity: 'warning', code: 'received_mismatch', file: 'dc.csv', row: 2, column: 'received_online+received_offline+carried_over',
      message: 'Tệp dc.csv, dòng 2, cột received_online+received_offline+carried_over: số nhận (17) khác số đã giải quyết + đang giải quyết (16); có thể do hồ sơ rút, tạm dừng.',
      message_en: 'File dc.csv, row 2, column received_online+received_offline+carried_over: received (17) differs from resolved + pending (16); withdrawn or paused dossiers may explain it.',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 1=1+0']);
  });

  it('cell_count: a row with more filled cells than the header would lose them: refused', async () => {
    const ds = await load({ 'dc.csv': `${DC}\n${dcRow()},99\n${dcRow('U1', '02')},,\n` });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'cell_count', file: 'dc.csv', row: 2,
      message: 'Tệp dc.csv, dòng 2: dòng có 13 ô nhưng tiêu đề chỉ có 12 cột; các ô thừa sẽ bị mất.',
      message_en: 'File dc.csv, row 2: the row has 13 cells but the header has only 12 columns; the extra cells would be lost.',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 2=1+1']);
  });

  it('truncated: the last row cut short with no final line break', async () => {
    const ds = await load({ 'dc.csv': `${DC}\n${dcRow()}\n2026-02-01,2026-02-28,U1,,10` });
    expect(only(ds, 'truncated')).toEqual([{
      severity: 'error', code: 'truncated', file: 'dc.csv', row: 3,
      message: 'Tệp dc.csv, dòng 3: tệp bị cắt cụt hoặc hỏng (dòng cuối chỉ có 5 trên 12 ô).',
      message_en: 'File dc.csv, row 3: the file is truncated or corrupt (the last row has only 5 of 12 cells).',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 2=1+1']);
  });

  it('too_many_rows: a canonical table over the validator limit is refused whole', () => {
    const rows = new Array(LIMITS.maxValidatedRows + 1);
    const r = validateTable({ file: 'dc.csv', header: DC.split(','), rows, rowNumbers: [] }, 'dossier_counts');
    expect(r.issues).toEqual([{
      severity: 'error', code: 'too_many_rows', file: 'dc.csv',
      message: 'Tệp dc.csv: quá nhiều dòng (2.000.001; tối đa 2.000.000 dòng cho bảng này).',
      message_en: 'File dc.csv: too many rows (2,000,001; limit 2,000,000 for this table).',
    }]);
    expect(r.account).toEqual({ file: 'dc.csv', table: 'dossier_counts', read: 2_000_001, loaded: 0, reported: 2_000_001 });
  });
});

describe('file and package rules', () => {
  it('empty_file: zero bytes, and a header with no rows', async () => {
    const ds = await load({ 'dc.csv': '', 'u.csv': 'unit_id,name,level\n' });
    expect(ds.issues).toEqual([
      { severity: 'error', code: 'empty_file', file: 'dc.csv', message: 'Tệp dc.csv: tệp rỗng, không có dòng dữ liệu nào.', message_en: 'File dc.csv: the file is empty: it has no data rows.' },
      { severity: 'error', code: 'empty_file', file: 'u.csv', message: 'Tệp u.csv: tệp rỗng, không có dòng dữ liệu nào.', message_en: 'File u.csv: the file is empty: it has no data rows.' },
    ]);
    expect(accounts(ds)).toEqual(['dc.csv 0=0+0', 'u.csv 0=0+0']);
  });

  it('file_too_large: a 300 MB CSV is refused before a byte of it is parsed', async () => {
    // A synthetic 300 MB file: only its length is ever looked at (nothing is written to disk).
    const huge = new Uint8Array(0);
    Object.defineProperty(huge, 'byteLength', { value: 300 * 1024 * 1024 });
    const ds = await load({ 'dc.csv': huge });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'file_too_large', file: 'dc.csv',
      message: 'Tệp dc.csv: tệp quá lớn (300 MB; tối đa 200 MB), không đọc.',
      message_en: 'File dc.csv: file too large (300 MB; limit 200 MB), not read.',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 0=0+0']);
  });

  it('bad_json_shape: a JSON object where an array of records belongs', async () => {
    const ds = await load({ 'dc.json': '{"rows": []}' }, { 'dc.json': 'dossier_counts' });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'bad_json_shape', file: 'dc.json',
      message: 'Tệp dc.json: JSON không đúng dạng: cần một mảng các bản ghi [{…}, …].',
      message_en: 'File dc.json: JSON of the wrong shape: expected an array of records [{…}, …].',
    }]);
    expect(accounts(ds)).toEqual(['dc.json 0=0+0']);
  });

  it('bad_path: a resource that climbs out of the package is never fetched', async () => {
    let fetched = 0;
    const src = memSource({ 'datapackage.json': descriptor([{ name: 'units', path: '../secret/units.csv' }]) });
    const ds = await loadPackage({ origin: src.origin, read: (p) => { fetched++; return src.read(p); } });
    expect(fetched).toBe(1); // the descriptor only
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'bad_path', file: 'datapackage.json', column: 'resources[0].path',
      message: 'Tệp datapackage.json, cột resources[0].path: đường dẫn không được phép: ../secret/units.csv (chỉ tệp cùng nguồn, không có "..").',
      message_en: 'File datapackage.json, column resources[0].path: path not allowed: ../secret/units.csv (same origin only, no "..").',
    }]);
    expect(accounts(ds)).toEqual([]);
  });

  it('missing_file: a listed resource that cannot be fetched', async () => {
    const ds = await loadPackage(memSource({ 'datapackage.json': descriptor([{ name: 'units', path: 'units.csv' }]) }));
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'missing_file', file: 'units.csv',
      message: 'Tệp units.csv: không tải được tệp units.csv (HTTP 404).',
      message_en: 'File units.csv: could not fetch units.csv (HTTP 404).',
    }]);
    expect(accounts(ds)).toEqual(['units.csv 0=0+0']);
  });

  it('bad_package: a descriptor that is not JSON, or has no resources list', async () => {
    const a = await loadPackage(memSource({ 'datapackage.json': '{"name": "x", resources: [' }));
    expect(a.issues).toEqual([{
      severity: 'error', code: 'bad_package', file: 'datapackage.json',
      message: 'Tệp datapackage.json: datapackage.json không hợp lệ: không phải JSON hợp lệ.',
      message_en: 'File datapackage.json: invalid datapackage.json: not valid JSON.',
    }]);
    const b = await loadPackage(memSource({ 'datapackage.json': '{"name": "x"}' }));
    expect(b.issues).toEqual([{
      severity: 'error', code: 'bad_package', file: 'datapackage.json',
      message: 'Tệp datapackage.json: datapackage.json không hợp lệ: thiếu danh sách "resources".',
      message_en: 'File datapackage.json: invalid datapackage.json: no "resources" list.',
    }]);
    expect(accounts(a)).toEqual([]);
    expect(accounts(b)).toEqual([]);
  });

  it('unknown_table: a resource named after no canonical table', async () => {
    const ds = await loadPackage(memSource({ 'datapackage.json': descriptor([{ name: 'bang_la', path: 'x.csv' }]), 'x.csv': 'a\n1\n' }));
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'unknown_table', file: 'datapackage.json', column: 'resources[0].name',
      message: 'Tệp datapackage.json, cột resources[0].name: không nhận ra bảng "bang_la" (cần một trong: units, unit_lineage, dossier_counts, dossiers, index_scores, targets).',
      message_en: 'File datapackage.json, column resources[0].name: unknown table "bang_la" (expected one of: units, unit_lineage, dossier_counts, dossiers, index_scores, targets).',
    }]);
    expect(accounts(ds)).toEqual([]);
  });

  it('not_text: bytes that are not text (a PNG named .csv)', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const ds = await load({ 'dc.csv': png });
    expect(ds.issues).toEqual([{
      severity: 'error', code: 'not_text', file: 'dc.csv',
      message: 'Tệp dc.csv: không đọc được: đây không phải tệp văn bản, JSON, CSV, XLSX, Parquet hay Arrow.',
      message_en: 'File dc.csv: unreadable: not a text, JSON, CSV, XLSX, Parquet or Arrow file.',
    }]);
    expect(accounts(ds)).toEqual(['dc.csv 0=0+0']);
  });

  it('encoding: a Windows-1258 file is read with a warning, its Vietnamese intact', async () => {
    // "Sở Tư pháp" in Windows-1258: S, ơ (0xD5), combining hook (0xD2), space, T, ư (0xDD), space, p, h, a, acute (0xEC), p
    const cp1258 = new Uint8Array([...enc.encode('unit_id,name,level\nU1,'), 0x53, 0xf5, 0xd2, 0x20, 0x54, 0xfd, 0x20, 0x70, 0x68, 0x61, 0xec, 0x70, ...enc.encode(',agency\n')]);
    const ds = await load({ 'u.csv': cp1258 });
    expect(ds.issues).toEqual([{
      severity: 'warning', code: 'encoding', file: 'u.csv',
      message: 'Tệp u.csv: mã hóa ký tự: tệp dùng bảng mã Windows-1258, không phải UTF-8; đã chuyển sang Unicode.',
      message_en: 'File u.csv: character encoding: the file is Windows-1258, not UTF-8; it was converted to Unicode.',
    }]);
    expect(ds.tables.units!.columns.name).toEqual(['Sở Tư pháp']);
    expect(accounts(ds)).toEqual(['u.csv 1=1+0']);
  });
});
