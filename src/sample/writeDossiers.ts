// Streams N generated dossiers to dossiers.parquet and/or dossiers.csv in `out`, chunk by chunk, and
// makes the folder a package (units.csv + datapackage.json). Used by the data:dossiers command, the
// benchmark and the tests.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resource } from './datapackage';
import { csvSink, parquetSink, type DossierSink } from './dossierSinks';
import { DossierGenerator, type DossierStats } from './dossiers';
import { MINH_HOA } from './names';
import { buildUnits } from './units';
import { toCsv } from './writeCsv';
import { SAMPLE_PACKAGE_PREFIX } from '../metrics/freshness';

export type DossierFormat = 'parquet' | 'csv';

export interface WriteDossiersOptions {
  rows: number;
  out: string;
  seed?: number;
  formats?: DossierFormat[];
  /** rows per chunk (and per Parquet row group) */
  chunk?: number;
}

export interface WrittenDossiers {
  files: { path: string; bytes: number }[];
  seconds: number;
  seed: number;
  stats: DossierStats;
}

export const DEFAULT_CHUNK = 262_144;

export function writeDossierFiles(options: WriteDossiersOptions): WrittenDossiers {
  const { rows, out } = options;
  const formats = options.formats ?? ['parquet', 'csv'];
  const chunk = options.chunk ?? DEFAULT_CHUNK;
  if (!Number.isSafeInteger(rows) || rows < 0) throw new Error(`Số dòng không hợp lệ / invalid row count ${rows}`);
  if (!Number.isSafeInteger(chunk) || chunk < 1) throw new Error(`Cỡ khối không hợp lệ / invalid chunk size ${chunk}`);
  if (!formats.length) throw new Error('Chưa chọn định dạng / no format chosen');
  mkdirSync(out, { recursive: true });

  const gen = new DossierGenerator({ rows, seed: options.seed });
  const paths = formats.map((f) => join(out, `dossiers.${f}`));
  const sinks: DossierSink[] = formats.map((f, i) =>
    f === 'parquet'
      ? parquetSink(paths[i], [{ key: 'chiso.generator', value: `generate-dossiers seed=${gen.seed} rows=${rows}` }])
      : csvSink(paths[i]),
  );
  const t0 = performance.now();
  for (let done = 0; done < rows; ) {
    const n = Math.min(chunk, rows - done);
    const c = gen.next(n); // only this chunk is alive: memory does not grow with N
    for (const s of sinks) s.write(c);
    done += n;
  }
  for (const s of sinks) s.close();
  const seconds = (performance.now() - t0) / 1000;

  // the folder is a package: the sample's units and the dossiers (Parquet preferred)
  writeFileSync(join(out, 'units.csv'), toCsv('units', buildUnits(MINH_HOA)), 'utf8');
  const main = formats.includes('parquet') ? 'parquet' : 'csv';
  const dossiersRes = {
    ...resource('dossiers'),
    path: `dossiers.${main}`,
    ...(main === 'parquet' ? { format: 'parquet', mediatype: 'application/vnd.apache.parquet' } : {}),
  };
  const pkg = {
    name: `${SAMPLE_PACKAGE_PREFIX}-ho-so`,
    title: `Hồ sơ mẫu – Tỉnh Minh Họa, ${rows} hồ sơ (số liệu minh họa, không phải số liệu thật)`,
    created: MINH_HOA.created,
    resources: [resource('units'), dossiersRes],
    sources: [{ title: `Sinh tự động bởi chiso (src/cli/generate-dossiers.ts, hạt giống ${gen.seed}); số liệu mô phỏng` }],
    licenses: [{ name: 'CC0-1.0', path: 'https://creativecommons.org/publicdomain/zero/1.0/' }],
  };
  writeFileSync(join(out, 'datapackage.json'), JSON.stringify(pkg, null, 2) + '\n', 'utf8');
  return { files: paths.map((p) => ({ path: p, bytes: statSync(p).size })), seconds, seed: gen.seed, stats: gen.stats };
}
