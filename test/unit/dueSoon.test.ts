// Pending dossiers due within 3 working days, on a hand-made dossiers table (reference day Friday
// 30/10/2026: the window runs to Wednesday 4/11/2026, weekends skipped).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { TABLES, createTableSql } from '../../src/datasets/contract';
import { addWorkingDays, hasDossiers, queryDueSoon, referenceDate, workingDaysBetween } from '../../src/metrics/dueSoon';

let db: Db;

// dossier_id, unit_id, field, received_at, due_at, finished_at, status
const ROWS: [string, string, string | null, string, string, string | null, number][] = [
  ['D1', 'A', 'Hộ tịch', '2026-10-20 08:00:00', '2026-10-30 16:00:00', null, 4], // due on the reference day: in, 0 days
  ['D2', 'A', 'Hộ tịch', '2026-10-21 09:00:00', '2026-11-04 23:59:59', null, 5], // last moment of the window: in, 3 days
  ['D3', 'A', 'Hộ tịch', '2026-10-21 09:00:00', '2026-11-05 08:00:00', null, 4], // Thursday: out
  ['D4', 'A', 'Đất đai', '2026-10-10 09:00:00', '2026-10-29 17:00:00', null, 4], // already overdue: out
  ['D5', 'A', 'Đất đai', '2026-10-22 09:00:00', '2026-11-02 09:00:00', null, 9], // terminal status: out
  ['D6', 'A', 'Đất đai', '2026-10-22 09:00:00', '2026-11-02 09:00:00', '2026-10-29 15:00:00', 4], // finished: out
  ['D7', 'A', 'Đất đai', '2026-10-31 09:00:00', '2026-11-03 09:00:00', null, 2], // received after the reference day: out
  ['D8', 'B', 'Chứng thực', '2026-10-26 09:00:00', '2026-11-01 10:00:00', null, 6], // due on Sunday: in, 0 working days
  ['D9', 'A', null, '2026-10-27 09:00:00', '2026-11-02 10:00:00', null, 1], // Monday: in, 1 day
  ['D10', 'A', 'Hộ tịch', '2026-10-27 09:00:00', '2026-11-02 11:00:00', null, 7], // withdrawn: out
];

beforeAll(async () => {
  db = await openNodeDb();
});
afterAll(async () => {
  await db.close();
});

describe('working days', () => {
  it('skips Saturdays and Sundays', () => {
    expect(addWorkingDays('2026-10-30', 3)).toBe('2026-11-04'); // Fri → Wed
    expect(addWorkingDays('2026-10-28', 3)).toBe('2026-11-02'); // Wed → Mon
    expect(addWorkingDays('2026-10-31', 1)).toBe('2026-11-02'); // Sat → Mon
    expect(addWorkingDays('2026-10-30', 0)).toBe('2026-10-30');
    expect(workingDaysBetween('2026-10-30', '2026-11-01')).toBe(0);
    expect(workingDaysBetween('2026-10-30', '2026-11-04')).toBe(3);
  });
  it('judges a finished period at its last day and a running one today', () => {
    expect(referenceDate('2026-10-31', '2026-11-22')).toBe('2026-10-31');
    expect(referenceDate('2026-11-30', '2026-11-22')).toBe('2026-11-22');
  });
});

describe('queryDueSoon', () => {
  it('finds no dossiers table, then an empty one, then rows', async () => {
    expect(await hasDossiers(db)).toBe(false);
    await db.exec(createTableSql(TABLES.dossiers));
    expect(await hasDossiers(db)).toBe(false);
    const values = ROWS.map(([id, unit, field, rec, due, fin, status]) =>
      `('${id}', '${unit}', ${field == null ? 'NULL' : `'${field}'`}, TIMESTAMP '${rec}', TIMESTAMP '${due}', ${fin == null ? 'NULL' : `TIMESTAMP '${fin}'`}, ${status})`);
    await db.exec(`INSERT INTO dossiers (dossier_id, unit_id, field, received_at, due_at, finished_at, status) VALUES ${values.join(', ')}`);
    expect(await hasDossiers(db)).toBe(true);
  });

  it('lists the pending dossiers due from the reference day to the third working day after it', async () => {
    const r = await queryDueSoon(db, { asOf: '2026-10-30' });
    expect(r.until).toBe('2026-11-04');
    expect(r.total).toBe(4);
    expect(r.dossiers.map((d) => [d.dossier_id, d.working_days_left])).toEqual([['D1', 0], ['D8', 0], ['D9', 1], ['D2', 3]]);
    expect(r.dossiers[2]).toMatchObject({ unit_id: 'A', field: null, status: 1 });
  });

  it('filters by unit with bound parameters, and limits the list but not the count', async () => {
    const a = await queryDueSoon(db, { asOf: '2026-10-30', unitIds: ['A'] });
    expect(a.dossiers.map((d) => d.dossier_id)).toEqual(['D1', 'D9', 'D2']);
    const limited = await queryDueSoon(db, { asOf: '2026-10-30', limit: 1 });
    expect(limited.total).toBe(4);
    expect(limited.dossiers.map((d) => d.dossier_id)).toEqual(['D1']);
    const hostile = await queryDueSoon(db, { asOf: '2026-10-30', unitIds: ["A' OR '1'='1"] });
    expect(hostile.total).toBe(0);
  });

  it('moves with the reference day: on Monday 2/11 the window runs to Thursday 5/11', async () => {
    const r = await queryDueSoon(db, { asOf: '2026-11-02' });
    expect(r.until).toBe('2026-11-05');
    // D1 (30/10) and D8 (1/11) are overdue by then; D9 2/11, D2 4/11, D3 5/11 are in; D7 was received on 31/10.
    expect(r.dossiers.map((d) => d.dossier_id)).toEqual(['D9', 'D7', 'D2', 'D3']);
  });
});
