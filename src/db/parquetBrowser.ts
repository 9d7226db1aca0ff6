// The page's side of the Parquet worker: the file (a Blob, or bytes transferred, not copied) goes over,
// Arrow IPC row groups come back in order, as an async iterable that DuckDB consumes while the next
// group decodes. Taking a group asks the worker for one more, so no more than PARQUET_AHEAD groups
// ever wait here; every GROUPS_PER_WORKER groups the worker is replaced by a fresh one, so its memory
// stays that of a few groups, not of the whole file.
import { GROUPS_PER_WORKER, type ParquetDecoder, type ParquetResponse } from './parquetProtocol';

let worker: Worker | null = null;
let nextId = 1;

function newWorker(): Worker {
  return new Worker(new URL('./parquetWorker.ts', import.meta.url), { type: 'module', name: 'chiso-parquet' });
}

/** Start a worker (and its wasm download and compile) before the Parquet file arrives. */
export function warmParquetWorker(): void {
  if (!worker) worker = newWorker();
}

function takeWorker(): Worker {
  const w = worker ?? newWorker();
  worker = null;
  return w;
}

export const browserParquetDecoder: ParquetDecoder = (file, onGroups) => ({
  async *[Symbol.asyncIterator]() {
    // bytes are turned into a Blob once, so that every worker can be handed the same file
    const blob = file instanceof Blob ? file : new Blob([file as Uint8Array<ArrayBuffer>]);
    let from = 0;
    for (;;) {
      const w = takeWorker();
      const id = nextId++;
      const queue: Uint8Array[] = [];
      let end: { next: number; groups: number } | null = null;
      let failure: Error | null = null;
      let wake: (() => void) | null = null;
      w.onmessage = (e: MessageEvent<ParquetResponse>) => {
        const m = e.data;
        if (m.id !== id) return;
        if (m.kind === 'start') onGroups?.(m.groups);
        else if (m.kind === 'group') queue.push(m.ipc);
        else if (m.kind === 'done') end = { next: m.next, groups: m.groups };
        else if (m.kind === 'error') failure = new Error(m.message);
        wake?.();
      };
      w.postMessage({ id, kind: 'open', bytes: blob, from, count: GROUPS_PER_WORKER });
      try {
        for (;;) {
          if (queue.length) {
            w.postMessage({ id, kind: 'pull' }); // room for one more group
            yield queue.shift()!;
            continue;
          }
          if (failure) throw failure;
          if (end) break;
          await new Promise<void>((resolve) => { wake = resolve; });
          wake = null;
        }
      } finally {
        w.terminate();
      }
      const done = end as { next: number; groups: number } | null;
      if (!done || done.next >= done.groups) return;
      from = done.next;
    }
  },
});
