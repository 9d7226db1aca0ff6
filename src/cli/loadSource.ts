// Load a package folder, a datapackage.json, or single files as publishers export them (Biểu 06
// CSV/XLSX, 766 JSON, index tables, canonical files) into a Node DuckDB, through the same readers,
// loader and validator as the browser. Nothing is loaded when the source has errors.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/types';
import { loadIntoDb } from '../db/tables';
import { importFiles, type ImportOptions } from '../datasets/files';
import { loadPackage } from '../datasets/package';
import { hasErrors, type LoadedDataset } from '../datasets/types';
import { folderSource, resolveSource } from './nodeSource';

/** Single files → one dataset (the browser's import path, without the preview). */
export async function loadFiles(db: Db, files: string[], opts: ImportOptions = {}): Promise<LoadedDataset> {
  const inputs = await Promise.all(files.map(async (f) => ({ name: path.basename(f), bytes: new Uint8Array(await readFile(f)) })));
  // A portal response saved as ".../api-20260917-104019/response.json" dates itself by its folder only:
  // the day is taken from there (a file that states its own date keeps it).
  const perFile: NonNullable<ImportOptions['perFile']> = { ...opts.perFile };
  for (const f of files) {
    const m = /(20\d{2})(\d{2})(\d{2})-\d{6}/.exec(path.basename(path.dirname(f)));
    const name = path.basename(f);
    if (m && !perFile[name]?.asOf) perFile[name] = { ...perFile[name], asOf: `${m[1]}-${m[2]}-${m[3]}` };
  }
  const { dataset } = await importFiles(inputs, { ...opts, perFile });
  dataset.meta.origin = files.map((f) => path.resolve(f)).join('|');
  if (!hasErrors(dataset.issues)) await loadIntoDb(db, dataset);
  return dataset;
}

export async function loadSource(db: Db, source: string | string[]): Promise<LoadedDataset> {
  const sources = Array.isArray(source) ? source : [source];
  if (sources.length === 1) {
    const where = await resolveSource(sources[0]);
    if (where.kind === 'package') {
      const ds = await loadPackage(folderSource(where.dir), where.descriptor);
      if (!hasErrors(ds.issues)) await loadIntoDb(db, ds);
      return ds;
    }
  }
  const files: string[] = [];
  for (const s of sources) {
    const where = await resolveSource(s);
    if (where.kind === 'package') throw new Error(`a package cannot be combined with single files: ${s}`);
    files.push(where.file);
  }
  return loadFiles(db, files);
}
