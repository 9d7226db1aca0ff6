#!/usr/bin/env node
// npm run bench [-- --quick] [--runs 5] [--runs-10m N] [--paint-runs 7] [--paint-only] [--pack-only] [--repack]
//                [--dist dist] [--skip-build]
// Builds the app (with its snapshot), generates deterministic dossier packages (1M rows, and 10M unless
// --quick; cached in .cache/bench/) and packs them with `npm run pack` (once, cached beside them with the
// pack's wall time; --repack runs it again), serves the build with scripts/serve.mjs, drives headless
// Chromium and prints medians (p95 for interactions) over the runs, then one line `BENCH {…}` with the
// figures that docs/performance.md reports. Times come from the app's performance marks, memory from /proc.
// --pack-only: the packed packages' figures only (pack_1m, pack_10m; scripts/bench/pack.mjs).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './serve.mjs';
import { dossierRun, firstVisit, UPDATES } from './bench/page.mjs';
import { paintVisit, PLAIN_PATH, writePlainPage } from './bench/paint.mjs';
import { initialJsGzipKb } from './bench/initialJs.mjs';
import { memoryPeak } from './bench/memory.mjs';
import { packOf, packVisit, servePack } from './bench/pack.mjs';
import { median, percentile, round } from './bench/stats.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (n) => argv.includes(`--${n}`);
const opt = (n, d) => { const i = argv.indexOf(`--${n}`); return i >= 0 && argv[i + 1] ? argv[i + 1] : d; };
const quick = flag('quick');
const runs = Math.max(1, Number(opt('runs', '5')));
/** 10M-row runs take long on a small machine: allow fewer (each still gives its interaction samples) */
const runs10m = Math.max(1, Number(opt('runs-10m', String(runs))));
const dist = path.resolve(opt('dist', path.join(root, 'dist')));
/** cold loads of the prerendered home page and of the plain page, interleaved (Element Timing) */
const paintRuns = Math.max(1, Number(opt('paint-runs', '7')));
/** the paint figures only (no dossier packages): a few minutes */
const paintOnly = flag('paint-only');
/** the packed packages' figures only (pack wall time, ready time, tab memory) */
const packOnly = flag('pack-only');
const log = (...a) => console.error(...a);

function sh(cmd, args, env = {}) {
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...env } });
}

/** A cached dossier package of `rows` rows (Parquet + units + datapackage.json). */
function dossierPackage(label, rows) {
  const dir = path.join(root, '.cache', 'bench', label);
  if (!fs.existsSync(path.join(dir, 'datapackage.json')) || !fs.existsSync(path.join(dir, 'dossiers.parquet'))) {
    log(`bench: generating ${label} (${rows} dossiers, once; cached in ${path.relative(root, dir)})`);
    sh('npx', ['tsx', 'src/cli/generate-dossiers.ts', '--rows', String(rows), '--out', dir, '--format', 'parquet']);
  }
  const target = path.join(dist, 'bench-data', label);
  fs.mkdirSync(target, { recursive: true });
  for (const f of fs.readdirSync(dir)) {
    const to = path.join(target, f);
    fs.rmSync(to, { force: true });
    try { fs.linkSync(path.join(dir, f), to); } catch { fs.copyFileSync(path.join(dir, f), to); }
  }
  return `/bench-data/${label}/datapackage.json`;
}

/** Ask once for every file of the build (not the bench data), so the server has compressed them. */
async function warmServer(base) {
  const walk = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === 'bench-data' ? [] : walk(path.join(dir, e.name))) : [path.join(dir, e.name)]);
  for (const f of walk(dist)) {
    const rel = path.relative(dist, f).split(path.sep).join('/');
    for (const enc of ['br', 'gzip']) await fetch(`${base}/${rel}`, { headers: { 'accept-encoding': enc } }).then((r) => r.arrayBuffer()).catch(() => {});
  }
}

/**
 * The prerendered home page against the plain page with the same content, interleaved cold loads:
 * first figure and first chart painted (Element Timing), bytes before the first chart and per visit
 * (Resource Timing transferSize), visits that fetched any .wasm without interacting.
 */
async function paintFigures(browser, base, errors) {
  await paintVisit(browser, `${base}/`, errors); // warm-up, not counted
  await paintVisit(browser, `${base}${PLAIN_PATH}`, errors);
  const app = [];
  const floor = [];
  for (let i = 0; i < paintRuns; i++) {
    // alternate which goes first, so neither always meets a warmer machine
    const order = i % 2 ? ['plain', 'app'] : ['app', 'plain'];
    for (const which of order) {
      const r = await paintVisit(browser, which === 'app' ? `${base}/` : `${base}${PLAIN_PATH}`, errors);
      (which === 'app' ? app : floor).push(r);
    }
    const a = app[app.length - 1];
    const f = floor[floor.length - 1];
    log(`paint run ${i + 1}: chiso figure ${round(a.figure)} / chart ${round(a.chart)} ms, ${round(a.bytesBeforeChart / 1024)} KB before the chart, ${round(a.bytesPerVisit / 1024)} KB per visit, wasm ${a.wasm.length ? a.wasm.join(' ') : 'none'}; plain ${round(f.figure)} / ${round(f.chart)} ms`);
  }
  const med = (xs, k) => median(xs.map((x) => x[k]));
  const p95 = (xs, k) => percentile(xs.map((x) => x[k]), 95);
  const ratio = (a, b) => (a == null || b == null || b <= 0 ? null : Math.round((a / b) * 100) / 100);
  const o = {
    paint_runs: paintRuns,
    first_number_ms: round(med(app, 'figure')),
    first_number_p95_ms: round(p95(app, 'figure')),
    first_chart_ms: round(med(app, 'chart')),
    first_chart_p95_ms: round(p95(app, 'chart')),
    plain_first_number_ms: round(med(floor, 'figure')),
    plain_first_number_p95_ms: round(p95(floor, 'figure')),
    plain_first_chart_ms: round(med(floor, 'chart')),
    plain_first_chart_p95_ms: round(p95(floor, 'chart')),
    kb_before_first_chart: round(med(app, 'bytesBeforeChart') / 1024),
    kb_before_first_chart_p95: round(p95(app, 'bytesBeforeChart') / 1024),
    kb_per_visit: round(med(app, 'bytesPerVisit') / 1024),
    plain_kb_per_visit: round(med(floor, 'bytesPerVisit') / 1024),
    visits_with_wasm: app.filter((x) => x.wasm.length > 0).length,
  };
  o.first_number_over_plain = ratio(o.first_number_ms, o.plain_first_number_ms);
  o.first_chart_over_plain = ratio(o.first_chart_ms, o.plain_first_chart_ms);
  log(`prerendered home: first number ${o.first_number_ms} ms (p95 ${o.first_number_p95_ms}), first chart ${o.first_chart_ms} ms (p95 ${o.first_chart_p95_ms}); plain page ${o.plain_first_number_ms} / ${o.plain_first_chart_ms} ms → ${o.first_number_over_plain}× / ${o.first_chart_over_plain}× (goal ≤ 2×; Observable Framework 440 ms and legacy Evidence 520 ms measured before, fixed references); ${o.kb_before_first_chart} KB before the first chart (goal ≤ 300), ${o.kb_per_visit} KB per visit without interaction, ${o.visits_with_wasm}/${paintRuns} visits fetched wasm (goal 0)`);
  return o;
}

/**
 * A packed package opened by fresh visitors: ready time (navigation → first figures from DuckDB over the
 * pack painted, scripts/bench/pack.mjs), attach time, every view settled, peak tab memory, the pack
 * bytes fetched, and `npm run pack`'s wall time (from the run that made the cached pack).
 */
async function packFigures(browser, base, label, pack, nRuns, errors) {
  await packVisit(browser, base, pack.served, errors); // warm-up, not counted (the server's first read of the files)
  const visits = [];
  for (let i = 0; i < nRuns; i++) {
    const v = await packVisit(browser, base, pack.served, errors);
    visits.push(v);
    log(`${label} run ${i + 1}: ready ${round(v.ready)} ms (DuckDB started ${round(v.dbReady)}, files fetched ${round(v.fetched)}, attached ${round(v.attached)}, settled ${round(v.settled)}), ${round(v.memory)} MB, fetched ${v.files.join(' ')} (${round(v.bytes / 1e6)} MB)`);
  }
  const o = {
    ready_ms: round(median(visits.map((v) => v.ready))),
    ready_p95_ms: round(percentile(visits.map((v) => v.ready), 95)),
    db_ready_ms: round(median(visits.map((v) => v.dbReady))),
    fetched_ms: round(median(visits.map((v) => v.fetched))),
    attached_ms: round(median(visits.map((v) => v.attached))),
    settled_ms: round(median(visits.map((v) => v.settled))),
    memory_mb: round(Math.max(...visits.map((v) => v.memory))),
    mb_fetched: Math.round((visits[0]?.bytes ?? 0) / 1e5) / 10,
    files: visits[0]?.files ?? [],
    pack_wall_s: pack.wall_s,
    pack_stages_s: pack.stages,
    pack_load_average: pack.load_average,
    pack_cached: pack.cached,
  };
  log(`${label}: ready ${o.ready_ms} ms (p95 ${o.ready_p95_ms}; goal ≤ 1000 at 10M), attached ${o.attached_ms} ms, settled ${o.settled_ms} ms, peak tab memory ${o.memory_mb} MB (goal ≤ 500), ${o.mb_fetched} MB fetched; npm run pack ${o.pack_wall_s} s (load average ${o.pack_load_average}${o.pack_cached ? ', cached run' : ''}; goal ≤ 60 s at 10M)`);
  return o;
}

async function main() {
  const t0 = Date.now();
  if (!flag('skip-build')) {
    log('bench: building');
    sh('node', ['scripts/ensure-sample.mjs']);
    sh('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir']);
    sh('npx', ['tsx', 'src/snapshot/build.ts', '--dist', dist]);
  }
  // --quick must stay under 3 minutes on a shared 2-core machine: fewer updates per run (still 30 samples)
  const sizes = paintOnly || packOnly ? [] : [['rows_1m', 1_000_000, quick ? 6 : 8, runs]];
  if (!quick && !paintOnly && !packOnly) sizes.push(['rows_10m', 10_000_000, 6, runs10m]);
  const plain = packOnly ? null : writePlainPage(dist);
  const packages = sizes.map(([label, rows]) => dossierPackage(label, rows));
  // the packed packages: `npm run pack` of the same Parquet packages (before the browser starts: the pack
  // step has the machine to itself)
  const packSizes = paintOnly ? [] : [['pack_1m', 'rows_1m', 1_000_000, runs]];
  if (!quick && !paintOnly) packSizes.push(['pack_10m', 'rows_10m', 10_000_000, runs10m]);
  const packs = packSizes.map(([label, from, rows]) => {
    dossierPackage(from, rows);
    const p = packOf(root, path.join(root, '.cache', 'bench', from), label, { fresh: flag('repack'), log });
    return { ...p, served: servePack(dist, p.dir, label) };
  });

  const server = await serve({ root: dist, port: 0 });
  const base = server.url.replace(/\/$/, '');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--js-flags=--expose-gc'] });
  const errors = [];
  const out = { runs, quick };
  await warmServer(base);
  await firstVisit(browser, base, []); // warm-up visit, not counted (the server compresses on first request)
  try {
    const js = initialJsGzipKb(dist);
    out.initial_js_gzip_kb = js.kb;
    if (plain) Object.assign(out, await paintFigures(browser, base, errors));
    for (const [i, [label, , , nRuns]] of packSizes.entries()) out[label] = await packFigures(browser, base, label, packs[i], nRuns, errors);
    const visits = [];
    for (let i = 0; i < (packOnly ? 0 : runs); i++) visits.push(await firstVisit(browser, base, errors));
    const fdp = visits.map((v) => v.cold['chiso:first-data-paint']);
    const ready = visits.map((v) => v.cold['chiso:db-ready']);
    out.first_data_paint_ms = round(median(fdp));
    out.db_ready_ms = round(median(ready));
    out.repeat_first_data_paint_ms = round(median(visits.map((v) => v.warm['chiso:first-data-paint'])));
    out.repeat_db_ready_ms = round(median(visits.map((v) => v.warm['chiso:db-ready'])));
    if (!packOnly) log(`first visit: first data paint ${out.first_data_paint_ms} ms (runs ${fdp.map(round).join(', ')}), DuckDB ready ${out.db_ready_ms} ms; repeat visit ${out.repeat_first_data_paint_ms} / ${out.repeat_db_ready_ms} ms; initial JS ${js.kb} KB gzip`);

    for (let s = 0; s < sizes.length; s++) {
      const [label, , nUpdates, nRuns] = sizes[s];
      const loads = [];
      const updates = [];
      const ratios = [];
      const floors = [];
      const asked = [];
      const trips = [];
      const cubes = [];
      let peak = 0;
      for (let i = 0; i < nRuns; i++) {
        const mem = memoryPeak();
        const picked = UPDATES.slice((i * nUpdates) % UPDATES.length).concat(UPDATES).slice(0, nUpdates);
        const r = await dossierRun(browser, base, packages[s], picked, errors);
        peak = Math.max(peak, mem.stop());
        loads.push(r.load);
        for (const x of r.samples) {
          updates.push(x.update); floors.push(x.floor); ratios.push(x.update / Math.max(1, x.floor));
          if (x.queries != null) asked.push(x.queries);
          trips.push(x.roundTrips);
        }
        if (r.cube) cubes.push(r.cube);
        log(`${label} run ${i + 1}: load ${round(r.load)} ms (data ready ${round(r.ready)} ms after navigation); updates ${r.samples.map((x) => `${round(x.update)}/${round(x.floor)}`).join(' ')} (update/floor ms)`);
      }
      out[label] = {
        load_ms: round(median(loads)),
        update_p50_ms: round(median(updates)),
        update_p95_ms: round(percentile(updates, 95)),
        floor_ms: round(median(floors)),
        floor_p95_ms: round(percentile(floors, 95)),
        update_over_floor_p95: Math.round(percentile(ratios, 95) * 100) / 100,
        update_minus_floor_p95_ms: round(percentile(updates.map((u, k) => u - floors[k]), 95)),
        queries_per_update: median(asked),
        round_trips_per_update: median(trips),
        round_trips_per_update_max: trips.length ? Math.max(...trips) : null,
        cube_rows: cubes[0]?.rows ?? null,
        cube_build_ms: round(median(cubes.map((c) => c.ms))),
        memory_mb: round(peak),
      };
      log(`${label}: load ${out[label].load_ms} ms, update p50 ${out[label].update_p50_ms} / p95 ${out[label].update_p95_ms} ms, floor ${out[label].floor_ms} ms (p95 ${out[label].floor_p95_ms}), ${out[label].queries_per_update} queries / ${out[label].round_trips_per_update} round trips per update (max ${out[label].round_trips_per_update_max}), cube ${out[label].cube_rows} rows in ${out[label].cube_build_ms} ms, memory ${out[label].memory_mb} MB`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (errors.length) log(`bench: page errors:\n${[...new Set(errors)].join('\n')}`);
  out.total_s = Math.round((Date.now() - t0) / 1000);
  console.log(`BENCH ${JSON.stringify(out)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
