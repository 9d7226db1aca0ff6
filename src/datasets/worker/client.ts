// The page's side of the import worker: one worker per import, so "cancel" can end it at once. Where
// workers are not available (tests in Node), the same code runs on the current thread.
import { ImportCancelled, type ImportOptions, type ImportProgress, type ImportResult } from '../files';
import type { LoadedDataset } from '../types';
import type { ImportResponse, ImportSource } from './protocol';

export interface ImportJob {
  result: Promise<ImportResult>;
  cancel(): void;
}

let nextId = 1;

export function startImport(sources: ImportSource[], opts: ImportOptions, onProgress?: (p: ImportProgress) => void): ImportJob {
  // options may hold Vue proxies: send plain data
  const plainOpts = JSON.parse(JSON.stringify(opts)) as ImportOptions;
  if (typeof Worker === 'undefined') {
    const signal = { aborted: false };
    const result = import('./run').then((m) => m.runImport(sources, plainOpts, onProgress, signal));
    return { result, cancel: () => { signal.aborted = true; } };
  }
  const worker = new Worker(new URL('./importWorker.ts', import.meta.url), { type: 'module', name: 'chiso-import' });
  const id = nextId++;
  let settle: { resolve(r: ImportResult): void; reject(e: Error): void } | null = null;
  const result = new Promise<ImportResult>((resolve, reject) => { settle = { resolve, reject }; });
  const end = () => { worker.terminate(); settle = null; };
  worker.addEventListener('message', (e: MessageEvent<ImportResponse>) => {
    const m = e.data;
    if (m.id !== id || !settle) return;
    if (m.kind === 'progress') onProgress?.(m.progress);
    else if (m.kind === 'done') { settle.resolve({ dataset: m.dataset, files: m.files }); end(); }
    else { settle.reject(new Error(m.message)); end(); }
  });
  worker.addEventListener('error', (e) => { settle?.reject(new Error(e.message || 'import worker failed')); end(); });
  worker.postMessage({ id, sources: sources.map((s) => ({ name: s.name, blob: s.blob, bytes: s.bytes })), opts: plainOpts });
  return { result, cancel: () => { settle?.reject(new ImportCancelled()); end(); } };
}

/** `?data=` names a single file (a Biểu 06, a 766 JSON…) rather than a package: not a datapackage*.json,
 *  not a folder, and a file extension the readers know. */
export function isSingleFileUrl(url: string): boolean {
  const path = url.split(/[?#]/)[0];
  const last = path.split('/').pop() ?? '';
  if (last === '' || /^datapackage[^/]*\.json$/i.test(last)) return false;
  return /\.(csv|tsv|txt|xlsx|xls|ods|json|parquet|arrow)$/i.test(last);
}

/** Read one same-origin file like a dropped one (in the worker) → a dataset; a JSON that turns out to be a
 *  package descriptor is opened as a package. */
export async function openFileUrl(url: string, maxBytes: number): Promise<LoadedDataset> {
  const [{ sameOriginUrl, httpSource }, { loadPackage }] = await Promise.all([import('../httpSource'), import('../package')]);
  const u = sameOriginUrl(url);
  const res = await fetch(u, { credentials: 'omit', redirect: 'error' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  if (Number(res.headers.get('content-length') ?? 0) > maxBytes) throw new Error(`> ${Math.round(maxBytes / 1048576)} MB`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const name = decodeURIComponent(u.pathname.split('/').pop() ?? 'file');
  const { dataset, files } = await startImport([{ name, bytes }], {}).result;
  if (files[0]?.kind === 'datapackage') return loadPackage(httpSource(url, maxBytes));
  dataset.meta.origin = u.href;
  return dataset;
}
