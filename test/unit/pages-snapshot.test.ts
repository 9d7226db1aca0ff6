// The snapshot and the live page give identical figures from the same page modules: each page's
// default queries (src/pages/index.ts) run on DuckDB through the build's recording Db, then again on a
// Db that answers only from the recorded rows (as the browser's snapshot stand-in does, after the JSON
// round trip of the shipped block); the results and the models built from them are equal, and a
// query the snapshot lacks fails instead of waiting. The figures are checked against sums of the
// sample's CSV computed here, apart from the SQL.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderSource } from '../../src/cli/nodeSource';
import { openNodeDb } from '../../src/db/node';
import type { Db, Param, Row } from '../../src/db/types';
import { loadPackage } from '../../src/datasets/package';
import { loadDataset } from '../../src/load';
import type { Evaluation } from '../../src/metrics/evaluate';
import type { LevelTotal } from '../../src/metrics/oversight';
import { buildScoreboard, type ScoreboardInput } from '../../src/metrics/scoreboard';
import { DEFAULT_PAGES, defaultQueries, defaultScope, runDefaultQueries, type DefaultContext } from '../../src/pages/index';
import { metricBars } from '../../src/pages/embed/model';
import { buildScoreboardPage, type HeadlineInput } from '../../src/pages/scoreboard/model';
import { publicFigures, publicTrend } from '../../src/pages/public/model';
import { buildUnitModel } from '../../src/pages/unit/model';
import { unitFiguresQuery } from '../../src/pages/unit/query';
import { queryKey } from '../../src/snapshot/key';
import { recordingDb } from '../../src/snapshot/record';
import { unpackRows, type PackedRows } from '../../src/snapshot/types';

const sample = path.resolve('data/sample');
const present = fs.existsSync(path.join(sample, 'datapackage.json'));
if (!present) console.warn('pages-snapshot: data/sample missing (npm run data:sample): skipped');

/** Answers from the recorded rows only (the hit path of stores/snapshot.ts's snapshotDb); a miss throws. */
function replayDb(recorded: Record<string, PackedRows>): Db {
  const no = () => { throw new Error('the snapshot is read-only'); };
  return {
    async query<T = Row>(sql: string, params: Param[] = []): Promise<T[]> {
      const hit = recorded[queryKey(sql, params)];
      if (!hit) throw new Error(`not in the snapshot: ${sql.slice(0, 80)} ${JSON.stringify(params)}`);
      return unpackRows<T>(hit);
    },
    exec: async () => no(), insertArrowIpc: async () => no(), registerFile: async () => no(), dropFile: async () => no(), close: async () => {},
  };
}

type CsvRow = Record<string, string>;
const csvRows = (file: string): CsvRow[] => Papa.parse<CsvRow>(fs.readFileSync(path.join(sample, file), 'utf8'), { header: true, skipEmptyLines: true }).data;
const num = (s: string | undefined) => (s == null || s === '' ? 0 : Number(s));

describe.skipIf(!present)('default pages: snapshot = live', () => {
  let db: Db;
  let ctx: DefaultContext;
  let live: Map<string, unknown>;
  let snap: Db;
  let counts: CsvRow[];
  let agencies: Set<string>;

  beforeAll(async () => {
    db = await openNodeDb();
    const facts = await loadDataset(db, await loadPackage(folderSource(sample)));
    ctx = { span: facts.span, hasDays: facts.hasDays };
    const rec = recordingDb(db);
    live = await runDefaultQueries(rec.db, ctx);
    snap = replayDb(JSON.parse(JSON.stringify(rec.results)) as Record<string, PackedRows>);
    counts = csvRows('dossier_counts.csv');
    agencies = new Set(csvRows('units.csv').filter((u) => u.level === 'agency').map((u) => u.unit_id));
  }, 240_000);
  afterAll(async () => { await db?.close(); });

  it('lists the scoreboard, the public page and the embeds, each with queries for the data\'s last month', () => {
    expect(DEFAULT_PAGES.map((p) => p.page)).toEqual(['scoreboard', 'public', 'embed/scoreboard', 'embed/public', 'embed/metric']);
    const { period, level } = defaultScope(ctx);
    expect(period?.kind).toBe('month');
    expect(period?.key).toBe(ctx.span!.to.slice(0, 7));
    expect(level).toBe('agency');
    for (const p of DEFAULT_PAGES) expect(p.queries(ctx).length, p.page).toBeGreaterThan(0);
    // shared queries run once: the public page, its embed and the metric embed ask one evaluation
    expect(defaultQueries(ctx).length).toBe(new Set(DEFAULT_PAGES.flatMap((p) => p.queries(ctx).map((q) => q.key))).size);
    expect(live.size).toBe(defaultQueries(ctx).length);
  });

  it('every default query answered from the snapshot equals DuckDB\'s answer', async () => {
    for (const q of defaultQueries(ctx)) expect(await q.run(snap), q.key).toEqual(live.get(q.key));
  });

  it('the models built from the snapshot equal the live models, and match the CSV', async () => {
    const { period, level } = defaultScope(ctx);
    const both = (page: string, i: number) => {
      const q = DEFAULT_PAGES.find((p) => p.page === page)!.queries(ctx)[i];
      return q.run(snap).then((fromSnapshot) => ({ live: live.get(q.key), snap: fromSnapshot }));
    };
    const [board, headline, pub, trend, embedScoreboard, embedUnits] = await Promise.all([
      both('scoreboard', 0), both('scoreboard', 1), both('public', 0), both('public', 1), both('embed/scoreboard', 0), both('embed/metric', 0),
    ]);
    const sort = { key: 'status', dir: 'desc' } as const;
    expect(buildScoreboardPage(board.snap as ScoreboardInput, headline.snap as HeadlineInput, sort))
      .toEqual(buildScoreboardPage(board.live as ScoreboardInput, headline.live as HeadlineInput, sort));

    const boardLive = buildScoreboard(board.live as ScoreboardInput);
    expect(buildScoreboard(board.snap as ScoreboardInput)).toEqual(boardLive);
    expect(buildScoreboard(embedScoreboard.snap as ScoreboardInput)).toEqual(boardLive);
    const figuresLive = publicFigures(pub.live as Evaluation, period!, ctx.span!.to);
    expect(publicFigures(pub.snap as Evaluation, period!, ctx.span!.to)).toEqual(figuresLive);
    const trendLive = publicTrend(trend.live as LevelTotal[]);
    expect(publicTrend(trend.snap as LevelTotal[])).toEqual(trendLive);
    expect(metricBars(embedUnits.snap as Evaluation, 'on_time_rate')).toEqual(metricBars(embedUnits.live as Evaluation, 'on_time_rate'));

    // independently: the agencies' received dossiers in the month, summed from the CSV
    const inMonth = counts.filter((r) => agencies.has(r.unit_id) && r.period_start >= period!.from && r.period_end <= period!.to);
    expect(inMonth.length).toBeGreaterThan(0);
    const received = inMonth.reduce((s, r) => s + num(r.received_online) + num(r.received_offline), 0);
    expect(figuresLive.cards.find((c) => c.id === 'received_count')?.figure?.value).toBe(received);
    expect(boardLive.rows.map((r) => r.unit.unit_id)).toEqual(expect.arrayContaining([...new Set(inMonth.map((r) => r.unit_id))]));
    expect(level).toBe('agency');
    // the trend's last year is 1 January to the data's last day
    const year = ctx.span!.to.slice(0, 4);
    const ytd = counts.filter((r) => agencies.has(r.unit_id) && r.period_start >= `${year}-01-01` && r.period_end <= ctx.span!.to);
    expect(trendLive.totals[trendLive.totals.length - 1].metrics.received_count?.value).toBe(ytd.reduce((s, r) => s + num(r.received_online) + num(r.received_offline), 0));
  });

  it('the unit page\'s model: channel mix and 766 groups from the same figures as the CSV', async () => {
    const { period } = defaultScope(ctx);
    const unitId = [...agencies].sort()[0];
    const input = await unitFiguresQuery({ unitId, period: period! }).run(db);
    const m = buildUnitModel(input, unitId, 'vi')!;
    expect(m.unit.unit_id).toBe(unitId);
    const rows = counts.filter((r) => r.unit_id === unitId && r.period_start >= period!.from && r.period_end <= period!.to);
    const sum = (k: string) => rows.reduce((s, r) => s + num(r[k]), 0);
    const total = sum('received_online') + sum('received_offline');
    const byKey = Object.fromEntries(m.channels.map((c) => [c.key, c.count]));
    expect(byKey).toEqual({
      full: sum('received_online_full'), partial: sum('received_online') - sum('received_online_full'),
      inPerson: sum('received_offline') - sum('received_postal'), postal: sum('received_postal'),
    });
    expect(m.channels.reduce((s, c) => s + c.share, 0)).toBeCloseTo(100, 9);
    expect(m.channels[0].share).toBeCloseTo((100 * sum('received_online_full')) / total, 9);
    for (const g of m.groups) expect(g.lost).toBeCloseTo(Math.max(0, g.max - g.score), 9);
    if (m.groupTotals) expect(m.groupTotals.lost).toBeCloseTo(m.groups.reduce((s, g) => s + g.lost, 0), 9);
    expect(buildUnitModel(input, 'NO-SUCH-UNIT', 'vi')).toBeNull();
  }, 120_000);
});
