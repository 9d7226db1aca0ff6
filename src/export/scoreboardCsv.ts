// The scoreboard as CSV for Excel: one row per unit, for each column the value, target, status, counts,
// the changes on the previous period and the year before, and the gap in dossiers. Numbers stay numbers
// (dot decimals, rates rounded to 4 decimals); every text cell goes through toCsv, which adds the BOM
// and neutralises formula-like text (a unit called "=HYPERLINK(…)" stays text).
import type { Lang } from '../format';
import { metric } from '../metrics/registry';
import type { ScoreboardModel } from '../metrics/scoreboard';
import { toCsv, type ExportCell } from './csv';

const WORDS = {
  vi: { unitId: 'Mã đơn vị', unit: 'Đơn vị', missed: 'Số chỉ tiêu chưa đạt', value: 'giá trị', target: 'chỉ tiêu', status: 'đánh giá', numerator: 'tử số',
    denominator: 'mẫu số', prev: 'so với kỳ trước', year: 'so với cùng kỳ năm trước', gap: 'khoảng cách (hồ sơ)', met: 'Đạt', missedWord: 'Chưa đạt', period: 'Kỳ' },
  en: { unitId: 'Unit id', unit: 'Unit', missed: 'Targets missed', value: 'value', target: 'target', status: 'status', numerator: 'numerator',
    denominator: 'denominator', prev: 'change on previous period', year: 'change on a year before', gap: 'gap (dossiers)', met: 'Met', missedWord: 'Missed', period: 'Period' },
};

const round = (v: number | null) => (v == null || !Number.isFinite(v) ? null : Math.round(v * 10_000) / 10_000);

export function scoreboardCsv(model: ScoreboardModel, opts: { lang: Lang; periodKey: string }): string {
  const w = WORDS[opts.lang];
  const header: string[] = [w.period, w.unitId, w.unit, w.missed];
  for (const id of model.columns) {
    const name = metric(id).short[opts.lang];
    header.push(`${name} – ${w.value}`, `${name} – ${w.target}`, `${name} – ${w.status}`, `${name} – ${w.numerator}`, `${name} – ${w.denominator}`,
      `${name} – ${w.prev}`, `${name} – ${w.year}`, `${name} – ${w.gap}`);
  }
  const rows: ExportCell[][] = model.rows.map((r) => {
    const out: ExportCell[] = [opts.periodKey, r.unit.unit_id, r.unit.name, r.missed.length];
    for (const id of model.columns) {
      const c = r.cells[id];
      const f = c.figure;
      out.push(round(f.value), f.target == null ? null : `${f.comparator === '<=' ? '≤' : '≥'} ${f.target}`,
        f.status == null ? null : f.status === 'met' ? w.met : w.missedWord, round(f.numerator), round(f.denominator),
        round(c.deltaPrevious), round(c.deltaYear), c.gap ? c.gap.dossiers : null);
    }
    return out;
  });
  return toCsv(header, rows);
}
