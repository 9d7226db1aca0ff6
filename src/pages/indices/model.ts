// The standings page's model (pure): for each index the province has, its figure year by year (score,
// rank of how many, change from the year before, target), its components in the latest year, and the
// ranking among provinces that year; the words and numbers the page, its charts and its CSV show.
import type { ExportCell } from '../../export/csv';
import { formatDate, formatDelta, formatMetric, formatNumber, type Lang } from '../../format';
import { FAMILY_BY_INDEX } from '../../metrics/indexFamilies';
import type { RankingRow, TargetInForce, YearStanding } from '../../metrics/indices';
import { METRIC_BY_ID, type Certainty, type IndexMetric } from '../../metrics/registry';
import type { IndicesInput } from './query';

export interface YearRow {
  year: string;
  score: number | null;
  scoreText: string;
  rank: number | null;
  rank_of: number | null;
  rankText: string;
  scoreChange: number | null;
  scoreChangeText: string;
  /** previous rank − rank: positive = moved up */
  rankChange: number | null;
  rankChangeText: string;
  previousYear: string | null;
  target: TargetInForce | null;
  targetText: string;
  /** year to date (the portal's figure so far), not a whole year's */
  partial: boolean;
  asOf: string | null;
  source: string | null;
  qualityFlag: string | null;
}

export interface ComponentRow {
  id: string | null;
  label: string;
  score: number | null;
  scoreText: string;
  change: number | null;
  changeText: string;
  maxText: string;
}

export interface RankingView {
  year: string;
  rows: (RankingRow & { scoreText: string; rankText: string; current: boolean })[];
  /** the file gave no rank: the rows are ranked here by score */
  computed: boolean;
}

export interface IndexCard {
  index: string;
  name: string;
  publisher: string;
  scale: string;
  certainty: Certainty;
  totalMetric: string | null;
  rankMetric: string | null;
  years: YearRow[];
  latest: YearRow | null;
  components: ComponentRow[];
  componentsYear: string | null;
  /** what the chart draws: the rank (1 at the top) where ranks exist, else the score */
  chart: { mode: 'rank' | 'score'; metric: string | null; years: string[]; values: (number | null)[]; target: number | null; comparator: '>=' | '<=' | null; max: number | null };
  ranking: RankingView | null;
}

export interface IndicesModel {
  unitId: string | null;
  unitName: string;
  choices: { unit_id: string; name: string }[];
  cards: IndexCard[];
}

type Text = (key: string, values?: Record<string, unknown>) => string;

const def = (id: string | null) => (id ? (METRIC_BY_ID.get(id) as IndexMetric | undefined) ?? null : null);

function fmtScore(m: IndexMetric | null, v: number | null, lang: Lang): string {
  return m ? formatMetric(m, v, lang) : formatNumber(v, 2, lang);
}

function rankText(rank: number | null, of: number | null, lang: Lang): string {
  if (rank == null) return '–';
  return of != null ? `${formatNumber(rank, 0, lang)}/${formatNumber(of, 0, lang)}` : formatNumber(rank, 0, lang);
}

function rankChangeText(change: number | null, t: Text, lang: Lang): string {
  if (change == null) return '–';
  if (change === 0) return t('indices.rankSame');
  return t(change > 0 ? 'indices.rankUp' : 'indices.rankDown', { n: formatNumber(Math.abs(change), 0, lang) });
}

function targetText(tg: TargetInForce | null, t: Text, lang: Lang): string {
  if (!tg) return '';
  const m = def(tg.metric);
  const v = m?.unit === 'rank' || Number.isInteger(tg.value) ? `${formatNumber(tg.value, 0, lang)}${m?.unit === 'percent' ? '\u00a0%' : ''}` : fmtScore(m, tg.value, lang);
  const what = m?.unit === 'rank' ? t('indices.targetRank', { value: v }) : `${tg.comparator === '<=' ? '≤' : '≥'} ${v}`;
  return tg.status ? `${what} (${t(`indices.status.${tg.status}`)})` : what;
}

export function buildIndicesModel(input: IndicesInput, lang: Lang, t: Text): IndicesModel {
  const chosen = input.units.find((u) => u.unit_id === input.unitId);
  const cards: IndexCard[] = input.standings.map((s) => {
    const fam = FAMILY_BY_INDEX.get(s.index);
    const total = def(s.total);
    const years: YearRow[] = s.years.map((y: YearStanding) => {
      // a rank target is what a plan usually sets ("top 20"); else the score's
      const target = y.targets.find((x) => x.metric === s.rankMetric) ?? y.targets.find((x) => x.metric === s.total) ?? null;
      return {
        year: y.year, score: y.score, scoreText: fmtScore(total, y.score, lang),
        rank: y.rank, rank_of: y.rank_of, rankText: rankText(y.rank, y.rank_of, lang),
        scoreChange: y.score_change, scoreChangeText: formatDelta(y.score_change, total?.unit ?? 'points', 2, lang),
        rankChange: y.rank_change, rankChangeText: rankChangeText(y.rank_change, t, lang),
        previousYear: y.previous_year, target, targetText: targetText(target, t, lang),
        partial: y.period_type === 'ytd', asOf: y.as_of, source: y.source, qualityFlag: y.quality_flag,
      };
    });
    const latest = [...years].reverse().find((y) => y.score != null || y.rank != null) ?? null;
    const latestStanding = latest ? s.years.find((y) => y.year === latest.year) ?? null : null;
    const ranked = years.some((y) => y.rank != null);
    const chartMetric = ranked ? s.rankMetric : s.total;
    const chartTargets = s.years.map((y) => y.targets.find((x) => x.metric === chartMetric) ?? null);
    const lastTarget = [...chartTargets].reverse().find((x) => x != null) ?? null;
    const r = input.rankings[s.index];
    const rankedRows = r?.rows ?? [];
    return {
      index: s.index,
      name: fam?.name[lang] ?? s.index,
      publisher: fam?.publisher[lang] ?? '',
      scale: fam?.scale[lang] ?? '',
      certainty: fam?.certainty ?? 'unverified',
      totalMetric: s.total, rankMetric: s.rankMetric, years, latest,
      componentsYear: latestStanding?.components.some((c) => c.score != null) ? latestStanding.year : null,
      components: (latestStanding?.components ?? []).filter((c) => c.score != null).map((c) => {
        const m = def(c.metric_id);
        return {
          id: c.metric_id, label: m?.short[lang] ?? c.component, score: c.score, scoreText: fmtScore(m, c.score, lang),
          change: c.change, changeText: formatDelta(c.change, m?.unit ?? 'points', 2, lang),
          maxText: c.max_score != null ? formatNumber(c.max_score, Number.isInteger(c.max_score) ? 0 : 2, lang) : m?.max != null ? formatNumber(m.max, 0, lang) : '–',
        };
      }),
      chart: {
        mode: ranked ? 'rank' : 'score', metric: chartMetric,
        years: years.map((y) => y.year), values: years.map((y) => (ranked ? y.rank : y.score)),
        target: lastTarget?.value ?? null, comparator: lastTarget?.comparator ?? null,
        max: ranked ? Math.max(0, ...years.map((y) => y.rank_of ?? 0)) || null : total?.max ?? fam?.max ?? null,
      },
      ranking: r ? {
        year: r.year,
        computed: rankedRows.some((x) => x.rank_computed),
        rows: rankedRows.map((x) => ({ ...x, scoreText: fmtScore(total, x.score, lang), rankText: rankText(x.rank, x.rank_of, lang), current: x.unit_id === input.unitId })),
      } : null,
    };
  });
  return {
    unitId: input.unitId,
    unitName: chosen?.name ?? input.unitId ?? '',
    choices: input.units.map((u) => ({ unit_id: u.unit_id, name: u.name })),
    cards,
  };
}

/** The table behind a card's chart, as CSV rows (also the page's whole export, one block per index). */
export function cardCsv(card: IndexCard, unitName: string, t: Text): { header: string[]; rows: ExportCell[][] } {
  return {
    header: [t('indices.csv.index'), t('indices.csv.unit'), t('indices.year'), t('indices.score'), t('indices.rank'), t('indices.rankOf'),
      t('indices.scoreChange'), t('indices.rankChange'), t('indices.target'), t('indices.asOf'), t('indices.source')],
    rows: card.years.map((y) => [card.index, unitName, y.year, y.score, y.rank, y.rank_of, y.scoreChange, y.rankChange, y.targetText, y.asOf ? formatDate(y.asOf) : '', y.source]),
  };
}

export function allCsv(model: IndicesModel, t: Text): { header: string[]; rows: ExportCell[][] } {
  const parts = model.cards.map((c) => cardCsv(c, model.unitName, t));
  return { header: parts[0]?.header ?? [], rows: parts.flatMap((p) => p.rows) };
}
