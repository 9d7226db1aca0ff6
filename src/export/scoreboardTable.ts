// The scoreboard as a typed table (src/export/xlsx.ts TableModel): the CSV's columns (scoreboardCsv.ts),
// but every figure a number at full precision with its display format, and the target a number whose
// comparator is in the column header. The unit test reads the workbook back and compares with the model.
import type { Lang } from '../format';
import { metric } from '../metrics/registry';
import type { ScoreboardModel } from '../metrics/scoreboard';
import type { ExportCell } from './csv';
import type { ColumnKind, TableColumn, TableModel } from './xlsx';

const WORDS = {
  vi: { unitId: 'Mã đơn vị', unit: 'Đơn vị', missed: 'Số chỉ tiêu chưa đạt', value: 'giá trị', target: 'chỉ tiêu', status: 'đánh giá', numerator: 'tử số',
    denominator: 'mẫu số', prev: 'so với kỳ trước', year: 'so với cùng kỳ năm trước', gap: 'khoảng cách (hồ sơ)', met: 'Đạt', missedWord: 'Chưa đạt', period: 'Kỳ', sheet: 'Bảng tổng hợp' },
  en: { unitId: 'Unit id', unit: 'Unit', missed: 'Targets missed', value: 'value', target: 'target', status: 'status', numerator: 'numerator',
    denominator: 'denominator', prev: 'change on previous period', year: 'change on a year before', gap: 'gap (dossiers)', met: 'Met', missedWord: 'Missed', period: 'Period', sheet: 'Scoreboard' },
};

export interface ScoreboardTableOptions {
  lang: Lang;
  periodKey: string;
  periodLabel: string;
  dataset: string;
  source: string;
  asOf: string;
  title?: string;
}

export function scoreboardTable(model: ScoreboardModel, o: ScoreboardTableOptions): TableModel {
  const w = WORDS[o.lang];
  const columns: TableColumn[] = [
    { header: w.period, kind: 'text' }, { header: w.unitId, kind: 'text' }, { header: w.unit, kind: 'text' }, { header: w.missed, kind: 'int' },
  ];
  for (const id of model.columns) {
    const def = metric(id);
    const name = def.short[o.lang];
    const kind: ColumnKind = def.unit === 'percent' ? 'percent' : def.unit === 'points' ? 'points' : 'int';
    const decimals = def.unit === 'count' || def.unit === 'rank' ? 0 : def.decimals;
    const cmp = model.rows.map((r) => r.cells[id].figure.comparator).find((c) => c != null);
    columns.push(
      { header: `${name} – ${w.value}`, kind, decimals },
      { header: `${name} – ${w.target}${cmp ? ` (${cmp === '<=' ? '≤' : '≥'})` : ''}`, kind, decimals },
      { header: `${name} – ${w.status}`, kind: 'text' },
      { header: `${name} – ${w.numerator}`, kind: 'int' },
      { header: `${name} – ${w.denominator}`, kind: 'int' },
      // changes of rates are percentage points: plain numbers (the header says what they are)
      { header: `${name} – ${w.prev}`, kind: 'number', decimals },
      { header: `${name} – ${w.year}`, kind: 'number', decimals },
      { header: `${name} – ${w.gap}`, kind: 'int' },
    );
  }
  const rows: ExportCell[][] = model.rows.map((r) => {
    const out: ExportCell[] = [o.periodKey, r.unit.unit_id, r.unit.name, r.missed.length];
    for (const id of model.columns) {
      const c = r.cells[id];
      const f = c.figure;
      out.push(f.value, f.target, f.status == null ? null : f.status === 'met' ? w.met : w.missedWord, f.numerator, f.denominator,
        c.deltaPrevious, c.deltaYear, c.gap ? c.gap.dossiers : null);
    }
    return out;
  });
  return {
    sheet: w.sheet,
    columns,
    rows,
    meta: { title: o.title ?? `${w.sheet} – ${o.periodLabel}`, dataset: o.dataset, period: o.periodLabel, source: o.source, asOf: o.asOf },
  };
}
