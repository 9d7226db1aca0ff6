import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readFile } from '../../../src/datasets/formats/detect';
import { planSnapshotMerge } from '../../../src/datasets/formats/snapshots';
import type { ParsedFile } from '../../../src/datasets/types';
import { repoRoot } from './helpers';

const real = resolve(repoRoot, '../shared/real');
const have = existsSync(real);

function all(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? all(p) : f.endsWith('.json') && !f.endsWith('request.json') ? [p] : [];
  });
}

describe.skipIf(!have)('planSnapshotMerge on every real 766 file at once', () => {
  it('leaves one row per key, keeps the latest cumulative counts and names conflicting figures', () => {
    const files: ParsedFile[] = all(real).filter((p) => !p.includes('/qd766/')).map((p) => readFile(new Uint8Array(readFileSync(p)), relative(real, p)));
    const { setAside, issues } = planSnapshotMerge(files);
    const drop = new Set(setAside.map((s) => `${s.file}|${s.table}|${s.rowIndex}`));
    for (const table of ['units', 'index_scores', 'dossier_counts'] as const) {
      const keyCols = table === 'units' ? ['unit_id'] : table === 'index_scores' ? ['index', 'component', 'period_type', 'period', 'as_of', 'unit_id'] : ['period_start', 'period_end', 'unit_id', 'field'];
      const keys = new Set<string>();
      for (const f of files) {
        const t = f.tables[table];
        if (!t) continue;
        t.rows.forEach((r, i) => {
          if (drop.has(`${f.file}|${table}|${i}`)) return;
          const k = keyCols.map((c) => String(r[t.header.indexOf(c)] ?? '')).join('|');
          expect(keys.has(k), `${table} ${k} in ${f.file}`).toBe(false);
          keys.add(k);
        });
      }
    }
    // cumulative TDGQ counts: the 24-09 and 01-10 Gia Lai rows give way to 10-10
    const older = setAside.filter((s) => s.reason === 'older_snapshot');
    expect(new Set(older.map((s) => s.file))).toEqual(new Set(['crawler-766/data/gia_lai/agencies_detail_GiaLai_24092026.json', 'crawler-766/data/gia_lai/agencies_detail_GiaLai_01102026.json']));
    expect(older).toHaveLength(28);
    // Thái Nguyên (H55) and Thanh Hóa (H56): CKMB 8,11 / 8,48 in the ranking, 8,1 / 8,49 in the details
    const ckmb = issues.filter((i) => i.code === 'snapshot_conflict' && /CKMB/.test(i.message));
    expect(ckmb.map((i) => i.message.match(/H5[56]/)?.[0]).sort()).toEqual(['H55', 'H56']);
  });
});
