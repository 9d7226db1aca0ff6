// Shared by the formats tests: fixture paths and small views of a ParsedFile.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Cell, ParsedFile } from '../../../src/datasets/types';
import { loadWorkbookReader } from '../../../src/datasets/formats/workbook';

// readFile is synchronous; workbooks need SheetJS, a dynamic import: loaded once for every formats test.
await loadWorkbookReader();

export const repoRoot = resolve(__dirname, '../../..');
export const fixture = (...p: string[]) => new Uint8Array(readFileSync(resolve(repoRoot, 'test/fixtures', ...p)));

/** dossier_counts rows as objects keyed by column name. */
export function records(p: ParsedFile, table: 'dossier_counts' | 'units' | 'index_scores'): Record<string, Cell>[] {
  const t = p.tables[table];
  if (!t) return [];
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i] ?? null])));
}

export const codes = (p: ParsedFile, severity?: 'error' | 'warning') => p.issues.filter((i) => !severity || i.severity === severity).map((i) => i.code);
