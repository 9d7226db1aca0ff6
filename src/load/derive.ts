// Tables the load step derives after the counts are in place, in order. Each step reads only what the
// database holds (dossier_counts, dossier_counts_by_channel, units), so it runs the same after a raw
// import, a package load and in the pack command (native DuckDB), with one SQL dialect.
import type { Db } from '../db/types';
import { buildCube } from './cube';

export interface DeriveStep {
  name: string;
  run(db: Db): Promise<unknown>;
}

/** The cumulative cube (issue 12 item 3, src/load/cube.ts): running totals per series and slot. */
export const DERIVE_STEPS: DeriveStep[] = [{ name: 'cube', run: buildCube }];
