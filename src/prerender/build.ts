// Prerendered pages, at build time (called by src/snapshot/build.ts after the snapshot's queries ran):
// the app is built once more for Node (`vite build --ssr` of entry.ts: the same .vue page modules), each
// route's default view is rendered to HTML with Vue's server renderer on the build's database, and
// written where a static server finds it (dist/index.html, dist/cong-khai/index.html, …) with:
// - the state the browser's first render needs (a JSON data block: data, not script, so the CSP holds);
// - the charts as SVG files drawn by ECharts in Node (<img>, with their text alternative and table);
// - data-prerender-path on <html>, which public/prerender-check.js (a blocking file script in <head>,
//   before the first paint) compares with the address: any other path or a query string (?period=,
//   ?level=, ?lang=, ?data=…) hides the prerendered figures until the live app shows its own.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Db } from '../db/types';
import type { Snapshot } from '../snapshot/types';
import { PRERENDER_ELEMENT_ID, PRERENDER_FORMAT, type PrerenderState } from './state';
import type { Rendered } from './entry';

/** The routes whose default view ships as HTML: the scoreboard (home), the public page, the embeds. */
export const PRERENDERED_ROUTES = ['/', '/cong-khai', '/embed/scoreboard', '/embed/public'];

/** JSON inside a <script type="application/json">: no "<" may close the element early. */
const embeddable = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

async function serverBundle(): Promise<{ render(url: string, db: Db, snap: Snapshot): Promise<Rendered>; dir: string }> {
  const { build } = await import('vite');
  // inside the project, so Node resolves vue, echarts… from node_modules; one folder per build process
  const dir = path.resolve('node_modules/.cache', `chiso-prerender-${process.pid}`);
  // production, as the browser's build: the same scoped-style ids, no template comments (which the
  // browser's render has not: hydration would not match), Vue's production runtime in Node
  process.env.NODE_ENV = 'production';
  const vue = (await import('@vitejs/plugin-vue')).default;
  await build({
    configFile: false, // vite.config.ts's plugins write the page's CSP and copy the sample: the client build's job
    mode: 'production',
    base: '/',
    logLevel: 'warn',
    plugins: [vue()],
    build: { ssr: path.resolve('src/prerender/entry.ts'), outDir: dir, emptyOutDir: true, minify: false, copyPublicDir: false, target: 'node20' },
  });
  const entry = path.join(dir, 'entry.js');
  const mod = (await import(pathToFileURL(entry).href)) as { render: (url: string, db: Db, snap: Snapshot) => Promise<Rendered> };
  return { render: mod.render, dir };
}

/**
 * The first figure of a metric in the markup: the Element Timing API reports when its text is painted.
 * It reports text only of the element that holds the text node itself, so the mark goes on the first
 * element inside the figure whose content starts with text.
 */
function markFirstFigure(html: string): string {
  const figure = /<[a-z]+\s[^>]*\bdata-metric="[^"]+"[^>]*\bdata-value="[^"]+"[^>]*>/.exec(html);
  if (!figure) return html;
  const text = /<([a-z]+)((?:\s[^>]*)?)>(?=[^<\s])/g;
  text.lastIndex = figure.index;
  const m = text.exec(html);
  if (!m) return html;
  const at = m.index + m[0].length - 1;
  return `${html.slice(0, at)} elementtiming="chiso-first-figure"${html.slice(at)}`;
}

/** The entry module's tag as vite writes it. */
const ENTRY = /<script type="module" crossorigin src="([^"]+)"><\/script>/;

/**
 * The live app starts after the prerendered view is on screen: public/prerender-check.js adds the entry
 * module (named in data-entry) once the document is parsed and its first paint presented, while the
 * entry and its imports download from the start (modulepreload). A plain module tag would evaluate the
 * app as soon as the document is parsed, one long main-thread task that delays the figures' paint.
 */
function deferEntry(html: string): string {
  const m = ENTRY.exec(html);
  if (!m) return html;
  return html
    .replace(m[0], `<link rel="modulepreload" crossorigin href="${m[1]}">`)
    .replace(/<html([^>]*)>/, `<html$1 data-entry="${m[1]}">`);
}

/**
 * The stylesheets right after the blocking check, before the image preload and the module preloads: a
 * first paint waits for them, and over HTTP/1.1 (six connections) they would otherwise queue behind the
 * app's modules, which the paint does not need.
 */
function stylesFirst(html: string, after: string): string {
  const links = html.match(/\s*<link rel="stylesheet"[^>]*>/g) ?? [];
  let out = html;
  for (const l of links) out = out.replace(l, '');
  return out.replace(after, `${after}${links.join('')}`);
}

/** A page written by an earlier run (a build run twice over one dist/): its entry tag back, as vite wrote it. */
function withEntryScript(html: string): string {
  const entry = / data-entry="([^"]+)"/.exec(html)?.[1];
  if (!entry) return html;
  return html.replace(/ data-entry="[^"]*"/, '').replace(`<link rel="modulepreload" crossorigin href="${entry}">`, `<script type="module" crossorigin src="${entry}"></script>`);
}

export interface PrerenderResult { route: string; file: string; kb: number; charts: number; results: number; queries: number }

/**
 * Each route's page, with its state block and `snapshotBlock(keys)`: the snapshot's JSON data block
 * carrying, of the recorded queries, only those keys (what the route's first render asks beyond its
 * state): a result ships once, in the state, and the rest of the snapshot waits in its `more` file.
 */
export async function prerenderPages(dist: string, db: Db, snapshot: Snapshot, snapshotBlock: (keys: string[]) => string): Promise<PrerenderResult[]> {
  // the built page as vite wrote it (a build run twice over one dist/ starts again from a clean page)
  const template = withEntryScript(readFileSync(path.join(dist, 'index.html'), 'utf8'))
    .replace(/\s*<script type="application\/json" id="[^"]+">[\s\S]*?<\/script>/g, '')
    .replace(/\s*<noscript data-chiso-snapshot>[\s\S]*?<\/noscript>/, '')
    .replace(/\s*<script src="\/prerender-check\.js"><\/script>/, '')
    .replace(/\s*<link rel="preload" as="image"[^>]*>/, '')
    .replace(/ data-prerender-path="[^"]*"/, '')
    .replace(/<div id="app">[\s\S]*?<\/div>(?=\s*<\/body>|\s*<script)/, '<div id="app"></div>');
  const { render, dir } = await serverBundle();
  const out: PrerenderResult[] = [];
  try {
    const rendered: [string, Rendered][] = [];
    for (const route of PRERENDERED_ROUTES) rendered.push([route, await render(route, db, snapshot)]);
    for (const [route, r] of rendered) {
      const block = snapshotBlock(r.asked);
      for (const [name, svg] of Object.entries(r.svgs)) {
        mkdirSync(path.dirname(path.join(dist, name)), { recursive: true });
        writeFileSync(path.join(dist, name), svg, 'utf8');
      }
      const state: PrerenderState = { format: PRERENDER_FORMAT, path: route, package: snapshot.package, results: r.results, charts: r.charts };
      // the first chart's SVG is asked for with the page's scripts, not after them
      const firstChart = /<img src="([^"]+\.svg)"[^>]*elementtiming="chiso-chart"/.exec(r.html)?.[1];
      const preload = firstChart ? `\n    <link rel="preload" as="image" href="${firstChart}" fetchpriority="high">` : '';
      const check = '<script src="/prerender-check.js"></script>';
      const html = stylesFirst(deferEntry(template)
        .replace(/<html lang="[^"]*"/, `<html lang="${r.lang}" data-prerender-path="${route}"`)
        .replace(/(<meta name="viewport"[^>]*>)/, `$1\n    ${check}${preload}`), check)
        .replace('<div id="app"></div>', `<div id="app">${markFirstFigure(r.html)}</div>\n    <script type="application/json" id="${PRERENDER_ELEMENT_ID}">${embeddable(state)}</script>\n    ${block}`);
      const file = route === '/' ? path.join(dist, 'index.html') : path.join(dist, route.slice(1), 'index.html');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, html, 'utf8');
      out.push({ route, file, kb: Buffer.byteLength(html) / 1024, charts: Object.keys(r.svgs).length, results: Object.keys(r.results).length, queries: r.asked.length });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
