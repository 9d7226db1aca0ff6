// Messages between the page and the Parquet worker (parquetWorker.ts). The page pulls: the worker
// decodes a row group only when the page has room for it (two ahead at most), so a fast decoder never
// piles up gigabytes of Arrow in the page while DuckDB inserts.
export type ParquetRequest =
  /** decode row groups [from, from + count) of the file (count: all the rest when absent) */
  | { id: number; kind: 'open'; bytes: Uint8Array | Blob; from?: number; count?: number }
  | { id: number; kind: 'pull' };

export type ParquetResponse =
  | { id: number; kind: 'start'; groups: number; rows: number }
  | { id: number; kind: 'group'; group: number; rows: number; ipc: Uint8Array }
  /** `next`: the first group not sent (equal to `groups` when the file is finished) */
  | { id: number; kind: 'done'; next: number; groups: number }
  | { id: number; kind: 'error'; message: string };

/** Row groups decoded ahead of what the page has consumed. */
export const PARQUET_AHEAD = 2;

/** Row groups one worker decodes before the page replaces it: a worker's memory only grows (wasm
 *  memory never shrinks, and a worker collects its garbage lazily), a fresh one starts small. */
export const GROUPS_PER_WORKER = 8;

/** Arrow IPC stream chunks of a Parquet file (its bytes, or in the browser a Blob the page never read
 *  into memory), one per row group, in order. `onGroups` learns the file's number of row groups once
 *  its footer is read (for progress). */
export type ParquetDecoder = (file: Uint8Array | Blob, onGroups?: (groups: number) => void) => AsyncIterable<Uint8Array>;
