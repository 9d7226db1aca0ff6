// Issue 3, the printed weekly pack: Chromium prints the scoreboard page to PDF through the print
// stylesheet (A4 landscape); its text, read back page by page with pdftotext, must be: page 1 the title,
// the header counts and the written summary; then the scoreboard; then one page per unit behind target,
// in the scoreboard's order, each with its unit's name, figures and gaps. No screen-only control prints.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { assertNoProblems, openPage, printToPdf, useBrowser } from './harness';

useBrowser();

const LOAD = 90_000;
const hasPoppler = spawnSync('pdftotext', ['-v']).status === 0 && spawnSync('pdfinfo', ['-v']).status === 0;

/** Text of each page, whitespace collapsed (pdftotext, one call per page). */
function pages(file: string): string[] {
  const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
  const n = Number(/Pages:\s+(\d+)/.exec(info)![1]);
  return Array.from({ length: n }, (_, i) => spawnSync('pdftotext', ['-f', String(i + 1), '-l', String(i + 1), file, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ').trim());
}

// The scoreboard's default order for the sample, October 2026 (hand-counted targets missed, then overdue)
const BEHIND = [
  ['MH.08', 'Sở Nông nghiệp và Môi trường'], ['MH.13', 'Thanh tra tỉnh'], ['MH.05', 'Sở Y tế'], ['MH.03', 'Sở Tài chính'],
  ['MH.02', 'Sở Nội vụ'], ['MH.12', 'Ban Quản lý các khu công nghiệp'], ['MH.04', 'Sở Xây dựng'], ['MH.07', 'Sở Công Thương'],
  ['MH.06', 'Sở Giáo dục và Đào tạo'], ['MH.09', 'Sở Văn hóa, Thể thao và Du lịch'], ['MH.01', 'Sở Tư pháp'],
  ['MH.11', 'Sở Dân tộc và Tôn giáo'], ['MH.10', 'Sở Khoa học và Công nghệ'], ['MH.14', 'Sở Ngoại vụ'],
];

describe('print pack', () => {
  it.skipIf(!hasPoppler)('prints summary, scoreboard and one page per unit behind target on A4 landscape', async () => {
    const { page, problems, close } = await openPage('/?period=2026-10');
    try {
      await page.locator('[data-testid="overview-table"] [data-metric]').first().waitFor({ timeout: LOAD });
      // no ?pack=1: printing itself (beforeprint) must add the unit pages
      expect(await page.getByTestId('print-pack-pages').count()).toBe(0);
      const file = await printToPdf(page, 'print-pack-2026-10.pdf');
      const info = spawnSync('pdfinfo', [file], { encoding: 'utf8' }).stdout;
      const [, w, h] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
      expect(Math.round(Number(w))).toBe(842); // A4 landscape: 297 × 210 mm
      expect(Math.round(Number(h))).toBe(595);

      const text = pages(file);
      const n = BEHIND.length;
      const tablePages = text.length - 1 - n;
      expect(tablePages).toBeGreaterThanOrEqual(1);
      expect(tablePages).toBeLessThanOrEqual(2);

      // page 1: title, header counts, the written summary; not the table
      expect(text[0]).toContain('Bảng tổng hợp kết quả giải quyết hồ sơ – Tháng 10/2026');
      expect(text[0]).toContain('348 hồ sơ quá hạn (236 đã giải quyết quá hạn, 112 đang giải quyết quá hạn); 277 phiếu xin lỗi đã phát hành, còn thiếu 71.');
      expect(text[0]).toContain('Tóm tắt cho biên bản');
      expect(text[0]).toContain('Tháng 10/2026: 14 đơn vị (Sở, ban, ngành); tỷ lệ đúng hạn chung 96,75 %, giảm 0,51 điểm % so với Tháng 09/2026; 14 đơn vị chưa đạt ít nhất một chỉ tiêu.');
      expect(text[0]).toContain('Đã phát hành 277 phiếu xin lỗi cho 348 hồ sơ quá hạn; còn thiếu 71 phiếu tại 9 đơn vị');
      expect(text[0]).not.toContain('Kết quả của từng đơn vị so với chỉ tiêu');
      // then the scoreboard with every unit
      const table = text.slice(1, 1 + tablePages).join(' ');
      expect(text[1].startsWith('Kết quả của từng đơn vị so với chỉ tiêu, Tháng 10/2026')).toBe(true);
      for (const [, name] of BEHIND) expect(table).toContain(name);
      expect(table).toContain('Đúng hạn');
      expect(table).toContain('93,71 %');
      // then one page per unit behind target, in order, each with its own figures
      BEHIND.forEach(([, name], i) => {
        const p = text[1 + tablePages + i];
        expect(p.startsWith(`Tài liệu giao ban – Tháng 10/2026 · Đơn vị ${i + 1}/${n} chưa đạt chỉ tiêu ${name} `), `page ${2 + tablePages + i}`).toBe(true);
      });
      const nongNghiep = text[1 + tablePages];
      expect(nongNghiep).toContain('thêm 19 hồ sơ đúng hạn');
      expect(nongNghiep).toContain('Đã phát hành 73 phiếu xin lỗi, còn thiếu 19 phiếu.');
      const noiVu = text[1 + tablePages + 4];
      expect(noiVu).toContain('Có 10 hồ sơ quá hạn (6 đã giải quyết quá hạn, 4 đang giải quyết), toàn bộ thuộc lĩnh vực Thi đua, khen thưởng.');
      expect(noiVu).toContain('thêm 2 phiếu xin lỗi');
      const tuPhap = text[1 + tablePages + 10];
      expect(tuPhap).toContain('Chưa phát hành phiếu xin lỗi nào: còn thiếu 1 phiếu xin lỗi.');
      // nothing meant for the screen
      const all = text.join(' ');
      for (const control of ['Chế độ họp', 'Tải bảng (CSV)', 'In bộ tài liệu', 'Bảng tổng hợp Giám sát', 'Tải ảnh biểu đồ']) expect(all).not.toContain(control);

      // after printing, the screen is as it was
      await page.waitForTimeout(200);
      expect(await page.getByTestId('print-pack-pages').count()).toBe(0);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it.skipIf(!hasPoppler)('shows the pack on screen with ?pack=1 (print preview) and prints the same pages', async () => {
    const { page, problems, close } = await openPage('/?period=2026-10&pack=1');
    try {
      await page.locator('[data-pack-unit]').first().waitFor({ timeout: LOAD });
      const order = await page.locator('[data-pack-unit]').evaluateAll((els) => els.map((e) => e.getAttribute('data-pack-unit')));
      expect(order).toEqual(BEHIND.map(([id]) => id));
      const text = pages(await printToPdf(page, 'print-pack-preview-2026-10.pdf'));
      expect(text.length - 1 - BEHIND.length).toBeGreaterThanOrEqual(1);
      expect(text[text.length - 1]).toContain(`Đơn vị 14/14 chưa đạt chỉ tiêu Sở Ngoại vụ`);
      assertNoProblems(problems);
    } finally {
      await close();
    }
  });

  it.runIf(!hasPoppler)('needs pdftotext and pdfinfo (Debian package poppler-utils) to read the PDF', () => {
    console.warn('print pack tests skipped: install poppler-utils (pdftotext, pdfinfo) to run them');
  });
});
