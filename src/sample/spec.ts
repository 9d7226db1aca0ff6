// The shape of a sample province: who exists when, which fields (lĩnh vực) each unit handles and how
// well it does. names.ts (the main sample) and smallVariant.ts fill it in; the generators only read it.
import type { Level } from '../datasets/contract';

export interface FieldSpec {
  /** Lĩnh vực as written in the unit's TTHC list, e.g. 'Thi đua, khen thưởng' */
  name: string;
  /** mean new dossiers per month in the first sample year, before trend and season */
  volume: number;
  /** first month ('YYYY-MM') the unit handles this field; default: the unit's first month */
  from?: string;
}

export interface SuccessorSpec {
  to: string;
  /** share of the old unit's work taken by this successor (default 1) */
  share?: number;
}

export interface UnitSpec {
  id: string;
  name: string;
  short?: string;
  parent?: string;
  level: Level;
  code?: string;
  /** ISO date; empty = existed before the sample starts */
  validFrom?: string;
  /** ISO date; empty = still exists */
  validTo?: string;
  fields: FieldSpec[];
  /** overdue share of dossiers handled in the latest year (earlier years are worse) */
  overdue: number;
  /** share of overdue dossiers that get an apology slip */
  apology: number;
  successors?: SuccessorSpec[];
  /** a division (phòng) whose rows repeat its Sở's rows for its fields: it handles them entirely */
  mirrorOf?: string;
}

/** Exact figures for one unit in one month, so demos and tests can name them (data/README.md). */
export interface MonthPattern {
  unit: string;
  month: string;
  /** overdue dossiers per field; fields not listed get none in that month */
  overdue: Record<string, { resolved: number; pending: number; apologies: number }>;
  /** citizen ratings per field (the rest of the unit's fields draw theirs at random) */
  ratings?: Record<string, { total: number; dissatisfied: number }>;
}

export interface TargetSpec {
  metric: string;
  unit_id: string;
  period_from: string;
  period_to?: string;
  comparator: '>=' | '<=';
  value: number;
  source_doc: string;
}

export interface SampleSpec {
  /** datapackage.json name */
  name: string;
  title: string;
  description: string;
  /** fixed creation date written to datapackage.json (never the clock) */
  created: string;
  seed: number;
  province: { id: string; name: string; short: string; code: string };
  units: UnitSpec[];
  /** dossier_counts months, both included ('YYYY-MM') */
  months: { from: string; to: string };
  /** 766 index: monthly figures for these months, yearly figures for these years */
  index766: { monthFrom: string; monthTo: string; years: number[] };
  ddciYears: number[];
  /** fictional provinces beside the sample's, so the provincial indices have a ranking */
  peers?: { id: string; name: string; short: string }[];
  /** years of each published provincial index (PCI, PAPI, SIPAS, PAR INDEX) for the province and peers */
  provinceIndices?: Partial<Record<'PCI' | 'PAPI' | 'SIPAS' | 'PAR', number[]>>;
  /** province-wide online share (0..1) aimed at for each year */
  onlineShare: Record<number, number>;
  targets: TargetSpec[];
  patterns: MonthPattern[];
  /** leave the unit_lineage table out of the package (a package with no mergers) */
  noLineage?: boolean;
}
