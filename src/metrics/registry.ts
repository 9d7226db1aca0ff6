// The metric registry: every metric defined once (id, labels, SQL, unit, direction, format). The
// scoreboard, charts, written summary, exports, summary command and tests all read these definitions.
//
// Count metrics are ratios of *summed* numerators and denominators (never averages of rates). Their SQL
// is written over the aggregated count columns that queries.ts builds for any period and grouping
// (flows summed; stocks `carried_over` from each series' first row, `pending_*` from its last row).

import { FAMILY_BY_INDEX, INDEX_FAMILIES, componentSlug, knownComponent, type IndexFamily } from './indexFamilies';

export type MetricUnit = 'percent' | 'points' | 'count' | 'rank';
export type Direction = 'higher' | 'lower';
export type Certainty = 'verified' | 'partly' | 'unverified';

interface Text { vi: string; en: string }

export interface CountMetric {
  kind: 'counts';
  id: string;
  label: Text;
  /** short column header */
  short: Text;
  /** the formula in words, for the methodology page */
  formula: Text;
  unit: 'percent' | 'count';
  direction: Direction;
  /** SQL over aggregated count columns */
  numerator: string;
  /** SQL over aggregated count columns; absent for counts */
  denominator?: string;
  /** columns every counted row must have (else the value is null, never a partial sum) */
  requires: string[];
  decimals: number;
  certainty: Certainty;
  basis: string;
}

export interface IndexMetric {
  kind: 'index';
  id: string;
  label: Text;
  short: Text;
  formula: Text;
  unit: 'points' | 'rank' | 'percent';
  direction: Direction;
  index: string;
  component: string;
  /** which column of index_scores is the value */
  field: 'score' | 'rank' | 'ratio';
  decimals: number;
  certainty: Certainty;
  basis: string;
  /** the highest possible value (scores), when the index states one */
  max?: number | null;
  /** the scale in words and how sure domain.md is of it */
  scale?: Text;
  /** who publishes the index */
  publisher?: Text;
  /** defined from a component found in the data (its label is the file's own name for it) */
  derived?: boolean;
}

export type MetricDef = CountMetric | IndexMetric;

// Named SQL pieces over the aggregated columns, so each formula reads like the contract.
// resolved_early and pending_within may be empty only where a source publishes the on-time total
// without splitting it (the 766 portal's totalOnTime, kept in resolved_on_time): there they count as
// part of resolved_on_time, and metrics that need the split (early_rate) stay null.
const EARLY = 'coalesce(resolved_early, 0)';
const WITHIN = 'coalesce(pending_within, 0)';
const RESOLVED = `(${EARLY} + resolved_on_time + resolved_overdue)`;
const PENDING = `(${WITHIN} + pending_overdue)`;
const HANDLED = `(${RESOLVED} + ${PENDING})`;
const OVERDUE = '(resolved_overdue + pending_overdue)';
const NEW_RECEIVED = '(received_online + received_offline)';
const RECEIVED = '(received_online + received_offline + carried_over)';
const TIMELINESS = ['resolved_on_time', 'resolved_overdue', 'pending_overdue'];
const INTAKE = ['received_online', 'received_offline'];

const counts = (m: Omit<CountMetric, 'kind'>): CountMetric => ({ kind: 'counts', ...m });

export const COUNT_METRICS: CountMetric[] = [
  counts({
    id: 'on_time_rate',
    label: { vi: 'Tỷ lệ hồ sơ giải quyết trước hạn, đúng hạn', en: 'Dossiers handled early or on time' },
    short: { vi: 'Đúng hạn', en: 'On time' },
    formula: {
      vi: '(đã giải quyết trước hạn + đúng hạn + đang giải quyết trong hạn) ÷ (đã giải quyết + đang giải quyết) — chỉ số 2.1 "Tiến độ" của QĐ 766',
      en: '(resolved early + on time + pending within the time limit) ÷ (resolved + pending): the 766 "progress" indicator 2.1',
    },
    unit: 'percent', direction: 'higher',
    numerator: `(${EARLY} + resolved_on_time + ${WITHIN})`, denominator: HANDLED,
    requires: TIMELINESS, decimals: 2, certainty: 'verified', basis: 'QĐ 766/QĐ-TTg, chỉ số 2.1',
  }),
  counts({
    id: 'overdue_rate',
    label: { vi: 'Tỷ lệ hồ sơ quá hạn', en: 'Overdue dossiers' },
    short: { vi: 'Quá hạn', en: 'Overdue' },
    formula: { vi: '(đã giải quyết quá hạn + đang giải quyết quá hạn) ÷ (đã giải quyết + đang giải quyết)', en: '(resolved late + pending past the time limit) ÷ (resolved + pending)' },
    unit: 'percent', direction: 'lower',
    numerator: OVERDUE, denominator: HANDLED,
    requires: TIMELINESS, decimals: 2, certainty: 'verified', basis: 'Biểu 06/VPCP/KSTT, cột (10)+(13) ÷ (7)+(11)',
  }),
  counts({
    id: 'resolved_overdue_rate',
    label: { vi: 'Tỷ lệ hồ sơ đã giải quyết quá hạn', en: 'Resolved dossiers resolved late' },
    short: { vi: 'Giải quyết trễ', en: 'Resolved late' },
    formula: { vi: 'đã giải quyết quá hạn ÷ đã giải quyết', en: 'resolved late ÷ resolved' },
    unit: 'percent', direction: 'lower',
    numerator: 'resolved_overdue', denominator: RESOLVED,
    requires: ['resolved_on_time', 'resolved_overdue'], decimals: 2, certainty: 'verified', basis: 'Biểu 06/VPCP/KSTT, cột (10) ÷ (7)',
  }),
  counts({
    id: 'early_rate',
    label: { vi: 'Tỷ lệ hồ sơ giải quyết trước hạn', en: 'Dossiers resolved early' },
    short: { vi: 'Trước hạn', en: 'Early' },
    formula: { vi: 'đã giải quyết trước hạn ÷ đã giải quyết', en: 'resolved early ÷ resolved' },
    unit: 'percent', direction: 'higher',
    numerator: 'resolved_early', denominator: RESOLVED,
    requires: ['resolved_early', 'resolved_on_time', 'resolved_overdue'], decimals: 2, certainty: 'verified', basis: 'Biểu 06/VPCP/KSTT, cột (8) ÷ (7)',
  }),
  counts({
    id: 'online_share',
    label: { vi: 'Tỷ lệ hồ sơ nộp trực tuyến', en: 'Dossiers submitted online' },
    short: { vi: 'Trực tuyến', en: 'Online' },
    formula: { vi: 'tiếp nhận trực tuyến ÷ (trực tuyến + trực tiếp, bưu chính) trong kỳ (không tính hồ sơ kỳ trước)', en: 'received online ÷ (online + in person and postal) in the period (carried-over dossiers excluded)' },
    unit: 'percent', direction: 'higher',
    numerator: 'received_online', denominator: NEW_RECEIVED,
    requires: INTAKE, decimals: 2, certainty: 'partly', basis: 'Biểu 06 cột (4) ÷ (4)+(5); gần với chỉ số 3.3 QĐ 766 (chỉ số 766 còn đòi kết quả điện tử và nhân tỷ lệ đồng bộ)',
  }),
  counts({
    id: 'online_full_share',
    label: { vi: 'Tỷ lệ hồ sơ trực tuyến toàn trình', en: 'Dossiers submitted full-process online' },
    short: { vi: 'Toàn trình', en: 'Full online' },
    formula: { vi: 'tiếp nhận trực tuyến toàn trình ÷ tổng tiếp nhận mới', en: 'received full-process online ÷ all newly received' },
    unit: 'percent', direction: 'higher',
    numerator: 'received_online_full', denominator: NEW_RECEIVED,
    requires: [...INTAKE, 'received_online_full'], decimals: 2, certainty: 'partly', basis: 'NĐ 42/2022/NĐ-CP (DVC trực tuyến toàn trình)',
  }),
  counts({
    id: 'postal_share',
    label: { vi: 'Tỷ lệ hồ sơ qua dịch vụ bưu chính công ích', en: 'Dossiers received by public postal service' },
    short: { vi: 'Bưu chính', en: 'Postal' },
    formula: { vi: 'tiếp nhận qua bưu chính công ích ÷ tổng tiếp nhận mới', en: 'received by post ÷ all newly received' },
    unit: 'percent', direction: 'higher',
    numerator: 'received_postal', denominator: NEW_RECEIVED,
    requires: [...INTAKE, 'received_postal'], decimals: 2, certainty: 'partly', basis: 'KenhThucHien = 3 (QĐ 766, chỉ số 3.3)',
  }),
  counts({
    id: 'apology_rate',
    label: { vi: 'Tỷ lệ hồ sơ quá hạn có phiếu xin lỗi', en: 'Overdue dossiers with an apology slip' },
    short: { vi: 'Xin lỗi', en: 'Apology' },
    formula: { vi: 'phiếu xin lỗi và hẹn lại ngày trả kết quả đã phát hành ÷ hồ sơ quá hạn (đã và đang giải quyết)', en: 'apology-and-new-appointment slips issued ÷ overdue dossiers (resolved late and pending late)' },
    unit: 'percent', direction: 'higher',
    numerator: 'apologies_issued', denominator: OVERDUE,
    requires: [...TIMELINESS, 'apologies_issued'], decimals: 2, certainty: 'unverified', basis: 'NĐ 61/2018/NĐ-CP Điều 19 (sửa bởi NĐ 107/2021); NĐ 118/2025/NĐ-CP',
  }),
  counts({
    id: 'digitized_rate',
    label: { vi: 'Tỷ lệ hồ sơ được số hóa', en: 'Dossiers digitised' },
    short: { vi: 'Số hóa', en: 'Digitised' },
    formula: { vi: 'hồ sơ được số hóa (thành phần và kết quả) ÷ hồ sơ nhận giải quyết (cột 3)', en: 'dossiers digitised (components and result) ÷ dossiers received (col 3)' },
    unit: 'percent', direction: 'higher',
    numerator: 'digitized', denominator: RECEIVED,
    requires: [...INTAKE, 'carried_over', 'digitized'], decimals: 2, certainty: 'partly', basis: 'QĐ 766 chỉ số 4.2; QĐ 468/QĐ-TTg',
  }),
  counts({
    id: 'satisfaction_766',
    label: { vi: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC (766)', en: 'Satisfaction in receiving and handling (766)' },
    short: { vi: 'Hài lòng 766', en: 'Satisf. 766' },
    formula: {
      vi: '1 − (hồ sơ quá hạn + hồ sơ bị đánh giá không hài lòng + phản ánh, kiến nghị) ÷ hồ sơ đã và đang giải quyết; thiếu cột phản ánh thì tính là 0',
      en: '1 − (overdue + rated dissatisfied + complaints) ÷ dossiers resolved and pending; a missing complaints column counts as 0',
    },
    unit: 'percent', direction: 'higher',
    numerator: `(${HANDLED} - ${OVERDUE} - ratings_dissatisfied - coalesce(complaints, 0))`, denominator: HANDLED,
    requires: [...TIMELINESS, 'ratings_dissatisfied'], decimals: 2, certainty: 'verified', basis: 'QĐ 766, DOSSIER_RECEIVING_SATISFACTION (nhóm 5)',
  }),
  counts({
    id: 'citizen_satisfaction',
    label: { vi: 'Tỷ lệ người dân hài lòng', en: 'Citizens satisfied' },
    short: { vi: 'Hài lòng', en: 'Satisfied' },
    formula: { vi: '1 − đánh giá "không hài lòng" ÷ số đánh giá', en: '1 − ratings "dissatisfied" ÷ ratings given' },
    unit: 'percent', direction: 'higher',
    numerator: '(ratings_total - ratings_dissatisfied)', denominator: 'ratings_total',
    requires: ['ratings_total', 'ratings_dissatisfied'], decimals: 2, certainty: 'partly', basis: 'TT 01/2018/TT-VPCP (đánh giá tại Bộ phận Một cửa)',
  }),
  counts({
    id: 'overdue_count',
    label: { vi: 'Số hồ sơ quá hạn', en: 'Overdue dossiers' },
    short: { vi: 'Số quá hạn', en: 'Overdue' },
    formula: { vi: 'đã giải quyết quá hạn + đang giải quyết quá hạn (cuối kỳ)', en: 'resolved late + pending past the time limit (at period end)' },
    unit: 'count', direction: 'lower',
    numerator: OVERDUE,
    requires: ['resolved_overdue', 'pending_overdue'], decimals: 0, certainty: 'verified', basis: 'Biểu 06/VPCP/KSTT, cột (10)+(13)',
  }),
  counts({
    id: 'received_count',
    label: { vi: 'Số hồ sơ tiếp nhận mới', en: 'Dossiers newly received' },
    short: { vi: 'Tiếp nhận', en: 'Received' },
    formula: { vi: 'trực tuyến + trực tiếp, bưu chính (cột 4+5)', en: 'online + in person and postal (cols 4+5)' },
    unit: 'count', direction: 'higher',
    numerator: NEW_RECEIVED,
    requires: INTAKE, decimals: 0, certainty: 'verified', basis: 'Biểu 06/VPCP/KSTT, cột (4)+(5)',
  }),
  counts({
    id: 'apologies_count',
    label: { vi: 'Số phiếu xin lỗi đã phát hành', en: 'Apology slips issued' },
    short: { vi: 'Phiếu xin lỗi', en: 'Apologies' },
    formula: { vi: 'số phiếu xin lỗi và hẹn lại ngày trả kết quả', en: 'apology-and-new-appointment slips issued' },
    unit: 'count', direction: 'higher',
    numerator: 'apologies_issued',
    requires: ['apologies_issued'], decimals: 0, certainty: 'unverified', basis: 'TT 01/2018/TT-VPCP, Mẫu số 04',
  }),
];

/** 766 groups: code in index_scores, max points (QĐ 766; domain.md §1.1). */
export const GROUPS_766 = [
  { code: 'CKMB', max: 18, vi: 'Công khai, minh bạch', en: 'Publicity, transparency' },
  { code: 'TDGQ', max: 20, vi: 'Tiến độ giải quyết', en: 'Processing timeliness' },
  { code: 'ONLINE', max: 12, vi: 'Dịch vụ công trực tuyến', en: 'Online public services' },
  { code: 'TTTT', max: 10, vi: 'Thanh toán trực tuyến', en: 'Online payment' },
  { code: 'MDSH', max: 22, vi: 'Số hóa hồ sơ', en: 'Dossier digitisation' },
  { code: 'MDHL', max: 18, vi: 'Mức độ hài lòng', en: 'Satisfaction' },
] as const;

const index = (m: Omit<IndexMetric, 'kind'>): IndexMetric => ({ kind: 'index', ...m });

const ABBR: Record<string, string> = { PCI: 'PCI', PAPI: 'PAPI', SIPAS: 'SIPAS', PAR: 'PAR INDEX', DDCI: 'DDCI', '766': '766' };

/** total, rank and the known components of one published index (PCI, PAPI, SIPAS, PAR INDEX). */
function familyMetrics(f: IndexFamily): IndexMetric[] {
  const a = ABBR[f.index];
  const pct = f.unit === 'percent';
  const total = index({
    id: `${f.prefix}_total`,
    label: pct ? { vi: `Chỉ số ${a} (tỷ lệ hài lòng)`, en: `${a} (satisfaction rate)` } : { vi: `Điểm ${a}`, en: `${a} score` },
    short: { vi: a, en: a },
    formula: {
      vi: `${f.name.vi}, ${pct ? 'tỷ lệ' : 'điểm tổng hợp'} như đã công bố. Thang: ${f.scale.vi}. Nơi công bố: ${f.publisher.vi}`,
      en: `${f.name.en}, the ${pct ? 'rate' : 'composite score'} as published. Scale: ${f.scale.en}. Published by ${f.publisher.en}`,
    },
    unit: f.unit, direction: 'higher', index: f.index, component: 'TOTAL', field: 'score', decimals: 2,
    certainty: f.certainty, basis: f.basis, max: f.max, scale: f.scale, publisher: f.publisher,
  });
  const rank = index({
    id: `${f.prefix}_rank`,
    label: { vi: `Xếp hạng ${a}`, en: `${a} rank` },
    short: { vi: `Hạng ${a}`, en: `${a} rank` },
    formula: {
      vi: `thứ hạng ${a} của tỉnh trong số các tỉnh được xếp (1 là tốt nhất)${f.index === 'SIPAS' ? '; SIPAS chính thức không xếp hạng, thứ hạng do báo chí hoặc tệp dữ liệu tính từ tỷ lệ' : ''}`,
      en: `the province's ${a} rank among the provinces ranked (1 is best)${f.index === 'SIPAS' ? '; SIPAS officially does not rank: the rank is the press’s or the file’s, from the rates' : ''}`,
    },
    unit: 'rank', direction: 'lower', index: f.index, component: 'TOTAL', field: 'rank', decimals: 0,
    certainty: f.rankCertainty, basis: f.basis, publisher: f.publisher,
  });
  return [total, rank, ...f.components.map((k) => componentMetric(f, k.slug, k.label, false))];
}

/** One component of an index: its score (points, or percent for SIPAS), higher is better. */
function componentMetric(f: IndexFamily, slug: string, label: { vi: string; en: string }, derived: boolean): IndexMetric {
  const a = ABBR[f.index];
  const max = f.componentMax;
  return index({
    id: `${f.prefix}_${slug}`,
    label: { vi: `${a} – ${label.vi}`, en: `${a} – ${label.en}` },
    short: { vi: label.vi, en: label.en },
    formula: {
      vi: `chỉ số thành phần "${label.vi}" của ${a}${max != null ? `, thang ${max}${f.unit === 'percent' ? ' %' : ' điểm'}` : ''}, như đã công bố${derived ? ' (tên lấy từ tệp dữ liệu)' : ''}`,
      en: `the ${a} component "${label.en}"${max != null ? `, on a ${max}${f.unit === 'percent' ? ' %' : '-point'} scale` : ''}, as published${derived ? ' (name taken from the data file)' : ''}`,
    },
    unit: f.unit, direction: 'higher', index: f.index, component: slug, field: 'score', decimals: 2,
    certainty: derived ? 'unverified' : f.certainty, basis: f.basis, max, publisher: f.publisher, derived,
  });
}

export const INDEX_METRICS: IndexMetric[] = [
  index({
    id: 'index_766_total',
    label: { vi: 'Điểm Bộ chỉ số 766 (tổng)', en: '766 service index (total)' },
    short: { vi: 'Điểm 766', en: '766 score' },
    formula: { vi: 'tổng điểm 6 nhóm chỉ số, tối đa 100, do Cổng DVCQG công bố', en: 'sum of the 6 group scores, at most 100, as published by the national portal' },
    unit: 'points', direction: 'higher', index: '766', component: 'TOTAL', field: 'score', decimals: 2, certainty: 'verified', basis: 'QĐ 766/QĐ-TTg',
    max: 100, publisher: FAMILY_BY_INDEX.get('766')?.publisher,
  }),
  ...GROUPS_766.map((g) => index({
    id: `index_766_${g.code}`,
    label: { vi: `766 – ${g.vi}`, en: `766 – ${g.en}` },
    short: { vi: g.code, en: g.code },
    formula: { vi: `điểm nhóm ${g.vi}, tối đa ${g.max}`, en: `group score ${g.en}, at most ${g.max}` },
    unit: 'points', direction: 'higher', index: '766', component: g.code, field: 'score', decimals: 2, certainty: 'verified', basis: 'QĐ 766/QĐ-TTg',
    max: g.max,
  })),
  index({
    id: 'index_766_rank',
    label: { vi: 'Xếp hạng 766', en: '766 rank' },
    short: { vi: 'Hạng 766', en: '766 rank' },
    formula: { vi: 'thứ hạng theo tổng điểm trong nhóm', en: 'rank by total score within the group' },
    unit: 'rank', direction: 'lower', index: '766', component: 'TOTAL', field: 'rank', decimals: 0, certainty: 'verified', basis: 'Cổng DVCQG',
  }),
  index({
    id: 'ddci_total',
    label: { vi: 'Điểm DDCI', en: 'DDCI score' },
    short: { vi: 'DDCI', en: 'DDCI' },
    formula: { vi: 'điểm tổng hợp DDCI (0–100) do tỉnh công bố', en: 'DDCI composite (0–100) published by the province' },
    unit: 'points', direction: 'higher', index: 'DDCI', component: 'TOTAL', field: 'score', decimals: 2, certainty: 'partly', basis: 'Kết quả DDCI cấp tỉnh',
    max: 100, publisher: FAMILY_BY_INDEX.get('DDCI')?.publisher, scale: FAMILY_BY_INDEX.get('DDCI')?.scale,
  }),
  index({
    id: 'ddci_rank',
    label: { vi: 'Xếp hạng DDCI', en: 'DDCI rank' },
    short: { vi: 'Hạng DDCI', en: 'DDCI rank' },
    formula: { vi: 'thứ hạng DDCI trong nhóm', en: 'DDCI rank within the group' },
    unit: 'rank', direction: 'lower', index: 'DDCI', component: 'TOTAL', field: 'rank', decimals: 0, certainty: 'partly', basis: 'Kết quả DDCI cấp tỉnh',
  }),
  ...INDEX_FAMILIES.filter((f) => f.index !== '766' && f.index !== 'DDCI').flatMap(familyMetrics),
  ...INDEX_FAMILIES.filter((f) => f.index === 'DDCI').flatMap((f) => f.components.map((k) => componentMetric(f, k.slug, k.label, false))),
];

export const METRICS: MetricDef[] = [...COUNT_METRICS, ...INDEX_METRICS];
const BY_ID = new Map<string, MetricDef>(METRICS.map((m) => [m.id, m]));
export const METRIC_BY_ID: ReadonlyMap<string, MetricDef> = BY_ID;

// ── index components found in the data ───────────────────────────────────────────────────────────────
// A file may hold components chiso has no entry for (a DDCI sub-index, a renamed PAPI dimension): they
// are defined here, once, from the component's own name, and from then on are metrics like any other
// (metric(id), INDEX_METRICS, evaluate, exports). A known component written another way ("Gia nhập\n thị
// trường", "Entry Costs", gia_nhap_thi_truong) keeps its known id and reads the file's spelling.

/** At most this many components are defined from one dataset (a hostile file cannot flood the registry). */
export const MAX_DERIVED_COMPONENTS = 300;
let derivedCount = 0;

/** The metric id of (index, component) of index_scores, or null when the registry has none for it. */
export function indexMetricIdOf(index: string, component: string, field: 'score' | 'rank' = 'score'): string | null {
  const hit = INDEX_METRICS.find((m) => m.index === index && m.component === component && m.field === field);
  return hit?.id ?? null;
}

/** Define the metrics of the components present in the data (idempotent); returns every index metric
 *  that the given (index, component) pairs name. */
export function registerIndexComponents(components: { index: string; component: string }[]): IndexMetric[] {
  const out: IndexMetric[] = [];
  for (const { index: idx, component } of components) {
    if (component === 'TOTAL') {
      out.push(...INDEX_METRICS.filter((m) => m.index === idx && m.component === 'TOTAL'));
      continue;
    }
    const f = FAMILY_BY_INDEX.get(idx);
    // 766: only its six groups are metrics (index_766_<GROUP>); its indicator rows stay details
    if (!f || f.index === '766') {
      const g = INDEX_METRICS.find((m) => m.index === idx && m.component === component);
      if (g) out.push(g);
      continue;
    }
    const known = knownComponent(f, component);
    const id = `${f.prefix}_${known?.slug ?? componentSlug(component)}`;
    if (id === `${f.prefix}_` || id === `${f.prefix}_total` || id === `${f.prefix}_rank`) continue;
    let m = BY_ID.get(id) as IndexMetric | undefined;
    if (m && m.component !== component) {
      m.component = component; // the file's spelling of a known component
    } else if (!m) {
      if (derivedCount >= MAX_DERIVED_COMPONENTS) continue;
      derivedCount++;
      m = componentMetric(f, componentSlug(component), { vi: cleanName(component), en: cleanName(component) }, true);
      m.component = component;
      INDEX_METRICS.push(m);
      METRICS.push(m);
      BY_ID.set(m.id, m);
    }
    out.push(m);
  }
  return [...new Set(out)];
}

/** Component names come from files: one line, no control characters, bounded length. */
function cleanName(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 120);
}

export function metric(id: string): MetricDef {
  const m = METRIC_BY_ID.get(id);
  if (!m) throw new Error(`unknown metric ${id}`);
  return m;
}

/** Only ids from the registry reach SQL as identifiers: anything else is refused. */
export function isMetricId(id: unknown): id is string {
  return typeof id === 'string' && METRIC_BY_ID.has(id);
}

/** 766 rating bands for a total score (data, not code: bands below Tốt are unverified). */
export const BANDS_766 = [
  { min: 90, vi: 'Xuất sắc', en: 'Excellent', certainty: 'partly' as Certainty },
  { min: 80, vi: 'Tốt', en: 'Good', certainty: 'partly' as Certainty },
  { min: 70, vi: 'Khá', en: 'Fair', certainty: 'unverified' as Certainty },
  { min: 50, vi: 'Trung bình', en: 'Average', certainty: 'unverified' as Certainty },
  { min: -Infinity, vi: 'Yếu', en: 'Weak', certainty: 'unverified' as Certainty },
];

export function band766(score: number | null) {
  if (score == null) return null;
  return BANDS_766.find((b) => score >= b.min) ?? null;
}
