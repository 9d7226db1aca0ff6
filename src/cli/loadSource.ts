// Load a package folder, a datapackage.json or a single file into a Node DuckDB, through the same
// loader and validator as the browser. Nothing is loaded when the source has errors.
import type { Db } from '../db/types';
import { loadIntoDb } from '../db/tables';
import { loadPackage } from '../datasets/package';
import { hasErrors, type LoadedDataset } from '../datasets/types';
import { folderSource, resolveSource } from './nodeSource';

export async function loadSource(db: Db, source: string): Promise<LoadedDataset> {
  const where = await resolveSource(source);
  if (where.kind !== 'package') throw new Error(`single files are not supported yet: ${where.file}`);
  const ds = await loadPackage(folderSource(where.dir), where.descriptor);
  if (!hasErrors(ds.issues)) await loadIntoDb(db, ds);
  return ds;
}
