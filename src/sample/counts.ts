// dossier_counts rows (data contract §2.3, the Biểu 06 columns) for every unit, field and month.
// Stocks are exact on every row: received (online + offline + carried_over) = resolved + pending, and a
// month's carried_over is the previous month's pending of the same unit and field, so the sample loads
// with no error and no warning.
import { existsInMonth, monthRange, seasonality, type Month } from './periods';
import { rngFor, type Prng } from './prng';
import {
  DIGITIZED, ONLINE_FULL, OVERDUE_YEAR_FACTOR, RATING, RESULT_ELECTRONIC, onlineRamp, yearValue,
} from './rates';
import type { FieldSpec, MonthPattern, SampleSpec, UnitSpec } from './spec';
import type { Row } from './units';

/** One unit–field series: the months it runs and what it expects each month. */
interface Series {
  unit: UnitSpec;
  field: FieldSpec;
  months: Month[];
  /** expected new dossiers per month (volume × season × trend), before noise */
  expected: number[];
  /** online propensity of this unit–field relative to the province (mean ≈ 1 by volume) */
  onlineFactor: number;
}

/** plain code-unit order: the same on every machine, unlike localeCompare */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Is `m` the last month of a unit that ends (merged or abolished)? Its pending stock is closed then. */
const isLastMonth = (u: UnitSpec, m: Month) => Boolean(u.validTo) && u.validTo!.slice(0, 7) === m.key;

function buildSeries(spec: SampleSpec): Series[] {
  const all = monthRange(spec.months.from, spec.months.to);
  const first = all[0];
  const out: Series[] = [];
  for (const unit of spec.units) {
    if (unit.mirrorOf) continue; // divisions repeat their Sở's rows
    for (const field of unit.fields) {
      const months = all.filter((m) => existsInMonth(m, unit.validFrom, unit.validTo) && (!field.from || m.key >= field.from));
      const expected = months.map((m) => {
        const yearsIn = (m.year - first.year) + (m.month - first.month) / 12;
        return field.volume * seasonality(m) * Math.pow(1.04, yearsIn);
      });
      const onlineFactor = rngFor(spec.seed, 'online', unit.id, field.name).uniform(0.7, 1.3);
      out.push({ unit, field, months, expected, onlineFactor });
    }
  }
  return out;
}

/**
 * Calibration so that the province-wide online share of each year lands on spec.onlineShare: the sum,
 * over all series, of expected volume × ramp × factor is scaled to anchor × expected volume.
 */
function onlineScale(spec: SampleSpec, series: Series[]): Map<number, number> {
  const num = new Map<number, number>();
  const den = new Map<number, number>();
  for (const s of series) {
    s.months.forEach((m, i) => {
      const w = s.expected[i];
      num.set(m.year, (num.get(m.year) ?? 0) + w * onlineRamp(spec.onlineShare, m.year, m.month) * s.onlineFactor);
      den.set(m.year, (den.get(m.year) ?? 0) + w);
    });
  }
  const scale = new Map<number, number>();
  for (const [y, d] of den) scale.set(y, (yearValue(spec.onlineShare, y) * d) / (num.get(y) || 1));
  return scale;
}

interface Counts {
  received_online: number;
  received_offline: number;
  received_postal: number;
  received_online_full: number;
  carried_over: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_overdue: number;
  pending_within: number;
  pending_overdue: number;
  apologies_issued: number;
  digitized: number;
  results_electronic: number;
  ratings_total: number;
  ratings_dissatisfied: number;
  complaints: number;
}

/** Per-series habits drawn once, so a unit–field keeps a recognisable character over the years. */
interface Habits {
  pendingShare: number;
  earlyShare: number;
  overdueFactor: number;
  postalShare: number;
  digitizedFactor: number;
}

function drawHabits(rng: Prng): Habits {
  return {
    pendingShare: rng.uniform(0.06, 0.22),
    earlyShare: rng.uniform(0.72, 0.94),
    overdueFactor: rng.uniform(0.5, 1.5),
    postalShare: rng.uniform(0.01, 0.04),
    digitizedFactor: rng.uniform(0.88, 1.1),
  };
}

interface MonthContext {
  m: Month;
  expected: number;
  pOnline: number;
  carried: number;
  prevPendingOverdue: number;
  /** close the pending stock this month (the unit ends) */
  closeStock: boolean;
  /** no pending-overdue dossier may be left this month (a pattern fixes next month's overdue) */
  noPendingOverdue: boolean;
  pattern?: MonthPattern;
}

function monthCounts(unit: UnitSpec, field: FieldSpec, h: Habits, c: MonthContext, rng: Prng): Counts {
  const y = c.m.year;
  const newCount = rng.poisson(c.expected * Math.exp(0.1 * rng.normal()));
  const online = rng.binomial(newCount, c.pOnline);
  const offline = newCount - online;
  const postal = rng.binomial(offline, h.postalShare);
  const onlineFull = rng.binomial(online, clamp(yearValue(ONLINE_FULL, y) + 0.05 * rng.normal(), 0.02, 0.95));
  const handled = newCount + c.carried;

  let pending = c.closeStock ? 0 : Math.min(handled, Math.round(newCount * h.pendingShare * rng.uniform(0.8, 1.2)));
  let pendingOverdue: number;
  let resolvedOverdue: number;
  let apologies: number;
  if (c.pattern) {
    const p = c.pattern.overdue[field.name] ?? { resolved: 0, pending: 0, apologies: 0 };
    pendingOverdue = p.pending;
    resolvedOverdue = p.resolved;
    apologies = p.apologies;
    pending = Math.max(pending, pendingOverdue);
    if (resolvedOverdue + pending > handled || c.prevPendingOverdue > 0) {
      throw new Error(`Mẫu không khớp / pattern does not fit ${unit.id} ${field.name} ${c.m.key}`);
    }
  } else {
    const rate = unit.overdue * yearValue(OVERDUE_YEAR_FACTOR, y) * h.overdueFactor;
    // dossiers already overdue last month are still overdue now, resolved or not
    const overdue = Math.min(handled, Math.max(c.prevPendingOverdue, rng.poisson(handled * rate)));
    pendingOverdue = c.noPendingOverdue ? 0 : Math.min(pending, rng.binomial(overdue, 0.35));
    resolvedOverdue = overdue - pendingOverdue;
    if (resolvedOverdue > handled - pending) pending = Math.max(pendingOverdue, handled - resolvedOverdue);
    apologies = rng.binomial(overdue, unit.apology);
  }
  const resolved = handled - pending;
  const resolvedInTime = resolved - resolvedOverdue;
  const early = rng.binomial(resolvedInTime, h.earlyShare);

  const ratingPattern = c.pattern?.ratings?.[field.name];
  const ratings = ratingPattern ? ratingPattern.total : rng.binomial(resolved, yearValue(RATING, y));
  const overdueTotal = resolvedOverdue + pendingOverdue;
  const dissatisfied = ratingPattern
    ? ratingPattern.dissatisfied
    : rng.binomial(ratings, overdueTotal > 0 ? 0.06 : 0.025);
  if (ratings > resolved) throw new Error(`ratings > resolved for ${unit.id} ${field.name} ${c.m.key}`);

  return {
    received_online: online,
    received_offline: offline,
    received_postal: postal,
    received_online_full: onlineFull,
    carried_over: c.carried,
    resolved_early: early,
    resolved_on_time: resolvedInTime - early,
    resolved_overdue: resolvedOverdue,
    pending_within: pending - pendingOverdue,
    pending_overdue: pendingOverdue,
    apologies_issued: apologies,
    digitized: rng.binomial(newCount, clamp(yearValue(DIGITIZED, y) * h.digitizedFactor, 0, 0.99)),
    results_electronic: rng.binomial(resolved, clamp(yearValue(RESULT_ELECTRONIC, y) * h.digitizedFactor, 0, 0.99)),
    ratings_total: ratings,
    ratings_dissatisfied: dissatisfied,
    complaints: Math.min(resolved, rng.poisson(resolved * 0.0015 + overdueTotal * 0.05)),
  };
}

/** All dossier_counts rows of the sample, ordered by month, then unit (spec order), then field. */
export function buildDossierCounts(spec: SampleSpec): Row[] {
  const series = buildSeries(spec);
  const scale = onlineScale(spec, series);
  const patterns = new Map(spec.patterns.map((p) => [`${p.unit}|${p.month}`, p]));
  const nextMonthKey = (m: Month) => (m.month === 12 ? `${m.year + 1}-01` : `${m.year}-${String(m.month + 1).padStart(2, '0')}`);
  const startsFresh = (s: Series) => Boolean(s.unit.validFrom && s.unit.validFrom > `${spec.months.from}-01`) || Boolean(s.field.from);

  const rowsBySeries: Row[][] = [];
  for (const s of series) {
    const rng = rngFor(spec.seed, 'counts', s.unit.id, s.field.name);
    const habits = drawHabits(rng);
    // a series already running when the sample starts has a pending stock; a new unit or field starts empty
    let carried = startsFresh(s) ? 0 : Math.round(s.expected[0] * habits.pendingShare);
    let prevPendingOverdue = 0;
    const rows: Row[] = [];
    s.months.forEach((m, i) => {
      const pOnline = clamp(onlineRamp(spec.onlineShare, m.year, m.month) * s.onlineFactor * (scale.get(m.year) ?? 1), 0.005, 0.97);
      const c = monthCounts(s.unit, s.field, habits, {
        m,
        expected: s.expected[i],
        pOnline,
        carried,
        prevPendingOverdue,
        closeStock: isLastMonth(s.unit, m),
        noPendingOverdue: patterns.has(`${s.unit.id}|${nextMonthKey(m)}`),
        pattern: patterns.get(`${s.unit.id}|${m.key}`),
      }, rng);
      carried = c.pending_within + c.pending_overdue;
      prevPendingOverdue = c.pending_overdue;
      rows.push({ period_start: m.start, period_end: m.end, unit_id: s.unit.id, field: s.field.name, ...c });
    });
    rowsBySeries.push(rows);
  }

  // divisions: the same rows as their Sở for the fields they handle, while they exist
  for (const d of spec.units.filter((u) => u.mirrorOf)) {
    const fields = new Set(d.fields.map((x) => x.name));
    const rows: Row[] = [];
    for (const list of rowsBySeries) {
      for (const r of list) {
        if (r.unit_id !== d.mirrorOf || !fields.has(r.field as string)) continue;
        if ((d.validFrom && d.validFrom > (r.period_end as string)) || (d.validTo && d.validTo < (r.period_start as string))) continue;
        rows.push({ ...r, unit_id: d.id });
      }
    }
    rowsBySeries.push(rows);
  }

  const unitOrder = new Map(spec.units.map((u, i) => [u.id, i]));
  const fieldOrder = new Map<string, number>();
  for (const u of spec.units) u.fields.forEach((f, i) => fieldOrder.set(`${u.id}|${f.name}`, i));
  const rows = rowsBySeries.flat();
  rows.sort((a, b) =>
    cmp(a.period_start as string, b.period_start as string) ||
    unitOrder.get(a.unit_id as string)! - unitOrder.get(b.unit_id as string)! ||
    fieldOrder.get(`${a.unit_id}|${a.field}`)! - fieldOrder.get(`${b.unit_id}|${b.field}`)!,
  );
  return rows;
}
