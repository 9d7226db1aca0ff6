// Bytes → text for CSV and other text exports. Real one-stop software exports UTF-8 (with or without a
// BOM), UTF-16 (Excel's "Unicode text") and, from older desktop tools, Windows-1258 (the Vietnamese
// code page, which writes tone marks as separate combining bytes). Whatever comes in leaves as NFC, so
// "Hộ tịch" typed in any of these spells the same field.
import type { Issue } from '../types';
import { warningIssue } from './issues';

export interface DecodedText {
  text: string;
  /** 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be' or 'windows-1258' */
  encoding: string;
  issues: Issue[];
}

/** Combining tone marks of cp1258 (0xCC grave, 0xEC acute, 0xD2 hook, 0xDE tilde, 0xF2 dot below) and
 *  the letters ă â ê ô ơ ư đ Ă Â Ê Ô Ơ Ư Đ: bytes that make a non-UTF-8 file look like cp1258. */
const CP1258_TYPICAL = new Set([0xcc, 0xec, 0xd2, 0xde, 0xf2, 0xe3, 0xe2, 0xea, 0xf4, 0xf5, 0xfd, 0xf0, 0xc3, 0xc2, 0xca, 0xd4, 0xd5, 0xdd, 0xd0]);

/** Mojibake of UTF-8 read as cp1252/Latin-1 and saved again: "Ã¡" (á), "Ä‘" (đ), "Æ°" (ư), "á»‡" (ệ). */
const MOJIBAKE = /Ã[\u00a0-\u00bf]|Ä[\u2018\u0091\u0090\u0111]|Æ[\u00b0\u00a1]|á[»º][\u0080-\u00ff\u0152-\u0178\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/g;

function utf16Guess(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length - (bytes.length % 2), 2000);
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  // Latin text in UTF-16 has a NUL in every other byte; Vietnamese letters (U+1Exx) still leave most
  // ASCII punctuation, digits and spaces with a NUL high byte.
  if (oddZero > pairs * 0.3 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.3 && oddZero < pairs * 0.05) return 'utf-16be';
  return null;
}

export function decodeText(bytes: Uint8Array, file: string): DecodedText {
  const issues: Issue[] = [];
  let encoding: string;
  let text: string;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8-bom';
    text = new TextDecoder('utf-8').decode(bytes.subarray(3));
  } else if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  } else {
    const guess = utf16Guess(bytes);
    if (guess) {
      encoding = guess;
      text = new TextDecoder(guess).decode(bytes);
    } else {
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        encoding = 'utf-8';
      } catch {
        // Not UTF-8. The only legacy code page Vietnamese office software still writes is cp1258
        // (TCVN3/VNI fonts are not encodings a decoder can know); say so when the bytes do not look like it.
        encoding = 'windows-1258';
        text = new TextDecoder('windows-1258').decode(bytes);
        const typical = bytes.some((b) => CP1258_TYPICAL.has(b));
        issues.push(
          typical
            ? warningIssue('legacy_encoding', file, 'Tệp dùng bảng mã Windows-1258 (không phải UTF-8); đã chuyển sang Unicode.', 'The file is Windows-1258 encoded (not UTF-8); it was converted to Unicode.')
            : warningIssue('encoding_guessed', file, 'Tệp không phải UTF-8; đã đọc theo Windows-1258, hãy kiểm tra dấu tiếng Việt.', 'The file is not UTF-8; it was read as Windows-1258: check the Vietnamese diacritics.'),
        );
      }
    }
  }
  const midBoms = (text.match(/\ufeff/g) ?? []).length;
  if (midBoms > 0) {
    issues.push(
      warningIssue('bom_in_text', file, `Tệp có ${midBoms} ký tự BOM nằm giữa nội dung (thường do ghép nhiều tệp); đã bỏ.`, `The file has ${midBoms} byte-order mark(s) inside the text (often from joined files); removed.`),
    );
    text = text.replace(/\ufeff/g, '');
  }
  const moji = text.match(MOJIBAKE);
  if (moji && moji.length > 0) {
    const at = text.indexOf(moji[0]);
    const sample = text.slice(Math.max(0, at - 10), at + 20).replace(/\s+/g, ' ');
    issues.push(
      warningIssue('mojibake', file, `Chữ bị lỗi mã hóa (UTF-8 bị đọc nhầm thành Windows-1252), ví dụ «${sample}»: hãy xuất lại tệp ở dạng UTF-8.`, `Garbled text (UTF-8 misread as Windows-1252), e.g. «${sample}»: export the file again as UTF-8.`),
    );
  }
  return { text: text.normalize('NFC'), encoding, issues };
}
