// What the import worker runs, callable as is on the main thread (fallback) and in Node: sources →
// bytes → importFiles, with progress. Reading a Blob happens here, so a large file is read off the page.
import { importFiles, type ImportOptions, type ImportProgress, type ImportResult } from '../files';
import type { ImportSource } from './protocol';

export async function runImport(sources: ImportSource[], opts: ImportOptions, onProgress?: (p: ImportProgress) => void, signal?: { aborted: boolean }): Promise<ImportResult> {
  const inputs = [];
  for (const [i, s] of sources.entries()) {
    onProgress?.({ stage: 'read', file: s.name, done: i, count: sources.length, fraction: 0 });
    const bytes = s.bytes ?? (s.blob ? new Uint8Array(await s.blob.arrayBuffer()) : new Uint8Array());
    inputs.push({ name: s.name, bytes });
  }
  return importFiles(inputs, opts, onProgress, signal);
}
