// The portal's quality flags (index_scores.quality_flag, comma-separated codes) in words: a figure shows
// "không có hồ sơ" / "no dossiers" where the portal wrote 0 % for a unit that received nothing, and
// names a failed identity instead of printing its code. Unknown codes are shown as they are (text only).
import type { Lang } from './index';

const WORDS: Record<string, Record<Lang, string>> = {
  NO_DOSSIERS: { vi: 'không có hồ sơ', en: 'no dossiers' },
  NOT_SCORED: { vi: 'không tính điểm', en: 'not scored' },
  COUNT_MISMATCH: { vi: 'đúng hạn + quá hạn khác số tiếp nhận', en: 'on time + overdue differs from received' },
  RATIO_MISMATCH: { vi: 'tỷ lệ không khớp tử số / mẫu số', en: 'ratio does not match numerator / denominator' },
  SCORE_MISMATCH: { vi: 'điểm không khớp tỷ lệ', en: 'score does not match the ratio' },
  PARENT_SUM_MISMATCH: { vi: 'khác tổng các đơn vị trực thuộc', en: 'differs from the sum of its units' },
  GROUP_SUM_MISMATCH: { vi: 'khác tổng các thành phần', en: 'differs from the sum of its parts' },
  TEMP_NATIONAL_REPORT_DENOMINATOR: { vi: 'mẫu số đang dùng số tạm', en: 'temporary denominator' },
};

/** The codes of a flag ("NO_DOSSIERS,RATIO_MISMATCH" → two codes). */
export const flagCodes = (flag: string | null | undefined): string[] => (flag ? flag.split(',').map((c) => c.trim()).filter((c) => c !== '') : []);

/** Whether the figure is empty because nothing was counted (show "no dossiers", never 0 %). */
export const noDossiers = (flag: string | null | undefined): boolean => flagCodes(flag).includes('NO_DOSSIERS');

/** One code in words. */
export function flagWord(code: string, lang: Lang): string {
  const w = WORDS[code];
  if (w) return w[lang];
  const g = /^NO_DOSSIERS_([A-Z]+)$/.exec(code);
  if (g) return lang === 'vi' ? `nhóm ${g[1]} không có hồ sơ (tính 0 điểm)` : `group ${g[1]} had no dossiers (counted as 0)`;
  return code;
}

/** The whole flag in words, codes joined by "; ". */
export const flagText = (flag: string | null | undefined, lang: Lang): string => flagCodes(flag).map((c) => flagWord(c, lang)).join('; ');
