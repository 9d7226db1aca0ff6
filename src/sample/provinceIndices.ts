// index_scores rows of the published provincial indices (PCI, PAPI, SIPAS, PAR INDEX) for the sample
// province and its fictional comparison provinces (spec.peers), so a ranking among provinces exists.
// Every figure is made up: the pillar weights below are the sample's own, not the publishers'.
// SIPAS rows carry no rank (SIPAS officially does not rank, domain.md §3): the standings page ranks by rate.
import { INDEX_FAMILIES } from '../metrics/indexFamilies';
import { rngFor } from './prng';
import type { SampleSpec } from './spec';
import type { Row } from './units';

/** Two decimals, as the publishers print scores (indexScores.ts uses it too: defined here, imported there). */
export const round2 = (x: number): number => Math.round(x * 100) / 100;

type Published = 'PCI' | 'PAPI' | 'SIPAS' | 'PAR';

/** The sample's PCI weights per pillar (sum 10, so 10-point pillars give a total out of 100). */
const PCI_WEIGHTS = [0.5, 0.5, 2, 0.5, 1, 0.5, 0.5, 2, 2, 0.5];

const SOURCES: Record<Published, (y: number) => string> = {
  PCI: (y) => `VCCI, Báo cáo PCI ${y} (mô phỏng)`,
  PAPI: (y) => `UNDP, Báo cáo PAPI ${y} (mô phỏng)`,
  SIPAS: (y) => `Bộ Nội vụ, Báo cáo SIPAS ${y} (mô phỏng)`,
  PAR: (y) => `Bộ Nội vụ, Chỉ số cải cách hành chính ${y} (mô phỏng)`,
};

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

interface Scored { unit: string; order: number; total: number; parts: { component: string; score: number; max: number | null }[] }

function scoreOf(spec: SampleSpec, idx: Published, unit: string, y: number): Omit<Scored, 'order'> {
  const fam = INDEX_FAMILIES.find((f) => f.index === idx)!;
  const q = rngFor(spec.seed, 'prov-quality', idx, unit).next();
  const drift = rngFor(spec.seed, 'prov-drift', idx, unit).uniform(-0.15, 0.35);
  const rng = rngFor(spec.seed, 'prov', idx, unit, y);
  const t = y - 2020;
  switch (idx) {
    case 'PCI': {
      const parts = fam.components.slice(0, PCI_WEIGHTS.length).map((k) => ({ component: k.slug, score: round2(clamp(4 + 4 * q + drift * t + 0.8 * rng.normal(), 1, 9.9)), max: 10 }));
      return { unit, total: round2(parts.reduce((s, p, i) => s + PCI_WEIGHTS[i] * p.score, 0)), parts };
    }
    case 'PAPI': {
      const parts = fam.components.map((k) => ({ component: k.slug, score: round2(clamp(3.5 + 3 * q + 0.8 * drift * t + 0.5 * rng.normal(), 1, 10)), max: 10 }));
      return { unit, total: round2(parts.reduce((s, p) => s + p.score, 0)), parts };
    }
    case 'SIPAS': {
      const parts = fam.components.map((k) => ({ component: k.slug, score: round2(clamp(74 + 14 * q + 2 * drift * t + 2 * rng.normal(), 50, 99)), max: 100 }));
      return { unit, total: round2(parts.reduce((s, p) => s + p.score, 0) / parts.length), parts };
    }
    case 'PAR':
      return { unit, total: round2(clamp(78 + 12 * q + 1.5 * drift * t + 1.5 * rng.normal(), 60, 98)), parts: [] };
  }
}

/** Rows of every published index and year of spec.provinceIndices, for the province and its peers. */
export function buildProvinceIndices(spec: SampleSpec): Row[] {
  const rows: Row[] = [];
  const provinces = [spec.province.id, ...(spec.peers ?? []).map((p) => p.id)];
  for (const [idx, years] of Object.entries(spec.provinceIndices ?? {}) as [Published, number[]][]) {
    for (const y of years) {
      const scored: Scored[] = provinces.map((u, order) => ({ ...scoreOf(spec, idx, u, y), order }));
      const sorted = [...scored].sort((a, b) => b.total - a.total || a.order - b.order);
      const rank = new Map<string, number>();
      sorted.forEach((s, i) => rank.set(s.unit, i > 0 && sorted[i - 1].total === s.total ? rank.get(sorted[i - 1].unit)! : i + 1));
      const ranked = idx !== 'SIPAS';
      // no as_of, as the publishers' workbooks carry none (a day after the year would also hide the
      // figure from that year's window: queries take snapshots on or before a window's last day)
      const base = { period_type: 'year', period: String(y), as_of: null, numerator: null, denominator: null, ratio: null, quality_flag: null, source: SOURCES[idx](y) };
      for (const s of scored) {
        rows.push({
          index: idx, component: 'TOTAL', ...base, unit_id: s.unit, score: s.total, max_score: idx === 'PAPI' ? 80 : 100,
          rank: ranked ? rank.get(s.unit)! : null, rank_of: ranked ? scored.length : null, rank_group: null,
        });
        for (const p of s.parts) {
          rows.push({ index: idx, component: p.component, ...base, unit_id: s.unit, score: p.score, max_score: p.max, rank: null, rank_of: null, rank_group: null });
        }
      }
    }
  }
  return rows;
}
