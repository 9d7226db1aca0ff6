// One row per dossier (data contract §2.4), for the units of the sample province, generated in chunks
// so that 10 million rows never sit in memory at once. Rows come from one seeded stream in order, so the
// output does not depend on the chunk size.
//
// Timing follows the 766 rules (domain.md §1.2 group 2): due_at = start + the procedure's working days;
// most dossiers finish early, some on the due day, a few late; time spent supplementing documents is
// added to finished_at but not counted against the unit; two supplement requests mean overdue.
import { DAY_MS, HOUR_MS, MINUTE_MS, WorkingCalendar, dayNumber, isWorkingDay, weekday } from './calendar';
import { MINH_HOA } from './names';
import { seasonality, makeMonth } from './periods';
import { Prng, fmix32, hashSeed, rngFor } from './prng'; // fmix32: distinct row numbers give distinct ids
import { DIGITIZED, ONLINE_FULL, RESULT_ELECTRONIC, onlineRamp, yearValue } from './rates';
import type { SampleSpec, UnitSpec } from './spec';

export interface DossierGenOptions {
  /** how many rows will be drawn in all: receipt days are spread over the range in order */
  rows: number;
  seed?: number;
  /** first and last day of received_at (ISO dates, both included) */
  from?: string;
  to?: string;
  spec?: SampleSpec;
}

/** Column buffers of one chunk, in the order of TABLES.dossiers. Times are epoch milliseconds of wall-clock time. */
export interface DossierChunk {
  length: number;
  dossier_id: string[];
  unit_id: string[];
  field: string[];
  procedure_code: string[];
  channel: number[];
  online_level: (string | null)[];
  received_at: number[];
  due_at: number[];
  finished_at: (number | null)[];
  status: number[];
  supplement_requests: number[];
  supplement_days: (number | null)[];
  apology_issued: boolean[];
  rating: (string | null)[];
  digitized: boolean[];
  result_electronic: boolean[];
}

export interface DossierStats {
  rows: number;
  online: number;
  pending: number;
  /** overdue by the 766 rule: finished after due (less supplement time), 2+ requests, or pending past due */
  overdue: number;
  rated: number;
  dissatisfied: number;
}

interface Procedure {
  code: string;
  /** legal time limit in working days */
  days: number;
  weight: number;
  /** offered as full-process (toàn trình) online service */
  fullOnline: boolean;
}

interface Combo {
  unit: UnitSpec;
  field: string;
  volume: number;
  /** first and last day (day numbers) the unit handles this field */
  firstDay: number;
  lastDay: number;
  onlineFactor: number;
  procedures: Procedure[];
  procedureCdf: Float64Array;
}

const DURATIONS = [3, 5, 7, 10, 12, 15, 20];
/** receipt weight by weekday, Sunday first: Monday queues, quiet Friday afternoons, Saturday mornings */
const WEEKDAY_WEIGHT = [0.08, 1.25, 1.12, 1.05, 1.0, 0.92, 0.22];
const HOLIDAY_WEIGHT = 0.1;

function cdfOf(weights: number[]): Float64Array {
  const cdf = new Float64Array(weights.length);
  let s = 0;
  weights.forEach((w, i) => (cdf[i] = s += w));
  return cdf;
}

/** index i with cdf[i-1] ≤ u·total < cdf[i] */
function search(cdf: Float64Array, u: number): number {
  const x = u * cdf[cdf.length - 1];
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** A national-style TTHC code ("1.00xxxx"), the same for a field's procedure at the same level everywhere. */
function procedureCode(level: string, field: string, j: number): string {
  return `1.${String(hashSeed('tthc', level, field, j) % 1_000_000).padStart(6, '0')}`;
}

export class DossierGenerator {
  readonly seed: number;
  readonly from: string;
  readonly to: string;
  private readonly rng: Prng;
  private readonly cal: WorkingCalendar;
  private readonly firstDay: number;
  private readonly lastDay: number;
  private readonly endMs: number;
  private readonly dayCdf: Float64Array;
  /** era index of each day (a new era starts when units or fields appear or end) */
  private readonly eraOfDay: Int32Array;
  /** province online share of the day's month, before the unit–field factor */
  private readonly dayOnline: Float64Array;
  /** chance that an online dossier of a full-process procedure is submitted full-process */
  private readonly dayFull: Float64Array;
  private readonly dayDigitized: Float64Array;
  private readonly dayElectronic: Float64Array;
  private readonly eras: { combos: Combo[]; cdf: Float64Array }[] = [];
  private readonly spec: SampleSpec;
  private readonly idSalt: number;
  private readonly idSalt2: number;
  private readonly rows: number;
  private row = 0;
  readonly stats: DossierStats = { rows: 0, online: 0, pending: 0, overdue: 0, rated: 0, dissatisfied: 0 };

  constructor(options: DossierGenOptions) {
    this.rows = options.rows;
    this.spec = options.spec ?? MINH_HOA;
    this.seed = options.seed ?? 20240101;
    this.from = options.from ?? '2024-01-01';
    this.to = options.to ?? '2026-10-31';
    this.rng = rngFor(this.seed, 'dossiers');
    this.idSalt = hashSeed(this.seed, 'id');
    this.idSalt2 = hashSeed(this.seed, 'id2');
    this.firstDay = dayNumber(this.from);
    this.lastDay = dayNumber(this.to);
    if (!(this.lastDay >= this.firstDay)) throw new Error(`Khoảng ngày rỗng / empty date range ${this.from}..${this.to}`);
    this.endMs = (this.lastDay + 1) * DAY_MS - 1000;
    // the calendar reaches well past the last day: late dossiers are due and finish after it
    this.cal = new WorkingCalendar(this.from, `${Number(this.to.slice(0, 4)) + 1}-12-31`);

    const combos = this.buildCombos();
    const days = this.lastDay - this.firstDay + 1;
    this.eraOfDay = new Int32Array(days);
    this.dayOnline = new Float64Array(days);
    this.dayFull = new Float64Array(days);
    this.dayDigitized = new Float64Array(days);
    this.dayElectronic = new Float64Array(days);
    const eraKeys = new Map<string, number>();
    const dayWeights: number[] = [];
    for (let d = this.firstDay; d <= this.lastDay; d++) {
      const i = d - this.firstDay;
      const list = combos.filter((c) => c.firstDay <= d && d <= c.lastDay);
      const key = list.map((c) => `${c.unit.id}|${c.field}`).join(';');
      let era = eraKeys.get(key);
      if (era === undefined) {
        era = this.eras.length;
        eraKeys.set(key, era);
        this.eras.push({ combos: list, cdf: cdfOf(list.map((c) => c.volume)) });
      }
      this.eraOfDay[i] = era;
      const eraCdf = this.eras[era].cdf;
      const date = new Date(d * DAY_MS);
      const m = makeMonth(date.getUTCFullYear(), date.getUTCMonth() + 1);
      // per-day rates, computed once instead of once per row
      this.dayOnline[i] = onlineRamp(this.spec.onlineShare, m.year, m.month);
      this.dayFull[i] = Math.min(1, yearValue(ONLINE_FULL, m.year) / 0.65);
      this.dayDigitized[i] = Math.min(0.98, yearValue(DIGITIZED, m.year) + 0.07);
      this.dayElectronic[i] = Math.min(0.98, yearValue(RESULT_ELECTRONIC, m.year) + 0.07);
      const dayFactor = isWorkingDay(d) || weekday(d) === 0 || weekday(d) === 6 ? WEEKDAY_WEIGHT[weekday(d)] : HOLIDAY_WEIGHT;
      dayWeights.push(dayFactor * seasonality(m) * Math.pow(1.04, i / 365) * (eraCdf[eraCdf.length - 1] || 0));
    }
    this.dayCdf = cdfOf(dayWeights);
  }

  /** Every unit that handles dossiers itself (not the province, not divisions that repeat their Sở). */
  private buildCombos(): Combo[] {
    const out: Combo[] = [];
    for (const unit of this.spec.units) {
      if (unit.mirrorOf || !['agency', 'commune', 'district'].includes(unit.level)) continue;
      for (const f of unit.fields) {
        const rng = rngFor(this.seed, 'procedures', unit.level, f.name);
        const n = rng.int(2, 4);
        const procedures: Procedure[] = [];
        for (let j = 0; j < n; j++) {
          procedures.push({ code: procedureCode(unit.level, f.name, j), days: rng.pick(DURATIONS), weight: rng.uniform(0.3, 1), fullOnline: rng.chance(0.65) });
        }
        const from = [unit.validFrom, f.from ? `${f.from}-01` : undefined].filter((x): x is string => Boolean(x)).sort().pop();
        out.push({
          unit, field: f.name, volume: f.volume, procedures,
          firstDay: from ? dayNumber(from) : -Infinity,
          lastDay: unit.validTo ? dayNumber(unit.validTo) : Infinity, procedureCdf: cdfOf(procedures.map((p) => p.weight)),
          onlineFactor: rngFor(this.seed, 'online', unit.id, f.name).uniform(0.7, 1.3),
        });
      }
    }
    return out;
  }

  /** The next `count` rows (never more than `rows` in all). */
  next(count: number): DossierChunk {
    if (this.row + count > this.rows) throw new Error(`Quá số dòng đã hẹn / more rows than announced (${this.rows})`);
    const c: DossierChunk = {
      length: count, dossier_id: new Array(count), unit_id: new Array(count), field: new Array(count),
      procedure_code: new Array(count), channel: new Array(count), online_level: new Array(count),
      received_at: new Array(count), due_at: new Array(count), finished_at: new Array(count), status: new Array(count),
      supplement_requests: new Array(count), supplement_days: new Array(count), apology_issued: new Array(count),
      rating: new Array(count), digitized: new Array(count), result_electronic: new Array(count),
    };
    for (let i = 0; i < count; i++) this.fill(c, i);
    return c;
  }

  private fill(c: DossierChunk, i: number): void {
    const rng = this.rng;
    const n = this.row++;
    // rows come in receipt order (as a one-stop system exports them), so a Parquet row group covers a
    // short span of days and its min/max statistics let a reader skip the others
    const day = this.firstDay + search(this.dayCdf, (n + 0.5) / this.rows);
    const era = this.eras[this.eraOfDay[day - this.firstDay]];
    const combo = era.combos[search(era.cdf, rng.next())];
    const proc = combo.procedures[search(combo.procedureCdf, rng.next())];
    const di = day - this.firstDay;

    // channel: offices are closed on Sundays and holidays, so those dossiers came online
    const pOnline = Math.min(0.97, this.dayOnline[di] * combo.onlineFactor);
    const closed = !isWorkingDay(day) && weekday(day) !== 6;
    const channel = closed || rng.chance(pOnline) ? 2 : rng.chance(0.03) ? 3 : 1;
    const onlineLevel = channel !== 2 ? null : proc.fullOnline && rng.chance(this.dayFull[di]) ? 'full' : 'partial';

    // time of receipt: desk hours for paper, any time (mostly office hours) online
    let tod: number;
    if (channel === 2) {
      const r = rng.next();
      tod = r < 0.85 ? rng.uniform(7 * HOUR_MS, 17.5 * HOUR_MS) : r < 0.97 ? rng.uniform(17.5 * HOUR_MS, 23 * HOUR_MS) : rng.uniform(0, 7 * HOUR_MS);
    } else {
      const morning = weekday(day) === 6 || rng.chance(0.6);
      tod = morning ? rng.uniform(7.5 * HOUR_MS, 11.5 * HOUR_MS) : rng.uniform(13.5 * HOUR_MS, 17 * HOUR_MS);
    }
    const receivedAt = day * DAY_MS + Math.floor(tod / 1000) * 1000;
    const startDay = isWorkingDay(day) && tod < 17 * HOUR_MS ? day : this.cal.add(day + 1, 0);
    const dueDay = this.cal.add(startDay, proc.days);
    const dueAt = dueDay * DAY_MS + 17 * HOUR_MS;

    const rq = rng.next();
    let requests = rq < 0.89 ? 0 : rq < 0.99 ? 1 : 2;
    let supplementDays: number | null = requests ? Math.round(rng.uniform(1, 12) * requests * 2) / 2 : null;

    let finishedAt: number | null = null;
    let status: number;
    let late = false;
    const ageDays = this.lastDay - day;
    if (rng.chance(0.55 * Math.exp(-ageDays / 75))) {
      // still open at the end: waiting for the citizen's documents or fee, or simply in process
      const s = rng.next();
      status = s < 0.55 ? 5 : s < 0.8 ? 6 : 4;
      if (status === 5 && requests === 0) requests = 1;
      if (status === 5) supplementDays = null; // still supplementing: not known yet
    } else {
      const kind = rng.next();
      const timing = rng.next();
      if (kind < 0.04) {
        // refused at receipt (Không được tiếp nhận): decided within hours
        status = 3;
        requests = 0;
        supplementDays = null;
        finishedAt = Math.max(receivedAt, startDay * DAY_MS + 7.5 * HOUR_MS) + Math.floor(rng.uniform(0.5, 4) * HOUR_MS / MINUTE_MS) * MINUTE_MS;
      } else {
        status = kind < 0.065 ? 7 : kind < 0.08 ? 8 : rng.chance(0.09) ? 9 : 10;
        let finishDay: number;
        if (status === 10 || status === 9) {
          if (timing < 0.035) {
            late = true;
            let extra = 1;
            while (rng.chance(0.45) && extra < 15) extra++;
            finishDay = this.cal.add(dueDay, extra);
          } else if (timing < 0.155) {
            finishDay = dueDay;
          } else {
            finishDay = this.cal.add(startDay, Math.min(proc.days - 1, Math.floor(proc.days * Math.pow(rng.next(), 1.5))));
          }
        } else {
          finishDay = this.cal.add(startDay, Math.floor(rng.next() * proc.days)); // withdrawn or stopped before the deadline
        }
        finishedAt = Math.max(receivedAt + 30 * MINUTE_MS, finishDay * DAY_MS + Math.floor(rng.uniform(7.5 * HOUR_MS, 17 * HOUR_MS) / 1000) * 1000);
        if (supplementDays) finishedAt += supplementDays * DAY_MS;
      }
      if (finishedAt > this.endMs) {
        // not finished by the end of the data: pending, in whatever state it was in
        finishedAt = null;
        late = false;
        status = requests > 0 ? 5 : ageDays <= 1 ? 2 : rng.chance(0.1) ? 6 : 4;
        if (status === 5) supplementDays = null;
      }
    }
    const pending = finishedAt === null;
    const overdue = pending ? dueAt < this.endMs && status !== 5 : late || requests >= 2;
    const apology = overdue && rng.chance(0.85);
    let rating: string | null = null;
    if (!pending && (status === 9 || status === 10) && rng.chance(0.33)) {
      const r = rng.next();
      rating = r < (overdue ? 0.25 : 0.02) ? 'dissatisfied' : r < 0.64 ? 'very_satisfied' : 'satisfied';
    }
    const digitized = rng.chance(this.dayDigitized[di]);
    const electronic = !pending && (status === 9 || status === 10) && rng.chance(this.dayElectronic[di]);

    c.dossier_id[i] = `HS${hex8(fmix32((n + this.idSalt) >>> 0))}${hex8(fmix32((n ^ this.idSalt2) >>> 0))}`;
    c.unit_id[i] = combo.unit.id;
    c.field[i] = combo.field;
    c.procedure_code[i] = proc.code;
    c.channel[i] = channel;
    c.online_level[i] = onlineLevel;
    c.received_at[i] = receivedAt;
    c.due_at[i] = dueAt;
    c.finished_at[i] = finishedAt;
    c.status[i] = status;
    c.supplement_requests[i] = requests;
    c.supplement_days[i] = supplementDays;
    c.apology_issued[i] = apology;
    c.rating[i] = rating;
    c.digitized[i] = digitized;
    c.result_electronic[i] = electronic;

    const s = this.stats;
    s.rows++;
    if (channel === 2) s.online++;
    if (pending) s.pending++;
    if (overdue) s.overdue++;
    if (rating) s.rated++;
    if (rating === 'dissatisfied') s.dissatisfied++;
  }
}
