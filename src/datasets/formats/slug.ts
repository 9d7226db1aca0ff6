// Text normalisation shared by every reader: NFC everywhere, a folded form for matching headers and
// titles (case, spacing and diacritics do not matter), deterministic ids from names, and a guess of a
// unit's level from its name.
import type { Level } from '../contract';

/** NFC, trimmed, inner runs of whitespace (incl. nbsp, line breaks inside a cell) collapsed to one space. */
export function cleanText(s: string): string {
  return s.normalize('NFC').replace(/[\s\u00a0\u2007\u202f\ufeff]+/g, ' ').trim();
}

/** Folded form for matching: no diacritics, đ→d, lower case, punctuation as spaces, single spaces.
 *  "Trực tiếp,  dịch vụ BƯU CHÍNH" and the decomposed (NFD) spelling both fold to
 *  "truc tiep dich vu buu chinh". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Deterministic id from a name: "Sở Tư pháp" → "so-tu-phap". Never empty ("unit" as last resort). */
export function slugify(name: string): string {
  const s = fold(name).replace(/ /g, '-');
  return s === '' ? 'unit' : s;
}

const COMMUNE = /^(ubnd |uy ban nhan dan )?(xa|phuong|thi tran|dac khu) /;
const DISTRICT = /^(ubnd |uy ban nhan dan )?(huyen|quan|thi xa) /;
const PROVINCE = /^(ubnd |uy ban nhan dan )?(tinh|thanh pho truc thuoc trung uong) /;
const DIVISION = /^(phong|chi cuc|chi nhanh|doi|to) /;

/** Level guessed from a unit's name (data-contract §2.1): "UBND xã …", "phường …" → commune;
 *  "Phòng …" → division; "UBND huyện …" → district; "UBND tỉnh …" → province; else agency (Sở/ban/ngành). */
export function guessLevel(name: string): Level {
  const f = fold(name) + ' ';
  if (COMMUNE.test(f)) return 'commune';
  if (DIVISION.test(f)) return 'division';
  if (DISTRICT.test(f)) return 'district';
  if (PROVINCE.test(f)) return 'province';
  return 'agency';
}

/** Names typed in capitals in report headers ("SỞ TƯ PHÁP") read better with capital initials
 *  ("Sở Tư Pháp"); acronyms such as UBND stay as they are. Mixed-case names are kept. */
export function tidyUnitName(name: string): string {
  const s = cleanText(name);
  if (s !== s.toUpperCase() || !/\p{Lu}/u.test(s)) return s;
  const ACRONYMS = new Set(['UBND', 'HĐND', 'TTHC', 'KCN', 'KKT', 'TP', 'TP.', 'BHXH', 'VPĐKĐĐ']);
  return s
    .split(' ')
    .map((w) => (ACRONYMS.has(w) ? w : w.charAt(0) + w.slice(1).toLowerCase()))
    .join(' ');
}
