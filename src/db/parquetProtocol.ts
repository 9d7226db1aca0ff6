// Messages between the page and the Parquet worker (parquetWorker.ts).
export interface ParquetRequest {
  id: number;
  bytes: Uint8Array;
}

export type ParquetResponse =
  | { id: number; kind: 'start'; groups: number; rows: number }
  | { id: number; kind: 'group'; group: number; rows: number; ipc: Uint8Array }
  | { id: number; kind: 'done' }
  | { id: number; kind: 'error'; message: string };

/** Arrow IPC stream chunks of a Parquet file, one per row group, in order. */
export type ParquetDecoder = (bytes: Uint8Array) => AsyncIterable<Uint8Array>;
