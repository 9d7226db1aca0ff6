// Prerendered pages (src/prerender/) on the sample: the state each page ships (the page queries' results
// the server render used) equals what the live app computes with the same QuerySpecs on the same data,
// the scoreboard model built from either is the same, the figures in the HTML are the model's, and the
// charts are SVG files whose dataset text is escaped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openNodeDb } from '../../src/db/node';
import { loadPackage } from '../../src/datasets/package';
import { folderSource } from '../../src/cli/nodeSource';
import { loadDataset } from '../../src/load';
import { recordingDb } from '../../src/snapshot/record';
import { SNAPSHOT_FORMAT, type Snapshot } from '../../src/snapshot/types';
import { defaultQueries } from '../../src/pages/index';
import { prerenderPages } from '../../src/prerender/build';
import { prerenderMatches, PRERENDER_ELEMENT_ID, type PrerenderState } from '../../src/prerender/state';
import { buildScoreboardPage } from '../../src/pages/scoreboard/model';
import type { ScoreboardInput } from '../../src/metrics/scoreboard';
import type { HeadlineInput } from '../../src/pages/scoreboard/model';

const sample = path.resolve('data/sample');
const TEMPLATE = `<!doctype html>
<html lang="vi">
  <head>
    <meta charset="UTF-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <script type="module" crossorigin src="/assets/index-test.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vue-test.js">
  </head>
  <body>
    <div id="app"></div>
  </body>
</html>
`;

const stateOf = (html: string): PrerenderState =>
  JSON.parse(new RegExp(`<script type="application/json" id="${PRERENDER_ELEMENT_ID}">([\\s\\S]*?)</script>`).exec(html)![1]);

describe('the prerender address rule', () => {
  const s = { format: 1, path: '/cong-khai', package: 'p', results: {}, charts: {} } as PrerenderState;
  it('matches only its own path without a query string', () => {
    expect(prerenderMatches(s, { pathname: '/cong-khai', search: '' })).toBe(true);
    expect(prerenderMatches(s, { pathname: '/cong-khai/', search: '' })).toBe(true);
    expect(prerenderMatches(s, { pathname: '/cong-khai', search: '?period=2026-09' })).toBe(false);
    expect(prerenderMatches(s, { pathname: '/cong-khai', search: '?lang=en' })).toBe(false);
    expect(prerenderMatches(s, { pathname: '/', search: '' })).toBe(false);
    expect(prerenderMatches(null, { pathname: '/cong-khai', search: '' })).toBe(false);
  });
});

describe.skipIf(!fs.existsSync(path.join(sample, 'datapackage.json')))('prerendered pages on the sample', () => {
  it('ship the results the live queries give, and the HTML shows the live model', async () => {
    const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-prerender-'));
    fs.writeFileSync(path.join(dist, 'index.html'), TEMPLATE);
    const db = await openNodeDb();
    try {
      const ds = await loadPackage(folderSource(sample));
      const facts = await loadDataset(db, ds);
      const rec = recordingDb(db);
      const snapshot: Snapshot = {
        format: SNAPSHOT_FORMAT, package: 'data/sample/datapackage.json', builtAt: '', meta: ds.meta, warnings: [], accounts: facts.accounts,
        units: facts.units, span: facts.span, hasDays: facts.hasDays, hasChannels: facts.hasChannels, queries: rec.results, charts: {},
      };
      const blocks: string[][] = [];
      const pages = await prerenderPages(dist, rec.db, snapshot, (keys) => { blocks.push(keys); return '<script type="application/json" id="chiso-snapshot">{}</script>'; });
      expect(pages.map((p) => p.route)).toEqual(['/', '/cong-khai', '/embed/scoreboard', '/embed/public']);
      // each result ships once: with the state's results in the cache, a page's render asks no SQL, so
      // its snapshot block needs none of the recorded rows
      expect(blocks).toEqual([[], [], [], []]);
      expect(pages.map((p) => p.queries)).toEqual([0, 0, 0, 0]);
      expect(Object.keys(rec.results).length).toBeGreaterThan(5);

      const live = new Map(defaultQueries({ span: facts.span, hasDays: facts.hasDays }).map((q) => [q.key, q]));
      const home = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
      const state = stateOf(home);
      expect(state.path).toBe('/');
      // the app starts from public/prerender-check.js after the first paint: its entry is preloaded, not a module tag
      expect(home).toMatch(/<html lang="vi" data-prerender-path="\/" data-entry="\/assets\/index-test\.js">/);
      expect(home).toContain('<link rel="modulepreload" crossorigin href="/assets/index-test.js">');
      expect(home).not.toContain('<script type="module"');
      const keys = Object.keys(state.results);
      expect(keys.some((k) => k.startsWith('scoreboard:'))).toBe(true);
      for (const route of ['/', '/cong-khai', '/embed/scoreboard', '/embed/public']) {
        const file = route === '/' ? 'index.html' : `${route.slice(1)}/index.html`;
        const st = stateOf(fs.readFileSync(path.join(dist, file), 'utf8'));
        for (const [key, shipped] of Object.entries(st.results)) {
          // the page asked for one of its declared default queries (src/pages/index.ts) …
          const spec = live.get(key);
          expect(spec, `${route}: ${key} is a declared default query`).toBeDefined();
          // … and ships exactly what the live app computes for it (as JSON: what the browser reads back)
          expect(shipped, `${route}: ${key}`).toEqual(JSON.parse(JSON.stringify(await spec!.run(db))));
        }
      }

      // the scoreboard model from the shipped state is the live model, and the HTML shows its figures
      const boardKey = keys.find((k) => k.startsWith('scoreboard:'))!;
      const headKey = keys.find((k) => k.startsWith('scoreboard-headline:'));
      const liveInput = JSON.parse(JSON.stringify(await live.get(boardKey)!.run(db))) as ScoreboardInput;
      const liveHead = headKey ? JSON.parse(JSON.stringify(await live.get(headKey)!.run(db))) as HeadlineInput : null;
      const model = buildScoreboardPage(state.results[boardKey] as ScoreboardInput, headKey ? state.results[headKey] as HeadlineInput : null);
      expect(model).toEqual(buildScoreboardPage(liveInput, liveHead));
      const shown = new Map([...home.matchAll(/data-metric="([^"]+)" data-unit="([^"]+)" data-value="([^"]*)"/g)].map((m) => [`${m[1]}|${m[2]}`, m[3]]));
      let checked = 0;
      for (const u of liveInput.current.units) {
        for (const [id, f] of Object.entries(u.metrics)) {
          const v = shown.get(`${id}|${u.unit_id}`);
          if (v === undefined || f.value == null) continue;
          expect(Number(v), `${id} of ${u.unit_id}`).toBeCloseTo(f.value, 9);
          checked++;
        }
      }
      expect(checked).toBeGreaterThan(20);

      // charts: SVG files named in the state, drawn by ECharts, no markup from the data
      const charts = Object.values(state.charts);
      expect(charts.length).toBeGreaterThan(0);
      for (const name of charts) {
        const svg = fs.readFileSync(path.join(dist, name), 'utf8');
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg).not.toMatch(/<script|<foreignObject|\son[a-z]+=/i);
        expect(home).toContain(`src="/${name}"`);
      }
    } finally {
      await db.close();
      fs.rmSync(dist, { recursive: true, force: true });
    }
  }, 300_000);
});
