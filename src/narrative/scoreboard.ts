// The written summary of the scoreboard: 3 to 6 sentences for the minutes of the weekly meeting, built
// from the numbers by fixed rules (same numbers → same words), in Vietnamese or English.
//   1. scope: units, overall on-time rate and its change, how many units missed a target (always)
//   2. who missed which target (always; "every unit met its targets" when none did)
//   3. overdue dossiers, where they sit (which units, which fields) (always)
//   4. apology slips issued and missing (when there are overdue dossiers and slips are reported)
//   5. what improved most on the previous period (when something improved)
//   6. what declined most (when something declined)
import type { Lang } from '../format';
import { metric } from '../metrics/registry';
import type { ScoreboardModel, ScoreRow } from '../metrics/scoreboard';
import { changeText, dossiers, fieldName, joinList, metricName, sentence, slips, targetText, unitsText, valueText } from './phrases';

export interface SummaryContext {
  lang: Lang;
  /** e.g. "Tháng 10/2026" (periodLabel) */
  periodLabel: string;
  /** e.g. "Tháng 09/2026"; null when there is no previous period */
  previousLabel: string | null;
  /** e.g. "Sở, ban, ngành" */
  levelLabel: string;
}

/** Units named in a list before "and N others". */
export const MAX_NAMED = 3;

const nameOf = (r: ScoreRow) => r.unit.name;

function scopeSentence(m: ScoreboardModel, c: SummaryContext): string {
  const { lang } = c;
  const n = m.rows.length;
  const onTime = m.overall.on_time_rate;
  let rate = '';
  if (onTime?.figure.value != null) {
    const v = valueText('on_time_rate', onTime.figure.value, lang);
    const d = onTime.previous == null || c.previousLabel == null ? null : onTime.figure.value - onTime.previous;
    const change = d == null ? ''
      : d === 0 ? (lang === 'vi' ? `, không đổi so với ${c.previousLabel}` : `, unchanged on ${c.previousLabel}`)
      : lang === 'vi' ? `, ${d > 0 ? 'tăng' : 'giảm'} ${changeText('on_time_rate', d, lang)} so với ${c.previousLabel}`
      : `, ${d > 0 ? 'up' : 'down'} ${changeText('on_time_rate', d, lang)} on ${c.previousLabel}`;
    rate = lang === 'vi' ? `; tỷ lệ đúng hạn chung ${v}${change}` : `; overall on-time rate ${v}${change}`;
  }
  const behind = m.behindAny === 0
    ? (lang === 'vi' ? 'không đơn vị nào chưa đạt chỉ tiêu' : 'no unit missed a target')
    : lang === 'vi' ? `${unitsText(m.behindAny, lang)} chưa đạt ít nhất một chỉ tiêu`
    : `${unitsText(m.behindAny, lang)} missed at least one target`;
  return sentence(`${c.periodLabel}: ${unitsText(n, lang)} (${c.levelLabel})${rate}; ${behind}`);
}

/** The target most of the listed units share (ties: the first met in row order). */
function commonTarget(rows: ScoreRow[], id: string): number | null {
  const count = new Map<number, number>();
  for (const r of rows) {
    const t = r.cells[id].figure.target;
    if (t != null) count.set(t, (count.get(t) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [t, k] of count) if (best == null || k > count.get(best)!) best = t;
  return best;
}

function missedSentence(m: ScoreboardModel, c: SummaryContext): string {
  const { lang } = c;
  const clauses: string[] = [];
  for (const id of m.columns) {
    const missed = m.rows.filter((r) => r.cells[id].figure.status === 'missed');
    if (missed.length === 0) continue;
    const def = metric(id);
    const common = commonTarget(missed, id);
    const comparator = missed[0].cells[id].figure.comparator;
    const named = (r: ScoreRow) => {
      const f = r.cells[id].figure;
      const own = f.target !== common ? `; ${lang === 'vi' ? 'chỉ tiêu' : 'target'} ${targetText(id, f.target, f.comparator, lang)}` : '';
      return `${nameOf(r)} (${valueText(id, f.value, lang)}${own})`;
    };
    // worst first: lowest for higher-is-better, highest for lower-is-better
    const worst = [...missed].sort((a, b) => {
      const d = (a.cells[id].figure.value ?? 0) - (b.cells[id].figure.value ?? 0);
      return (def.direction === 'higher' ? d : -d) || a.unit.name.localeCompare(b.unit.name, 'vi');
    });
    const list = missed.length <= MAX_NAMED
      ? joinList(worst.map(named), lang)
      : lang === 'vi'
        ? `${unitsText(missed.length, lang)}, ${def.direction === 'higher' ? 'thấp' : 'cao'} nhất là ${named(worst[0])}`
        : `${unitsText(missed.length, lang)}, ${def.direction === 'higher' ? 'lowest' : 'highest'} ${named(worst[0])}`;
    const t = targetText(id, common, comparator, lang);
    clauses.push(lang === 'vi' ? `${metricName(id, lang)} (${t}): ${list}` : `the ${metricName(id, lang)} target (${t}): ${list}`);
  }
  if (clauses.length === 0) {
    const anyTarget = Object.keys(m.behind).length > 0;
    return sentence(anyTarget
      ? (lang === 'vi' ? 'Tất cả đơn vị đều đạt các chỉ tiêu được giao' : 'Every unit met its targets')
      : (lang === 'vi' ? 'Bộ dữ liệu không có chỉ tiêu để so sánh' : 'The dataset has no targets to compare with'));
  }
  return sentence(lang === 'vi' ? `Chưa đạt chỉ tiêu ${clauses.join('; ')}` : `Missed ${clauses.join('; ')}`);
}

/** "toàn bộ thuộc lĩnh vực X" / "nhiều nhất ở lĩnh vực X (n)" for one unit's overdue dossiers. */
export function fieldPart(r: ScoreRow, lang: Lang): string {
  const f = r.overdueFields;
  const total = r.overdue.total ?? 0;
  if (f.length === 0 || total === 0) return '';
  if (f.length === 1 && f[0].overdue === total) {
    const name = fieldName(f[0].field, lang);
    if (lang === 'vi') return total === 1 ? `thuộc lĩnh vực ${name}` : `toàn bộ thuộc lĩnh vực ${name}`;
    return total === 1 ? `in the field ${name}` : `all in the field ${name}`;
  }
  return lang === 'vi'
    ? `nhiều nhất ở lĩnh vực ${fieldName(f[0].field, lang)} (${f[0].overdue})`
    : `most in the field ${fieldName(f[0].field, lang)} (${f[0].overdue})`;
}

function overdueSentence(m: ScoreboardModel, c: SummaryContext): string {
  const { lang } = c;
  const t = m.totals;
  if (t.overdue === 0) return sentence(lang === 'vi' ? 'Không có hồ sơ quá hạn' : 'No dossier is overdue');
  const parts: string[] = [];
  if (t.resolved > 0) parts.push(lang === 'vi' ? `${t.resolved} đã giải quyết quá hạn` : `${t.resolved} resolved late`);
  if (t.pending > 0) parts.push(lang === 'vi' ? `${t.pending} đang giải quyết quá hạn` : `${t.pending} still pending past the deadline`);
  const withOverdue = [...m.rows].filter((r) => (r.overdue.total ?? 0) > 0)
    .sort((a, b) => (b.overdue.total ?? 0) - (a.overdue.total ?? 0) || a.unit.name.localeCompare(b.unit.name, 'vi'));
  const named = withOverdue.slice(0, MAX_NAMED).map((r) => {
    const fp = fieldPart(r, lang);
    return `${nameOf(r)} ${dossiers(r.overdue.total ?? 0, lang)}${fp ? `, ${fp}` : ''}`;
  });
  const rest = withOverdue.slice(MAX_NAMED);
  if (rest.length) {
    const n = rest.reduce((s, r) => s + (r.overdue.total ?? 0), 0);
    named.push(lang === 'vi' ? `${unitsText(rest.length, lang)} khác ${dossiers(n, lang)}` : `${rest.length} other ${rest.length === 1 ? 'unit' : 'units'} ${dossiers(n, lang)}`);
  }
  const where = lang === 'vi' ? `tại ${unitsText(withOverdue.length, lang)}` : `in ${unitsText(withOverdue.length, lang)}`;
  return sentence(lang === 'vi'
    ? `Có ${dossiers(t.overdue, lang)} quá hạn (${parts.join(', ')}) ${where}: ${named.join('; ')}`
    : `${dossiers(t.overdue, lang)} overdue (${parts.join(', ')}) ${where}: ${named.join('; ')}`);
}

function apologySentence(m: ScoreboardModel, c: SummaryContext): string | null {
  const { lang } = c;
  const t = m.totals;
  if (t.overdue === 0 || t.apologies == null || t.missingApologies == null) return null;
  if (t.missingApologies === 0) {
    return sentence(lang === 'vi'
      ? `Mọi hồ sơ quá hạn đều đã có phiếu xin lỗi (${slips(t.apologies, lang)})`
      : `Every overdue dossier has an apology slip (${slips(t.apologies, lang)})`);
  }
  const missing = m.rows.filter((r) => (r.overdue.missingApologies ?? 0) > 0)
    .sort((a, b) => (b.overdue.missingApologies ?? 0) - (a.overdue.missingApologies ?? 0) || a.unit.name.localeCompare(b.unit.name, 'vi'));
  const named = missing.slice(0, MAX_NAMED).map((r) => (lang === 'vi'
    ? `${nameOf(r)} thiếu ${r.overdue.missingApologies}`
    : `${nameOf(r)} ${r.overdue.missingApologies} missing`));
  if (missing.length > MAX_NAMED) {
    const k = missing.length - MAX_NAMED;
    named.push(lang === 'vi' ? `${unitsText(k, lang)} khác` : `${k} other ${k === 1 ? 'unit' : 'units'}`);
  }
  return sentence(lang === 'vi'
    ? `Đã phát hành ${slips(t.apologies, lang)} cho ${dossiers(t.overdue, lang)} quá hạn; còn thiếu ${t.missingApologies} phiếu tại ${unitsText(missing.length, lang)}: ${joinList(named, lang)}`
    : `${slips(t.apologies, lang)} issued for ${dossiers(t.overdue, lang)} overdue; ${t.missingApologies} missing in ${unitsText(missing.length, lang)}: ${joinList(named, lang)}`);
}

interface Change { row: ScoreRow; id: string; delta: number; better: number; col: number }

/** Changes on the previous period of the rates that have a target, as "better" amounts (positive = improved). */
function changes(m: ScoreboardModel): Change[] {
  const out: Change[] = [];
  m.columns.forEach((id, col) => {
    const def = metric(id);
    if (def.unit !== 'percent') return;
    for (const row of m.rows) {
      const cell = row.cells[id];
      if (cell.figure.target == null || cell.deltaPrevious == null) continue;
      out.push({ row, id, delta: cell.deltaPrevious, better: def.direction === 'higher' ? cell.deltaPrevious : -cell.deltaPrevious, col });
    }
  });
  return out;
}

function pickChange(list: Change[], sign: 1 | -1): Change | null {
  let best: Change | null = null;
  for (const c of list) {
    if (sign * c.better <= 0) continue;
    if (!best || sign * c.better > sign * best.better
      || (sign * c.better === sign * best.better && (c.col < best.col || (c.col === best.col && c.row.unit.name.localeCompare(best.row.unit.name, 'vi') < 0)))) best = c;
  }
  return best;
}

function changeSentence(ch: Change, kind: 'improved' | 'declined', c: SummaryContext): string {
  const { lang } = c;
  const cell = ch.row.cells[ch.id];
  const verb = lang === 'vi' ? (ch.delta > 0 ? 'tăng' : 'giảm') : (ch.delta > 0 ? 'up' : 'down');
  const span = `${valueText(ch.id, cell.previous, lang)} → ${valueText(ch.id, cell.figure.value, lang)}`;
  const what = `${nameOf(ch.row)}, ${metricName(ch.id, lang)} ${verb} ${changeText(ch.id, ch.delta, lang)} (${span})`;
  if (lang === 'vi') return sentence(`${kind === 'improved' ? 'Cải thiện' : 'Giảm sút'} nhiều nhất so với ${c.previousLabel}: ${what}`);
  return sentence(`${kind === 'improved' ? 'Most improved' : 'Largest decline'} on ${c.previousLabel}: ${what}`);
}

/** The written summary of a scoreboard: 3 to 6 sentences. */
export function scoreboardSummary(m: ScoreboardModel, c: SummaryContext): string[] {
  const out = [scopeSentence(m, c), missedSentence(m, c), overdueSentence(m, c)];
  const apology = apologySentence(m, c);
  if (apology) out.push(apology);
  if (c.previousLabel) {
    const list = changes(m);
    const up = pickChange(list, 1);
    const down = pickChange(list, -1);
    if (up) out.push(changeSentence(up, 'improved', c));
    if (down) out.push(changeSentence(down, 'declined', c));
  }
  return out;
}
