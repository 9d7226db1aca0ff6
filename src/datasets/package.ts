// Reading a dataset package (datapackage.json + canonical tables) through a Source, the same in the
// browser (fetch, same origin only) and in Node (files). A package with any error is refused whole.
import { TABLES } from './contract';
import { formatOf, readCanonical } from './canonical';
import { issue } from './messages';
import { assembleDataset } from './assemble';
import type { DatasetMeta, Issue, LoadedDataset, RawTable, TableName } from './types';

/** Where package files come from. `read` rejects with an Error whose message is shown to the user. */
export interface Source {
  /** what to call the package in messages (URL or path) */
  origin: string;
  read(path: string): Promise<Uint8Array>;
}

const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** A resource path must stay inside the package: relative, no scheme, no "..", no backslashes. */
export function safeResourcePath(path: unknown): string | null {
  if (typeof path !== 'string' || path.trim() === '') return null;
  const p = path.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) || p.startsWith('/') || p.startsWith('//') || p.includes('\\')) return null;
  if (p.split('/').some((seg) => seg === '..' || seg === '.')) return null;
  return p;
}

interface Resource {
  name: string;
  path: string;
  format?: string;
}

function parseDescriptor(bytes: Uint8Array, file: string): { meta: DatasetMeta; resources: Resource[]; issues: Issue[] } {
  const issues: Issue[] = [];
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
  } catch (e) {
    return { meta: { name: '', title: '' }, resources: [], issues: [issue('bad_package', { file }, { detail: (e as Error).message })] };
  }
  if (!json || typeof json !== 'object' || !Array.isArray((json as { resources?: unknown }).resources)) {
    return { meta: { name: '', title: '' }, resources: [], issues: [issue('bad_package', { file }, { detail: 'thiếu danh sách "resources"', detail_en: 'no "resources" list' })] };
  }
  const d = json as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC') : undefined);
  const meta: DatasetMeta = {
    name: text(d.name) ?? 'dataset',
    title: text(d.title) ?? text(d.name) ?? 'dataset',
    description: text(d.description),
    created: text(d.created),
    sources: Array.isArray(d.sources) ? d.sources.filter((s) => s && typeof s === 'object').map((s) => ({ title: text((s as Record<string, unknown>).title) ?? '', path: text((s as Record<string, unknown>).path) })) : undefined,
    licenses: Array.isArray(d.licenses) ? d.licenses.filter((s) => s && typeof s === 'object').map((s) => ({ name: text((s as Record<string, unknown>).name) ?? '', title: text((s as Record<string, unknown>).title), path: text((s as Record<string, unknown>).path) })) : undefined,
  };
  const resources: Resource[] = [];
  (d.resources as unknown[]).forEach((r, i) => {
    const res = (r ?? {}) as Record<string, unknown>;
    const path = safeResourcePath(res.path);
    const where = { file, row: i + 1, column: 'resources.path' };
    if (!path) {
      issues.push(issue('bad_path', where, { path: String(res.path) }));
      return;
    }
    const name = String(res.name ?? path.split('/').pop()!.replace(/\.[^.]+$/, ''));
    if (!TABLE_NAMES.includes(name as TableName)) {
      issues.push(issue('unknown_table', { ...where, column: 'resources.name' }, { name }));
      return;
    }
    resources.push({ name, path, format: typeof res.format === 'string' ? res.format : undefined });
  });
  return { meta, resources, issues };
}

/** Load a whole package. Never throws for bad data: problems come back as issues. */
export async function loadPackage(source: Source, descriptorPath = 'datapackage.json'): Promise<LoadedDataset> {
  let descriptorBytes: Uint8Array;
  try {
    descriptorBytes = await source.read(descriptorPath);
  } catch (e) {
    return refused({ name: '', title: '', origin: source.origin }, [issue('missing_file', { file: descriptorPath }, { path: descriptorPath, detail: (e as Error).message })]);
  }
  const { meta, resources, issues } = parseDescriptor(descriptorBytes, descriptorPath);
  meta.origin = source.origin;
  const raws: { table: TableName; raw: RawTable }[] = [];
  const bulk: NonNullable<LoadedDataset['bulk']> = [];
  for (const r of resources) {
    let bytes: Uint8Array;
    try {
      bytes = await source.read(r.path);
    } catch (e) {
      issues.push(issue('missing_file', { file: r.path }, { path: r.path, detail: (e as Error).message }));
      continue;
    }
    const format = formatOf(r.path, r.format);
    if (!format) {
      issues.push(issue('not_text', { file: r.path }));
      continue;
    }
    // Dossier rows can be millions: they skip the JS validator and are checked in SQL after loading.
    if (r.name === 'dossiers' && (format === 'parquet' || format === 'arrow' || format === 'csv')) {
      bulk.push({ table: 'dossiers', file: r.path, format, bytes });
      continue;
    }
    const read = await readCanonical(bytes, r.path, format);
    issues.push(...read.issues);
    if (read.raw) raws.push({ table: r.name as TableName, raw: read.raw });
  }
  if (resources.length === 0 && !issues.some((i) => i.severity === 'error')) issues.push(issue('no_tables', { file: descriptorPath }));
  const dataset = assembleDataset(meta, raws, issues);
  dataset.bulk = bulk;
  return dataset;
}

export function refused(meta: DatasetMeta, issues: Issue[]): LoadedDataset {
  return { meta, tables: {}, issues, accounts: [], detected: [] };
}
