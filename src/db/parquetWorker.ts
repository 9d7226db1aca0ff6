// Parquet → Arrow IPC off the main thread. The page hands over the file's bytes (transferred, not
// copied); the worker decodes one row group at a time with parquet-wasm (Rust, no Arrow builders, so
// no `new Function` under the strict CSP) and hands each group back as Arrow IPC stream bytes, which
// DuckDB inserts while the next group decodes.
/// <reference lib="webworker" />
import init, { ParquetFile } from 'parquet-wasm/esm';
import wasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { ParquetRequest, ParquetResponse } from './parquetProtocol';

const ready = init({ module_or_path: wasmUrl });

function post(msg: ParquetResponse, transfer: Transferable[] = []) {
  (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg, transfer);
}

self.onmessage = async (e: MessageEvent<ParquetRequest>) => {
  const { id } = e.data;
  try {
    await ready;
    // A Blob lets parquet-wasm read each row group's byte range without copying the whole file into
    // its memory for every group. The bytes themselves are let go at once: for 10 million rows they
    // are a third of a gigabyte.
    const blob = new Blob([e.data.bytes as Uint8Array<ArrayBuffer>]);
    (e.data as { bytes: Uint8Array | null }).bytes = null;
    const file = await ParquetFile.fromFile(blob);
    const meta = file.metadata();
    const groups = meta.numRowGroups();
    const rows = meta.fileMetadata().numRows();
    post({ id, kind: 'start', groups, rows });
    for (let g = 0; g < groups; g++) {
      const groupRows = meta.rowGroup(g).numRows();
      const table = await file.read({ rowGroups: [g], batchSize: Math.max(1, groupRows) });
      const ipc = table.intoIPCStream();
      post({ id, kind: 'group', group: g, rows: groupRows, ipc }, [ipc.buffer]);
    }
    file.free();
    post({ id, kind: 'done' });
  } catch (err) {
    post({ id, kind: 'error', message: String((err as Error)?.message ?? err) });
  }
};
