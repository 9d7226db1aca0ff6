// The page's side of the Parquet worker: bytes go over (transferred), Arrow IPC row groups come back
// in order, as an async iterable that DuckDB consumes while the next group decodes.
import type { ParquetDecoder, ParquetResponse } from './parquetProtocol';

let worker: Worker | null = null;
let nextId = 1;

/** Start the worker (and its wasm download and compile) before the Parquet bytes arrive. */
export function warmParquetWorker(): Worker {
  if (!worker) worker = new Worker(new URL('./parquetWorker.ts', import.meta.url), { type: 'module', name: 'chiso-parquet' });
  return worker;
}

export const browserParquetDecoder: ParquetDecoder = (bytes) => ({
  [Symbol.asyncIterator]() {
    const w = warmParquetWorker();
    const id = nextId++;
    const queue: Uint8Array[] = [];
    let done = false;
    let failure: Error | null = null;
    let wake: (() => void) | null = null;
    const onMessage = (e: MessageEvent<ParquetResponse>) => {
      const m = e.data;
      if (m.id !== id) return;
      if (m.kind === 'group') queue.push(m.ipc);
      else if (m.kind === 'done') done = true;
      else if (m.kind === 'error') failure = new Error(m.message);
      wake?.();
    };
    w.addEventListener('message', onMessage);
    const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    const own = whole ? bytes : bytes.slice();
    w.postMessage({ id, bytes: own }, [own.buffer]);
    return {
      async next(): Promise<IteratorResult<Uint8Array>> {
        for (;;) {
          if (queue.length) return { value: queue.shift()!, done: false };
          if (failure) { w.removeEventListener('message', onMessage); throw failure; }
          if (done) { w.removeEventListener('message', onMessage); return { value: undefined, done: true }; }
          await new Promise<void>((resolve) => { wake = resolve; });
          wake = null;
        }
      },
    };
  },
});
