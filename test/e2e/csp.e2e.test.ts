// The Content Security Policy of the built site (scripts/csp.mjs): what it says, that the build and the
// deployment examples carry it unchanged, that every route runs under it without a violation or a
// request to another origin, that it really blocks eval, new Function and injected inline scripts, and
// that 'wasm-unsafe-eval' is needed where DuckDB compiles its WebAssembly (its worker) and nowhere else.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, inject, it } from 'vitest';
import type { Page, Route } from 'playwright-core';
import { contentSecurityPolicy } from '../../scripts/csp.mjs';
import { appUrl, assertNoProblems, evalWithTimeout, interact, openPage, strictAppUrl, useBrowser, waitForDbReady } from './harness';
import { figuresOnScreen, navigate, waitUntil } from './support/test-data';

useBrowser();

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** "a b; c d e" → { a: ['b'], c: ['d', 'e'] } */
function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values];
  }));
}

const ROUTES = ['/', '/?level=commune', '/don-vi/MH.02', '/don-vi/MH.01', '/giam-sat', '/cong-khai', '/phuong-phap', '/nhap-du-lieu', '/embed/scoreboard', '/embed/metric', '/embed/public', '/khong-co-trang-nay'];

describe('the policy', () => {
  it('says what the issue asks: no unsafe-eval, no inline scripts, wasm only by grant, same-origin connections, no plugins', () => {
    const d = directives(contentSecurityPolicy());
    expect(d['default-src']).toEqual(["'self'"]);
    expect(d['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(d['worker-src']).toEqual(["'self'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'self'"]);
    expect(d['frame-ancestors']).toEqual(["'self'"]);
    for (const [name, values] of Object.entries(d)) {
      expect(values, name).not.toContain("'unsafe-eval'");
      if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'");
      expect(values, name).not.toContain('*');
    }
  });

  it('takes the framing sites as configuration; the meta form leaves frame-ancestors to the header', () => {
    expect(directives(contentSecurityPolicy({ frameAncestors: "'self' https://dichvucong.example.gov.vn" }))['frame-ancestors'])
      .toEqual(["'self'", 'https://dichvucong.example.gov.vn']);
    const meta = directives(contentSecurityPolicy({ meta: true }));
    expect(meta['frame-ancestors']).toBeUndefined();
    expect({ ...meta, 'frame-ancestors': ["'self'"] }).toEqual(directives(contentSecurityPolicy()));
  });

  it('is in the built page as a meta tag, and the built HTML has no inline script or handler', () => {
    const dist = inject('distDir');
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
    expect(meta?.[1]).toBe(contentSecurityPolicy({ meta: true }));
    const htmlFiles = fs.readdirSync(dist, { recursive: true }).map(String).filter((f) => f.endsWith('.html') && !f.startsWith('test-data'));
    expect(htmlFiles).toContain('index.html');
    for (const f of htmlFiles) {
      const text = fs.readFileSync(path.join(dist, f), 'utf8');
      for (const m of text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        // only external scripts, or inert data blocks (JSON), never inline code
        const attrs = m[1];
        const inert = /type="application\/(ld\+)?json"/.test(attrs);
        expect(/\bsrc=/.test(attrs) || inert, `${f}: inline <script${attrs}>`).toBe(true);
        if (!inert) expect(m[2].trim(), `${f}: script with a body`).toBe('');
      }
      expect(text, `${f}: inline event handler`).not.toMatch(/\son[a-z]+\s*=/i);
      expect(text, `${f}: javascript: URL`).not.toMatch(/javascript:/i);
    }
  });

  it('is the one in the deployment examples (docs/_headers.example, docs/nginx.example.conf)', () => {
    const policy = contentSecurityPolicy();
    const headers = fs.readFileSync(path.join(repoRoot, 'docs', '_headers.example'), 'utf8');
    expect(headers).toContain(`Content-Security-Policy: ${policy}\n`);
    const nginx = fs.readFileSync(path.join(repoRoot, 'docs', 'nginx.example.conf'), 'utf8');
    const set = /set \$chiso_csp "([^"]+)";/.exec(nginx)?.[1];
    expect(set?.replace('$chiso_frame_ancestors', "'self'")).toBe(policy);
    expect(nginx).toMatch(/map \$host \$chiso_frame_ancestors \{\s*default "'self'";/);
  });
});

describe('the served site', () => {
  it('sends the policy as a header, with frame-ancestors (configurable per server)', async () => {
    const strict = await fetch(strictAppUrl());
    expect(strict.headers.get('content-security-policy')).toBe(contentSecurityPolicy());
    expect(strict.headers.get('x-content-type-options')).toBe('nosniff');
    const app = await fetch(appUrl());
    const fa = directives(app.headers.get('content-security-policy') ?? '')['frame-ancestors'];
    expect(fa[0]).toBe("'self'");
    expect(fa.length).toBe(2); // the browser tests' stand-in host may frame this one
  });

  for (const lang of ['vi', 'en'] as const) {
    it(`runs every route under it (${lang}): no violation, no request to another origin, no console error`, async () => {
      const { page, problems, close } = await openPage(lang === 'en' ? '/?lang=en' : '/');
      try {
        await waitForDbReady(page);
        await waitUntil(page, 'the sample figures', async () => (await figuresOnScreen(page)).length > 0, 90_000);
        for (const r of ROUTES) {
          await navigate(page, `${r}${lang === 'en' ? `${r.includes('?') ? '&' : '?'}lang=en` : ''}`);
          await page.waitForTimeout(700);
          expect(await evalWithTimeout(page, () => document.querySelector('#app')?.children.length ?? 0, undefined), r).toBeGreaterThan(0);
        }
        assertNoProblems(problems);
      } finally {
        await close();
      }
    }, 300_000);
  }

  it('blocks eval, new Function, string timers, inline handlers and injected inline scripts', async () => {
    const { page, problems, close } = await openPage('/');
    try {
      await waitForDbReady(page);
      // Code evaluated through the DevTools protocol is exempt from the page's eval rule, so each try
      // runs later, in a task of the page's own.
      await evalWithTimeout(page, () => {
        const w = window as unknown as Record<string, unknown>;
        setTimeout(() => {
          try { w.__eval = String((0, eval)('1 + 1')); } catch (e) { w.__eval = (e as Error).name; }
          try { w.__fn = String(new Function('return 2')()); } catch (e) { w.__fn = (e as Error).name; }
          try { (setTimeout as unknown as (code: string) => void)('window.__timer = 1'); } catch (e) { w.__timer = (e as Error).name; }
          const d = document.createElement('div');
          d.setAttribute('onclick', 'window.__handler = 1');
          document.body.appendChild(d);
          d.click();
          const s = document.createElement('script');
          s.textContent = 'window.__inline = 1';
          document.body.appendChild(s);
        }, 0);
      }, undefined);
      await page.waitForTimeout(500);
      const result = await evalWithTimeout(page, () => {
        const w = window as unknown as Record<string, unknown>;
        return { eval: w.__eval, fn: w.__fn, timer: w.__timer ?? 'blocked', handler: w.__handler ?? 'blocked', inline: w.__inline ?? 'blocked' };
      }, undefined);
      expect(result).toEqual({ eval: 'EvalError', fn: 'EvalError', timer: 'blocked', handler: 'blocked', inline: 'blocked' });
      const csp = problems.filter((p) => p.kind === 'csp');
      expect(csp.some((p) => /script-src/.test(p.text) && /eval/.test(p.text)), csp.map((p) => p.text).join('\n')).toBe(true);
      expect(csp.some((p) => /script-src/.test(p.text) && /inline/.test(p.text)), csp.map((p) => p.text).join('\n')).toBe(true);
      assertNoProblems(problems, { ignore: [(p) => p.kind === 'csp', /EvalError|unsafe-eval|Refused to (evaluate|execute)/] });
    } finally {
      await close();
    }
  });
});

describe("'wasm-unsafe-eval' only where DuckDB needs it", () => {
  const isDuckWorker = (url: string) => /\/assets\/duckdb-browser-[a-z]+\.worker-[^/]+\.js$/.test(url);
  const withoutWasm = contentSecurityPolicy().replace(" 'wasm-unsafe-eval'", '');

  /** Serves every response with the policy `policyFor(url)` in its header instead of the server's. */
  async function rewritePolicy(page: Page, policyFor: (url: string) => string): Promise<void> {
    await page.context().route('**/*', async (route: Route) => {
      const url = route.request().url();
      if (!url.startsWith(new URL(appUrl()).origin)) return route.fallback();
      try {
        const res = await route.fetch();
        await route.fulfill({ response: res, headers: { ...res.headers(), 'content-security-policy': policyFor(url) } });
      } catch {
        // the page closed while a file was on its way
      }
    });
  }

  it('the page itself runs without it when only the DuckDB worker has it', async () => {
    const { page, problems, close } = await openPage('/', { noNavigate: true });
    try {
      await rewritePolicy(page, (url) => (isDuckWorker(url) ? contentSecurityPolicy() : withoutWasm));
      // (the built page's meta tag still grants it; the header is the stricter of the two and wins)
      await page.goto(appUrl());
      await waitForDbReady(page);
      await waitUntil(page, 'DuckDB figures', async () => (await figuresOnScreen(page)).some((f) => f === 'MH.02|overdue_count|10'), 90_000);
      assertNoProblems(problems);
    } finally {
      await page.context().unrouteAll({ behavior: 'ignoreErrors' });
      await close();
    }
  }, 180_000);

  it('the DuckDB worker cannot start without it (the grant is needed there)', async () => {
    const { page, problems, close } = await openPage('/', { noNavigate: true });
    try {
      await rewritePolicy(page, () => withoutWasm);
      await page.goto(appUrl());
      await interact(page); // DuckDB starts on interaction
      await waitUntil(page, 'the WebAssembly refusal', async () => problems.some((p) => /wasm|WebAssembly/i.test(p.text)), 60_000);
      expect(problems.some((p) => /wasm-unsafe-eval|WebAssembly/i.test(p.text))).toBe(true);
    } finally {
      await page.context().unrouteAll({ behavior: 'ignoreErrors' });
      await close();
    }
  }, 120_000);
});
