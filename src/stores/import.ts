// The import page's state: the working set of files the person chose, the options typed for each (a
// column mapping, the unit, the period, the day 766 figures were taken), the parse running in the worker,
// and its preview. Nothing touches the current dataset until confirm(); a refused or cancelled import
// leaves the data on screen as it was — a cancel during confirm() too: the load runs atomically (src/load:
// dossier rows staged, the rest in one transaction rolled back on cancel), so the database is as before. Column mappings are remembered in localStorage by layout signature.
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Bieu06Mapping, Bieu06Period } from '../datasets/formats/bieu06';
import type { ReadOptions } from '../datasets/formats/detect';
import { acceptReadable, datasetOverview, type ImportProgress, type ImportResult } from '../datasets/files';
import { startImport, type ImportJob } from '../datasets/worker/client';
import type { ImportSource } from '../datasets/worker/protocol';
import { hasErrors, type LoadedDataset } from '../datasets/types';
import type { LoadProgress } from '../load';
import { periodFromRange } from '../metrics/evaluate';
import { parsePeriod } from '../metrics/periods';
import { useDatasetStore } from './dataset';
import { useFiltersStore } from './filters';

const MAPPINGS_KEY = 'chiso:bieu06-mappings';

export function loadSavedMappings(): Record<string, Bieu06Mapping> {
  try {
    const raw = typeof localStorage !== 'undefined' ? localStorage.getItem(MAPPINGS_KEY) : null;
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, Bieu06Mapping>) : {};
  } catch {
    return {};
  }
}

function saveMapping(signature: string, mapping: Bieu06Mapping): void {
  // the layout only: the unit and period belong to one file, the next file's title block gives its own
  const all = { ...loadSavedMappings(), [signature]: { headerRow: mapping.headerRow, columns: mapping.columns } };
  try {
    localStorage.setItem(MAPPINGS_KEY, JSON.stringify(all));
  } catch {
    /* private mode or full storage: the mapping still applies to this import */
  }
}

/** The period to open on after an import: the month of the data's end when a row fits in it, else the
 *  period of the latest rows (a quarterly report, the portal's year to date). */
export function periodKeyFor(ds: LoadedDataset): string | null {
  const dc = ds.tables.dossier_counts;
  if (dc && dc.rowCount > 0) {
    const starts = dc.columns.period_start as string[];
    const ends = dc.columns.period_end as string[];
    let last = 0;
    for (let i = 1; i < ends.length; i++) if (ends[i] > ends[last] || (ends[i] === ends[last] && starts[i] > starts[last])) last = i;
    return periodFromRange(starts[last], ends[last]).key;
  }
  const ix = ds.tables.index_scores;
  if (ix && ix.rowCount > 0) {
    let best = -1;
    ix.columns.as_of.forEach((v, i) => { if (typeof v === 'string' && (best < 0 || v > (ix.columns.as_of[best] as string))) best = i; });
    if (best < 0) return null;
    const type = ix.columns.period_type[best];
    const period = String(ix.columns.period[best]);
    const asOf = ix.columns.as_of[best] as string;
    if (type === 'ytd') return `ytd:${asOf}`;
    return parsePeriod(period)?.key ?? null;
  }
  return null;
}

export const useImportStore = defineStore('import', () => {
  const sources = shallowRef<ImportSource[]>([]);
  const perFile = ref<Record<string, ReadOptions>>({});
  const status = ref<'idle' | 'parsing' | 'preview' | 'applying' | 'applied' | 'cancelled' | 'failed'>('idle');
  const progress = shallowRef<ImportProgress | null>(null);
  /** the load into the database after confirm() (row groups read, dossier rows derived, the cube) */
  const loadProgress = shallowRef<LoadProgress | null>(null);
  /** the last confirm() was cancelled: the preview stays, the data on screen is the one before */
  const loadCancelled = ref(false);
  /** a cancel was asked and waits for the load's next check (between row groups or derive chunks) */
  const cancelling = ref(false);
  let loadSignal: { aborted: boolean } | null = null;
  const result = shallowRef<ImportResult | null>(null);
  const failure = ref('');
  /** the dataset last put on screen by this page (for the clean package) */
  const applied = shallowRef<LoadedDataset | null>(null);
  let job: ImportJob | null = null;
  let run = 0;

  const overview = computed(() => (result.value ? datasetOverview(result.value.dataset) : null));
  const errors = computed(() => result.value?.dataset.issues.filter((i) => i.severity === 'error') ?? []);
  const warnings = computed(() => result.value?.dataset.issues.filter((i) => i.severity === 'warning') ?? []);
  /** what confirm() would load: the whole dataset, or its readable part when errors are skipped */
  const loadable = computed<LoadedDataset | null>(() => {
    const ds = result.value?.dataset;
    if (!ds) return null;
    return hasErrors(ds.issues) ? acceptReadable(ds) : ds;
  });

  async function parse(): Promise<void> {
    job?.cancel();
    const mine = ++run;
    if (sources.value.length === 0) {
      result.value = null;
      status.value = 'idle';
      return;
    }
    status.value = 'parsing';
    loadCancelled.value = false;
    progress.value = { stage: 'read', done: 0, count: sources.value.length, fraction: 0 };
    failure.value = '';
    const j = startImport(sources.value, { mappings: loadSavedMappings(), perFile: perFile.value }, (p) => { if (mine === run) progress.value = p; });
    job = j;
    try {
      const r = await j.result;
      if (mine !== run) return;
      result.value = r;
      status.value = 'preview';
    } catch (e) {
      if (mine !== run) return;
      if ((e as Error).message === 'cancelled') status.value = 'cancelled';
      else {
        failure.value = String((e as Error).message ?? e);
        status.value = 'failed';
      }
    } finally {
      if (job === j) job = null;
    }
  }

  /** Add files to the working set (a file of the same name is replaced) and read them all again. */
  function addFiles(files: ImportSource[]): Promise<void> {
    const names = new Set(files.map((f) => f.name));
    sources.value = [...sources.value.filter((s) => !names.has(s.name)), ...files];
    return parse();
  }

  function removeFile(name: string): Promise<void> {
    sources.value = sources.value.filter((s) => s.name !== name);
    const { [name]: _, ...rest } = perFile.value;
    perFile.value = rest;
    return parse();
  }

  function clear(): void {
    job?.cancel();
    run++;
    sources.value = [];
    perFile.value = {};
    result.value = null;
    progress.value = null;
    loadCancelled.value = false;
    status.value = 'idle';
  }

  function cancel(): void {
    run++;
    job?.cancel();
    job = null;
    progress.value = null;
    status.value = 'cancelled';
  }

  /** A Biểu 06 column mapping chosen for one file; `remember` keeps it for files of the same layout. */
  function setMapping(file: string, signature: string, mapping: Bieu06Mapping, extra: { unitName?: string; period?: Bieu06Period } = {}, remember = false): Promise<void> {
    if (remember && signature) saveMapping(signature, mapping);
    perFile.value = { ...perFile.value, [file]: { ...perFile.value[file], mapping, ...(extra.unitName ? { unitName: extra.unitName } : {}), ...(extra.period ? { period: extra.period } : {}) } };
    return parse();
  }

  /** What the person typed for one file: the unit, the period, the day of 766 figures, the index and year
   *  of an index table, the sheet of a workbook. */
  function setFileOptions(file: string, opts: Pick<ReadOptions, 'unitName' | 'period' | 'asOf' | 'index' | 'year' | 'sheet' | 'periodKey'>): Promise<void> {
    perFile.value = { ...perFile.value, [file]: { ...perFile.value[file], ...opts } };
    return parse();
  }

  /** Put the previewed data on screen (rows with errors left out when there are errors). */
  async function confirm(): Promise<boolean> {
    const ds = loadable.value;
    if (!ds || status.value !== 'preview') return false;
    status.value = 'applying';
    loadCancelled.value = false;
    cancelling.value = false;
    loadProgress.value = null;
    const signal = { aborted: false };
    loadSignal = signal;
    const dataset = useDatasetStore();
    let ok = false;
    try {
      ok = await dataset.replaceWith(ds, undefined, undefined, { signal, atomic: true, onProgress: (p) => { if (loadSignal === signal) loadProgress.value = p; } });
    } catch (e) {
      if (loadSignal === signal) {
        loadSignal = null;
        loadProgress.value = null;
        cancelling.value = false;
        if (signal.aborted && (e as Error).message === 'cancelled') {
          loadCancelled.value = true;
          status.value = 'preview';
        } else {
          failure.value = String((e as Error).message ?? e);
          status.value = 'failed';
        }
      }
      return false;
    }
    if (loadSignal === signal) { loadSignal = null; loadProgress.value = null; cancelling.value = false; }
    if (!ok) {
      status.value = 'preview';
      return false;
    }
    applied.value = ds;
    status.value = 'applied';
    const key = periodKeyFor(ds);
    // (?data= stays as it is: changing it would open that package again over the import)
    if (key) await useFiltersStore().set({ period: key });
    return true;
  }

  /** Stop the load confirm() started, at its next check; what was on screen stays (see confirm). */
  function cancelLoad(): void {
    if (!loadSignal || status.value !== 'applying') return;
    loadSignal.aborted = true;
    cancelling.value = true;
  }

  return { sources, perFile, status, progress, loadProgress, loadCancelled, cancelling, result, failure, applied, overview, errors, warnings, loadable, parse, addFiles, removeFile, clear, cancel, setMapping, setFileOptions, confirm, cancelLoad };
});
