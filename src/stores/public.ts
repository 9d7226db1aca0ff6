// Kept for the methodology page until it moves to src/pages/methodology/: the dataset's targets table
// (every target with its source document). The public page's queries are in src/pages/public/.
import { loadTargets } from '../metrics/evaluate';
import { useDbQuery } from './query';

export function useDatasetTargets() {
  return useDbQuery(() => 'targets', (db) => loadTargets(db));
}
