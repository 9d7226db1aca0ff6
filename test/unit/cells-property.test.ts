// Property-based tests (fast-check) of the canonical readers: the number, date and timestamp cells of
// src/datasets/cells.ts and the CSV header/row reader of src/datasets/canonical.ts. Each property is
// checked against an independent statement of the rule (a calendar written out here, a quoting writer
// written out here), never against the function itself.
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { readCsvText, readCsvTextPaced } from '../../src/datasets/canonical';
import { readDate, readInteger, readNumber, readTimestamp } from '../../src/datasets/cells';
import { LIMITS, pacer } from '../../src/datasets/limits';
import { validateTable, validateTablePaced } from '../../src/datasets/validate';

const RUNS = { numRuns: 300 };
// A fixed seed keeps CI reproducible; set CHISO_FUZZ_SEED to explore other inputs.
fc.configureGlobal({ seed: Number(process.env.CHISO_FUZZ_SEED ?? 20261019) });

/** The Gregorian calendar, stated plainly. */
const leap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

describe('numbers', () => {
  it('every safe integer written in digits (with sign, spaces) reads back as itself', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), fc.constantFrom('', ' ', '  '), fc.boolean(), (n, space, plus) => {
      const text = `${space}${plus && n >= 0 ? '+' : ''}${n}${space}`;
      expect(readInteger(text)).toBe(n);
    }), RUNS);
  });

  it('an integer cell never accepts a decimal point, a comma, a vi-VN thousands dot or letters', () => {
    fc.assert(fc.property(fc.nat(99999), fc.nat(999), fc.constantFrom('.', ',', 'e', ' 000', 'k', '%'), (a, b, sep) => {
      expect(readInteger(`${a}${sep}${pad(b, 3)}`)).toBeNull();
    }), RUNS);
  });

  it('every finite double written by JavaScript reads back as itself', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (d) => {
      const got = readNumber(String(d));
      expect(got === d || (got === 0 && d === 0)).toBe(true);
    }), RUNS);
  });

  it('a number cell refuses a decimal comma (vi-VN "66,67"): canonical files use a point', () => {
    fc.assert(fc.property(fc.nat(9999), fc.integer({ min: 1, max: 99 }), (a, b) => {
      expect(readNumber(`${a},${pad(b)}`)).toBeNull();
      expect(readNumber(`${a}.${pad(b)}`)).toBeCloseTo(a + b / 100, 9);
    }), RUNS);
  });

  it('NaN, Infinity and empty text are never numbers', () => {
    for (const t of ['NaN', 'Infinity', '-Infinity', '', ' ', '.', '-', '1e', 'e5', '0x10']) expect(readNumber(t), t).toBeNull();
  });
});

describe('dates', () => {
  it('YYYY-MM-DD reads as a date exactly when the day exists in the calendar', () => {
    fc.assert(fc.property(fc.integer({ min: 1000, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
      const text = `${y}-${pad(m)}-${pad(d)}`;
      const exists = m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m);
      expect(readDate(text)).toBe(exists ? text : null);
    }), { numRuns: 2000 });
  });

  it('29 February exists in leap years only (2024 yes, 2026 no, 2000 yes, 2100 no)', () => {
    expect(readDate('2024-02-29')).toBe('2024-02-29');
    expect(readDate('2026-02-29')).toBeNull();
    expect(readDate('2000-02-29')).toBe('2000-02-29');
    expect(readDate('2100-02-29')).toBeNull();
    expect(readDate('2026-02-31')).toBeNull();
  });

  it('other ways of writing a day are not canonical dates', () => {
    fc.assert(fc.property(fc.integer({ min: 1900, max: 2100 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
      for (const t of [`${pad(d)}/${pad(m)}/${y}`, `${y}/${pad(m)}/${pad(d)}`, `${y}-${m}-${d}${m < 10 || d < 10 ? '' : 'x'}`, `${y}${pad(m)}${pad(d)}`]) {
        expect(readDate(t), t).toBeNull();
      }
    }), RUNS);
  });

  it('a timestamp is a valid day plus a valid clock time; the offset is applied', () => {
    fc.assert(fc.property(
      fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }),
      fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.integer({ min: 0, max: 61 }),
      (y, mo, d, h, mi, s) => {
        const day = `${y}-${pad(mo)}-${pad(d)}`;
        const ok = d <= daysIn(y, mo) && h <= 23 && mi <= 59 && s <= 59;
        const text = `${day}T${pad(h)}:${pad(mi)}:${pad(s)}`;
        expect(readTimestamp(text)).toBe(ok ? `${day} ${pad(h)}:${pad(mi)}:${pad(s)}` : null);
        if (ok) {
          // +07:00 is seven hours ahead of UTC: the stored time is seven hours earlier
          const utc = new Date(Date.UTC(y, mo - 1, d, h - 7, mi, s)).toISOString().slice(0, 19).replace('T', ' ');
          expect(readTimestamp(`${text}+07:00`)).toBe(utc);
        }
      },
    ), { numRuns: 1000 });
  });
});

/** RFC 4180 quoting, written out independently of the reader. */
const quote = (c: string) => (/[",\r\n]/.test(c) || c !== c.trim() ? `"${c.replaceAll('"', '""')}"` : c);
const toCsv = (rows: string[][]) => rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';

const cellText = fc.string({ unit: fc.constantFrom('a', 'ộ', 'Đ', ',', '"', '\n', ' ', '1', ';', '<', '=', '\t'), maxLength: 12 });
const headerName = fc.string({ unit: fc.constantFrom('a', 'b', 'ư', '_', '1', ' ', ',', '"'), minLength: 1, maxLength: 10 }).filter((h) => h.trim() !== '');

describe('CSV header and rows', () => {
  it('any header and rows, written with standard quoting, read back cell for cell with spreadsheet row numbers', () => {
    fc.assert(fc.property(
      fc.uniqueArray(headerName, { minLength: 2, maxLength: 8, selector: (h) => h.trim() }),
      fc.array(fc.array(cellText, { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 12 }),
      (header, body) => {
        const rows = body.map((r) => r.slice(0, header.length)).filter((r) => r.some((c) => c.trim() !== ''));
        fc.pre(rows.length > 0);
        // the writer must not make the header line look like another separator wins
        fc.pre((header.join(',').match(/;/g)?.length ?? 0) === 0);
        const read = readCsvText(toCsv([header, ...rows]), 'f.csv');
        expect(read.issues).toEqual([]);
        expect(read.raw!.header).toEqual(header.map((h) => h.trim()));
        expect(read.raw!.rows).toEqual(rows);
        expect(read.raw!.rowNumbers).toEqual(rows.map((_, i) => i + 2));
      },
    ), RUNS);
  });

  it('blank lines keep their place in the row numbers (a spreadsheet shows them)', () => {
    const read = readCsvText('a,b\n\n1,2\n  \n3,4\n', 'f.csv');
    expect(read.raw!.rows).toEqual([['1', '2'], ['3', '4']]);
    expect(read.raw!.rowNumbers).toEqual([3, 5]);
  });

  it('the paced reader gives the same table as the one-go reader, with quoted line breaks across chunk edges', async () => {
    // ~2.5 MB: more than two chunks; every 7th cell holds a quoted line break and a quote.
    const rows: string[][] = [];
    for (let i = 0; rows.length * 40 < LIMITS.chunkChars * 2.5; i++) rows.push([`U${i}`, i % 7 === 0 ? `Hộ tịch\n"dòng ${i}"` : `Chứng thực ${i}`, String(i * 3)]);
    const text = toCsv([['unit_id', 'field', 'n'], ...rows]);
    expect(text.length).toBeGreaterThan(LIMITS.chunkChars * 2);
    const pace = pacer(0); // yield at every chunk
    const paced = await readCsvTextPaced(text, 'f.csv', pace);
    const once = readCsvText(text, 'f.csv');
    expect(paced.issues).toEqual([]);
    expect(paced.raw!.rows.length).toBe(rows.length);
    expect(paced.raw).toEqual(once.raw);
    expect(paced.raw!.rows[7]).toEqual(['U7', 'Hộ tịch\n"dòng 7"', '21']);
    expect(pace.yields).toBeGreaterThanOrEqual(2);
    // the same text through Papa's own one-go parse, for an independent count of records
    expect(Papa.parse<string[]>(text, { skipEmptyLines: true }).data.length).toBe(rows.length + 1);
  });

  it('the paced reader names the row of a quote left open, counted across chunks', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `U${i},Chứng thực ${i},${i}`);
    const text = `unit_id,field,n\n${rows.join('\n')}\nU60000,"never closed,1\n`;
    expect(text.length).toBeGreaterThan(LIMITS.chunkChars);
    const paced = await readCsvTextPaced(text, 'f.csv', pacer(0));
    const once = readCsvText(text, 'f.csv');
    const rowOf = (r: typeof paced) => r.issues.filter((i) => i.code === 'truncated').map((i) => i.row);
    expect(rowOf(once)).toEqual([60_002]);
    expect(rowOf(paced)).toEqual([60_002]);
  });
});

describe('paced validation', () => {
  it('gives the same result as the one-go validator, and gives the event loop back every 256 rows when asked', async () => {
    const header = ['period_start', 'period_end', 'unit_id', 'field', 'received_online', 'received_offline', 'carried_over', 'resolved_early', 'resolved_on_time', 'resolved_overdue', 'pending_within', 'pending_overdue'];
    // 1,000 rows; every 97th has a negative count, every 89th repeats the key of the row before
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const key = i % 89 === 88 ? i - 1 : i;
      return ['2026-01-01', '2026-01-31', `U${key}`, '', i % 97 === 96 ? '-1' : '10', '5', '2', '8', '4', '1', '3', '1'];
    });
    const raw = { file: 'dc.csv', header, rows, rowNumbers: rows.map((_, i) => i + 2) };
    const pace = pacer(0);
    const paced = await validateTablePaced(raw, 'dossier_counts', pace);
    expect(paced).toEqual(validateTable(raw, 'dossier_counts'));
    expect(pace.yields).toBe(Math.floor(1000 / 256));
    // 10 negative rows (97, 194, … 970) and 11 repeated keys (89, 178, … 979), none on the same row
    expect(paced.account).toEqual({ file: 'dc.csv', table: 'dossier_counts', read: 1000, loaded: 979, reported: 21 });
  });
});
