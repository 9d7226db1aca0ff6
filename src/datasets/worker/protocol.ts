// Messages between the page and the import worker. Plain data only (structured clone): files go over as
// Blobs (read inside the worker) or bytes; the result is the LoadedDataset and one report per file.
import type { FileReport, ImportOptions, ImportProgress } from '../files';
import type { LoadedDataset } from '../types';

export interface ImportSource {
  name: string;
  /** a dropped or picked File (read in the worker, off the main thread) */
  blob?: Blob;
  bytes?: Uint8Array;
}

export interface ImportRequest {
  id: number;
  sources: ImportSource[];
  opts: ImportOptions;
}

export type ImportResponse =
  | { id: number; kind: 'progress'; progress: ImportProgress }
  | { id: number; kind: 'done'; dataset: LoadedDataset; files: FileReport[] }
  | { id: number; kind: 'error'; message: string };
