// What the benchmark does in the page: a first visit (figures from the prerendered page and snapshot,
// DuckDB once a key is pressed), and a dossier-level dataset loaded and filtered. Times come from the app's own
// performance marks (chiso:first-data-paint, chiso:db-ready, chiso:bulk-start, chiso:data-ready,
// chiso:view-updated); the floor replays the very queries of a view update bare on the same DuckDB.

const MARKS = ['chiso:first-data-paint', 'chiso:db-ready', 'chiso:bulk-start', 'chiso:data-ready'];

async function marks(page) {
  return page.evaluate((names) => Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(n)[0]?.startTime ?? null])), MARKS);
}

async function waitForMarks(page, names, ms) {
  const until = Date.now() + ms;
  for (;;) {
    const m = await marks(page);
    if (names.every((n) => m[n] != null)) return m;
    if (Date.now() > until) throw new Error(`timed out waiting for ${names.filter((n) => m[n] == null).join(', ')}`);
    await page.waitForTimeout(50);
  }
}

/** A fresh visitor opens the home page; then the same visitor comes back (warm caches). */
export async function firstVisit(browser, baseUrl, errors) {
  const context = await browser.newContext();
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  // DuckDB starts when the person interacts (the prerendered page and the snapshot answer until then):
  // a key press once the figures are painted
  await page.goto(`${baseUrl}/`, { waitUntil: 'commit' });
  await waitForMarks(page, ['chiso:first-data-paint'], 60_000);
  await page.keyboard.press('Shift');
  const cold = await waitForMarks(page, ['chiso:first-data-paint', 'chiso:db-ready'], 60_000);
  await page.waitForTimeout(300); // let the service worker finish caching what it saw
  await page.goto(`${baseUrl}/`, { waitUntil: 'commit' });
  await waitForMarks(page, ['chiso:first-data-paint'], 60_000);
  await page.keyboard.press('Shift');
  const warm = await waitForMarks(page, ['chiso:first-data-paint', 'chiso:db-ready'], 60_000);
  await context.close();
  return { cold, warm };
}

/** Filter changes that each need new queries (never in the view's cache): months, quarters, ISO weeks. */
export const UPDATES = [
  { period: '2026-09' }, { period: '2026-Q3' }, { period: '2026-W40' }, { period: '2026-08' }, { period: '2026-Q2' },
  { period: '2026-W35' }, { period: '2026-07' }, { period: '2026-H1' }, { period: '2026-06' }, { period: '2026-W20' },
  { period: '2026-05' }, { period: '2025-Q4' }, { period: '2026-04' }, { period: '2026-W10' }, { period: '2026-03' },
];

async function settle(page, since, quietMs = 400, maxMs = 60_000) {
  const until = Date.now() + maxMs;
  let last = null;
  let lastSeenAt = Date.now();
  for (;;) {
    const t = await page.evaluate((s) => {
      const ms = performance.getEntriesByName('chiso:view-updated').filter((m) => m.startTime > s);
      return ms.length ? ms[ms.length - 1].startTime : null;
    }, since);
    if (t !== last) { last = t; lastSeenAt = Date.now(); }
    if (last != null && Date.now() - lastSeenAt >= quietMs) return last;
    if (Date.now() > until) throw new Error('the view did not update');
    await page.waitForTimeout(25);
  }
}

/** Load a dossier package, then change filters; returns load time and per-update times and floors. */
export async function dossierRun(browser, baseUrl, dataPath, updates, errors) {
  const context = await browser.newContext();
  await context.addInitScript(() => { globalThis.__chisoBench = { log: null }; });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${baseUrl}/?data=${encodeURIComponent(dataPath)}`, { waitUntil: 'commit' });
  const m = await waitForMarks(page, ['chiso:bulk-start', 'chiso:data-ready'], 300_000);
  await settle(page, m['chiso:data-ready'], 600, 120_000);
  const samples = [];
  for (const query of updates) {
    const t0 = await page.evaluate(async (q) => {
      const app = document.querySelector('#app').__vue_app__;
      const router = app.config.globalProperties.$router;
      globalThis.__chisoBench.log = [];
      const s = globalThis.__chisoBench.stats;
      globalThis.__chisoBench.before = s ? { ...s } : null;
      const t = performance.now();
      await router.replace({ query: { ...router.currentRoute.value.query, ...q } });
      return t;
    }, query);
    const t1 = await settle(page, t0);
    const floor = await page.evaluate(async () => {
      const { log, bare, stats, before } = globalThis.__chisoBench;
      globalThis.__chisoBench.log = null;
      const t = performance.now();
      await Promise.all(log.map((q) => bare.query(q.sql, q.params)));
      // asked: db.query calls the view's specs made (coordinator); sent: those that reached the worker
      const asked = stats && before ? stats.asked - before.asked : null;
      return { ms: performance.now() - t, sent: log.length, asked };
    });
    samples.push({ query, update: t1 - t0, floor: floor.ms, queries: floor.asked, roundTrips: floor.sent });
  }
  // the cumulative cube of this load (src/load/cube.ts marks its rows and build time)
  const cube = await page.evaluate(() => performance.getEntriesByName('chiso:cube-built').at(-1)?.detail ?? null);
  await context.close();
  return { load: m['chiso:data-ready'] - m['chiso:bulk-start'], ready: m['chiso:data-ready'], samples, cube };
}
