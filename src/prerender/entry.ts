// The server side of a prerendered page (built by `vite build --ssr` from src/prerender/build.ts, run in
// Node): the same App, router, stores and page modules as the browser, with the dataset store answering
// from the build's database. A page's queries resolve after a render, so each route renders until its
// results stop changing (each pass fills the coordinator's cache; the next renders with it); the cache
// then ships as the page's state, so the browser's first render has the same data and hydrates.
import { createSSRApp } from 'vue';
import { renderToString } from 'vue/server-renderer';
import { createPinia } from 'pinia';
import * as echarts from 'echarts';
import App from '../App.vue';
import { router } from '../router';
import { i18n } from '../i18n';
import { useDatasetStore } from '../stores/dataset';
import { clearPageQueries, pageQueriesSettled, pageQueryResults } from '../coordinator/usePageQuery';
import { queryKey } from '../snapshot/key';
import type { Db, Param, Row } from '../db/types';
import type { Snapshot } from '../snapshot/types';
import type { PrerenderContext } from './context';

export interface Rendered {
  /** the markup inside <div id="app"> */
  html: string;
  /** coordinator results the page used, by QuerySpec key */
  results: Record<string, unknown>;
  /** chart label → SVG path (relative to the site root) */
  charts: Record<string, string>;
  /** SVG path → SVG text, to write under dist/ */
  svgs: Record<string, string>;
  /** snapshot keys of the SQL the last pass still asked with the results in the cache (usually none):
   *  what the browser's first render asks beyond the state, so the page's snapshot block carries them */
  asked: string[];
  lang: string;
}

function drawChart(option: unknown, height: string, width: number): string {
  const h = Number.parseInt(height, 10) || 320;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height: h });
  // Dataset text reaches options only through plainLabel (components/charts/escape.ts); the SVG
  // renderer escapes every text node it writes.
  chart.setOption({ ...(option as object), animation: false });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export async function render(url: string, db: Db, snapshot: Snapshot): Promise<Rendered> {
  clearPageQueries();
  const charts: Record<string, string> = {};
  const svgs: Record<string, string> = {};
  let html = '';
  let seen = -1;
  let asked = new Set<string>();
  const tracked: Db = {
    query<T = Row>(sql: string, params: Param[] = []) { asked.add(queryKey(sql, params)); return db.query<T>(sql, params); },
    exec: (sql) => db.exec(sql),
    insertArrowIpc: (t, ipc, create) => db.insertArrowIpc(t, ipc, create),
    registerFile: (n, b) => db.registerFile(n, b),
    dropFile: (n) => db.dropFile(n),
    close: () => db.close(),
  };
  // Pass until a render asks for nothing new (a view may query again with what an earlier one returned).
  for (let pass = 0; pass < 4; pass++) {
    const app = createSSRApp(App);
    const pinia = createPinia();
    app.use(pinia);
    app.use(router);
    app.use(i18n);
    asked = new Set();
    useDatasetStore(pinia).prerender(snapshot, tracked);
    await router.push(url);
    await router.isReady();
    const ctx: PrerenderContext = {
      drawChart(option, label, height, width) {
        const svg = drawChart(option, height, width);
        const name = `snapshot/chart-${queryKey(svg).slice(0, 12)}.svg`;
        svgs[name] = svg;
        charts[label] = name;
        return `${import.meta.env.BASE_URL}${name}`;
      },
    };
    html = await renderToString(app, ctx);
    await pageQueriesSettled();
    const n = Object.keys(pageQueryResults(1)).length;
    if (n === seen) break;
    seen = n;
  }
  return { html, results: pageQueryResults(1), charts, svgs, asked: [...asked], lang: i18n.global.locale.value as string };
}
