// Broken input in the browser: open a good package, then `?data=` a broken one (client-side, no reload).
// The errors are listed in a role="alert" region naming file, row and column (as data attributes and in
// the words); the figures loaded before stay on screen, unchanged; the page stays usable; no console
// error, CSP violation or request to another origin (the harness fails on those). The single files of
// the corpus go through the import page: the expected issues listed, the data on screen kept.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { assertNoProblems, evalWithTimeout, openPage, screenshot, useBrowser, waitForDbReady, type Problem } from './harness';
import { figuresOnScreen, navigate, serveBadCorpus, serveFiles, waitUntil } from './support/test-data';
import type { ManifestCase } from '../../scripts/generate-bad-corpus';

useBrowser();

const cases: ManifestCase[] = await serveBadCorpus();
const dataUrl = (pkg: string) => `/?data=${encodeURIComponent(pkg)}&period=2026-02&level=agency`;

interface ShownIssue { code: string; file: string; row: string; column: string; text: string }

async function shownErrors(page: Page): Promise<ShownIssue[]> {
  return evalWithTimeout(page, () =>
    [...document.querySelectorAll('[data-testid="issues-error"] li[data-code]')].map((li) => ({
      code: li.getAttribute('data-code') ?? '',
      file: li.getAttribute('data-file') ?? '',
      row: li.getAttribute('data-row') ?? '',
      column: li.getAttribute('data-column') ?? '',
      text: (li.textContent ?? '').trim(),
    })), undefined);
}

const alertShown = (page: Page) => evalWithTimeout(page, () => !!document.querySelector('[role="alert"][data-testid="issues-error"]'), undefined);


const headerTitle = (page: Page) => evalWithTimeout(page, () => document.querySelector('header')?.textContent ?? '', undefined);

/** A fresh copy of the base package with its own title: the header shows a dataset's title only once
 *  it is in the database, so waiting for the title means no load of ours is still in flight. */
let bases = 0;
function newBase(): { n: number; url: string } {
  const n = ++bases;
  const dir = path.join(inject('distDir'), 'test-data', 'bad', 'base');
  const files: Record<string, string> = {};
  for (const f of fs.readdirSync(dir)) files[f] = fs.readFileSync(path.join(dir, f), 'utf8');
  const d = JSON.parse(files['datapackage.json']) as { title?: string };
  d.title = `Gói gốc số ${n}`;
  files['datapackage.json'] = JSON.stringify(d);
  serveFiles(`bases/${n}`, files);
  return { n, url: dataUrl(`/test-data/bases/${n}/datapackage.json`) };
}

/** Waits for base n on screen, its figures settled (the same twice in a row); returns them. */
async function baseShown(page: Page, n: number): Promise<string[]> {
  let figures: string[] = [];
  let last = '';
  await waitUntil(page, `base package ${n} on screen`, async () => {
    if (!(await headerTitle(page)).includes(`Gói gốc số ${n}`) || (await alertShown(page))) return false;
    figures = await figuresOnScreen(page);
    const same = figures.join() === last;
    last = figures.join();
    return same && figures.some((f) => f.startsWith('H99.01|overdue_count|'));
  }, 60_000);
  return figures;
}

/** Opens a page on a fresh base package and waits for it. */
async function openOnBase() {
  const b = newBase();
  const opened = await openPage(b.url);
  await waitForDbReady(opened.page);
  return { ...opened, figures: await baseShown(opened.page, b.n) };
}

/** Loads a fresh base package in the open page (client-side) and waits for it. */
async function loadBase(page: Page): Promise<string[]> {
  const b = newBase();
  await navigate(page, b.url);
  return baseShown(page, b.n);
}

// A file that cannot be fetched gives an HTTP 404 (and Chromium logs it): expected for missing-file cases.
const notFound = (p: Problem) => (p.kind === 'http-error' && /HTTP 404/.test(p.text)) || (p.kind === 'console-error' && /404/.test(p.text));

describe('broken packages in the browser', () => {
  it('after the sample: a broken package is refused with file/row/column, the sample figures stay', async () => {
    const { page, problems, close } = await openPage('/');
    try {
      await waitForDbReady(page);
      let before: string[] = [];
      await waitUntil(page, 'the sample figures', async () => {
        before = await figuresOnScreen(page);
        return before.some((f) => f === 'MH.02|overdue_count|10');
      }, 90_000);
      const negative = cases.find((c) => c.name === 'negative_count')!;
      await navigate(page, `/?data=${encodeURIComponent(`/test-data/bad/${negative.package}`)}`);
      await waitUntil(page, 'the refusal', () => alertShown(page));
      const errors = await shownErrors(page);
      expect(errors).toContainEqual({
        code: 'negative_count', file: 'dossier_counts.csv', row: '3', column: 'resolved_overdue',
        text: 'Tệp dossier_counts.csv, dòng 3, cột resolved_overdue: số âm (-5) không hợp lệ cho số hồ sơ.',
      });
      // the row account is shown too: 6 rows read, 5 loaded, 1 reported
      const alertText = await page.locator('[data-testid="issues-error"]').innerText();
      expect(alertText).toContain('dossier_counts.csv: đọc 6 dòng, nạp 5, báo lỗi 1');
      expect(await figuresOnScreen(page)).toEqual(before);
      await screenshot(page, 'security/bad-input-refused.png');
      // in English, the same issue in English words
      await navigate(page, `/?data=${encodeURIComponent(`/test-data/bad/${negative.package}`)}&lang=en`);
      await waitUntil(page, 'the English message', async () => (await shownErrors(page)).some((e) => e.text.startsWith('File dossier_counts.csv, row 3, column resolved_overdue: negative value (-5)')));
      expect(await figuresOnScreen(page)).toEqual(before);
      // still usable: the unit page of a sample unit opens from a link, with its figures
      await navigate(page, '/don-vi/MH.02');
      await waitUntil(page, 'the unit page', async () => (await figuresOnScreen(page)).some((f) => f.startsWith('MH.02|')));
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it('every broken package of the corpus: errors named, the figures before kept, accounts shown', async () => {
    const { page, problems, close } = await openOnBase();
    const report: string[] = [];
    try {
      for (const c of cases.filter((x) => x.package)) {
        const before = await loadBase(page);
        await navigate(page, dataUrl(`/test-data/bad/${c.package}`));
        const want = c.expect!;
        if (want.outcome === 'refused') {
          const found = (shown: ShownIssue[], w: (typeof want.issues)[number]) => shown.find((s) =>
            (s.code === w.code || (w.aliases ?? []).includes(s.code)) &&
            (w.row == null || s.row === String(w.row)) &&
            (w.column == null || s.column === w.column) &&
            (w.file == null || s.file === w.file));
          const expected = want.issues.filter((i) => i.severity === 'error');
          let shown: ShownIssue[] = [];
          await waitUntil(page, `the refusal of ${c.name}`, async () => {
            shown = await shownErrors(page);
            return shown.length > 0 && expected.every((w) => found(shown, w));
          }, 20_000).catch(() => {});
          for (const w of expected) {
            const hit = found(shown, w);
            expect(hit, `${c.name}: ${w.code} ${w.row ?? ''} ${w.column ?? ''} not shown; shown: ${shown.map((s) => `${s.code} r${s.row} ${s.column}`).join('; ')}`).toBeTruthy();
            // the words name the place too
            if (w.file) expect(hit!.text.startsWith(`Tệp ${w.file}`), hit!.text).toBe(true);
            if (w.row != null) expect(hit!.text, c.name).toContain(`dòng ${w.row}`);
          }
          // (the views may re-run their queries on the URL change: give them time to settle)
          let after: string[] = [];
          await waitUntil(page, `${c.name}: the figures back`, async () => (after = await figuresOnScreen(page)).join() === before.join(), 15_000).catch(() => {});
          expect(after, `${c.name}: the figures before stay (gone: ${before.filter((f) => !after.includes(f)).join(', ')})`).toEqual(before);
          report.push(`${c.name}: refused, ${shown.length} error(s) shown, figures kept`);
        } else {
          // loaded: its own title replaces the base's in the header once it is in the database
          await waitUntil(page, `${c.name} loaded`, async () => !(await alertShown(page)) && !(await headerTitle(page)).includes(`Gói gốc số ${bases}`) && (await figuresOnScreen(page)).length > 0);
          report.push(`${c.name}: loaded`);
        }
      }
      assertNoProblems(problems, { ignore: [notFound] });
    } finally {
      console.log(report.join('\n'));
      await screenshot(page, 'security/bad-input-last.png').catch(() => {});
      await close();
    }
  }, 600_000);

  // Opening a package while another is still loading: the last one asked for must be what is shown, with
  // its rows only (stores/dataset.ts runs one replacement at a time and drops superseded opens).
  it('packages opened back to back: the last one wins, rows are never mixed', async () => {
    const { page, problems, close, figures: base } = await openOnBase();
    try {
      const valid = cases.find((c) => c.name === 'json_numbers_as_strings')!;
      for (let round = 0; round < 4; round++) {
        const n = ++bases;
        const dir = path.join(inject('distDir'), 'test-data', 'bases', String(n - 1));
        const files = Object.fromEntries(fs.readdirSync(dir).map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8').replace(`Gói gốc số ${n - 1}`, `Gói gốc số ${n}`)]));
        serveFiles(`bases/${n}`, files);
        await navigate(page, dataUrl(round % 2 ? '/data/sample/datapackage.json' : `/test-data/bad/${valid.package}`));
        await navigate(page, dataUrl(`/test-data/bases/${n}/datapackage.json`));
        let after: string[] = [];
        await waitUntil(page, `round ${round}: the base on screen, settled`, async () => {
          if (!(await headerTitle(page)).includes(`Gói gốc số ${n}`)) return false;
          const f = await figuresOnScreen(page);
          const same = f.join() === after.join();
          after = f;
          return same && f.length > 0;
        });
        await page.waitForTimeout(3000);
        expect(await figuresOnScreen(page), `round ${round}`).toEqual(base);
        expect(await headerTitle(page), `round ${round}`).toContain(`Gói gốc số ${n}`);
      }
      assertNoProblems(problems);
    } finally {
      await close();
    }
  }, 300_000);

  // huge_cell is valid data with a 5 MB field name: it must pass the loader AND the database stage
  // (src/db/tables.ts raises DuckDB's 2 MB line limit), with no refusal and the page still answering.
  it('a valid package with a 5 MB text cell loads through the database stage', async () => {
    const { page, problems, close } = await openOnBase();
    try {
      const huge = cases.find((c) => c.name === 'huge_cell')!;
      await navigate(page, dataUrl(`/test-data/bad/${huge.package}`));
      // loaded: its own title replaces the base's once it is in the database, and its figures show
      await waitUntil(page, 'huge_cell loaded', async () => !(await alertShown(page)) && !(await headerTitle(page)).includes('Gói gốc số') && (await figuresOnScreen(page)).length > 0, 120_000);
      expect(await alertShown(page)).toBe(false);
      assertNoProblems(problems, { ignore: [notFound] });
    } finally {
      await close();
    }
  }, 300_000);

  it('a resource named like markup is shown as text in the error list', async () => {
    // the file does not exist: its name comes back in the missing_file message, as text
    const name = '"><img src=x onerror="window.__xss=901">.csv';
    serveFiles('bad-extra', {
      'datapackage.json': JSON.stringify({ name: 'x', title: '<script>window.__xss=902</script>', resources: [{ name: 'units', path: name }] }),
    });
    const { page, problems, close } = await openOnBase();
    try {
      await navigate(page, dataUrl('/test-data/bad-extra/datapackage.json'));
      await waitUntil(page, 'the refusal', () => alertShown(page));
      const shown = await shownErrors(page);
      expect(shown.map((s) => s.code)).toEqual(['missing_file']);
      expect(shown[0].file).toBe(name);
      expect(shown[0].text).toContain(name);
      expect(await evalWithTimeout(page, () => (window as unknown as { __xss?: number }).__xss, undefined)).toBeUndefined();
      expect(await page.locator('[data-testid="issues-error"] img').count()).toBe(0);
      assertNoProblems(problems, { ignore: [notFound] });
    } finally {
      await close();
    }
  });
});

describe('broken single files through the import page', () => {
  it('every single file of the corpus: the expected issues listed with file/row/column, the data on screen kept', async () => {
    const { page, problems, close } = await openPage('/nhap-du-lieu', { context: { acceptDownloads: true } });
    const report: string[] = [];
    try {
      await waitForDbReady(page);
      await waitUntil(page, 'the sample title', async () => (await headerTitle(page)).includes('Tỉnh Minh Họa'), 90_000);
      const dir = path.join(inject('distDir'), 'test-data', 'bad');
      for (const c of cases.filter((x) => x.single)) {
        const name = path.basename(c.single!);
        if ((await page.getByTestId('import-clear').count()) > 0) await page.getByTestId('import-clear').click();
        await waitUntil(page, 'an empty working set', async () => (await page.getByTestId('import-preview').count()) === 0);
        await page.getByTestId('file-input').setInputFiles(path.join(dir, c.single!));
        await waitUntil(page, `the preview of ${name}`, async () => (await page.getByTestId('import-preview').count()) > 0, 90_000);
        await page.waitForTimeout(300);
        // every issue of the preview, from its CSV (the table on screen shows the first ones only)
        let issues: { file: string; row: string; column: string; severity: string; code: string }[] = [];
        if ((await page.getByTestId('no-issues').count()) === 0) {
          const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-issues').click()]);
          const rows = Papa.parse<string[]>(fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data.slice(1);
          issues = rows.map(([file, row, column, severity, code]) => ({ file: file.replace(/^'/, ''), row, column, severity, code }));
        }
        const want = c.singleExpect!;
        const errors = issues.filter((i) => i.severity === 'error');
        if (want.outcome === 'refused') expect(errors.length, `${name}: refused`).toBeGreaterThan(0);
        else expect(errors.map((e) => `${e.code} r${e.row} ${e.column}`), `${name}: no error`).toEqual([]);
        for (const w of want.issues) {
          const hit = issues.find((i) => (i.code === w.code || (w.aliases ?? []).includes(i.code)) && i.severity === w.severity &&
            (w.row == null || i.row === String(w.row)) && (w.column == null || i.column === w.column));
          expect(hit, `${name}: ${w.code} r${w.row ?? ''} ${w.column ?? ''}; listed: ${issues.map((i) => `${i.code} r${i.row} ${i.column}`).slice(0, 6).join('; ')}`).toBeTruthy();
          expect(hit!.file, name).toBe(name);
        }
        // nothing replaced yet: the sample is still the dataset on screen
        expect(await headerTitle(page), name).toContain('Tỉnh Minh Họa');
        report.push(`${name}: ${want.outcome}, ${errors.length} error(s), ${issues.length - errors.length} warning(s)`);
      }
      assertNoProblems(problems);
    } finally {
      console.log(report.join('\n'));
      await close();
    }
  }, 900_000);
});
