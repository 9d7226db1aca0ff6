// The 63 provinces and centrally-run cities of Vietnam before the 2025 reorganisation (NQ 202/2025/QH15),
// as provincial indices (PCI, PAPI, SIPAS, PAR INDEX) name them, and the matching of a published name to
// one of them. Each keeps its own unit: unit_id is a stable slug of the official name ("thua-thien-hue",
// "ho-chi-minh"), code the GSO province code of the time (QĐ 124/2004/QĐ-TTg), level 'province'. They are
// never merged into the 34 provinces of 1/7/2025 here: a dataset links them only through its own
// unit_lineage table, if it has one (nothing is invented).
//
// Matching, in order: the folded name (no diacritics, đ→d, lower case, punctuation as spaces) without a
// "TP." / "Thành phố" / "Tỉnh" prefix, against the official name and the aliases publishers use ("HCMC",
// "Tp.HCM", "BRVT", "TT-Huế", "Đắc Lắc", "Hoà Bình"…); then a close spelling (one or two letters off,
// Damerau–Levenshtein on the folded name), which is reported. A name written with diacritics that match
// no known spelling ("Quàng Ngãi" for Quảng Ngãi) is matched by its folded form and reported too.
// Provinces that no longer existed in 2008 (Hà Tây, merged into Hà Nội) are known as historical units,
// again without lineage.
import { fold } from './slug';

export interface Province {
  unit_id: string;
  name: string;
  code: string;
  aliases: string[];
  /** merged away before the 63-province map (Hà Tây, 2008) */
  historical?: boolean;
}

const P = (code: string, name: string, unit_id: string, ...aliases: string[]): Province => ({ code, name, unit_id, aliases });

export const PROVINCES_63: Province[] = [
  P('01', 'Hà Nội', 'ha-noi', 'Hanoi', 'TP Hà Nội'),
  P('02', 'Hà Giang', 'ha-giang'),
  P('04', 'Cao Bằng', 'cao-bang'),
  P('06', 'Bắc Kạn', 'bac-kan', 'Bắc Cạn'),
  P('08', 'Tuyên Quang', 'tuyen-quang'),
  P('10', 'Lào Cai', 'lao-cai'),
  P('11', 'Điện Biên', 'dien-bien'),
  P('12', 'Lai Châu', 'lai-chau'),
  P('14', 'Sơn La', 'son-la'),
  P('15', 'Yên Bái', 'yen-bai'),
  P('17', 'Hòa Bình', 'hoa-binh', 'Hoà Bình'),
  P('19', 'Thái Nguyên', 'thai-nguyen'),
  P('20', 'Lạng Sơn', 'lang-son'),
  P('22', 'Quảng Ninh', 'quang-ninh'),
  P('24', 'Bắc Giang', 'bac-giang'),
  P('25', 'Phú Thọ', 'phu-tho'),
  P('26', 'Vĩnh Phúc', 'vinh-phuc'),
  P('27', 'Bắc Ninh', 'bac-ninh'),
  P('30', 'Hải Dương', 'hai-duong'),
  P('31', 'Hải Phòng', 'hai-phong', 'Haiphong'),
  P('33', 'Hưng Yên', 'hung-yen'),
  P('34', 'Thái Bình', 'thai-binh'),
  P('35', 'Hà Nam', 'ha-nam'),
  P('36', 'Nam Định', 'nam-dinh'),
  P('37', 'Ninh Bình', 'ninh-binh'),
  P('38', 'Thanh Hóa', 'thanh-hoa', 'Thanh Hoá'),
  P('40', 'Nghệ An', 'nghe-an'),
  P('42', 'Hà Tĩnh', 'ha-tinh'),
  P('44', 'Quảng Bình', 'quang-binh'),
  P('45', 'Quảng Trị', 'quang-tri'),
  P('46', 'Thừa Thiên Huế', 'thua-thien-hue', 'Thừa Thiên - Huế', 'TT-Huế', 'TT.Huế', 'TT Huế', 'TTHuế', 'Huế', 'Thua Thien Hue', 'Hue'),
  P('48', 'Đà Nẵng', 'da-nang', 'Danang'),
  P('49', 'Quảng Nam', 'quang-nam'),
  P('51', 'Quảng Ngãi', 'quang-ngai'),
  P('52', 'Bình Định', 'binh-dinh'),
  P('54', 'Phú Yên', 'phu-yen'),
  P('56', 'Khánh Hòa', 'khanh-hoa', 'Khánh Hoà'),
  P('58', 'Ninh Thuận', 'ninh-thuan'),
  P('60', 'Bình Thuận', 'binh-thuan'),
  P('62', 'Kon Tum', 'kon-tum', 'Kontum'),
  P('64', 'Gia Lai', 'gia-lai'),
  P('66', 'Đắk Lắk', 'dak-lak', 'Đắc Lắc', 'Đăk Lăk', 'Đắk Lăk', 'Đăk Lắk', 'Daklak'),
  P('67', 'Đắk Nông', 'dak-nong', 'Đăk Nông', 'Đắc Nông', 'Daknong'),
  P('68', 'Lâm Đồng', 'lam-dong'),
  P('70', 'Bình Phước', 'binh-phuoc'),
  P('72', 'Tây Ninh', 'tay-ninh'),
  P('74', 'Bình Dương', 'binh-duong'),
  P('75', 'Đồng Nai', 'dong-nai'),
  P('77', 'Bà Rịa - Vũng Tàu', 'ba-ria-vung-tau', 'Bà Rịa Vũng Tàu', 'Bà Rịa-Vũng Tàu', 'BRVT', 'BR-VT', 'BR VT', 'Vũng Tàu'),
  P('79', 'Hồ Chí Minh', 'ho-chi-minh', 'TP. Hồ Chí Minh', 'TP.HCM', 'Tp.HCM', 'TP HCM', 'TPHCM', 'HCM', 'HCMC', 'Ho Chi Minh City', 'Sài Gòn', 'Saigon'),
  P('80', 'Long An', 'long-an'),
  P('82', 'Tiền Giang', 'tien-giang'),
  P('83', 'Bến Tre', 'ben-tre'),
  P('84', 'Trà Vinh', 'tra-vinh'),
  P('86', 'Vĩnh Long', 'vinh-long'),
  P('87', 'Đồng Tháp', 'dong-thap'),
  P('89', 'An Giang', 'an-giang'),
  P('91', 'Kiên Giang', 'kien-giang'),
  P('92', 'Cần Thơ', 'can-tho', 'Cantho'),
  P('93', 'Hậu Giang', 'hau-giang'),
  P('94', 'Sóc Trăng', 'soc-trang'),
  P('95', 'Bạc Liêu', 'bac-lieu'),
  P('96', 'Cà Mau', 'ca-mau'),
];

/** Provinces of earlier maps still found in older index tables (PCI 2005–2007). */
export const HISTORICAL_PROVINCES: Province[] = [{ code: '28', name: 'Hà Tây', unit_id: 'ha-tay', aliases: ['Ha Tay'], historical: true }];

const ALL = [...PROVINCES_63, ...HISTORICAL_PROVINCES];

/** Folded, without the administrative prefix: "TP. Hồ Chí Minh" → "ho chi minh", "Tỉnh Gia Lai" → "gia lai". */
export function provinceKey(name: string): string {
  return fold(name)
    .replace(/^(ubnd|uy ban nhan dan)\s+/, '')
    .replace(/^(thanh pho|tinh|tp|t p)\s+(?=\S)/, '')
    .replace(/\s+(province|city)$/, '')
    .trim();
}

/** The word forms with their tone marks moved off (Vietnamese writes "hoà" and "hòa" for one word):
 *  per word, the letters with their shape marks (ă â ê ô ơ ư đ) and the one tone mark. Tells "Quàng"
 *  from "Quảng" while "Hoà" equals "Hòa". */
function toneKey(name: string): string {
  return name
    .normalize('NFD')
    .toLowerCase()
    .split(/[^\p{L}\p{M}\d]+/u)
    .filter((w) => w)
    .map((w) => {
      const tone = (w.match(/[\u0300\u0301\u0303\u0309\u0323]/g) ?? []).join('');
      return w.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, '').normalize('NFC') + tone;
    })
    .join(' ');
}

const byKey = new Map<string, Province>();
const toneKeys = new Map<Province, Set<string>>();
for (const p of ALL) {
  const tones = new Set<string>();
  for (const n of [p.name, ...p.aliases]) {
    byKey.set(provinceKey(n), p);
    byKey.set(provinceKey(n).replace(/ /g, ''), p);
    tones.add(toneKey(n.replace(/^(TP\.?|Thành phố|Tỉnh)\s*/i, '')));
  }
  toneKeys.set(p, tones);
}

function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Header words, never a province: "Tỉnh, thành phố", "Tỉnh/Thành phố", "Province". */
const GENERIC = /^(tinh|thanh pho|tinh thanh pho|tinh thanh|ten tinh|ten tinh thanh pho|dia phuong|province|provinces|city|province city|ten|name|don vi)$/;

export interface ProvinceMatch {
  province: Province;
  /** set when the name is not one of the known spellings: the words to report */
  fuzzy?: string;
}

const memo = new Map<string, ProvinceMatch | null>();

/** A published name → one of the provinces, or null (remembered: sheets repeat the same names). */
export function matchProvince(raw: string): ProvinceMatch | null {
  if (raw.length > 80) return null;
  const hit = memo.get(raw);
  if (hit !== undefined) return hit;
  const m = matchUncached(raw);
  if (memo.size > 20_000) memo.clear();
  memo.set(raw, m);
  return m;
}

function matchUncached(raw: string): ProvinceMatch | null {
  const name = raw.normalize('NFC').trim();
  if (name === '' || /^\d+([.,]\d+)?$/.test(name)) return null;
  const key = provinceKey(name);
  if (key === '' || GENERIC.test(fold(name)) || GENERIC.test(key)) return null;
  const exact = byKey.get(key) ?? byKey.get(key.replace(/ /g, ''));
  if (exact) {
    const hasMarks = /[^\u0000-\u007f]/.test(name.replace(/[đĐ]/g, 'd'));
    if (!hasMarks || toneKeys.get(exact)!.has(toneKey(name.replace(/^(TP\.?|Thành phố|Tỉnh)\s*/i, '')))) return { province: exact };
    return { province: exact, fuzzy: `«${name}» ≈ ${exact.name}` };
  }
  // a close spelling: at most one edit for short names, two for longer ones, and only one candidate
  if (key.length < 5) return null;
  let best: Province | null = null;
  let bestD = Infinity;
  let tie = false;
  for (const [k, p] of byKey) {
    if (Math.abs(k.length - key.length) > 2) continue;
    const dist = editDistance(k, key);
    if (dist < bestD) {
      bestD = dist;
      best = p;
      tie = false;
    } else if (dist === bestD && best !== p) tie = true;
  }
  const allowed = key.length >= 12 ? 2 : 1;
  if (best && bestD <= allowed && !tie && provinceKey(best.name)[0] === key[0]) return { province: best, fuzzy: `«${name}» ≈ ${best.name}` };
  return null;
}
