// index_scores rows (data contract §2.5): the 766 index (monthly and yearly, 6 groups + TOTAL), DDCI
// (yearly TOTAL) and the provincial indices PCI, PAPI, SIPAS, PAR INDEX (provinceIndices.ts). The 766
// timeliness group (TDGQ) is computed from the sample's own dossier_counts, so
// the score a user sees matches the on-time ratio the dashboard computes; the other groups are drawn
// from each unit's steady "quality" so that rankings stay recognisable from one period to the next.
import { cmp } from './counts';
import { monthRange } from './periods';
import { rngFor } from './prng';
import { buildProvinceIndices, round2 } from './provinceIndices';
import type { SampleSpec, UnitSpec } from './spec';
import type { Row } from './units';

export const GROUPS_766 = [
  { code: 'CKMB', max: 18 },
  { code: 'TDGQ', max: 20 },
  { code: 'ONLINE', max: 12 },
  { code: 'TTTT', max: 10 },
  { code: 'MDSH', max: 22 },
  { code: 'MDHL', max: 18 },
] as const;
export type Group766 = (typeof GROUPS_766)[number]['code'];

export const SOURCE_766 = 'Cổng Dịch vụ công quốc gia (mô phỏng)';

/** Sums of one unit over one period, from dossier_counts. */
export interface PeriodTotals {
  /** resolved + pending (= received incl. carried over): the 766 denominator */
  handled: number;
  /** early + on time + pending within the time limit */
  onTime: number;
  overdue: number;
  newReceived: number;
  online: number;
  digitized: number;
  resolved: number;
  electronic: number;
  ratings: number;
  dissatisfied: number;
  complaints: number;
}

const emptyTotals = (): PeriodTotals => ({
  handled: 0, onTime: 0, overdue: 0, newReceived: 0, online: 0, digitized: 0, resolved: 0, electronic: 0,
  ratings: 0, dissatisfied: 0, complaints: 0,
});

const n = (r: Row, c: string): number => (r[c] as number | null) ?? 0;

function addRow(t: PeriodTotals, r: Row): void {
  const resolved = n(r, 'resolved_early') + n(r, 'resolved_on_time') + n(r, 'resolved_overdue');
  const pending = n(r, 'pending_within') + n(r, 'pending_overdue');
  t.handled += resolved + pending;
  t.onTime += n(r, 'resolved_early') + n(r, 'resolved_on_time') + n(r, 'pending_within');
  t.overdue += n(r, 'resolved_overdue') + n(r, 'pending_overdue');
  t.newReceived += n(r, 'received_online') + n(r, 'received_offline');
  t.online += n(r, 'received_online');
  t.digitized += n(r, 'digitized');
  t.resolved += resolved;
  t.electronic += n(r, 'results_electronic');
  t.ratings += n(r, 'ratings_total');
  t.dissatisfied += n(r, 'ratings_dissatisfied');
  t.complaints += n(r, 'complaints');
}

/**
 * Totals per unit and period key ('YYYY-MM' and 'YYYY'); the province id gets the sum of every unit
 * except divisions, whose rows repeat their Sở's.
 */
export function periodTotals(spec: SampleSpec, counts: Row[]): Map<string, Map<string, PeriodTotals>> {
  const mirrors = new Set(spec.units.filter((u) => u.mirrorOf).map((u) => u.id));
  const out = new Map<string, Map<string, PeriodTotals>>();
  const get = (unit: string, key: string) => {
    let m = out.get(unit);
    if (!m) out.set(unit, (m = new Map()));
    let t = m.get(key);
    if (!t) m.set(key, (t = emptyTotals()));
    return t;
  };
  for (const r of counts) {
    const unit = r.unit_id as string;
    const month = (r.period_start as string).slice(0, 7);
    const year = month.slice(0, 4);
    addRow(get(unit, month), r);
    addRow(get(unit, year), r);
    if (!mirrors.has(unit)) {
      addRow(get(spec.province.id, month), r);
      addRow(get(spec.province.id, year), r);
    }
  }
  return out;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

interface Period {
  type: 'month' | 'year';
  key: string;
  year: number;
  start: string;
  end: string;
}

function periods766(spec: SampleSpec): Period[] {
  const years = spec.index766.years.map((y) => ({ type: 'year' as const, key: String(y), year: y, start: `${y}-01-01`, end: `${y}-12-31` }));
  const months = monthRange(spec.index766.monthFrom, spec.index766.monthTo).map((m) => ({
    type: 'month' as const, key: m.key, year: m.year, start: m.start, end: m.end,
  }));
  return [...years, ...months];
}

/** Group scores of one unit in one period (each rounded to 2 decimals, as the portal shows them). */
function unitGroups(spec: SampleSpec, unit: UnitSpec, p: Period, t: PeriodTotals): Record<Group766, number> {
  const q = rngFor(spec.seed, '766-quality', unit.id).next();
  const rng = rngFor(spec.seed, '766', unit.id, p.key);
  const noise = (sd: number) => sd * rng.normal();
  const yearsIn = p.year - 2022 + (p.type === 'month' ? 0.5 : 0);
  // 1.1–1.3 are province-level values repeated for every unit (as the portal does); 1.4 is the unit's sync
  const ckmbProvince = Math.min(11, 3.5 + 1.1 * yearsIn + rngFor(spec.seed, '766-ckmb', p.key).uniform(-0.5, 0.5));
  const sync = clamp01(0.8 + 0.18 * q + noise(0.02));
  const onTimeRatio = t.handled > 0 ? t.onTime / t.handled : 1;
  const online = t.newReceived > 0 ? t.online / t.newReceived : 0;
  const provided = clamp01(0.45 + 0.4 * q + 0.05 * yearsIn + noise(0.03));
  const withDossiers = clamp01(0.1 + 0.85 * q + noise(0.05));
  const payment = clamp01(0.05 + 0.65 * q + 0.07 * yearsIn + noise(0.04));
  const electronic = t.resolved > 0 ? t.electronic / t.resolved : 0;
  const digitized = t.newReceived > 0 ? t.digitized / t.newReceived : 0;
  const reuse = clamp01(0.4 + 0.5 * q + noise(0.05));
  const satisfaction = t.handled > 0 ? 1 - (t.overdue + t.dissatisfied + t.complaints) / t.handled : 1;
  const petitionsOnTime = rng.chance(0.3) ? 1 : clamp01(0.45 + 0.55 * q + noise(0.05));
  const petitionsSatisfied = clamp01(0.35 + 0.65 * q + noise(0.05));
  return {
    CKMB: round2(ckmbProvince + 6 * sync),
    TDGQ: round2(20 * onTimeRatio),
    ONLINE: round2(Math.min(2, (2 * provided) / 0.8) + 4 * withDossiers + Math.min(6, (6 * online) / 0.5)),
    TTTT: round2(10 * payment),
    MDSH: round2(
      6 * electronic + 4 * digitized + 2 * clamp01(0.5 + 0.5 * q) + Math.min(2, (2 * reuse) / 0.8) +
        4 * clamp01(0.05 + 0.15 * q) + 2 * clamp01(0.3 + 0.5 * q) + 2 * clamp01(0.1 + 0.85 * q + noise(0.05)),
    ),
    MDHL: round2(6 * Math.min(1, Math.max(0, satisfaction) / 0.9) + 6 * petitionsOnTime + 6 * petitionsSatisfied),
  };
}

const sumGroups = (g: Record<Group766, number>): number => round2(GROUPS_766.reduce((s, x) => s + g[x.code], 0));

interface Scored {
  unitId: string;
  group?: 'AGENCY' | 'COMMUNE';
  order: number;
  groups: Record<Group766, number>;
  total: number;
  totals: PeriodTotals;
  asOf: string;
}

/** Competition ranking (1, 2, 2, 4) by total, highest first; ties keep spec order for a stable file. */
function rank(items: Scored[]): Map<string, { rank: number; of: number }> {
  const sorted = [...items].sort((a, b) => b.total - a.total || a.order - b.order);
  const out = new Map<string, { rank: number; of: number }>();
  sorted.forEach((s, i) => {
    const r = i > 0 && sorted[i - 1].total === s.total ? out.get(sorted[i - 1].unitId)!.rank : i + 1;
    out.set(s.unitId, { rank: r, of: sorted.length });
  });
  return out;
}

function row766(p: Period, s: Scored, component: 'TOTAL' | Group766, ranks?: { rank: number; of: number }): Row {
  const max = component === 'TOTAL' ? 100 : GROUPS_766.find((g) => g.code === component)!.max;
  const score = component === 'TOTAL' ? s.total : s.groups[component];
  let numerator: number | null = null;
  let denominator: number | null = null;
  let ratio: number | null = component === 'TOTAL' ? s.total : null;
  if (component === 'TDGQ' && s.totals.handled > 0) {
    numerator = s.totals.onTime;
    denominator = s.totals.handled;
    ratio = round2((100 * numerator) / denominator);
  }
  if (component === 'ONLINE' && s.totals.newReceived > 0) {
    numerator = s.totals.online;
    denominator = s.totals.newReceived;
    ratio = round2((100 * numerator) / denominator);
  }
  return {
    index: '766', component, period_type: p.type, period: p.key, as_of: s.asOf, unit_id: s.unitId,
    score, max_score: max, numerator, denominator, ratio,
    rank: ranks?.rank ?? null, rank_of: ranks?.of ?? null, rank_group: ranks ? s.group ?? null : null,
    source: SOURCE_766, quality_flag: null,
  };
}

function build766(spec: SampleSpec, totals: Map<string, Map<string, PeriodTotals>>): Row[] {
  const rows: Row[] = [];
  const scoredUnits = spec.units.filter((u) => u.level === 'agency' || u.level === 'commune');
  for (const p of periods766(spec)) {
    const scored: Scored[] = [];
    scoredUnits.forEach((u, order) => {
      const t = totals.get(u.id)?.get(p.key);
      if (!t) return; // the unit did not exist in this period: no score, and none carried across a merger
      const groups = unitGroups(spec, u, p, t);
      const asOf = u.validTo && u.validTo < p.end ? u.validTo : p.end;
      scored.push({ unitId: u.id, group: u.level === 'agency' ? 'AGENCY' : 'COMMUNE', order, groups, total: sumGroups(groups), totals: t, asOf });
    });
    // the province: timeliness from all its units' counts, the other groups as the mean of its units'
    const pt = totals.get(spec.province.id)?.get(p.key);
    if (pt && scored.length) {
      const groups = {} as Record<Group766, number>;
      for (const g of GROUPS_766) groups[g.code] = round2(scored.reduce((s, x) => s + x.groups[g.code], 0) / scored.length);
      groups.TDGQ = round2((20 * pt.onTime) / pt.handled);
      rows.push(...componentRows(p, { unitId: spec.province.id, order: -1, groups, total: sumGroups(groups), totals: pt, asOf: p.end }));
    }
    const ranks = new Map<string, { rank: number; of: number }>();
    for (const g of ['AGENCY', 'COMMUNE'] as const) for (const [k, v] of rank(scored.filter((s) => s.group === g))) ranks.set(k, v);
    for (const s of scored) rows.push(...componentRows(p, s, ranks.get(s.unitId)));
  }
  return rows;
}

function componentRows(p: Period, s: Scored, ranks?: { rank: number; of: number }): Row[] {
  return [row766(p, s, 'TOTAL', ranks), ...GROUPS_766.map((g) => row766(p, s, g.code))];
}

/** DDCI: yearly TOTAL (0–100) for Sở and the old district, for the years the unit existed at year end. */
function buildDdci(spec: SampleSpec): Row[] {
  const rows: Row[] = [];
  const units = spec.units.filter((u) => u.level === 'agency' || u.level === 'district');
  for (const y of spec.ddciYears) {
    const yearEnd = `${y}-12-31`;
    const alive = units.filter((u) => (!u.validFrom || u.validFrom <= yearEnd) && (!u.validTo || u.validTo >= yearEnd));
    const scores = alive.map((u) => {
      const q = rngFor(spec.seed, 'ddci-quality', u.id).next();
      const drift = rngFor(spec.seed, 'ddci-drift', u.id).uniform(0, 1.2);
      const noise = rngFor(spec.seed, 'ddci', u.id, y).normal() * 1.8;
      return { u, score: round2(Math.min(98, Math.max(50, 68 + 20 * q + drift * (y - spec.ddciYears[0]) + noise))) };
    });
    const agencies = scores.filter((s) => s.u.level === 'agency').sort((a, b) => b.score - a.score || cmp(a.u.id, b.u.id));
    const rankOf = new Map<string, number>();
    agencies.forEach((s, i) => rankOf.set(s.u.id, i > 0 && agencies[i - 1].score === s.score ? rankOf.get(agencies[i - 1].u.id)! : i + 1));
    for (const s of scores) {
      const ranked = s.u.level === 'agency';
      rows.push({
        index: 'DDCI', component: 'TOTAL', period_type: 'year', period: String(y), as_of: `${y + 1}-03-31`, unit_id: s.u.id,
        score: s.score, max_score: 100, numerator: null, denominator: null, ratio: null,
        rank: ranked ? rankOf.get(s.u.id)! : null, rank_of: ranked ? agencies.length : null,
        rank_group: ranked ? 'SO_NGANH' : 'HUYEN',
        source: `Kết quả DDCI ${spec.province.name} năm ${y} (mô phỏng)`, quality_flag: null,
      });
    }
  }
  return rows;
}

export function buildIndexScores(spec: SampleSpec, counts: Row[]): Row[] {
  return [...build766(spec, periodTotals(spec, counts)), ...buildDdci(spec), ...buildProvinceIndices(spec)];
}

