// Each page's default queries: the QuerySpecs a first visit runs with no filter in the URL (the data's
// last month or the year to its last day, level "agency", no channel), built by the page's own query.ts
// with the rules of src/url/defaults.ts. The build-time snapshot runs exactly these through its
// recording Db (src/snapshot/build.ts), so a first visit's queries are answered from the page at once,
// with the very rows DuckDB gives (test/unit/pages-snapshot.test.ts); a prerender step can walk the same
// list (path → specs). Pure: no Vue, no router; runs in Node.
import type { QuerySpec } from '../coordinator/types';
import { DEFAULT_LEVEL, periodFrom } from '../url/defaults';
import { embedScoreboardQuery, embedUnitsQuery } from './embed/query';
import { publicSummaryQuery, publicTrendQuery, trendWindows } from './public/query';
import { headlineQuery } from './scoreboard/headlineQuery';
import { scoreboardQuery } from './scoreboard/query';

/** What the defaults depend on: the loaded dataset's facts (the dataset store holds the same). */
export interface DefaultContext {
  span: { from: string; to: string } | null;
  hasDays: boolean;
}

export interface DefaultPage {
  /** route name of src/router.ts (embeds: embed/<view>) */
  page: string;
  /** the path a first visit opens */
  path: string;
  queries(ctx: DefaultContext): QuerySpec<unknown>[];
}

/** The period and level a URL without filters means. */
export function defaultScope(ctx: DefaultContext) {
  return { period: periodFrom(undefined, ctx.span, ctx.hasDays), level: DEFAULT_LEVEL };
}

export const DEFAULT_PAGES: DefaultPage[] = [
  {
    page: 'scoreboard',
    path: '/',
    queries(ctx) {
      const { period, level } = defaultScope(ctx);
      return period ? [scoreboardQuery({ period, levels: [level] }), headlineQuery({ period, level })] : [];
    },
  },
  {
    page: 'public',
    path: '/cong-khai',
    queries(ctx) {
      const { period, level } = defaultScope(ctx);
      const windows = trendWindows(ctx.span);
      return [
        ...(period ? [publicSummaryQuery({ period, level })] : []),
        ...(windows.length ? [publicTrendQuery({ level, windows })] : []),
      ];
    },
  },
  {
    page: 'embed/scoreboard',
    path: '/embed/scoreboard',
    queries(ctx) {
      const { period, level } = defaultScope(ctx);
      const spec = embedScoreboardQuery(period, level);
      return spec ? [spec] : [];
    },
  },
  {
    page: 'embed/public',
    path: '/embed/public',
    queries(ctx) {
      const { period, level } = defaultScope(ctx);
      return period ? [publicSummaryQuery({ period, level })] : [];
    },
  },
  {
    // without ?unit=: every unit of the level in the period (the same result as the public page's)
    page: 'embed/metric',
    path: '/embed/metric',
    queries(ctx) {
      const { period, level } = defaultScope(ctx);
      return period ? [embedUnitsQuery({ period, level })] : [];
    },
  },
];

/** Every page's default queries, each key once (pages that share a query share its result). */
export function defaultQueries(ctx: DefaultContext): QuerySpec<unknown>[] {
  const seen = new Map<string, QuerySpec<unknown>>();
  for (const p of DEFAULT_PAGES) for (const q of p.queries(ctx)) if (!seen.has(q.key)) seen.set(q.key, q);
  return [...seen.values()];
}

/** The database a QuerySpec runs on (the Db interface; pages name it only through the coordinator's type). */
type SpecDb = Parameters<QuerySpec<unknown>['run']>[0];

/** Run every default query on `db` (the build passes its recording Db); results by key. */
export async function runDefaultQueries(db: SpecDb, ctx: DefaultContext): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const q of defaultQueries(ctx)) out.set(q.key, await q.run(db));
  return out;
}
