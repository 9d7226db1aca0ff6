// The written summary of one unit (unit page, meeting mode, one page of the print pack), by fixed rules:
//   1. targets met or missed, with value and target (always)
//   2. overdue dossiers and the fields they sit in (always)
//   3. apology slips issued and missing (when there are overdue dossiers and slips are reported)
//   4. the gap to each missed target, in dossiers (or points for the 766 score) (when a target is missed)
//   5. the on-time rate against the previous period (when both are known)
import { formatNumber, type Lang } from '../format';
import { metric } from '../metrics/registry';
import type { ScoreRow } from '../metrics/scoreboard';
import { changeText, dossiers, fieldName, gapWhat, joinList, metricName, sentence, slips, targetText, valueText } from './phrases';

export interface UnitSummaryContext {
  lang: Lang;
  periodLabel: string;
  previousLabel: string | null;
  /** the columns of the scoreboard (metrics judged) */
  columns: readonly string[];
}

/** Fields named before "and N other fields". */
const MAX_FIELDS = 3;

function targetsSentence(r: ScoreRow, c: UnitSummaryContext): string {
  const { lang } = c;
  const judged = c.columns.filter((id) => r.cells[id]?.figure.status != null);
  const head = `${r.unit.name}, ${c.periodLabel}`;
  if (judged.length === 0) return sentence(lang === 'vi' ? `${head}: không có chỉ tiêu nào đủ số liệu để đánh giá` : `${head}: no target could be judged with the data`);
  if (r.missed.length === 0) return sentence(lang === 'vi' ? `${head}: đạt cả ${judged.length} chỉ tiêu` : `${head}: met all ${judged.length} targets`);
  const list = r.missed.map((id) => {
    const f = r.cells[id].figure;
    return `${metricName(id, lang)} ${valueText(id, f.value, lang)} (${lang === 'vi' ? 'chỉ tiêu' : 'target'} ${targetText(id, f.target, f.comparator, lang)})`;
  });
  return sentence(lang === 'vi'
    ? `${head}: chưa đạt ${r.missed.length}/${judged.length} chỉ tiêu – ${list.join(', ')}`
    : `${head}: missed ${r.missed.length} of ${judged.length} targets – ${list.join(', ')}`);
}

function overdueSentence(r: ScoreRow, c: UnitSummaryContext): string {
  const { lang } = c;
  const o = r.overdue;
  if (o.total == null) return sentence(lang === 'vi' ? 'Không có số liệu hồ sơ quá hạn' : 'No figures on overdue dossiers');
  if (o.total === 0) return sentence(lang === 'vi' ? 'Không có hồ sơ quá hạn' : 'No dossier is overdue');
  const parts: string[] = [];
  if (o.resolved) parts.push(lang === 'vi' ? `${o.resolved} đã giải quyết quá hạn` : `${o.resolved} resolved late`);
  if (o.pending) parts.push(lang === 'vi' ? `${o.pending} đang giải quyết` : `${o.pending} still pending`);
  const f = r.overdueFields;
  let where = '';
  if (f.length === 1 && f[0].overdue === o.total) {
    const name = fieldName(f[0].field, lang);
    where = lang === 'vi' ? `, ${o.total === 1 ? '' : 'toàn bộ '}thuộc lĩnh vực ${name}` : `, ${o.total === 1 ? '' : 'all '}in the field ${name}`;
  } else if (f.length > 1) {
    const named = f.slice(0, MAX_FIELDS).map((x) => `${fieldName(x.field, lang)} (${x.overdue})`);
    const rest = f.length - MAX_FIELDS;
    if (rest > 0) named.push(lang === 'vi' ? `${rest} lĩnh vực khác` : `${rest} other ${rest === 1 ? 'field' : 'fields'}`);
    where = lang === 'vi' ? `, theo lĩnh vực: ${joinList(named, lang)}` : `, by field: ${joinList(named, lang)}`;
  }
  return sentence(lang === 'vi'
    ? `Có ${dossiers(o.total, lang)} quá hạn (${parts.join(', ')})${where}`
    : `${dossiers(o.total, lang)} overdue (${parts.join(', ')})${where}`);
}

function apologySentence(r: ScoreRow, c: UnitSummaryContext): string | null {
  const { lang } = c;
  const o = r.overdue;
  if (!o.total || o.apologies == null || o.missingApologies == null) return null;
  if (o.missingApologies === 0) {
    return sentence(lang === 'vi' ? `Mọi hồ sơ quá hạn đều đã có phiếu xin lỗi (${slips(o.apologies, lang)})` : `Every overdue dossier has an apology slip (${slips(o.apologies, lang)})`);
  }
  if (o.apologies === 0) {
    return sentence(lang === 'vi'
      ? `Chưa phát hành phiếu xin lỗi nào: còn thiếu ${slips(o.missingApologies, lang)}`
      : `No apology slip was issued: ${slips(o.missingApologies, lang)} missing`);
  }
  return sentence(lang === 'vi'
    ? `Đã phát hành ${slips(o.apologies, lang)}, còn thiếu ${o.missingApologies} phiếu`
    : `${slips(o.apologies, lang)} issued, ${o.missingApologies} missing`);
}

/** One gap phrase per missed target: "thêm 19 hồ sơ đúng hạn (tỷ lệ đúng hạn ≥ 95 %)". */
export function gapPhrases(r: ScoreRow, lang: Lang): string[] {
  const out: string[] = [];
  for (const id of r.missed) {
    const cell = r.cells[id];
    const f = cell.figure;
    const t = `${metricName(id, lang)} ${targetText(id, f.target, f.comparator, lang)}`;
    if (cell.gap && cell.gap.dossiers > 0) {
      out.push(`${gapWhat(id, cell.gap.dossiers, lang)} (${t})`);
    } else if (metric(id).unit === 'points' && f.value != null && f.target != null) {
      const pts = formatNumber(Math.abs(f.target - f.value), metric(id).decimals, lang);
      out.push(lang === 'vi' ? `thêm ${pts} điểm (${t})` : `${pts} more points (${t})`);
    }
  }
  return out;
}

function gapSentence(r: ScoreRow, c: UnitSummaryContext): string | null {
  const phrases = gapPhrases(r, c.lang);
  if (phrases.length === 0) return null;
  return sentence(c.lang === 'vi' ? `Để đạt chỉ tiêu cần ${phrases.join('; ')}` : `To meet the targets: ${phrases.join('; ')}`);
}

function trendSentence(r: ScoreRow, c: UnitSummaryContext): string | null {
  const cell = r.cells.on_time_rate;
  if (!c.previousLabel || !cell || cell.deltaPrevious == null) return null;
  const { lang } = c;
  const d = cell.deltaPrevious;
  const span = `${valueText('on_time_rate', cell.previous, lang)} → ${valueText('on_time_rate', cell.figure.value, lang)}`;
  if (d === 0) return sentence(lang === 'vi' ? `So với ${c.previousLabel}, tỷ lệ đúng hạn không đổi (${span})` : `Compared with ${c.previousLabel}, the on-time rate is unchanged (${span})`);
  return sentence(lang === 'vi'
    ? `So với ${c.previousLabel}, tỷ lệ đúng hạn ${d > 0 ? 'tăng' : 'giảm'} ${changeText('on_time_rate', d, lang)} (${span})`
    : `Compared with ${c.previousLabel}, the on-time rate ${d > 0 ? 'rose' : 'fell'} by ${changeText('on_time_rate', d, lang)} (${span})`);
}

export type UnitSentenceKind = 'targets' | 'overdue' | 'apology' | 'gap' | 'trend';

/** The sentences with their rule, so a view can leave out what it already shows as a table. */
export function unitSummaryParts(r: ScoreRow, c: UnitSummaryContext): { kind: UnitSentenceKind; text: string }[] {
  const parts: [UnitSentenceKind, string | null][] = [
    ['targets', targetsSentence(r, c)], ['overdue', overdueSentence(r, c)], ['apology', apologySentence(r, c)],
    ['gap', gapSentence(r, c)], ['trend', trendSentence(r, c)],
  ];
  return parts.filter((p): p is [UnitSentenceKind, string] => p[1] != null).map(([kind, text]) => ({ kind, text }));
}

export function unitSummary(r: ScoreRow, c: UnitSummaryContext): string[] {
  return unitSummaryParts(r, c).map((p) => p.text);
}
