// Parquet → Arrow IPC off the main thread. The page hands over the file's bytes (transferred, not
// copied); the worker decodes one row group at a time with parquet-wasm (Rust, no Arrow builders, so
// no `new Function` under the strict CSP) and hands each group back as Arrow IPC stream bytes, which
// DuckDB inserts while the next group decodes. The page pulls (parquetProtocol.ts): at most
// PARQUET_AHEAD groups wait in the page at any time.
/// <reference lib="webworker" />
import init, { ParquetFile } from 'parquet-wasm/esm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { PARQUET_AHEAD, type ParquetRequest, type ParquetResponse } from './parquetProtocol';

const ready = init({ module_or_path: wasmUrl });

interface Job {
  file: ParquetFile;
  groupRows: number[];
  next: number;
  /** one past the last group this worker sends */
  end: number;
  credits: number;
  busy: boolean;
}
const jobs = new Map<number, Job>();

function post(msg: ParquetResponse, transfer: Transferable[] = []) {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg, transfer);
}

async function pump(id: number) {
  const job = jobs.get(id);
  if (!job || job.busy) return;
  job.busy = true;
  try {
    while (job.credits > 0 && job.next < job.end) {
      const g = job.next++;
      job.credits--;
      const table = await job.file.read({ rowGroups: [g], batchSize: Math.max(1, job.groupRows[g]) });
      const ipc = table.intoIPCStream();
      post({ id, kind: 'group', group: g, rows: job.groupRows[g], ipc }, [ipc.buffer]);
    }
    if (job.next >= job.end) {
      job.file.free();
      jobs.delete(id);
      // the page ends this worker now: its wasm memory goes with it
      post({ id, kind: 'done', next: job.end, groups: job.groupRows.length });
    }
  } catch (err) {
    jobs.delete(id);
    post({ id, kind: 'error', message: String((err as Error)?.message ?? err) });
  } finally {
    job.busy = false;
  }
}

self.onmessage = async (e: MessageEvent<ParquetRequest>) => {
  const msg = e.data;
  if (msg.kind === 'pull') {
    const job = jobs.get(msg.id);
    if (job) { job.credits++; void pump(msg.id); }
    return;
  }
  try {
    await ready;
    // A Blob lets parquet-wasm read each row group's byte range without copying the whole file into
    // its memory for every group. The page normally sends the Blob of the HTTP response itself (kept
    // by the browser, outside the page's heap); bytes are wrapped once and let go at once.
    const blob = msg.bytes instanceof Blob ? msg.bytes : new Blob([msg.bytes as Uint8Array<ArrayBuffer>]);
    (msg as { bytes: Uint8Array | Blob | null }).bytes = null;
    const file = await ParquetFile.fromFile(blob);
    const meta = file.metadata();
    const groupRows: number[] = [];
    for (let g = 0; g < meta.numRowGroups(); g++) groupRows.push(meta.rowGroup(g).numRows());
    post({ id: msg.id, kind: 'start', groups: groupRows.length, rows: meta.fileMetadata().numRows() });
    const from = Math.max(0, msg.from ?? 0);
    const end = Math.min(groupRows.length, msg.count == null ? groupRows.length : from + msg.count);
    jobs.set(msg.id, { file, groupRows, next: from, end, credits: PARQUET_AHEAD, busy: false });
    void pump(msg.id);
  } catch (err) {
    post({ id: msg.id, kind: 'error', message: String((err as Error)?.message ?? err) });
  }
};
