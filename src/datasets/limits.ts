// Documented limits (docs/security.md): files above them are refused before parsing, and long parses
// give the event loop back often enough that the page never freezes for more than a moment.
export const LIMITS = {
  /** CSV and other text files */
  maxTextBytes: 200 * 1024 * 1024,
  /** JSON files: JSON.parse cannot be split into steps, so the cap is lower */
  maxJsonBytes: 50 * 1024 * 1024,
  /** workbooks: .xlsx/.ods (zipped XML, decompressed in memory) and .xls (OLE2), by file size */
  maxXlsxBytes: 50 * 1024 * 1024,
  /** a zipped workbook may inflate to this many bytes in all (counted while inflating, not trusted from
   *  the zip's own headers) */
  maxWorkbookInflatedBytes: 200 * 1024 * 1024,
  /** one zip entry above 1 MB inflated may be at most this many times its compressed size (XML of real
   *  sheets compresses 5–30 times; a zip bomb thousands of times) */
  maxZipRatio: 250,
  /** a sheet may declare (its dimension, A1:…) at most this many cells: rows × columns */
  maxDeclaredCells: 20_000_000,
  /** cells holding a value, in all sheets of one workbook */
  maxWorkbookCells: 3_000_000,
  /** rows of one sheet */
  maxSheetRows: 1_048_576,
  /** Parquet and Arrow files (dossier-level data) */
  maxBinaryBytes: 1024 * 1024 * 1024,
  maxColumns: 500,
  /** rows of a canonical table read through the JS validator (dossiers take the bulk path) */
  maxValidatedRows: 2_000_000,
  /** a dossiers CSV up to this size is checked row by row in JS (with file/row/column messages);
   *  larger ones go to the database in bulk and are checked in SQL */
  maxValidatedDossierBytes: 32 * 1024 * 1024,
  /** CSV text is parsed in chunks of this many characters */
  chunkChars: 1024 * 1024,
  /** longest stretch of parsing or checking between two returns to the event loop (ms) */
  sliceMs: 50,
} as const;

export type LimitKind = 'text' | 'json' | 'xlsx' | 'binary';

export function limitFor(kind: LimitKind): number {
  switch (kind) {
    case 'text':
      return LIMITS.maxTextBytes;
    case 'json':
      return LIMITS.maxJsonBytes;
    case 'xlsx':
      return LIMITS.maxXlsxBytes;
    case 'binary':
      return LIMITS.maxBinaryBytes;
  }
}

/** Cooperative pacing of long work: `due()` says the current slice is used up, `yield()` gives the
 *  event loop back (a macrotask, so rendering and input run) and starts a new slice. */
export interface Pacer {
  due(): boolean;
  yield(): Promise<void>;
  /** how many times the work gave the event loop back */
  readonly yields: number;
}

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

export function pacer(sliceMs: number = LIMITS.sliceMs): Pacer {
  let start = now();
  let yields = 0;
  return {
    due: () => now() - start >= sliceMs,
    yield: () =>
      new Promise<void>((resolve) => {
        yields++;
        setTimeout(() => {
          start = now();
          resolve();
        }, 0);
      }),
    get yields() {
      return yields;
    },
  };
}

export async function yieldIfBusy(p: Pacer): Promise<void> {
  if (p.due()) await p.yield();
}
