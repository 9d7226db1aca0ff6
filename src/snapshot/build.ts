// npm run build → after `vite build`: tsx src/snapshot/build.ts [--dist dist] [--package data/sample/datapackage.json]
// Loads the embedded (or configured, CHISO_SNAPSHOT_PACKAGE) package from the build output with the
// browser's loader and SQL in Node, runs each page's default queries (src/pages/index.ts) through a recording Db, draws the default
// charts to SVG with ECharts' server-side renderer, and writes the snapshot into dist/index.html as a
// JSON data block (not a script: the CSP stays strict) plus a <noscript> summary for pages without JS.
import { mkdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { openNodeDb } from '../db/node';
import { nodeParquetDecoder } from '../db/parquetNode';
import { loadPackage } from '../datasets/package';
import { hasErrors } from '../datasets/types';
import { folderSource } from '../cli/nodeSource';
import { evaluate } from '../metrics/evaluate';
import { loadDataset } from '../load';
import { defaultScope, runDefaultQueries } from '../pages/index';
import { DEFAULT_LEVEL } from './defaults';
import { recordingDb } from './record';
import { renderCharts } from './charts';
import { noscriptHtml } from './noscript';
import { prerenderPages } from '../prerender/build';
import { SNAPSHOT_ELEMENT_ID, SNAPSHOT_FORMAT, type Snapshot, type SnapshotQueries } from './types';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** JSON inside a <script type="application/json">: no "<" may close the element early. */
const embeddable = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

async function main() {
  const dist = path.resolve(arg('dist', 'dist'));
  const pkg = arg('package', process.env.CHISO_SNAPSHOT_PACKAGE ?? 'data/sample/datapackage.json');
  const index = path.join(dist, 'index.html');
  const pkgFile = path.join(dist, pkg);
  if (!existsSync(index) || !existsSync(pkgFile)) {
    console.warn(`snapshot: ${existsSync(index) ? pkgFile : index} không có / missing: no snapshot, the page waits for DuckDB`);
    return;
  }
  const t0 = performance.now();
  const ds = await loadPackage(folderSource(path.dirname(pkgFile)), path.basename(pkgFile));
  if (hasErrors(ds.issues)) {
    console.warn(`snapshot: ${pkg} has errors: no snapshot (the page shows them)`);
    return;
  }
  const db = await openNodeDb();
  const facts = await loadDataset(db, ds, { parquet: nodeParquetDecoder });
  const rec = recordingDb(db);
  // every page's default queries (src/pages/index.ts), exactly as a first visit asks them
  const ctx = { span: facts.span, hasDays: facts.hasDays };
  await runDefaultQueries(rec.db, ctx);

  // default charts, drawn from the same evaluation the scoreboard shows
  const charts: Record<string, string> = {};
  let month = null;
  const p = defaultScope(ctx).period;
  if (p) {
    month = await evaluate(db, { from: p.from, to: p.to, levels: [DEFAULT_LEVEL] });
    mkdirSync(path.join(dist, 'snapshot'), { recursive: true });
    for (const [id, svg] of Object.entries(renderCharts(month))) {
      const name = `snapshot/${id}-${createHash('sha256').update(svg).digest('hex').slice(0, 10)}.svg`;
      writeFileSync(path.join(dist, name), svg, 'utf8');
      charts[id] = name;
    }
  }
  const snapshot: Snapshot = {
    format: SNAPSHOT_FORMAT,
    package: pkg,
    builtAt: new Date().toISOString(),
    meta: { ...ds.meta, origin: pkg },
    warnings: [...ds.issues.filter((i) => i.severity === 'warning'), ...facts.notes],
    accounts: facts.accounts,
    units: facts.units,
    span: facts.span,
    hasDays: facts.hasDays,
    hasChannels: facts.hasChannels,
    queries: rec.results,
    charts,
  };
  // The default views as HTML (src/prerender/): their queries go through the recording Db too, so the
  // snapshot answers them in the browser as well. Without it, the page waits for the live app.
  // A prerendered page ships each result once: its state block has the page queries' results, its
  // snapshot block the dataset's facts and only the recorded rows its first render asks beyond them;
  // every recorded query waits in one file (`more`), fetched on the first query the block lacks.
  let pages: Awaited<ReturnType<typeof prerenderPages>> | null = null;
  let moreFile: string | null = null;
  const writeMore = () => {
    if (moreFile) return moreFile;
    const body = JSON.stringify({ format: SNAPSHOT_FORMAT, package: snapshot.package, queries: rec.results } satisfies SnapshotQueries);
    moreFile = `snapshot/queries-${createHash('sha256').update(body).digest('hex').slice(0, 10)}.json`;
    mkdirSync(path.join(dist, 'snapshot'), { recursive: true });
    writeFileSync(path.join(dist, moreFile), body, 'utf8');
    return moreFile;
  };
  const pageBlock = (keys: string[]) => {
    const more = writeMore();
    const queries = Object.fromEntries(keys.filter((k) => rec.results[k]).map((k) => [k, rec.results[k]]));
    return `<script type="application/json" id="${SNAPSHOT_ELEMENT_ID}">${embeddable({ ...snapshot, queries, more })}</script>`;
  };
  if (process.env.CHISO_PRERENDER !== '0') {
    try {
      pages = await prerenderPages(dist, rec.db, snapshot, pageBlock);
    } catch (e) {
      console.warn(`prerender: ${(e as Error).stack ?? e}\nprerender: no prerendered pages (the snapshot's figures show once the app has started)`);
    }
  }
  await db.close();
  if (pages) {
    for (const p of pages) console.log(`prerender: ${p.route} → ${path.relative(process.cwd(), p.file)} (${p.kb.toFixed(0)} KB, ${p.results} results, ${p.queries} recorded results inline, ${p.charts} charts)`);
    console.log(`snapshot: ${Object.keys(rec.results).length} queries → ${moreFile} (${(statSync(path.join(dist, moreFile!)).size / 1024).toFixed(0)} KB, fetched on the first query a page's block lacks), ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    return;
  }
  const block = `<script type="application/json" id="${SNAPSHOT_ELEMENT_ID}">${embeddable(snapshot)}</script>`;
  let html = readFileSync(index, 'utf8').replace(new RegExp(`\\s*<script type="application/json" id="${SNAPSHOT_ELEMENT_ID}">[\\s\\S]*?</script>`), '');
  html = html.replace(/\s*<noscript data-chiso-snapshot>[\s\S]*?<\/noscript>/, '');
  const extra = `\n    ${block}${month ? `\n    ${noscriptHtml(month, charts)}` : ''}`;
  html = html.replace('<div id="app"></div>', `<div id="app"></div>${extra}`);
  writeFileSync(index, html, 'utf8');
  console.log(`snapshot: ${Object.keys(rec.results).length} queries, ${(block.length / 1024).toFixed(0)} KB, ${Object.keys(charts).length} charts, ${((performance.now() - t0) / 1000).toFixed(1)} s → ${path.relative(process.cwd(), index)}`);
}

main().catch((e) => {
  console.error(`snapshot: ${(e as Error).stack ?? e}`);
  process.exit(1);
});
