// `npm run summary -- <file>` on single files as publishers export them: the kind is found from the
// content, and the figures are the ones computed by hand (or published by the portal).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const real = path.resolve(ROOT, '../shared/real');
const present = existsSync(path.join(real, 'crawler-766/data'));
if (!present) console.warn(`[summary-files] ${real} is absent: the summary of real portal files is not checked.`);

function summary(...args: string[]) {
  // a large document (every index figure of 149 units) passes spawnSync's default 1 MB buffer
  const r = spawnSync(TSX, [path.join(ROOT, 'src/cli/summary.ts'), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return { status: r.status, doc: r.stdout ? JSON.parse(r.stdout) : null, stderr: r.stderr };
}
type U = { unit_id: string; metrics: Record<string, { value: number | null; numerator: number | null; denominator: number | null }> };

describe('npm run summary -- <single file>', () => {
  it('a Biểu 06 CSV: Sở Tư pháp, Q3 2026, figures by hand', () => {
    const { status, doc } = summary(path.join(ROOT, 'test/fixtures/bieu06/comma-so-tu-phap.csv'));
    expect(status).toBe(0);
    expect(doc.period).toEqual({ from: '2026-07-01', to: '2026-09-30' });
    const u = doc.units.find((x: U) => x.unit_id === 'so-tu-phap') as U;
    // (9.300 + 2.640 + 280) / (12.100 + 335)
    expect(u.metrics.on_time_rate).toMatchObject({ numerator: 12220, denominator: 12435 });
    expect(u.metrics.overdue_count.value).toBe(215);
    expect(doc.accounts).toEqual([
      { file: 'comma-so-tu-phap.csv', table: 'dossier_counts', read: 4, loaded: 3, reported: 0, subtotal: 1 },
      { file: 'comma-so-tu-phap.csv', table: 'units', read: 1, loaded: 1, reported: 0 },
    ]);
  });

  it('the kind comes from the content: the same Biểu 06 named .txt', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'chiso-sum-'));
    const p = path.join(dir, 'bao-cao.txt');
    copyFileSync(path.join(ROOT, 'test/fixtures/bieu06/comma-so-tu-phap.csv'), p);
    const { status, doc } = summary(p);
    expect(status).toBe(0);
    expect(doc.units[0].metrics.on_time_rate.numerator).toBe(12220);
  });

  it('an unmapped Biểu 06 exits 1 with the reason', () => {
    const { status, doc } = summary(path.join(ROOT, 'test/fixtures/bieu06/unmapped.csv'));
    expect(status).toBe(1);
    expect(doc.errors.map((e: { code: string }) => e.code)).toEqual(['header_unmapped']);
  });

  it.skipIf(!present)('a real 766 agencies file: H21.17 on time 653 / 654, total 79,27', () => {
    const { status, doc } = summary(path.join(real, 'crawler-766/data/gia_lai/agencies_detail_GiaLai_10102026.json'));
    expect(status).toBe(0);
    expect(doc.period).toEqual({ from: '2026-01-01', to: '2026-10-10' });
    const u = doc.units.find((x: U) => x.unit_id === 'H21.17') as U;
    expect(u.metrics.on_time_rate).toMatchObject({ numerator: 653, denominator: 654 });
    expect(u.metrics.early_rate.value).toBeNull();
    expect(u.metrics.index_766_total.value).toBe(79.27);
  });

  it.skipIf(!present)('real files of every odd shape load through the summary command (the API request is refused with its reason)', () => {
    // (every real file goes through the same import in real-766.test.ts; here the command itself, on the
    // largest outputs and the odd shapes: a catalogue, a month comparison, 149 units of a daily comparison)
    const files = ['config/departments.json', 'gia_lai/score_comparison_month_2026_3.json', 'gia_lai/comparison_GiaLai_10102026.json', 'provinces/details_Provinces_10102026.json'];
    for (const f of files) {
      const { status, doc } = summary(path.join(real, 'crawler-766/data', f));
      expect(status, `${f}: ${JSON.stringify(doc?.errors)}`).toBe(0);
    }
    const req = summary(path.join(real, 'crawler-766/data/discovery/api-20260917-104019/request.json'));
    expect(req.status).toBe(1);
    expect(req.doc.errors[0].code).toBe('api_request');
    // the response's day comes from its folder name (17-09-2026): the national ranking of that day
    const resp = summary(path.join(real, 'crawler-766/data/discovery/api-20260917-104019/response.json'));
    expect(resp.doc.period).toEqual({ from: '2026-01-01', to: '2026-09-17' });
  }, 240_000);
});
