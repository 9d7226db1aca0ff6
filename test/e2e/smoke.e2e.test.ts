// The first browser test: the built app opens, draws something into #app, and does so without a console
// error, a CSP violation, a failed request or any request to another origin.
import { describe, expect, it } from 'vitest';
import { assertNoProblems, openPage, useBrowser } from './harness';

useBrowser();

describe('smoke', () => {
  it('opens / and renders the app without problems', async () => {
    const { page, problems, close } = await openPage('/');
    try {
      await page.locator('#app > *').first().waitFor({ state: 'attached', timeout: 60_000 });
      const text = await page.locator('#app').innerText();
      expect(text.trim().length).toBeGreaterThan(0);
      // Let late work (workers, data loading) report its errors before judging.
      await page.waitForLoadState('networkidle').catch(() => {});
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});
