// The build-time snapshot shipped with the page (embedded in index.html as a JSON data block): the
// dataset's state and the results of the default views' queries, computed in Node with the same SQL.
import type { DatasetMeta, Issue, RowAccount } from '../datasets/types';
import type { UnitInfo } from '../metrics/evaluate';

export const SNAPSHOT_FORMAT = 1;
export const SNAPSHOT_ELEMENT_ID = 'chiso-snapshot';

export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** the package path as the page opens it by default, e.g. data/sample/datapackage.json */
  package: string;
  builtAt: string;
  meta: DatasetMeta;
  warnings: Issue[];
  accounts: RowAccount[];
  units: UnitInfo[];
  span: { from: string; to: string } | null;
  hasDays: boolean;
  hasChannels: boolean;
  /** query key (key.ts) → rows as the Db interface returns them, packed by packRows. In a prerendered
   *  page only what its first render asks beyond its state block (usually nothing): each result ships once. */
  queries: Record<string, PackedRows>;
  /** every recorded query, as a file (SnapshotQueries, path relative to the site root) the page fetches on
   *  its first query the block lacks: another page's default view, a non-prerendered address */
  more?: string;
  /** default charts rendered to SVG in Node: id → path relative to the page */
  charts: Record<string, string>;
}

/** The file `more` names: all the build's recorded queries, for the package the snapshot describes. */
export interface SnapshotQueries {
  format: typeof SNAPSHOT_FORMAT;
  package: string;
  queries: Record<string, PackedRows>;
}

/** Rows without their repeated keys: column names once, then one array of values per row. */
export interface PackedRows {
  c: string[];
  r: unknown[][];
}

export function packRows(rows: Record<string, unknown>[]): PackedRows {
  const c = rows.length ? Object.keys(rows[0]) : [];
  return { c, r: rows.map((row) => c.map((k) => row[k] ?? null)) };
}

export function unpackRows<T>(p: PackedRows): T[] {
  return p.r.map((vals) => {
    const row: Record<string, unknown> = {};
    p.c.forEach((k, i) => { row[k] = vals[i]; });
    return row as T;
  });
}
