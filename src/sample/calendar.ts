// Working days for the dossier generator. Times are "wall-clock Vietnam time" kept as milliseconds of a
// UTC clock (no offset): a dossier received at 08:15 in Hà Nội is 08:15 here, whatever the machine's zone.
// Public holidays are the official days off of 2024–2026 as announced (approximate for 2026; see
// data/README.md); they only shape the data, nothing is computed from them later.

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** days since 1970-01-01 of an ISO date */
export const dayNumber = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;

export const isoOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday) */
export const weekday = (day: number): number => (day + 4) % 7;

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = dayNumber(from); d <= dayNumber(to); d++) out.push(isoOfDay(d));
  return out;
}

export const HOLIDAYS: ReadonlySet<number> = new Set(
  [
    '2024-01-01', ...range('2024-02-08', '2024-02-14'), '2024-04-18', '2024-04-29', '2024-04-30', '2024-05-01',
    '2024-09-02', '2024-09-03',
    '2025-01-01', ...range('2025-01-25', '2025-02-02'), '2025-04-07', '2025-04-30', '2025-05-01', '2025-05-02',
    '2025-09-01', '2025-09-02',
    '2026-01-01', ...range('2026-02-14', '2026-02-22'), '2026-04-27', '2026-04-30', '2026-05-01', '2026-09-01', '2026-09-02',
  ].map(dayNumber),
);

export const isWorkingDay = (day: number): boolean => {
  const w = weekday(day);
  return w !== 0 && w !== 6 && !HOLIDAYS.has(day);
};

/**
 * Working-day arithmetic over a fixed window, precomputed once: `add(day, k)` is the k-th working day
 * after `day` (k ≥ 0; k = 0 gives `day` itself if it is a working day, else the next one).
 */
export class WorkingCalendar {
  private readonly first: number;
  /** for each day of the window, the index of the first working day on or after it */
  private readonly nextIndex: Int32Array;
  private readonly workDays: number[] = [];

  constructor(from: string, to: string) {
    this.first = dayNumber(from);
    const last = dayNumber(to);
    this.nextIndex = new Int32Array(last - this.first + 1);
    for (let d = this.first; d <= last; d++) if (isWorkingDay(d)) this.workDays.push(d);
    let j = 0;
    for (let d = this.first; d <= last; d++) {
      while (j < this.workDays.length && this.workDays[j] < d) j++;
      this.nextIndex[d - this.first] = j;
    }
  }

  add(day: number, k: number): number {
    const i = this.nextIndex[day - this.first] + k;
    if (day < this.first || i >= this.workDays.length) throw new Error(`Ngày ngoài lịch / day outside the calendar: ${isoOfDay(day)}`);
    return this.workDays[i];
  }
}
