// What the readers emit must pass the shared validator untouched: every real portal file and every
// fixture gives raw tables with canonical headers, typed cells and no error of its own.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from '../../../src/datasets/formats/detect';
import { checkUnits, validateTable } from '../../../src/datasets/validate';
import type { CanonicalTable, TableName } from '../../../src/datasets/types';
import { repoRoot } from './helpers';

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...filesUnder(p));
    else if (/\.(json|csv|xlsx)$/.test(f) && !f.endsWith('request.json')) out.push(p);
  }
  return out;
}

const real = resolve(repoRoot, '../shared/real');
if (!existsSync(real)) console.warn(`[formats/validate] ${real} is absent: only fixtures are validated.`);
const bad = new Set(['decomposed-xa-ia-grai.csv', 'groups-total-tinh.csv', 'unmapped.csv']);

describe('readers → validator', () => {
  // qd766/ (the portal's API responses) state their period only in their capture manifest: read with it in evaluation766.test.ts
  const files = [...filesUnder(real).filter((f) => !f.includes('/qd766/')), ...filesUnder(resolve(repoRoot, 'test/fixtures/bieu06')), ...filesUnder(resolve(repoRoot, 'test/fixtures/index'))];
  it.each(files.map((f) => [relative(repoRoot, f), f]))('%s', (_name, path) => {
    const p = readFile(new Uint8Array(readFileSync(path)), path);
    if (!bad.has(path.split('/').pop() as string)) expect(p.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const typed: Partial<Record<TableName, CanonicalTable>> = {};
    for (const [name, t] of Object.entries(p.tables)) {
      const r = validateTable(t!, name as TableName);
      expect(r.issues.filter((i) => i.severity === 'error'), `${name}`).toEqual([]);
      expect(r.account.loaded).toBe(t!.rows.length);
      typed[name as TableName] = r.table;
    }
    // every unit a file refers to (rows and parents) is a unit of the same file
    expect(checkUnits(typed)).toEqual([]);
  });
});
