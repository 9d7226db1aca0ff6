// What the oversight sections need from the page's state (src/pages/oversight/useOversight.ts fills it
// from the URL). Declared here so the sections depend on a shape, not on the page.
import type { ComputedRef } from 'vue';
import type { WindowKind, YearWindow } from '../../metrics/oversight';

/** At most this many units on one chart: more lines cannot be told apart. */
export const MAX_UNITS = 8;

export interface OversightFilters {
  units: ComputedRef<string[]>;
  /** ids in the URL that the dataset does not know (told to the reader, never silently dropped) */
  unknownUnits: ComputedRef<string[]>;
  metricId: ComputedRef<string>;
  years: ComputedRef<number[]>;
  /** every year of the data */
  available: ComputedRef<number[]>;
  window: ComputedRef<WindowKind>;
  lineage: ComputedRef<boolean>;
  rankMetric: ComputedRef<string>;
  fieldUnit: ComputedRef<string | null>;
  reportUnit: ComputedRef<string | null>;
  windows: ComputedRef<YearWindow[]>;
  /** every unit of the chosen level */
  levelUnits: ComputedRef<string[]>;
  set(patch: Partial<Record<'units' | 'metric' | 'years' | 'window' | 'lineage' | 'rank' | 'fieldUnit' | 'report', string | undefined>>): Promise<unknown>;
  setUnits(ids: string[]): Promise<unknown>;
  setYears(from: number, to: number): Promise<unknown>;
}
