// Which index figures describe a window: a month, quarter or year figure taken after its period ended (as
// every published one is: the portal's month figures are read days later, PCI a year later) describes that
// period; a year-to-date figure taken after the window's end covers more days than asked, so it is left out.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runSummary } from '../../src/cli/summary';

const dir = mkdtempSync(join(tmpdir(), 'chiso-asof-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Doc = { errors: unknown[]; units: { unit_id: string; metrics: Record<string, { value: number | null }> }[] };

describe('index figures and the window they describe', () => {
  it('keeps a closed month figure captured after the month; drops a later year-to-date figure', async () => {
    const units = join(dir, 'units.csv');
    writeFileSync(units, 'unit_id,name,level\nH99.1,Sở Thử,agency\n', 'utf8');
    const scores = join(dir, 'index_scores.csv');
    writeFileSync(scores, [
      'index,component,period_type,period,as_of,unit_id,score,max_score',
      // August's figure, read on 5 September
      '766,TOTAL,month,2026-08,2026-09-05,H99.1,71.5,100',
      // the year to 20 September: more than the year to the end of August
      '766,TOTAL,ytd,2026,2026-09-20,H99.1,64.25,100',
      // the year to 31 August, taken that day
      '766,TOTAL,ytd,2026,2026-08-31,H99.1,63,100',
    ].join('\n') + '\n', 'utf8');
    const month = await runSummary([units, scores, '--from', '2026-08-01', '--to', '2026-08-31']);
    expect((month.doc as Doc).errors).toEqual([]);
    const m = (month.doc as Doc).units.find((u) => u.unit_id === 'H99.1')!;
    expect(m.metrics.index_766_total.value).toBe(71.5);
    const ytd = await runSummary([units, scores, '--from', '2026-01-01', '--to', '2026-08-31']);
    const y = (ytd.doc as Doc).units.find((u) => u.unit_id === 'H99.1')!;
    expect(y.metrics.index_766_total.value).toBe(63);
  });
});
