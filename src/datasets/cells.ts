// Strict readers for canonical cells. Canonical files use plain ASCII numbers and ISO dates; the
// Vietnamese forms (4.200, 19/10/2023) belong to the real-export readers in formats/.
import type { Cell } from './types';

export const MAX_COUNT = 1_000_000_000;

export function isEmpty(v: Cell | undefined): boolean {
  return v == null || (typeof v === 'string' && v.trim() === '');
}

export function readInteger(v: Cell): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return /^[+-]?\d+$/.test(s) ? Number(s) : null;
}

export function readNumber(v: Cell): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : null;
}

/** ISO date 'YYYY-MM-DD' that exists in the calendar (no 31/02). */
export function readDate(v: Cell): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d ? s : null;
}

/** ISO 8601 timestamp; a bare date counts as midnight. Returned as 'YYYY-MM-DD HH:MM:SS' (UTC/local as given). */
export function readTimestamp(v: Cell): string | null {
  if (typeof v !== 'string') return null;
  const s = v.trim();
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!m || !readDate(m[1])) return null;
  const [h, mi, se] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || mi > 59 || se > 59) return null;
  if (m[5] && m[5] !== 'Z') {
    const ms = Date.parse(s.replace(' ', 'T'));
    if (Number.isNaN(ms)) return null;
    return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
  }
  return `${m[1]} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(se).padStart(2, '0')}`;
}

const TRUE = new Set(['true', '1', 'yes', 'y', 'có', 'co', 'x']);
const FALSE = new Set(['false', '0', 'no', 'n', 'không', 'khong']);

export function readBoolean(v: Cell): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : null;
  if (typeof v !== 'string') return null;
  const s = v.trim().toLowerCase();
  return TRUE.has(s) ? true : FALSE.has(s) ? false : null;
}

export function asText(v: Cell): string {
  return v == null ? '' : String(v).normalize('NFC').trim();
}
