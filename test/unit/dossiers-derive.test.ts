// The 766 derivation (dossier rows → day-grain dossier_counts) checked two ways on a hand-made dossiers
// table: against figures worked out by hand for October 2026, and against a brute-force count that
// judges every dossier directly at the edges of each window (no day rows, no cumulative sums).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openNodeDb } from '../../src/db/node';
import type { Db } from '../../src/db/types';
import { TABLES, createTableSql } from '../../src/datasets/contract';
import { deriveDossierCounts, hasChannelCounts } from '../../src/metrics/dossiers';
import { queryCounts } from '../../src/metrics/queries';
import { parsePeriod } from '../../src/metrics/periods';

interface D {
  id: string; unit: string; field: string | null; channel: number | null; level: string | null;
  rec: string; due: string; fin: string | null; status: number; req: number | null; sd: number | null;
  apology: boolean; rating: string | null; digitized: boolean; electronic: boolean;
}
const d = (id: string, unit: string, field: string | null, channel: number | null, level: string | null, rec: string, due: string,
  fin: string | null, status: number, extra: Partial<D> = {}): D =>
  ({ id, unit, field, channel, level, rec, due, fin, status, req: 0, sd: null, apology: false, rating: null, digitized: false, electronic: false, ...extra });

// October 2026 starts on a Thursday; ISO week 2026-W43 runs Monday 19 to Sunday 25 October.
const ROWS: D[] = [
  d('D1', 'A', 'Hộ tịch', 2, 'full', '2026-10-05 09:00:00', '2026-10-09 17:00:00', '2026-10-07 10:00:00', 10, { rating: 'very_satisfied', digitized: true, electronic: true }), // early
  d('D2', 'A', 'Hộ tịch', 1, null, '2026-10-05 10:00:00', '2026-10-09 17:00:00', '2026-10-09 16:00:00', 10, { rating: 'satisfied' }), // on the due day
  d('D3', 'A', 'Hộ tịch', null, null, '2026-10-05 11:00:00', '2026-10-09 17:00:00', '2026-10-13 09:00:00', 10, { apology: true, rating: 'dissatisfied' }), // late; pending overdue 10–12
  d('D4', 'A', 'Đất đai', 2, 'partial', '2026-10-06 08:00:00', '2026-10-09 17:00:00', '2026-10-14 15:00:00', 10, { req: 1, sd: 5 }), // 5 days supplementing: on time
  d('D5', 'A', 'Đất đai', 3, null, '2026-10-06 08:30:00', '2026-10-20 17:00:00', '2026-10-08 10:00:00', 9, { req: 2, sd: 1 }), // two requests: overdue
  d('D6', 'A', 'Đất đai', 1, null, '2026-10-12 09:00:00', '2026-10-16 17:00:00', null, 4, { apology: true }), // pending, overdue from the 17th
  d('D7', 'A', null, 2, 'full', '2026-10-20 09:00:00', '2026-10-21 17:00:00', null, 5, { req: 1 }), // waiting for the citizen: within
  d('D8', 'B', 'Chứng thực', 1, null, '2026-09-28 09:00:00', '2026-10-02 17:00:00', null, 4), // carried into October, overdue from the 3rd
  d('D9', 'B', 'Chứng thực', 2, 'partial', '2026-10-21 09:00:00', '2026-10-23 17:00:00', '2026-10-22 09:30:00', 3), // refused at receipt: early
  d('D10', 'B', 'Chứng thực', 2, 'partial', '2026-10-25 20:00:00', '2026-10-28 17:00:00', null, 1), // submitted, never received: not counted
  d('D11', 'A', 'Hộ tịch', 2, 'partial', '2026-10-26 14:00:00', '2026-11-05 17:00:00', null, 4, { req: 1, sd: 2.5 }), // due after the data ends
  d('D12', 'B', 'Chứng thực', 1, null, '2026-09-01 09:00:00', '2026-09-04 17:00:00', '2026-09-03 10:00:00', 10, { digitized: true }),
];

const DAY_MS = 86_400_000;
const dayOf = (ts: string) => Math.floor(Date.parse(ts.replace(' ', 'T') + 'Z') / DAY_MS);
const dayOfDate = (date: string) => Date.parse(date + 'T00:00:00Z') / DAY_MS;

/** The rules of src/metrics/dossiers.ts, applied to each dossier for one window at a time. */
function bruteForce(rows: D[], unit: string, from: string, to: string, channels?: number[]): Record<string, number> {
  const counted = rows.filter((x) => x.status !== 1);
  const endDay = Math.max(...counted.map((x) => Math.max(dayOf(x.rec), x.fin ? dayOf(x.fin) : -Infinity)));
  const lo = dayOfDate(from);
  const hi = Math.min(dayOfDate(to), endDay);
  const out: Record<string, number> = {
    received_online: 0, received_offline: 0, received_postal: 0, received_online_full: 0, carried_over: 0,
    resolved_early: 0, resolved_on_time: 0, resolved_overdue: 0, pending_within: 0, pending_overdue: 0,
    apologies_issued: 0, digitized: 0, results_electronic: 0, ratings_total: 0, ratings_dissatisfied: 0,
  };
  for (const x of counted) {
    const ch = x.channel ?? 1;
    if (x.unit !== unit || (channels && !channels.includes(ch))) continue;
    const r = dayOf(x.rec);
    const f = x.fin ? dayOf(x.fin) : null;
    const due = dayOf(x.due);
    const sd = x.sd ?? 0;
    let o: number | null = (x.req ?? 0) > 1 ? r : f == null && x.status === 5 ? null : Math.max(r, due + Math.floor(sd) + 1);
    if (o != null && o > endDay) o = null;
    const inW = (day: number) => day >= lo && day <= hi;
    const pendingAtEnd = (day: number) => r <= day && (f == null || f > day);
    if (inW(r)) {
      if (ch === 2) out.received_online++; else out.received_offline++;
      if (ch === 3) out.received_postal++;
      if (ch === 2 && x.level === 'full') out.received_online_full++;
      if (x.digitized) out.digitized++;
    }
    if (pendingAtEnd(lo - 1)) out.carried_over++;
    if (f != null && inW(f)) {
      const eff = Math.floor((Date.parse(x.fin!.replace(' ', 'T') + 'Z') - sd * DAY_MS) / DAY_MS);
      const verdict = (x.req ?? 0) > 1 || eff > due ? 'resolved_overdue' : eff < due ? 'resolved_early' : 'resolved_on_time';
      out[verdict]++;
      if (x.apology) out.apologies_issued++;
      if (x.electronic) out.results_electronic++;
      if (x.rating) out.ratings_total++;
      if (x.rating === 'dissatisfied') out.ratings_dissatisfied++;
    }
    if (f == null && x.apology && inW(o ?? r)) out.apologies_issued++;
    if (pendingAtEnd(hi)) {
      if (o != null && o <= hi) out.pending_overdue++; else out.pending_within++;
    }
  }
  return out;
}

let db: Db;

beforeAll(async () => {
  db = await openNodeDb();
  for (const t of ['units', 'unit_lineage', 'dossiers', 'index_scores', 'targets'] as const) await db.exec(createTableSql(TABLES[t]));
  await db.exec(`INSERT INTO units (unit_id, name, level) VALUES ('A', 'Sở A', 'agency'), ('B', 'Sở B', 'agency')`);
  const lit = (v: string | number | boolean | null, kind: 'text' | 'ts' | 'raw' = 'raw') =>
    v == null ? 'NULL' : kind === 'text' ? `'${v}'` : kind === 'ts' ? `TIMESTAMP '${v}'` : String(v);
  const values = ROWS.map((x) => `(${[lit(x.id, 'text'), lit(x.unit, 'text'), lit(x.field, 'text'), lit(x.channel), lit(x.level, 'text'),
    lit(x.rec, 'ts'), lit(x.due, 'ts'), lit(x.fin, 'ts'), lit(x.status), lit(x.req), lit(x.sd), lit(x.apology), lit(x.rating, 'text'),
    lit(x.digitized), lit(x.electronic)].join(', ')})`);
  await db.exec(`INSERT INTO dossiers (dossier_id, unit_id, field, channel, online_level, received_at, due_at, finished_at, status,
    supplement_requests, supplement_days, apology_issued, rating, digitized, result_electronic) VALUES ${values.join(', ')}`);
});
afterAll(async () => {
  await db.close();
});

async function sums(from: string, to: string, channels?: number[]) {
  const rows = await queryCounts(db, { from, to, groupBy: ['unit'], channels });
  return Object.fromEntries(rows.map((r) => [r.unit_id!, r.sums]));
}

describe('deriveDossierCounts', () => {
  it('reports what it read and built', async () => {
    const r = await deriveDossierCounts(db);
    expect(r.dossiers).toBe(12);
    expect(r.notReceived).toBe(1); // D10, status 1
    expect(r.rows).toBeGreaterThan(0);
    expect(r.channelRows).toBeGreaterThanOrEqual(r.rows);
    expect(await hasChannelCounts(db)).toBe(true);
  });

  it('gives the figures worked out by hand for October 2026', async () => {
    const s = await sums('2026-10-01', '2026-10-31');
    expect(s.A).toMatchObject({
      received_online: 4, received_offline: 4, received_postal: 1, received_online_full: 2, carried_over: 0,
      resolved_early: 1, resolved_on_time: 2, resolved_overdue: 2, // D1 | D2, D4 | D3, D5
      pending_within: 2, pending_overdue: 1, // D7, D11 | D6 (judged on 26 October, the last day of data)
      apologies_issued: 2, digitized: 1, results_electronic: 1, ratings_total: 3, ratings_dissatisfied: 1,
      complaints: null,
    });
    expect(s.B).toMatchObject({
      received_online: 1, received_offline: 0, carried_over: 1, // D9 | D8 from September
      resolved_early: 1, resolved_on_time: 0, resolved_overdue: 0, pending_within: 0, pending_overdue: 1,
    });
  });

  it('judges stocks on days without any event (the 10th–11th: D3 pending overdue, D8 carried)', async () => {
    const s = await sums('2026-10-10', '2026-10-11');
    // pending at the end of the 9th: D3 and D4; at the end of the 11th D3 is past due, D4 still supplementing
    expect(s.A).toMatchObject({ carried_over: 2, pending_within: 1, pending_overdue: 1, resolved_early: 0, received_online: 0 });
    expect(s.B).toMatchObject({ carried_over: 1, pending_overdue: 1, pending_within: 0 });
  });

  const windows = [
    ['2026-10-01', '2026-10-31'], ['2026-09-01', '2026-10-26'], ['2026-10-10', '2026-10-10'], ['2026-10-10', '2026-10-15'],
    ['2026-10-03', '2026-10-03'], ['2026-10-13', '2026-10-14'], ['2026-10-17', '2026-10-18'], ['2026-09-29', '2026-10-05'],
  ];
  const week = parsePeriod('2026-W43')!;
  windows.push([week.from, week.to]);

  it.each(windows)('matches the brute-force count for %s … %s', async (from, to) => {
    const s = await sums(from, to);
    for (const unit of ['A', 'B']) {
      const expected = bruteForce(ROWS, unit, from, to);
      const got = s[unit] ?? {};
      for (const [k, v] of Object.entries(expected)) expect([unit, k, got[k] ?? 0]).toEqual([unit, k, v]);
    }
  });

  it.each([[[2]], [[1, 3]], [[3]]])('matches the brute-force count per channel %j', async (channels) => {
    for (const [from, to] of windows) {
      const s = await sums(from, to, channels);
      for (const unit of ['A', 'B']) {
        const expected = bruteForce(ROWS, unit, from, to, channels);
        const got = s[unit] ?? {};
        for (const [k, v] of Object.entries(expected)) expect([from, to, unit, k, got[k] ?? 0]).toEqual([from, to, unit, k, v]);
      }
    }
  });

  it('gives the 766 on-time rate for the ISO week of the 19th', async () => {
    const [total] = await queryCounts(db, { from: week.from, to: week.to, groupBy: [] });
    // handled: D9 resolved early; pending at the 25th: D6 (overdue), D7 (within), D8 (overdue) → (1 + 1) / 4
    expect(total.metrics.on_time_rate.numerator).toBe(2);
    expect(total.metrics.on_time_rate.denominator).toBe(4);
    expect(total.metrics.on_time_rate.value).toBe(50);
  });

  it('gives the same tables chunk by chunk, whatever the chunk size (series met in a later chunk included)', async () => {
    const table = async (t: string) => (await db.query<{ r: string }>(
      `SELECT (t::VARCHAR) AS r FROM ${t} t ORDER BY ALL`)).map((x) => x.r);
    await deriveDossierCounts(db, { chunkRows: 1 << 20 });
    const whole = { counts: await table('dossier_counts'), channels: await table('dossier_counts_by_channel') };
    expect(whole.counts.length).toBeGreaterThan(0);
    for (const chunkRows of [1, 2, 5]) {
      const seen: [number, number][] = [];
      await deriveDossierCounts(db, { chunkRows, onChunk: (done, total) => seen.push([done, total]) });
      expect(seen.length).toBe(Math.ceil(ROWS.length / chunkRows));
      expect(seen.at(-1)).toEqual([ROWS.length, ROWS.length]);
      expect(await table('dossier_counts')).toEqual(whole.counts);
      expect(await table('dossier_counts_by_channel')).toEqual(whole.channels);
    }
  });

  it('stops between chunks when told to, leaving no working table behind', async () => {
    let chunks = 0;
    await expect(deriveDossierCounts(db, { chunkRows: 4, onChunk: () => { if (++chunks === 2) throw new Error('cancelled'); } })).rejects.toThrow('cancelled');
    expect(chunks).toBe(2);
    const left = await db.query("SELECT table_name FROM duckdb_tables() WHERE table_name LIKE '\\_\\_dossier%' ESCAPE '\\'");
    expect(left).toEqual([]);
  });
});
