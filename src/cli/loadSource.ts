// Load a package folder, a datapackage.json, single files as publishers export them (Biểu 06 CSV/XLSX,
// 766 JSON, index tables, canonical files, dossier rows) or a folder of such files into a Node DuckDB,
// through the same readers, validator and load step (src/load) as the browser. Nothing is loaded when
// the source has errors. The answers the import page asks a person for (period, as-of day, index,
// sheet) come as ReadOptions for every file. A capture manifest (manifest*.json) beside the files, up to
// two folders above them, or in the folder given joins the files read: the evaluation reader
// (datasets/formats/evaluation766Manifest.ts) matches each response to its capture and takes the period
// and capture day from the request payload.
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/types';
import { nodeParquetDecoder } from '../db/parquetNode';
import { importFiles, type ImportOptions } from '../datasets/files';
import type { ReadOptions } from '../datasets/formats/detect';
import { loadPackage } from '../datasets/package';
import { hasErrors, type LoadedDataset } from '../datasets/types';
import { loadDataset, type LoadOptions, type LoadResult } from '../load';
import { isPackDescriptor, openPack, type PackDescriptor } from '../load/pack';
import { folderSource, resolveSource } from './nodeSource';

/** A loaded dataset with what the load step found (null when errors kept it out of the database). */
export type SourceLoad = LoadedDataset & { load: LoadResult | null };

/** How the command loads: ReadOptions for every file (the import page's answers), and the load step's
 *  options (the pack command passes native DuckDB's own Parquet reader). */
export type SourceOptions = ImportOptions & { all?: ReadOptions; load?: LoadOptions };

async function loadInto(db: Db, ds: LoadedDataset, opts: SourceOptions): Promise<SourceLoad> {
  if (hasErrors(ds.issues)) return { ...ds, load: null };
  const load = await loadDataset(db, ds, { parquet: nodeParquetDecoder, ...opts.load });
  return { ...ds, issues: [...ds.issues, ...load.notes], accounts: load.accounts, load };
}

/** Names the files go by in messages and row accounts: the file name, or the path below the folder the
 *  files share when two have the same name (qd766/dvc-progress-tree/year-all.json, transparency/…). */
function inputNames(files: string[], root?: string): string[] {
  const base = files.map((f) => path.basename(f));
  if (new Set(base).size === base.length && !root) return base;
  const common = root ?? files.map((f) => path.dirname(f)).reduce((a, b) => {
    while (!(b + path.sep).startsWith(a + path.sep)) a = path.dirname(a);
    return a;
  });
  return files.map((f) => path.relative(common, f).split(path.sep).join('/'));
}

/** Single files → one dataset (the browser's import path, without the preview). */
export async function loadFiles(db: Db, given: string[], opts: SourceOptions & { root?: string } = {}): Promise<SourceLoad> {
  const manifests = await manifestsNear(given);
  const files = [...given, ...manifests.filter((m) => !given.includes(m))];
  const names = inputNames(files, opts.root);
  const inputs = await Promise.all(files.map(async (f, i) => ({ name: names[i], bytes: new Uint8Array(await readFile(f)) })));
  const perFile: NonNullable<ImportOptions['perFile']> = {};
  files.forEach((f, i) => {
    const name = names[i];
    // A portal response saved as ".../api-20260917-104019/response.json" dates itself by its folder only:
    // the day is taken from there (a file that states its own date keeps it).
    const m = /(20\d{2})(\d{2})(\d{2})-\d{6}/.exec(path.basename(path.dirname(f)));
    const fromFolder: ReadOptions = m ? { asOf: `${m[1]}-${m[2]}-${m[3]}` } : {};
    // what the person typed wins over the folder's name (the evaluation reader weighs the manifest)
    perFile[name] = { ...fromFolder, ...opts.all, ...opts.perFile?.[name] };
  });
  const { dataset } = await importFiles(inputs, { ...opts, perFile });
  dataset.meta.origin = files.map((f) => path.resolve(f)).join('|');
  return loadInto(db, dataset, opts);
}

const MANIFEST = /^manifest.*\.json$/i;

/** Capture manifests in the folders of the given files and up to two folders above them. */
async function manifestsNear(files: string[]): Promise<string[]> {
  const dirs = new Set<string>();
  for (const f of files) {
    let d = path.dirname(path.resolve(f));
    for (let i = 0; i < 3; i++, d = path.dirname(d)) dirs.add(d);
  }
  const out: string[] = [];
  for (const d of dirs) {
    const names = await readdir(d).catch(() => [] as string[]);
    for (const n of names.filter((x) => MANIFEST.test(x)).sort()) out.push(path.join(d, n));
  }
  return out.filter((m) => !files.some((f) => path.resolve(f) === m));
}

/** The descriptor of a packed package, or null for an ordinary package (or one that does not parse). */
async function readPack(dir: string, descriptor: string): Promise<PackDescriptor | null> {
  try {
    const json: unknown = JSON.parse(await readFile(path.join(dir, descriptor), 'utf8'));
    return isPackDescriptor(json) ? json : null;
  } catch {
    return null; // the package loader says what is wrong with it
  }
}

/** The files of a folder that is not a package, its subfolders included (notes in Markdown left out). */
async function filesIn(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, e.name);
    if (e.name.startsWith('.')) continue;
    if (e.isDirectory()) out.push(...(await filesIn(full)));
    else if (!/\.md$/i.test(e.name)) out.push(full);
  }
  return out;
}

export async function loadSource(db: Db, source: string | string[], opts: SourceOptions = {}): Promise<SourceLoad> {
  const sources = Array.isArray(source) ? source : [source];
  const files: string[] = [];
  let root: string | undefined;
  for (const s of sources) {
    const where = await resolveSource(s);
    if (where.kind === 'package') {
      const isPackage = await stat(path.join(where.dir, where.descriptor)).then(() => true, () => false);
      if (isPackage) {
        if (sources.length > 1) throw new Error(`a package cannot be combined with other sources: ${s}`);
        const packed = await readPack(where.dir, where.descriptor);
        if (packed) {
          // a packed package (npm run pack): attached as it is, nothing to read or derive
          const load = await openPack(db, folderSource(where.dir), packed);
          const meta = { name: packed.name, title: packed.title, created: packed.created, sources: packed.sources, licenses: packed.licenses, origin: where.dir };
          return { meta, tables: {}, issues: load.notes, accounts: load.accounts, detected: [], load };
        }
        return loadInto(db, await loadPackage(folderSource(where.dir), where.descriptor), opts);
      }
      // a folder of single files (no datapackage.json): every file in it, read as if dropped together
      files.push(...(await filesIn(where.dir)));
      if (sources.length === 1) root = where.dir;
    } else files.push(where.file);
  }
  if (!files.length) throw new Error(`no files in ${sources.join(', ')}`);
  return loadFiles(db, files, { ...opts, root });
}
