import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatVnNumber, isNumberError, parseVnNumber } from '../../../src/datasets/formats/vnNumber';

describe('parseVnNumber', () => {
  it('reads Vietnamese thousands and decimals', () => {
    expect(parseVnNumber('4.200', 'count')).toBe(4200);
    expect(parseVnNumber('7.001', 'count')).toBe(7001);
    expect(parseVnNumber('1.234.567', 'count')).toBe(1234567);
    expect(parseVnNumber('12', 'count')).toBe(12);
    expect(parseVnNumber('66,67', 'decimal')).toBe(66.67);
    expect(parseVnNumber('66,67 %', 'decimal')).toBe(66.67);
    expect(parseVnNumber('1.234,5', 'decimal')).toBe(1234.5);
    expect(parseVnNumber('1,234.5', 'decimal')).toBe(1234.5);
    expect(parseVnNumber('4.200', 'decimal')).toBe(4200);
    expect(parseVnNumber('12.5', 'decimal')).toBe(12.5);
    expect(parseVnNumber('79.27', 'decimal', { dotIsDecimal: true })).toBe(79.27);
    expect(parseVnNumber('65.123', 'decimal', { dotIsDecimal: true })).toBe(65.123);
  });

  it('reads spaces and nbsp as thousands separators', () => {
    expect(parseVnNumber('1 234 567', 'count')).toBe(1234567);
    expect(parseVnNumber('12\u00a0435', 'count')).toBe(12435);
    expect(parseVnNumber('1\u202f234,5', 'decimal')).toBe(1234.5);
  });

  it('treats dash and empty as null, not zero', () => {
    for (const s of ['', ' ', '-', '–', '—']) expect(parseVnNumber(s, 'count')).toBeNull();
    expect(parseVnNumber(null, 'count')).toBeNull();
    expect(parseVnNumber('0', 'count')).toBe(0);
  });

  it('rejects malformed numbers with a reason', () => {
    for (const s of ['1.23.4', '12a', 'abc', '1,2,3', '1 23', '..5']) {
      const v = parseVnNumber(s, 'count');
      expect(isNumberError(v), s).toBe(true);
    }
    const dec = parseVnNumber('12.5', 'count');
    expect(isNumberError(dec) && dec.error).toContain('số nguyên');
    expect(isNumberError(parseVnNumber('66,67', 'count'))).toBe(true);
    expect(isNumberError(parseVnNumber('5%', 'count'))).toBe(true);
    expect(isNumberError(parseVnNumber('1.23.4', 'decimal'))).toBe(true);
  });

  it('passes numbers from spreadsheets through, refusing fractions in counts', () => {
    expect(parseVnNumber(4200, 'count')).toBe(4200);
    expect(isNumberError(parseVnNumber(4.5, 'count'))).toBe(true);
    expect(parseVnNumber(4.5, 'decimal')).toBe(4.5);
  });

  it('round-trips integers through the vi-VN format (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const s = formatVnNumber(n, 0);
        expect(parseVnNumber(s, 'count')).toBe(n);
        expect(parseVnNumber(s.replace(/\./g, ' '), 'count')).toBe(n);
      }),
    );
  });

  it('round-trips two-decimal values through the vi-VN format (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 99 }), (i, c) => {
        if (c % 10 === 0) return; // "x,10" prints as "x,1"
        const v = i + c / 100;
        const s = formatVnNumber(v, 2);
        expect(s).toContain(',');
        expect(parseVnNumber(s, 'decimal')).toBeCloseTo(v, 6);
      }),
    );
  });

  it('formats like vi-VN', () => {
    expect(formatVnNumber(4200, 0)).toBe('4.200');
    expect(formatVnNumber(66.67)).toBe('66,67');
    expect(formatVnNumber(-1234567.5)).toBe('-1.234.567,5');
  });
});
