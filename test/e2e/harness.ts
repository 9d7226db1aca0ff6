// The browser-test harness: Debian's Chromium through playwright-core, one browser per test file, one
// fresh context per page, and a list of "problems" collected while the page runs. A page that logs an
// error, breaks its Content Security Policy, fails a request or talks to any other origin fails the test
// through assertNoProblems().
//
// Usage in a test file:
//   import { useBrowser, openPage, assertNoProblems } from './harness';
//   useBrowser();                                   // launches in beforeAll, closes in afterAll
//   it('…', async () => {
//     const { page, problems } = await openPage('/');
//     …
//     assertNoProblems(problems);
//   });
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where tests may write screenshots and PDFs (gitignored). */
export const OUT_DIR = path.join(repoRoot, 'test', '.out');

const LAUNCH_TIMEOUT_MS = 60_000;
const ACTION_TIMEOUT_MS = 30_000;
const NAVIGATION_TIMEOUT_MS = 60_000;

// ── servers (started by test/e2e/support/global-setup.ts) ───────────────────────────────────────────

/** The built app, e.g. http://127.0.0.1:41234/ (trailing slash). */
export const appUrl = (): string => inject('appUrl');
/** The same build served with frame-ancestors 'self' only (the default of a deployment). */
export const strictAppUrl = (): string => inject('strictAppUrl');
/** The stand-in third-party site (test/e2e/host/). */
export const hostUrl = (): string => inject('hostUrl');

/** URL of the host page embedding `appPageUrl` in an iframe (#chiso-frame). */
export function embedHostUrl(appPageUrl: string, size: { width?: number; height?: number } = {}): string {
  const u = new URL('index.html', hostUrl());
  u.searchParams.set('src', appPageUrl);
  if (size.width) u.searchParams.set('width', String(size.width));
  if (size.height) u.searchParams.set('height', String(size.height));
  return u.href;
}

// ── browser lifecycle ────────────────────────────────────────────────────────────────────────────────

let browser: Browser | null = null;
let launching: Promise<Browser> | null = null;
const openContexts = new Set<BrowserContext>();

/**
 * Launches (once per test file) Debian's Chromium. `chromium.launch` gives every launch a fresh
 * temporary user-data-dir that Playwright deletes on close, so no profile state leaks between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  if (browser?.isConnected()) return browser;
  if (!launching) {
    if (!fs.existsSync(CHROMIUM_PATH)) {
      throw new Error(`${CHROMIUM_PATH} is missing: run \`node scripts/ensure-chromium.mjs\` (or apt-get install -y chromium)`);
    }
    launching = chromium
      .launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS, timeout: LAUNCH_TIMEOUT_MS })
      .then((b) => {
        browser = b;
        return b;
      })
      .finally(() => {
        launching = null;
      });
  }
  return launching;
}

/** Closes every context and the browser; safe to call twice. */
export async function closeBrowser(): Promise<void> {
  const b = browser;
  browser = null;
  await Promise.allSettled([...openContexts].map((c) => c.close()));
  openContexts.clear();
  if (b) {
    // A wedged browser must not hang the run: give close() 15 s, then kill the process.
    const closed = b.close().then(() => true).catch(() => true);
    const timedOut = new Promise<boolean>((r) => setTimeout(() => r(false), 15_000).unref());
    if (!(await Promise.race([closed, timedOut]))) {
      const proc = (b as unknown as { process?: () => { kill: (s: string) => void } | null }).process?.();
      proc?.kill('SIGKILL');
    }
  }
}

/** Registers beforeAll(launch) and afterAll(close) for the calling test file. */
export function useBrowser(): void {
  beforeAll(async () => {
    await launchBrowser();
  }, LAUNCH_TIMEOUT_MS + 10_000);
  afterAll(async () => {
    await closeBrowser();
  }, 30_000);
}

// ── problems ─────────────────────────────────────────────────────────────────────────────────────────

export type ProblemKind = 'console-error' | 'page-error' | 'csp' | 'request-failed' | 'http-error' | 'cross-origin';

export interface Problem {
  kind: ProblemKind;
  text: string;
  url?: string;
}

export type Problems = Problem[];

const problemsOfPage = new WeakMap<Page, Problems>();

export interface OpenPageOptions {
  /** default 1280×800 */
  viewport?: { width: number; height: number };
  /** base for a relative path; default appUrl() */
  baseUrl?: string;
  /** origins besides the page's own that may be requested (e.g. the app's origin from the host page) */
  allowOrigins?: string[];
  /** default 'load'; use 'domcontentloaded' for pages that never finish loading */
  waitUntil?: 'load' | 'domcontentloaded' | 'networkidle' | 'commit';
  /** more context options (locale, colorScheme, reducedMotion, offline, acceptDownloads…) */
  context?: BrowserContextOptions;
  /** do not navigate: return the blank page with the listeners in place */
  noNavigate?: boolean;
}

export interface OpenedPage {
  page: Page;
  context: BrowserContext;
  /** filled while the page lives: read it (or call assertNoProblems) after the steps of the test */
  problems: Problems;
  close: () => Promise<void>;
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' || u.protocol === 'ws:' || u.protocol === 'wss:'
      ? `${u.protocol.replace(/^ws/, 'http')}//${u.host}`
      : null;
  } catch {
    return null;
  }
}

/**
 * Opens `pathOrUrl` (relative to the app, or absolute) in a fresh browser context and collects problems:
 * console errors, uncaught page errors, CSP violations (the `securitypolicyviolation` event, reported
 * through an exposed binding, and Chromium's "Refused to …" console lines), failed requests, HTTP errors,
 * and every request to another origin, which is aborted before it leaves the machine.
 */
export async function openPage(pathOrUrl: string, opts: OpenPageOptions = {}): Promise<OpenedPage> {
  const b = await launchBrowser();
  const base = opts.baseUrl ?? appUrl();
  const target = new URL(pathOrUrl.replace(/^\//, ''), base).href;
  const allowed = new Set<string>([new URL(target).origin, ...(opts.allowOrigins ?? []).map((o) => new URL(o).origin)]);

  const context = await b.newContext({
    viewport: opts.viewport ?? { width: 1280, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    ...opts.context,
  });
  openContexts.add(context);
  context.setDefaultTimeout(ACTION_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);

  const problems: Problems = [];
  const aborted = new Set<string>();

  // Requests to other origins never leave: recorded and aborted. data:/blob: URLs are not routed.
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const origin = originOf(url);
    if (origin !== null && !allowed.has(origin)) {
      problems.push({ kind: 'cross-origin', text: `request to another origin: ${url}`, url });
      aborted.add(url);
      await route.abort('blockedbyclient').catch(() => {});
      return;
    }
    await route.continue().catch(() => {});
  });

  // CSP violations, in every frame, reported through a binding (installed by CDP, not subject to the CSP).
  await context.exposeBinding('__chisoReportCsp', (source, v: { directive: string; blocked: string; sample: string; doc: string }) => {
    problems.push({
      kind: 'csp',
      text: `CSP violation of ${v.directive}: blocked ${v.blocked || '(inline)'}${v.sample ? ` «${v.sample}»` : ''} in ${v.doc}`,
      url: source.frame.url(),
    });
  });
  await context.addInitScript(() => {
    document.addEventListener(
      'securitypolicyviolation',
      (e) => {
        const report = (window as unknown as { __chisoReportCsp?: (v: unknown) => void }).__chisoReportCsp;
        report?.({ directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, doc: e.documentURI });
      },
      true,
    );
  });

  const page = await context.newPage();
  problemsOfPage.set(page, problems);

  // Chromium words CSP refusals as "Refused to …" or "… violates the following Content Security Policy directive …".
  const isCspText = (text: string) => /^Refused to |violates the following Content Security Policy/.test(text);
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    problems.push({ kind: isCspText(text) ? 'csp' : 'console-error', text, url: msg.location().url });
  });
  page.on('pageerror', (err) => {
    problems.push({ kind: 'page-error', text: err.stack ?? err.message });
  });
  page.on('worker', (worker) => {
    worker.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      problems.push({ kind: isCspText(text) ? 'csp' : 'console-error', text: `[worker] ${text}`, url: worker.url() });
    });
  });
  page.on('requestfailed', (req) => {
    const failure = req.failure()?.errorText ?? 'failed';
    // Our own aborts are already recorded as cross-origin; ERR_ABORTED is the page cancelling a fetch.
    if (aborted.has(req.url()) || failure.includes('ERR_ABORTED')) return;
    problems.push({ kind: 'request-failed', text: `${req.method()} ${req.url()}: ${failure}`, url: req.url() });
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push({ kind: 'http-error', text: `HTTP ${res.status()} for ${res.url()}`, url: res.url() });
  });
  page.on('websocket', (ws) => {
    const origin = originOf(ws.url());
    if (origin !== null && !allowed.has(origin)) problems.push({ kind: 'cross-origin', text: `websocket to another origin: ${ws.url()}`, url: ws.url() });
  });

  if (!opts.noNavigate) await page.goto(target, { waitUntil: opts.waitUntil ?? 'load' });

  const close = async () => {
    openContexts.delete(context);
    await context.close().catch(() => {});
  };
  return { page, context, problems, close };
}

export interface AssertProblemsOptions {
  /** problems to tolerate: a RegExp tested against the text, or a predicate */
  ignore?: (RegExp | ((p: Problem) => boolean))[];
}

/** Throws, listing every problem, unless none (besides the ignored ones) was collected. */
export function assertNoProblems(problems: Problems, opts: AssertProblemsOptions = {}): void {
  const left = problems.filter(
    (p) => !(opts.ignore ?? []).some((rule) => (rule instanceof RegExp ? rule.test(p.text) : rule(p))),
  );
  if (left.length === 0) return;
  const lines = left.map((p, i) => `  ${i + 1}. [${p.kind}] ${p.text.slice(0, 2000)}`);
  throw new Error(`the page had ${left.length} problem(s):\n${lines.join('\n')}`);
}

// ── helpers ──────────────────────────────────────────────────────────────────────────────────────────

/** page.evaluate with a deadline: a hung evaluation becomes a clear test failure instead of a stuck run. */
export async function evalWithTimeout<R, A>(page: Page, fn: (arg: A) => R | Promise<R>, arg: A, ms = 10_000): Promise<R> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`page.evaluate did not finish within ${ms} ms`)), ms);
  });
  try {
    // (the cast drops Playwright's Unboxed<A> typing, which cannot be expressed for a generic A)
    return await Promise.race([page.evaluate(fn as (arg: unknown) => R | Promise<R>, arg as unknown), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A harmless key press (Shift): DuckDB and the data's files wait for the person to interact while the
 * build-time snapshot answers the view (src/stores/dataset.ts), so a test that needs them interacts first.
 */
export async function interact(page: Page): Promise<void> {
  await page.waitForLoadState('domcontentloaded').catch(() => {});
  await page.keyboard.press('Shift').catch(() => {});
}

/**
 * Waits for the app's `performance.mark('chiso:db-ready')` (set once DuckDB has loaded the dataset).
 * Polls with short evaluations rather than waitForFunction, so nothing depends on how Playwright
 * evaluates predicates under the page's CSP.
 */
export async function waitForDbReady(page: Page, ms = 90_000): Promise<void> {
  const until = Date.now() + ms;
  await interact(page);
  for (;;) {
    const ready = await evalWithTimeout(page, () => performance.getEntriesByName('chiso:db-ready').length > 0, undefined, 10_000).catch(
      () => false,
    );
    if (ready) return;
    if (Date.now() > until) {
      const problems = problemsOfPage.get(page) ?? [];
      const seen = problems.length ? `; problems so far:\n${problems.map((p) => `  [${p.kind}] ${p.text}`).join('\n')}` : '';
      throw new Error(`the database was not ready within ${ms} ms (no performance mark 'chiso:db-ready')${seen}`);
    }
    await page.waitForTimeout(250);
  }
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  description: string;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

let axeSource: string | null = null;

/**
 * Runs axe-core in the page and returns its violations.
 *
 * Injection: the app's CSP forbids inline scripts, so page.addScriptTag({ content }) would be refused
 * (and would itself show up as a CSP problem). Instead the source is evaluated with page.evaluate(string):
 * Playwright runs it through the DevTools protocol (Runtime.evaluate) in the page's main world, which the
 * page's CSP does not govern. No bypassCSP context is needed, so the page under test keeps its real policy.
 * Only the top document is checked (iframes: false); check an embedded page by opening it directly.
 */
export async function runAxe(
  page: Page,
  options: { runOnly?: string[]; disableRules?: string[]; include?: string } = {},
): Promise<AxeViolation[]> {
  if (!axeSource) {
    const require = createRequire(import.meta.url);
    axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  }
  const present = await evalWithTimeout(page, () => typeof (window as unknown as { axe?: unknown }).axe === 'object', undefined);
  if (!present) await page.evaluate(axeSource);
  return evalWithTimeout(
    page,
    async (o) => {
      const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const rules: Record<string, { enabled: boolean }> = {};
      for (const id of o.disableRules ?? []) rules[id] = { enabled: false };
      const runOptions: Record<string, unknown> = { iframes: false, rules, resultTypes: ['violations'] };
      if (o.runOnly?.length) runOptions.runOnly = { type: 'tag', values: o.runOnly };
      const res = await axe.run(o.include ? { include: [o.include] } : document, runOptions);
      return res.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        description: v.description,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, failureSummary: n.failureSummary })),
      }));
    },
    options,
    60_000,
  );
}

/** A one-line-per-violation description for assertion messages. */
export function formatAxe(violations: AxeViolation[]): string {
  return violations
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.html.slice(0, 200) ?? ''}`)
    .join('\n');
}

/** Prints the page to an A4 PDF (print media, backgrounds on). Returns the absolute file path. */
export async function printToPdf(page: Page, file: string): Promise<string> {
  const abs = path.isAbsolute(file) ? file : path.join(OUT_DIR, file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: abs, format: 'A4', printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: null });
  return abs;
}

/** Saves a PNG screenshot under test/.out/ (for a person to look at). Returns the absolute file path. */
export async function screenshot(page: Page, file: string, fullPage = true): Promise<string> {
  const abs = path.isAbsolute(file) ? file : path.join(OUT_DIR, file);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  await page.screenshot({ path: abs, fullPage });
  return abs;
}
