// The sample package as a whole: build every table from a spec, write the CSVs and datapackage.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TableName } from '../datasets/types';
import { buildDossierCounts } from './counts';
import { buildDatapackage } from './datapackage';
import { buildIndexScores } from './indexScores';
import { MINH_HOA } from './names';
import { SMALL_VARIANT } from './smallVariant';
import type { SampleSpec } from './spec';
import { buildTargets } from './targets';
import { buildLineage, buildUnits, type Row } from './units';
import { toCsv } from './writeCsv';

export type SampleVariant = 'main' | 'small';

export interface SampleOptions {
  variant?: SampleVariant;
  /** overrides the variant's own seed */
  seed?: number;
}

export type SampleTables = Partial<Record<TableName, Row[]>>;

export function sampleSpec(options: SampleOptions = {}): SampleSpec {
  const base = options.variant === 'small' ? SMALL_VARIANT : MINH_HOA;
  return options.seed === undefined ? base : { ...base, seed: options.seed };
}

/** Every table of the sample, in memory (rows keyed by contract column names). */
export function generateSample(options: SampleOptions = {}): { spec: SampleSpec; tables: SampleTables } {
  const spec = sampleSpec(options);
  const dossierCounts = buildDossierCounts(spec);
  const tables: SampleTables = {
    units: buildUnits(spec),
    ...(spec.noLineage ? {} : { unit_lineage: buildLineage(spec) }),
    dossier_counts: dossierCounts,
    index_scores: buildIndexScores(spec, dossierCounts),
    targets: buildTargets(spec),
  };
  return { spec, tables };
}

export interface WrittenPackage {
  dir: string;
  files: string[];
  rows: Partial<Record<TableName, number>>;
  bytes: number;
}

/** Writes `<table>.csv` files and datapackage.json into `dir` (created if needed). */
export function writeSamplePackage(dir: string, options: SampleOptions = {}): WrittenPackage {
  const { spec, tables } = generateSample(options);
  mkdirSync(dir, { recursive: true });
  const names = Object.keys(tables) as TableName[];
  const files: string[] = [];
  const rows: Partial<Record<TableName, number>> = {};
  let bytes = 0;
  for (const name of names) {
    const text = toCsv(name, tables[name]!);
    writeFileSync(join(dir, `${name}.csv`), text, 'utf8');
    files.push(`${name}.csv`);
    rows[name] = tables[name]!.length;
    bytes += Buffer.byteLength(text);
  }
  const pkg = JSON.stringify(buildDatapackage(spec, names), null, 2) + '\n';
  writeFileSync(join(dir, 'datapackage.json'), pkg, 'utf8');
  files.push('datapackage.json');
  bytes += Buffer.byteLength(pkg);
  return { dir, files, rows, bytes };
}
