// The packed package in the browser: `npm run pack` of a cached dossier package (once, cached in
// .cache/bench/pack_<label>/ with its wall time and stage timings), then fresh browser contexts open
// `/?data=<pack>/datapackage.json` (the scoreboard, default period: the data's last month).
//
// Ready time: from navigation start to the first frame after the first figures computed by DuckDB over
// the attached pack are in the page (the first `chiso:view-updated` mark after `chiso:data-ready`, the
// store's "pack attached", then one animation frame). Also: attach done (`chiso:data-ready`), every view
// of the page settled, the pack bytes fetched, and the peak tab memory (memory.mjs) over the visit.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { memoryPeak } from './memory.mjs';

/**
 * The pack of a cached dossier package, made once: returns its folder and how long `npm run pack` took
 * (from the run that made it; `fresh` forces a new run).
 */
export function packOf(root, pkgDir, label, { fresh = false, log = console.error } = {}) {
  const out = path.join(root, '.cache', 'bench', label);
  const timing = path.join(out, 'pack-timing.json');
  if (!fresh && fs.existsSync(path.join(out, 'datapackage.json')) && fs.existsSync(timing)) {
    return { dir: out, ...JSON.parse(fs.readFileSync(timing, 'utf8')), cached: true };
  }
  log(`bench: npm run pack ${path.relative(root, pkgDir)} → ${path.relative(root, out)}`);
  const t0 = Date.now();
  const stdout = execFileSync('npx', ['tsx', 'src/cli/pack.ts', pkgDir, '--out', out], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const wall = (Date.now() - t0) / 1000;
  const line = stdout.split('\n').find((l) => l.startsWith('pack:')) ?? '';
  log(line);
  // "… in 36.8 s (load 35.1 s: tables 0.0 s, dossiers 5.0 s, …; write 1.7 s)"
  const stages = Object.fromEntries([...line.matchAll(/([a-z_]+) (\d+(?:\.\d+)?) s/g)].filter((m) => m[1] !== 'in').map((m) => [m[1], Number(m[2])]));
  const inner = /in (\d+(?:\.\d+)?) s/.exec(line);
  const rec = { wall_s: Math.round(wall * 10) / 10, pack_s: inner ? Number(inner[1]) : null, stages, at: new Date().toISOString(), load_average: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ') };
  fs.writeFileSync(timing, JSON.stringify(rec, null, 2) + '\n');
  return { dir: out, ...rec, cached: false };
}

/** Put the pack's files under the build (hard links), served at /bench-data/<label>/. */
export function servePack(dist, dir, label) {
  const target = path.join(dist, 'bench-data', label);
  fs.mkdirSync(target, { recursive: true });
  for (const f of fs.readdirSync(dir)) {
    if (!/\.duckdb$|^datapackage\.json$/.test(f)) continue;
    const to = path.join(target, f);
    fs.rmSync(to, { force: true });
    try { fs.linkSync(path.join(dir, f), to); } catch { fs.copyFileSync(path.join(dir, f), to); }
  }
  return `/bench-data/${label}/datapackage.json`;
}

/** One fresh visitor opens the pack: times in ms from navigation start, peak tab memory in MB. */
export async function packVisit(browser, baseUrl, dataPath, errors) {
  const context = await browser.newContext();
  // the first figures from DuckDB: the first view update after the pack is attached, then a frame
  await context.addInitScript(() => {
    let attached = null;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.name === 'chiso:data-ready' && attached == null) attached = e.startTime;
        else if (e.name === 'chiso:view-updated' && attached != null && !performance.getEntriesByName('bench:pack-ready').length) {
          requestAnimationFrame(() => setTimeout(() => { if (!performance.getEntriesByName('bench:pack-ready').length) performance.mark('bench:pack-ready'); }, 0));
        }
      }
    }).observe({ type: 'mark', buffered: true });
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  const mem = memoryPeak();
  try {
    await page.goto(`${baseUrl}/?data=${encodeURIComponent(dataPath)}`, { waitUntil: 'commit' });
    await page.waitForFunction(() => performance.getEntriesByName('bench:pack-ready').length > 0, undefined, { timeout: 300_000, polling: 50 });
    // every view of the page: no view update for 600 ms
    let last = -1;
    let quietSince = Date.now();
    for (const until = Date.now() + 120_000; Date.now() < until;) {
      const t = await page.evaluate(() => performance.getEntriesByName('chiso:view-updated').at(-1)?.startTime ?? 0);
      if (t !== last) { last = t; quietSince = Date.now(); } else if (Date.now() - quietSince >= 600) break;
      await page.waitForTimeout(50);
    }
    const r = await page.evaluate(() => {
      const at = (n) => performance.getEntriesByName(n)[0]?.startTime ?? null;
      const files = performance.getEntriesByType('resource').filter((e) => /\.duckdb$/.test(e.name));
      return {
        ready: at('bench:pack-ready'),
        attached: at('chiso:data-ready'),
        dbReady: at('chiso:db-ready'),
        fetched: files.reduce((m, e) => Math.max(m, e.responseEnd), 0),
        settled: performance.getEntriesByName('chiso:view-updated').at(-1)?.startTime ?? null,
        files: files.map((e) => e.name.slice(e.name.lastIndexOf('/') + 1)).sort(),
        bytes: files.reduce((n, e) => n + (e.transferSize || e.encodedBodySize || 0), 0),
      };
    });
    return { ...r, memory: mem.stop() };
  } finally {
    mem.stop();
    await context.close();
  }
}
