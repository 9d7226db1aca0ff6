import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { excelSerialToIso, findPeriod, isDateError, parseVnDate } from '../../../src/datasets/formats/vnDate';

describe('parseVnDate', () => {
  it('reads dd/mm/yyyy, d/m/yyyy, dashes, dots and ISO', () => {
    expect(parseVnDate('19/10/2023')).toEqual({ iso: '2023-10-19' });
    expect(parseVnDate('1/7/2025')).toEqual({ iso: '2025-07-01' });
    expect(parseVnDate('01-07-2025')).toEqual({ iso: '2025-07-01' });
    expect(parseVnDate('01.07.2025')).toEqual({ iso: '2025-07-01' });
    expect(parseVnDate('2025-07-01')).toEqual({ iso: '2025-07-01' });
    expect(parseVnDate('29/02/2024')).toEqual({ iso: '2024-02-29' });
  });

  it('rejects impossible dates with a reason', () => {
    const r = parseVnDate('31/02/2026');
    expect(isDateError(r) && r.error).toContain('chỉ có 28 ngày');
    expect(isDateError(parseVnDate('29/02/2026'))).toBe(true);
    expect(isDateError(parseVnDate('10/13/2026'))).toBe(true);
    expect(isDateError(parseVnDate('ngày mai'))).toBe(true);
  });

  it('round-trips valid dates and rejects invalid days (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const y = d.getUTCFullYear();
        const m = d.getUTCMonth() + 1;
        const day = d.getUTCDate();
        const iso = `${y}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
        expect(parseVnDate(`${day}/${m}/${y}`)).toEqual({ iso });
        expect(parseVnDate(`${String(day).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`)).toEqual({ iso });
        expect(parseVnDate(iso)).toEqual({ iso });
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 5 }), (y, m, extra) => {
        const dim = new Date(Date.UTC(y, m, 0)).getUTCDate();
        expect(isDateError(parseVnDate(`${dim + 1 + extra}/${m}/${y}`))).toBe(true);
        expect(isDateError(parseVnDate(`1/${12 + 1 + extra}/${y}`))).toBe(true);
      }),
    );
  });

  it('converts spreadsheet serials (1900 and 1904 systems)', () => {
    expect(excelSerialToIso(46204)).toBe('2026-07-01');
    expect(excelSerialToIso(1)).toBe('1900-01-01');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(0, true)).toBe('1904-01-01');
  });
});

describe('findPeriod', () => {
  const p = (s: string) => {
    const r = findPeriod(s);
    return r && !isDateError(r) ? [r.period_start, r.period_end, r.kind] : r;
  };
  it('reads explicit ranges in every written form', () => {
    expect(p('Từ ngày 01/01/2026 đến ngày 30/09/2026')).toEqual(['2026-01-01', '2026-09-30', 'range']);
    expect(p('(Từ ngày 01-10-2026 đến ngày 31-10-2026)')).toEqual(['2026-10-01', '2026-10-31', 'range']);
    expect(p('từ ngày 1.7.2026 đến 30.9.2026')).toEqual(['2026-07-01', '2026-09-30', 'range']);
    expect(p('Từ ngày 01 tháng 7 năm 2026 đến ngày 30 tháng 9 năm 2026')).toEqual(['2026-07-01', '2026-09-30', 'range']);
    expect(p('Tu ngay 01/01/2026 den ngay 31/01/2026'.normalize('NFD'))).toEqual(['2026-01-01', '2026-01-31', 'range']);
  });
  it('reads months, quarters, halves and years', () => {
    expect(p('Kỳ báo cáo: Tháng 10/2026')).toEqual(['2026-10-01', '2026-10-31', 'month']);
    expect(p('Tháng 2 năm 2024')).toEqual(['2024-02-01', '2024-02-29', 'month']);
    expect(p('Quý III/2026')).toEqual(['2026-07-01', '2026-09-30', 'quarter']);
    expect(p('quý 4 năm 2025')).toEqual(['2025-10-01', '2025-12-31', 'quarter']);
    expect(p('6 tháng đầu năm 2026')).toEqual(['2026-01-01', '2026-06-30', 'half']);
    expect(p('9 tháng năm 2026')).toEqual(['2026-01-01', '2026-09-30', 'months']);
    expect(p('Năm 2026')).toEqual(['2026-01-01', '2026-12-31', 'year']);
  });
  it('does not take a signature date for a period, and rejects impossible ranges', () => {
    expect(findPeriod('Gia Lai, ngày 15 tháng 10 năm 2026')).toBeNull();
    expect(isDateError(findPeriod('Từ ngày 01/03/2026 đến ngày 31/02/2026'))).toBe(true);
    expect(isDateError(findPeriod('Từ ngày 30/09/2026 đến ngày 01/07/2026'))).toBe(true);
  });
});
