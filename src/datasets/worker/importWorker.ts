// The import worker: parses and validates dropped files off the main thread, reporting progress. The
// page cancels by terminating the worker (a synchronous parse cannot be interrupted any other way).
import { runImport } from './run';
import type { ImportRequest, ImportResponse } from './protocol';

const post = (m: ImportResponse) => (self as unknown as { postMessage(m: ImportResponse): void }).postMessage(m);

self.addEventListener('message', (e: MessageEvent<ImportRequest>) => {
  const { id, sources, opts } = e.data;
  runImport(sources, opts, (progress) => post({ id, kind: 'progress', progress })).then(
    (r) => post({ id, kind: 'done', dataset: r.dataset, files: r.files }),
    (err: unknown) => post({ id, kind: 'error', message: String((err as Error)?.message ?? err) }),
  );
});
