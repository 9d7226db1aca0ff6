// Reading values out of parsed JSON whose shape nobody promised (the portal's responses, crawlers'
// files): objects only where an object stands, text trimmed and NFC, numbers only when they are numbers.
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** the objects of an array (anything else in it is not a record) */
export const arr = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

/** non-empty text, trimmed and NFC; a number as its decimal text */
export const str = (v: unknown): string | null =>
  (typeof v === 'string' && v.trim() !== '' ? v.trim().normalize('NFC') : typeof v === 'number' ? String(v) : null);

/** a finite number, or a string that is a plain decimal number (as some responses quote them) */
export function num(v: unknown): number | null {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return Number(v);
  return null;
}

/** Rounded to 0,01 as the portal publishes its ratios and scores. */
export const round2 = (x: number) => Math.round(x * 100 + Number.EPSILON * 100) / 100;
