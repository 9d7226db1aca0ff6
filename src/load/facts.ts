// What the stores and the snapshot need to know about what the database holds, read back from it (after
// a load, and after a packed package was attached).
import type { Db } from '../db/types';
import { hasChannelCounts, type DataFacts } from '../metrics/dossiers';
import { dataSpan, loadUnits } from '../metrics/evaluate';

/** What the stores and the snapshot start from, read back from the database (also after an ATTACH). */
export async function dataFacts(db: Db): Promise<DataFacts> {
  const [units, span, g, ch] = await Promise.all([
    loadUnits(db),
    dataSpan(db),
    db.query<{ n: number }>('SELECT (SELECT count(*) FROM dossier_counts WHERE period_end - period_start < 7) + (SELECT count(*) FROM dossiers) AS n'),
    hasChannelCounts(db),
  ]);
  return { units, span, hasDays: (g[0]?.n ?? 0) > 0, hasChannels: ch };
}
