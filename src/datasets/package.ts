// Reading a dataset package (datapackage.json + canonical tables) through a Source, the same in the
// browser (fetch, same origin only) and in Node (files). A package with any error is refused whole.
import { TABLES } from './contract';
import { formatOf, readCanonical, sizeRefusal } from './canonical';
import { issue } from './messages';
import { assembleDatasetPaced } from './assemble';
import { LIMITS, pacer } from './limits';
import type { DatasetMeta, Issue, LoadedDataset, RawTable, RowAccount, TableName } from './types';

/** Where package files come from. `read` rejects with an Error whose message is shown to the user. */
export interface Source {
  /** what to call the package in messages (URL or path) */
  origin: string;
  read(path: string): Promise<Uint8Array>;
}

const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/** A resource path must stay inside the package: relative, no scheme, no "..", no backslashes, no
 *  percent-escapes (a URL parser reads %2e%2e as ".."), no query or fragment, no control characters. */
export function safeResourcePath(path: unknown): string | null {
  if (typeof path !== 'string' || path.trim() === '') return null;
  const p = path.trim();
  if (p.length > 500 || /[\u0000-\u001f\u007f%?#\\]/.test(p)) return null;
  if (/^[a-z][a-z0-9+.-]*:/i.test(p) || p.startsWith('/')) return null;
  if (p.split('/').some((seg) => seg === '..' || seg === '.' || seg === '')) return null;
  return p;
}

interface Resource {
  name: string;
  path: string;
  format?: string;
  /** contract-required columns the resource's schema marks `"constraints": {"required": false}`: their
   *  empty cells mean "not published" (e.g. a 766 export has no online/offline split), not an error */
  allowEmpty?: string[];
}

/** Fields a Frictionless schema explicitly marks as not required (absent constraints change nothing). */
function notRequired(schema: unknown): string[] | undefined {
  const fields = schema && typeof schema === 'object' ? (schema as { fields?: unknown }).fields : undefined;
  if (!Array.isArray(fields)) return undefined;
  const out = fields
    .filter((f) => f && typeof f === 'object' && typeof f.name === 'string' && f.constraints && typeof f.constraints === 'object' && f.constraints.required === false)
    .map((f) => f.name as string);
  return out.length ? out : undefined;
}

function parseDescriptor(bytes: Uint8Array, file: string): { meta: DatasetMeta; resources: Resource[]; issues: Issue[] } {
  const issues: Issue[] = [];
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  if (text.trim() === '') return { meta: { name: '', title: '' }, resources: [], issues: [issue('empty_file', { file })] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // (the parser's own words may quote the file: the message says what is wrong, in both languages)
    return { meta: { name: '', title: '' }, resources: [], issues: [issue('bad_package', { file }, { detail: 'không phải JSON hợp lệ', detail_en: 'not valid JSON' })] };
  }
  if (!json || typeof json !== 'object' || !Array.isArray((json as { resources?: unknown }).resources)) {
    return { meta: { name: '', title: '' }, resources: [], issues: [issue('bad_package', { file }, { detail: 'thiếu danh sách "resources"', detail_en: 'no "resources" list' })] };
  }
  const d = json as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' ? v.normalize('NFC') : undefined);
  const meta: DatasetMeta = {
    name: str(d.name) ?? 'dataset',
    title: str(d.title) ?? str(d.name) ?? 'dataset',
    description: str(d.description),
    created: str(d.created),
    sources: Array.isArray(d.sources) ? d.sources.filter((s) => s && typeof s === 'object').map((s) => ({ title: str((s as Record<string, unknown>).title) ?? '', path: str((s as Record<string, unknown>).path) })) : undefined,
    licenses: Array.isArray(d.licenses) ? d.licenses.filter((s) => s && typeof s === 'object').map((s) => ({ name: str((s as Record<string, unknown>).name) ?? '', title: str((s as Record<string, unknown>).title), path: str((s as Record<string, unknown>).path) })) : undefined,
  };
  const resources: Resource[] = [];
  (d.resources as unknown[]).forEach((r, i) => {
    const res = (r ?? {}) as Record<string, unknown>;
    const path = safeResourcePath(res.path);
    const where = { file, column: `resources[${i}].path` };
    if (!path) {
      issues.push(issue('bad_path', where, { path: String(res.path) }));
      return;
    }
    const name = String(res.name ?? path.split('/').pop()!.replace(/\.[^.]+$/, ''));
    if (!TABLE_NAMES.includes(name as TableName)) {
      issues.push(issue('unknown_table', { file, column: `resources[${i}].name` }, { name }));
      return;
    }
    // The same file listed twice would count its rows twice.
    if (resources.some((x) => x.path === path)) {
      issues.push(issue('bad_package', where, { detail: `tệp ${path} được liệt kê hai lần`, detail_en: `file ${path} is listed twice` }));
      return;
    }
    resources.push({ name, path, format: typeof res.format === 'string' ? res.format : undefined, allowEmpty: notRequired(res.schema) });
  });
  return { meta, resources, issues };
}

/** Load a whole package. Never throws for bad data: problems come back as issues. Long files are read
 *  and checked in slices, so a page that loads a package stays responsive. */
export async function loadPackage(source: Source, descriptorPath = 'datapackage.json'): Promise<LoadedDataset> {
  let descriptorBytes: Uint8Array;
  try {
    descriptorBytes = await source.read(descriptorPath);
  } catch (e) {
    return refused({ name: '', title: '', origin: source.origin }, [issue('missing_file', { file: descriptorPath }, { path: descriptorPath, detail: (e as Error).message })]);
  }
  const tooLarge = sizeRefusal(descriptorBytes.byteLength, descriptorPath, 'json');
  if (tooLarge) return refused({ name: '', title: '', origin: source.origin }, [tooLarge]);
  const { meta, resources, issues } = parseDescriptor(descriptorBytes, descriptorPath);
  meta.origin = source.origin;
  const pace = pacer();
  const raws: { table: TableName; raw: RawTable & { allowEmpty?: string[] } }[] = [];
  const bulk: NonNullable<LoadedDataset['bulk']> = [];
  // Files refused as a whole still get a line in the row accounts (rows read, if they could be counted).
  const unread: RowAccount[] = [];
  for (const r of resources) {
    const table = r.name as TableName;
    let bytes: Uint8Array;
    try {
      bytes = await source.read(r.path);
    } catch (e) {
      issues.push(issue('missing_file', { file: r.path }, { path: r.path, detail: (e as Error).message }));
      unread.push({ file: r.path, table, read: 0, loaded: 0, reported: 0 });
      continue;
    }
    const format = formatOf(r.path, r.format);
    if (!format) {
      issues.push(issue('not_text', { file: r.path }));
      unread.push({ file: r.path, table, read: 0, loaded: 0, reported: 0 });
      continue;
    }
    // Dossier rows can be millions: binary files and large CSV skip the JS validator and are checked in
    // SQL after loading. A smaller dossiers CSV is checked here, with file/row/column messages.
    if (table === 'dossiers' && (format === 'parquet' || format === 'arrow' || (format === 'csv' && bytes.byteLength > LIMITS.maxValidatedDossierBytes))) {
      const tooBig = sizeRefusal(bytes.byteLength, r.path, format === 'csv' ? 'text' : 'binary');
      if (tooBig) issues.push(tooBig);
      else bulk.push({ table: 'dossiers', file: r.path, format, bytes });
      continue;
    }
    const read = await readCanonical(bytes, r.path, format, pace);
    for (const i of read.issues) issues.push(i);
    if (read.raw) raws.push({ table, raw: r.allowEmpty ? { ...read.raw, allowEmpty: r.allowEmpty } : read.raw });
    else unread.push({ file: r.path, table, read: read.rowsRead ?? 0, loaded: 0, reported: read.rowsRead ?? 0 });
    if (pace.due()) await pace.yield();
  }
  if (resources.length === 0 && !issues.some((i) => i.severity === 'error')) issues.push(issue('no_tables', { file: descriptorPath }));
  const dataset = await assembleDatasetPaced(meta, raws, issues, pace);
  dataset.accounts.push(...unread);
  dataset.bulk = bulk;
  return dataset;
}

export function refused(meta: DatasetMeta, issues: Issue[]): LoadedDataset {
  return { meta, tables: {}, issues, accounts: [], detected: [] };
}
