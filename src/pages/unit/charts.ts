// The unit page's ECharts options, from its model: overdue dossiers by field, the channel mix, the 766
// groups. Plain functions of the model and a translator, so the live page and a build-time render
// (Node, SVG) draw the same chart. Dataset text reaches a chart only through plainLabel (labels) or
// escapeHtml (tooltips, which ECharts writes as HTML).
import type { EChartsOption } from 'echarts';
import { escapeHtml, plainLabel } from '../../components/charts/escape';
import { formatNumber, formatPercent, type Lang } from '../../format';
import type { OverdueField } from '../../metrics/scoreboard';
import { fieldName } from '../../narrative';
import type { ChannelKey, ChannelShare, GroupScore } from './model';

/** The page's message lookup (vue-i18n's `t`, or a plain table at build time). */
export type Translate = (key: string) => string;

const MISSED = '#b42318';
const BLUE = '#0072B2';
const ORANGE = '#E69F00';
export const CHANNEL_COLOURS: Record<ChannelKey, string> = { full: BLUE, partial: '#56B4E9', online: BLUE, inPerson: ORANGE, postal: '#009E73', offline: ORANGE };

const hovered = (params: unknown) => (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;

/** Overdue dossiers by field: resolved late and still pending late, stacked (pending hatched, not colour alone). */
export function fieldsOption(fields: OverdueField[], t: Translate, lang: Lang): EChartsOption {
  const resolved = t('unit.resolvedLate');
  const pending = t('unit.pendingLate');
  return {
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, data: [resolved, pending] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (params: unknown) => {
      const f = fields[hovered(params)];
      return `${escapeHtml(fieldName(f.field, lang))}<br>${escapeHtml(resolved)}: ${f.resolved_overdue}<br>${escapeHtml(pending)}: ${f.pending_overdue}`;
    } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: fields.map((f) => plainLabel(fieldName(f.field, lang), 30)) },
    series: [
      { type: 'bar', stack: 'o', name: resolved, data: fields.map((f) => f.resolved_overdue), itemStyle: { color: MISSED } },
      { type: 'bar', stack: 'o', name: pending, data: fields.map((f) => f.pending_overdue), itemStyle: { color: ORANGE, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 3], rotation: -Math.PI / 4, color: 'rgba(0,0,0,0.35)' } } },
    ],
  };
}

/** Chart height for the fields chart: a bar per field. */
export const fieldsHeight = (fields: OverdueField[]) => `${Math.max(140, fields.length * 30 + 60)}px`;

/** The channel mix of received dossiers, as shares (labelled with the percentage). */
export function channelOption(channels: ChannelShare[], t: Translate, lang: Lang): EChartsOption {
  return {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (params: unknown) => {
      const c = channels[hovered(params)];
      return `${escapeHtml(t(`unit.channels.${c.key}`))}: ${escapeHtml(formatNumber(c.count, 0, lang))} (${escapeHtml(formatPercent(c.share, 2, lang))})`;
    } },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: (v: number) => formatPercent(v, 0, lang) } },
    yAxis: { type: 'category', inverse: true, data: channels.map((c) => t(`unit.channels.${c.key}`)) },
    series: [{ type: 'bar', data: channels.map((c) => ({ value: c.share, itemStyle: { color: CHANNEL_COLOURS[c.key] } })),
      label: { show: true, position: 'right', formatter: (p: unknown) => formatPercent((p as { value: number }).value, 1, lang) } }],
  };
}

/** The 766 groups: points scored and points lost, stacked to each group's maximum (lost hatched). */
export function groupsOption(groups: GroupScore[], t: Translate, lang: Lang): EChartsOption {
  const score = t('unit.score');
  const lost = t('unit.lost');
  return {
    grid: { left: 8, right: 16, top: 28, bottom: 8, containLabel: true },
    legend: { top: 0, data: [score, lost] },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: (params: unknown) => {
      const g = groups[hovered(params)];
      const n = (v: number) => formatNumber(v, 2, lang);
      return `${escapeHtml(g.name)}<br>${escapeHtml(score)}: ${n(g.score)}/${n(g.max)}<br>${escapeHtml(lost)}: ${n(g.lost)}`;
    } },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: groups.map((g) => plainLabel(`${g.code} – ${g.name}`, 34)) },
    series: [
      { type: 'bar', stack: 'g', name: score, data: groups.map((g) => g.score), itemStyle: { color: BLUE } },
      { type: 'bar', stack: 'g', name: lost, data: groups.map((g) => g.lost), itemStyle: { color: '#ffffff', borderColor: MISSED, borderWidth: 1.5, decal: { symbol: 'rect', dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: Math.PI / 4, color: MISSED } } },
    ],
  };
}
