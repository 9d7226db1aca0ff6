// The gap to target in dossiers: how many dossiers would have had to turn out differently, in the same
// period and with the same denominator, for a figure to meet its target ("19 more dossiers on time would
// have reached 95 %"). Computed from the counts, never from the rounded percent, with integer arithmetic
// so that 95 % of 1.462 is exactly 1.388,9 and the answer is 19, not 18 or 20 by a rounding slip.
import type { Comparator } from './targets';

export interface GapFigure {
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  comparator: Comparator | null;
}

export interface Gap {
  /** 'met': nothing to do; 'short': `dossiers` must change; 'unreachable': even all of them would not do */
  state: 'met' | 'short' | 'unreachable';
  /** dossiers (or slips, ratings…) that must change; 0 when met */
  dossiers: number;
}

/** Targets carry at most 4 decimals (e.g. 66,6667 %): scaled to an integer they compare exactly. */
const SCALE = 10_000;

const isWhole = (x: number) => Number.isInteger(x);

/** ceil(a / b) for b > 0, exact for integers, tolerant of float dust otherwise. */
function ceilDiv(a: number, b: number): number {
  if (isWhole(a) && isWhole(b) && Math.abs(a) <= Number.MAX_SAFE_INTEGER) {
    const q = Math.floor(a / b);
    return q * b === a ? q : q + 1;
  }
  return Math.ceil(a / b - 1e-9);
}

/**
 * Gap of a rate (percent 0–100) to its target, moving dossiers between the numerator and the rest of the
 * denominator. `>=`: k more in the numerator; `<=`: k fewer. Null when a count or the target is missing.
 */
export function rateGap(f: GapFigure): Gap | null {
  const { numerator: n, denominator: d, target: t, comparator } = f;
  if (n == null || d == null || t == null || comparator == null || d <= 0) return null;
  const t4 = Math.round(t * SCALE);
  // (n + k) / d >= t / 100  ⇔  k >= (t4·d − n·100·SCALE) / (100·SCALE)
  const needed = comparator === '>='
    ? ceilDiv(t4 * d - n * 100 * SCALE, 100 * SCALE)
    : ceilDiv(n * 100 * SCALE - t4 * d, 100 * SCALE);
  const k = Math.max(0, needed);
  if (k === 0) return { state: 'met', dossiers: 0 };
  // A ≥ target can only add what is outside the numerator; a ≤ target can only remove what is in it.
  const room = comparator === '>=' ? d - n : n;
  return { state: k > room ? 'unreachable' : 'short', dossiers: k };
}

/** Gap of a count to its target (e.g. overdue dossiers ≤ 0): the difference, rounded up. */
export function countGap(value: number | null, target: number | null, comparator: Comparator | null): Gap | null {
  if (value == null || target == null || comparator == null) return null;
  const k = Math.max(0, comparator === '<=' ? ceilDiv(value - target, 1) : ceilDiv(target - value, 1));
  return k === 0 ? { state: 'met', dossiers: 0 } : { state: comparator === '<=' && k > value ? 'unreachable' : 'short', dossiers: k };
}

/** The gap of a figure of a count-based metric of the registry (percent: rateGap; count: countGap). */
export function metricGap(unit: 'percent' | 'count' | 'points' | 'rank', f: GapFigure & { value: number | null }): Gap | null {
  if (unit === 'percent') return rateGap(f);
  if (unit === 'count') return countGap(f.value, f.target, f.comparator);
  return null;
}
