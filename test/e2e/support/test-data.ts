// Test packages served by the built app itself (same origin, as `?data=` requires): the broken-input
// and hostile-text corpora are generated straight into <dist>/test-data/ before a browser test opens
// them, and client-side navigation swaps `?data=` without reloading the page, so what was on screen
// before a refused package can be checked afterwards.
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import type { Page } from 'playwright-core';
import { generateBadCorpus, type ManifestCase } from '../../../scripts/generate-bad-corpus';
import { generateXssCorpus } from '../../../scripts/generate-xss-corpus';
import { evalWithTimeout } from '../harness';

/** <dist>/test-data/, created on demand (the served folder: CHISO_E2E_DIST or dist/). */
export function testDataDir(): string {
  const dir = path.join(inject('distDir'), 'test-data');
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** Writes the broken-input corpus to <dist>/test-data/bad/ and returns its cases. */
export async function serveBadCorpus(): Promise<ManifestCase[]> {
  return generateBadCorpus(path.join(testDataDir(), 'bad'));
}

/** Writes the hostile-text corpus to <dist>/test-data/xss/ (package/ is the canonical package). */
export function serveXssCorpus(): void {
  generateXssCorpus(path.join(testDataDir(), 'xss'));
}

/** Writes extra files under <dist>/test-data/<sub>/. */
export function serveFiles(sub: string, files: Record<string, string | Uint8Array>): void {
  for (const [name, body] of Object.entries(files)) {
    const abs = path.join(testDataDir(), sub, name);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, body);
  }
}

/** Client-side navigation (no reload): vue-router follows popstate to the new URL. */
export async function navigate(page: Page, url: string): Promise<void> {
  await evalWithTimeout(page, (u) => {
    history.pushState(null, '', u);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
  }, url);
}

/** The figures on screen: unit|metric|value of every element carrying data-metric and data-unit. */
export async function figuresOnScreen(page: Page): Promise<string[]> {
  return evalWithTimeout(page, () =>
    [...document.querySelectorAll('[data-metric][data-unit]')]
      .map((e) => `${e.getAttribute('data-unit')}|${e.getAttribute('data-metric')}|${e.getAttribute('data-value')}`)
      .sort(), undefined);
}

/** Waits until `check` holds (polled with short evaluations; no waitForFunction under the CSP). */
export async function waitUntil(page: Page, what: string, check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await page.waitForTimeout(100);
  }
}
