// Issue 3, meeting mode in the browser, by keyboard alone: Tab to the button, Enter opens a full-screen,
// high-contrast dialog on the first unit behind target, ← → Home End step through the units behind
// target in the scoreboard's order, Tab stays inside, Esc leaves and gives focus back. Also writes the
// README screenshots when CHISO_SCREENSHOTS=1 (a unit page and meeting mode at 1366×768
// and 1920×1080) to docs/screenshots/.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { assertNoProblems, evalWithTimeout, formatAxe, openPage, runAxe, useBrowser } from './harness';
import { writeSamplePackage } from '../../src/sample/sample';

useBrowser();

beforeAll(() => {
  writeSamplePackage(path.join(inject('distDir'), 'e2e-small'), { variant: 'small' });
});

const LOAD = 90_000;
const ROOT = path.resolve(__dirname, '../..');
const text = async (l: Locator) => ((await l.count()) ? (await l.first().textContent())?.trim() ?? '' : '');
const focused = (page: Page) => evalWithTimeout(page, () => {
  const a = document.activeElement as HTMLElement | null;
  return { testid: a?.getAttribute('data-testid') ?? null, inDialog: !!a?.closest('[data-testid="meeting-mode"]') };
}, null);

async function ready(page: Page) {
  await page.locator('[data-testid="overview-table"] [data-metric]').first().waitFor({ timeout: LOAD });
}

/** The unit on screen and the position line. */
async function shown(page: Page) {
  const dialog = page.getByTestId('meeting-mode');
  return { name: await text(dialog.locator('h2').first()), position: await text(page.getByTestId('meeting-position')) };
}

describe('meeting mode', () => {
  it('works by keyboard alone: open, step through the 14 units behind target, stay inside, leave with Esc', async () => {
    const { page, problems, close } = await openPage('/?period=2026-10', { viewport: { width: 1366, height: 768 } });
    try {
      await ready(page);
      for (let i = 0; i < 80 && (await focused(page)).testid !== 'meeting-open'; i++) await page.keyboard.press('Tab');
      expect((await focused(page)).testid).toBe('meeting-open');
      await page.keyboard.press('Enter');
      const dialog = page.getByTestId('meeting-mode');
      await dialog.waitFor({ timeout: LOAD });
      expect(await dialog.getAttribute('role')).toBe('dialog');
      expect(await dialog.getAttribute('aria-modal')).toBe('true');
      expect((await focused(page)).inDialog).toBe(true);

      // the scoreboard's default order: Sở NN và MT (5 missed, 92 overdue) first
      expect(await shown(page)).toEqual({ name: 'Sở Nông nghiệp và Môi trường', position: 'Đơn vị 1/14 chưa đạt chỉ tiêu' });
      // its figures keep their data attributes; 19 more dossiers on time would reach 95 % (1.389 of 1.462)
      const f = dialog.locator('[data-metric="on_time_rate"][data-unit="MH.08"]');
      expect(Number(await f.getAttribute('data-value'))).toBeCloseTo((100 * 1370) / 1462, 9);
      expect(await f.getAttribute('data-status')).toBe('missed');
      expect(await dialog.locator('[data-gap-metric="on_time_rate"]').getAttribute('data-gap')).toBe('19');
      expect(await text(dialog.locator('[data-gap-metric="on_time_rate"]'))).toBe('thêm 19 hồ sơ đúng hạn');
      expect(await text(dialog.getByTestId('unit-brief-summary'))).toContain('Đã phát hành 73 phiếu xin lỗi, còn thiếu 19 phiếu.');

      await page.keyboard.press('ArrowRight');
      expect(await shown(page)).toEqual({ name: 'Thanh tra tỉnh', position: 'Đơn vị 2/14 chưa đạt chỉ tiêu' });
      await page.keyboard.press('ArrowRight');
      expect((await shown(page)).name).toBe('Sở Y tế');
      await page.keyboard.press('ArrowLeft');
      expect((await shown(page)).name).toBe('Thanh tra tỉnh');
      await page.keyboard.press('End');
      expect(await shown(page)).toEqual({ name: 'Sở Ngoại vụ', position: 'Đơn vị 14/14 chưa đạt chỉ tiêu' });
      await page.keyboard.press('ArrowRight'); // already the last
      expect((await shown(page)).position).toBe('Đơn vị 14/14 chưa đạt chỉ tiêu');
      await page.keyboard.press('Home');
      expect((await shown(page)).name).toBe('Sở Nông nghiệp và Môi trường');

      // Tab cycles inside the dialog
      for (let i = 0; i < 6; i++) {
        await page.keyboard.press('Tab');
        expect((await focused(page)).inDialog).toBe(true);
      }
      // large type, high contrast (white on black), status never by colour alone (icon and word)
      const look = await evalWithTimeout(page, () => {
        const d = document.querySelector('[data-testid="meeting-mode"]')!;
        const s = getComputedStyle(d);
        const missed = d.querySelector('.line-missed td .status-missed')!;
        return { bg: s.backgroundColor, fg: s.color, size: parseFloat(s.fontSize), missedText: missed.textContent!.trim() };
      }, null);
      expect(look).toMatchObject({ bg: 'rgb(0, 0, 0)', fg: 'rgb(255, 255, 255)', missedText: '✖Chưa đạt' });
      expect(look.size).toBeGreaterThanOrEqual(18);
      const violations = await runAxe(page, { include: '[data-testid="meeting-mode"]', runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
      expect(violations, formatAxe(violations)).toEqual([]);

      await page.keyboard.press('Escape');
      await page.getByTestId('meeting-mode').waitFor({ state: 'detached', timeout: LOAD });
      expect((await focused(page)).testid).toBe('meeting-open');
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('says so when no unit is behind target, and the buttons work for a mouse too', async () => {
    // the small package, 03/2025: no overdue target yet (it starts in 2026); Sở Y tế 342/352 and Sở Công Thương
    // 427/431 on time (≥ 95 %), 168/306 and 237/373 online (≥ 50 %): no unit is behind
    const { page, problems, close } = await openPage('/?data=/e2e-small/datapackage.json&period=2025-03', { viewport: { width: 1366, height: 768 } });
    try {
      await ready(page);
      await page.getByTestId('meeting-open').click();
      const dialog = page.getByTestId('meeting-mode');
      await dialog.waitFor({ timeout: LOAD });
      expect(await page.locator('[data-behind-metric="on_time_rate"]').getAttribute('data-behind-count')).toBe('0');
      expect(await page.locator('[data-behind-metric="online_share"]').getAttribute('data-behind-count')).toBe('0');
      expect(await text(dialog.locator('#meeting-unit'))).toBe('Không có đơn vị nào chưa đạt chỉ tiêu trong kỳ này.');
      await page.getByTestId('meeting-close').click();
      await dialog.waitFor({ state: 'detached', timeout: LOAD });
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });
});

describe.runIf(process.env.CHISO_SCREENSHOTS === '1')('README screenshots', () => {
  const out = path.join(ROOT, 'docs', 'screenshots');
  for (const [w, h] of [[1366, 768], [1920, 1080]] as const) {
    it(`unit page and meeting mode at ${w}×${h}`, async () => {
      fs.mkdirSync(out, { recursive: true });
      const { page, close } = await openPage('/?period=2026-10', { viewport: { width: w, height: h } });
      try {
        await ready(page);
        await page.waitForTimeout(1000);
        // (the scoreboard's first screen is written by scoreboard.e2e.test.ts as first-screen-WxH.png)
        await page.getByTestId('meeting-open').click();
        await page.getByTestId('meeting-mode').waitFor();
        await page.waitForTimeout(500);
        await page.screenshot({ path: path.join(out, `meeting-${w}x${h}.png`) });
        await page.keyboard.press('Escape');
        await page.locator('[data-unit-row="MH.02"] th a').click();
        await page.getByTestId('unit-title').waitFor({ timeout: LOAD });
        await page.waitForTimeout(1500);
        await page.locator('main h1').evaluate((e) => window.scrollTo(0, e.getBoundingClientRect().top + window.scrollY - 8));
        await page.screenshot({ path: path.join(out, `unit-${w}x${h}.png`) });
      } finally {
        await close();
      }
    });
  }
});
