// The default views whose numbers ship with the page: each runs the same metrics function as its store
// with the store's default filters, through a recording Db (record.ts). A view whose store asks for
// something not recorded here simply waits for DuckDB: a snapshot can be incomplete, never different.
// When a store's default queries change, add them here.
import type { Db } from '../db/types';
import { evaluate } from '../metrics/evaluate';
import { previousPeriod, periodOf, yearAgo } from '../metrics/periods';
import { queryScoreboard } from '../metrics/scoreboardQuery';
import { DEFAULT_LEVEL } from './defaults';

export interface ViewContext {
  span: { from: string; to: string } | null;
}

export async function runDefaultViews(db: Db, ctx: ViewContext): Promise<void> {
  if (!ctx.span) return;
  const levels = [DEFAULT_LEVEL];
  // the scoreboard (home): the last month of the data
  const month = periodOf('month', ctx.span.to);
  await queryScoreboard(db, { period: month, levels });
  // its first version (current, previous and year-ago evaluations), kept while both exist
  await Promise.all([month, previousPeriod(month), yearAgo(month)].map((p) => evaluate(db, { from: p.from, to: p.to, levels })));
  // the public page: the year to the data's last day
  const ytd = periodOf('ytd', ctx.span.to);
  await evaluate(db, { from: ytd.from, to: ytd.to, levels });
}
