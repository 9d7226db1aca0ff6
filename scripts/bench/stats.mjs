// Medians and percentiles of timing samples (nearest-rank), rounded for printing.
/** @param {number[]} xs @param {number} p 0..100 */
export function percentile(xs, p) {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * v.length));
  return v[Math.min(v.length, rank) - 1];
}
/** @param {number[]} xs */
export const median = (xs) => {
  const v = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
/** @param {number | null} x */
export const round = (x) => (x == null ? null : Math.round(x));
