// What the unit page shows, from its query results (pure: no Vue, no database; tested in Node):
// the scoreboard row, the gap to each target, the 766 points lost, the series to chart, overdue
// dossiers by field, the channel mix of received dossiers, and the 766 group scores against their maxima.
import type { Lang } from '../../format';
import type { MetricValue, UnitResult } from '../../metrics/evaluate';
import { metricGap, type Gap } from '../../metrics/gap';
import type { Period } from '../../metrics/periods';
import { COUNT_METRICS, GROUPS_766 } from '../../metrics/registry';
import { buildScoreboard, type OverdueField, type ScoreboardInput, type ScoreRow } from '../../metrics/scoreboard';
import { targetText } from '../../narrative';

export interface GapLine { id: string; figure: MetricValue; gap: Gap | null; target: string }
export interface PointGap { id: string; figure: MetricValue; points: number }
export type ChannelKey = 'full' | 'partial' | 'online' | 'inPerson' | 'postal' | 'offline';
export interface ChannelShare { key: ChannelKey; count: number; share: number }
export interface GroupScore { code: string; name: string; score: number; max: number; lost: number }
export interface GroupTotals { score: number; max: number; lost: number; worst: GroupScore }

export interface UnitModel {
  unit: UnitResult;
  row: ScoreRow;
  /** the series' periods, the current one last */
  periods: Period[];
  gaps: GapLine[];
  pointGaps: PointGap[];
  /** metrics with at least one value in the series, in registry order (counts, then the 766 total) */
  trendIds: string[];
  series: Record<string, MetricValue[]>;
  fields: OverdueField[];
  channels: ChannelShare[];
  groups: GroupScore[];
  groupTotals: GroupTotals | null;
}

/** Gap to target, in dossiers, for every count metric with a value and a target. */
export function gapLines(u: UnitResult, lang: Lang): GapLine[] {
  return COUNT_METRICS.filter((m) => u.metrics[m.id]?.target != null && u.metrics[m.id]?.value != null).map((m) => {
    const f = u.metrics[m.id];
    return { id: m.id, figure: f, gap: metricGap(m.unit, f), target: targetText(m.id, f.target, f.comparator, lang) };
  });
}

/** The 766 total's shortfall in points, when its target is missed. */
export function pointGaps(u: UnitResult): PointGap[] {
  const f = u.metrics.index_766_total;
  return f?.status === 'missed' && f.value != null && f.target != null ? [{ id: 'index_766_total', figure: f, points: f.target - f.value }] : [];
}

/**
 * Newly received dossiers by channel, as shares of all received. Online splits into full and partial
 * online service when the data says so; offline into in person and postal likewise.
 */
export function channelMix(sums: Record<string, number | null>): ChannelShare[] {
  const online = sums.received_online;
  const offline = sums.received_offline;
  if (online == null || offline == null) return [];
  const total = online + offline;
  if (total === 0) return [];
  const out: { key: ChannelKey; count: number }[] = [];
  const full = sums.received_online_full;
  if (full != null) out.push({ key: 'full', count: full }, { key: 'partial', count: online - full });
  else out.push({ key: 'online', count: online });
  const postal = sums.received_postal;
  if (postal != null) out.push({ key: 'inPerson', count: offline - postal }, { key: 'postal', count: postal });
  else out.push({ key: 'offline', count: offline });
  return out.map((c) => ({ ...c, share: (100 * c.count) / total }));
}

/** The 766 groups with a score: scored and lost points against each group's maximum (the data's, else the decree's). */
export function groupScores(u: UnitResult, lang: Lang): GroupScore[] {
  return GROUPS_766.flatMap((g) => {
    const f = u.metrics[`index_766_${g.code}`];
    if (!f || f.value == null) return [];
    const max = f.max_score ?? g.max;
    return [{ code: g.code, name: lang === 'vi' ? g.vi : g.en, score: f.value, max, lost: Math.max(0, max - f.value) }];
  });
}

/** Sums over the groups, and the group that lost the most points. */
export function groupTotals(list: GroupScore[]): GroupTotals | null {
  if (!list.length) return null;
  const worst = [...list].sort((a, b) => b.lost - a.lost)[0];
  const sum = (k: 'score' | 'max' | 'lost') => list.reduce((s, g) => s + g[k], 0);
  return { score: sum('score'), max: sum('max'), lost: sum('lost'), worst };
}

/** The page's model, or null when the unit is not in the results (unknown id, or not in the period). */
export function buildUnitModel(input: ScoreboardInput, unitId: string, lang: Lang): UnitModel | null {
  const unit = input.current.units.find((u) => u.unit_id === unitId) ?? null;
  const row = buildScoreboard(input).rows.find((r) => r.unit.unit_id === unitId) ?? null;
  if (!unit || !row) return null;
  const series = input.series.units[unitId] ?? {};
  const ids = [...COUNT_METRICS.map((m) => m.id), 'index_766_total'];
  const groups = groupScores(unit, lang);
  return {
    unit,
    row,
    periods: input.series.periods,
    gaps: gapLines(unit, lang),
    pointGaps: pointGaps(unit),
    trendIds: ids.filter((id) => series[id]?.some((f) => f.value != null)),
    series,
    fields: row.overdueFields,
    channels: channelMix(unit.sums),
    groups,
    groupTotals: groupTotals(groups),
  };
}
