// The words of the written summary, Vietnamese first and English second. Every sentence of the summary
// is built from these fixed phrases and formatted numbers: nothing is generated freely.
import { formatMetric, formatNumber, type Lang } from '../format';
import { metric } from '../metrics/registry';

interface Pair { vi: string; en: string }

/** How a metric is named inside a sentence (lower case, short). */
const METRIC_NAMES: Record<string, Pair> = {
  on_time_rate: { vi: 'tỷ lệ đúng hạn', en: 'on-time rate' },
  early_rate: { vi: 'tỷ lệ giải quyết trước hạn', en: 'early-resolution rate' },
  overdue_rate: { vi: 'tỷ lệ quá hạn', en: 'overdue rate' },
  resolved_overdue_rate: { vi: 'tỷ lệ giải quyết quá hạn', en: 'late-resolution rate' },
  overdue_count: { vi: 'số hồ sơ quá hạn', en: 'overdue dossiers' },
  apology_rate: { vi: 'tỷ lệ hồ sơ quá hạn có phiếu xin lỗi', en: 'apology rate' },
  online_share: { vi: 'tỷ lệ nộp trực tuyến', en: 'online share' },
  online_full_share: { vi: 'tỷ lệ trực tuyến toàn trình', en: 'full-process online share' },
  postal_share: { vi: 'tỷ lệ qua bưu chính', en: 'postal share' },
  digitized_rate: { vi: 'tỷ lệ số hóa', en: 'digitisation rate' },
  satisfaction_766: { vi: 'tỷ lệ hài lòng theo 766', en: '766 satisfaction' },
  citizen_satisfaction: { vi: 'tỷ lệ hài lòng', en: 'satisfaction' },
  index_766_total: { vi: 'điểm 766', en: '766 score' },
};

export function metricName(id: string, lang: Lang): string {
  const p = METRIC_NAMES[id];
  if (p) return p[lang];
  const s = metric(id).short[lang];
  return s.charAt(0).toLocaleLowerCase(lang) + s.slice(1);
}

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** What must change for the target to be met, e.g. "thêm 19 hồ sơ đúng hạn" / "19 more dossiers on time". */
export function gapWhat(id: string, k: number, lang: Lang): string {
  const n = formatNumber(k, 0, lang);
  if (lang === 'vi') {
    const vi: Record<string, string> = {
      on_time_rate: `thêm ${n} hồ sơ đúng hạn`,
      early_rate: `thêm ${n} hồ sơ giải quyết trước hạn`,
      apology_rate: `thêm ${n} phiếu xin lỗi`,
      online_share: `thêm ${n} hồ sơ nộp trực tuyến`,
      online_full_share: `thêm ${n} hồ sơ trực tuyến toàn trình`,
      postal_share: `thêm ${n} hồ sơ qua bưu chính`,
      digitized_rate: `thêm ${n} hồ sơ được số hóa`,
      satisfaction_766: `bớt ${n} hồ sơ quá hạn, bị đánh giá không hài lòng hoặc bị phản ánh`,
      citizen_satisfaction: `bớt ${n} đánh giá không hài lòng`,
      overdue_rate: `bớt ${n} hồ sơ quá hạn`,
      overdue_count: `bớt ${n} hồ sơ quá hạn`,
      resolved_overdue_rate: `bớt ${n} hồ sơ giải quyết quá hạn`,
    };
    return vi[id] ?? `${n} hồ sơ`;
  }
  const en: Record<string, string> = {
    on_time_rate: `${n} more ${plural(k, 'dossier', 'dossiers')} on time`,
    early_rate: `${n} more ${plural(k, 'dossier', 'dossiers')} resolved early`,
    apology_rate: `${n} more apology ${plural(k, 'slip', 'slips')}`,
    online_share: `${n} more ${plural(k, 'dossier', 'dossiers')} submitted online`,
    online_full_share: `${n} more full-process online ${plural(k, 'dossier', 'dossiers')}`,
    postal_share: `${n} more ${plural(k, 'dossier', 'dossiers')} by post`,
    digitized_rate: `${n} more ${plural(k, 'dossier', 'dossiers')} digitised`,
    satisfaction_766: `${n} fewer ${plural(k, 'dossier', 'dossiers')} overdue, rated dissatisfied or complained about`,
    citizen_satisfaction: `${n} fewer "dissatisfied" ${plural(k, 'rating', 'ratings')}`,
    overdue_rate: `${n} fewer overdue ${plural(k, 'dossier', 'dossiers')}`,
    overdue_count: `${n} fewer overdue ${plural(k, 'dossier', 'dossiers')}`,
    resolved_overdue_rate: `${n} fewer ${plural(k, 'dossier', 'dossiers')} resolved late`,
  };
  return en[id] ?? `${n} ${plural(k, 'dossier', 'dossiers')}`;
}

/** "≥ 95 %", "≤ 0", "≥ 80": a target without needless decimals. */
export function targetText(id: string, target: number | null, comparator: string | null, lang: Lang): string {
  if (target == null) return '';
  const m = metric(id);
  const digits = Number.isInteger(target) ? 0 : Math.min(2, m.decimals || 2);
  return `${comparator === '<=' ? '≤' : '≥'} ${formatMetric({ unit: m.unit, decimals: digits }, target, lang)}`;
}

/** A figure as the summary writes it: the metric's own decimals, vi-VN or en-GB style. */
export function valueText(id: string, value: number | null, lang: Lang): string {
  return formatMetric(metric(id), value, lang);
}

/** A signed change: percentage points for rates ("1,76 điểm %"), plain numbers otherwise; without sign. */
export function changeText(id: string, delta: number, lang: Lang): string {
  const m = metric(id);
  const abs = formatNumber(Math.abs(delta), m.decimals, lang);
  if (m.unit === 'percent') return lang === 'vi' ? `${abs} điểm %` : `${abs} pp`;
  if (m.unit === 'points') return lang === 'vi' ? `${abs} điểm` : `${abs} ${plural(Math.abs(delta), 'point', 'points')}`;
  return abs;
}

/** "A, B và C" / "A, B and C". */
export function joinList(items: string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  const and = lang === 'vi' ? ' và ' : ' and ';
  return `${items.slice(0, -1).join(', ')}${and}${items[items.length - 1]}`;
}

export function fieldName(field: string, lang: Lang): string {
  return field === '' ? (lang === 'vi' ? '(không ghi lĩnh vực)' : '(no field given)') : field;
}

export function dossiers(n: number, lang: Lang): string {
  const s = formatNumber(n, 0, lang);
  return lang === 'vi' ? `${s} hồ sơ` : `${s} ${plural(n, 'dossier', 'dossiers')}`;
}

export function slips(n: number, lang: Lang): string {
  const s = formatNumber(n, 0, lang);
  return lang === 'vi' ? `${s} phiếu xin lỗi` : `${s} apology ${plural(n, 'slip', 'slips')}`;
}

export function unitsText(n: number, lang: Lang): string {
  const s = formatNumber(n, 0, lang);
  return lang === 'vi' ? `${s} đơn vị` : `${s} ${plural(n, 'unit', 'units')}`;
}

/** Capitalise the first letter of a sentence (after the rules joined its parts). */
export function sentence(s: string): string {
  const t = s.trim();
  const body = t.charAt(0).toLocaleUpperCase('vi') + t.slice(1);
  return /[.!?]$/.test(body) ? body : `${body}.`;
}
