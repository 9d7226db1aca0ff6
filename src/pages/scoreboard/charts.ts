// ECharts options of the scoreboard's department-against-target charts, written once: the live page
// draws them (EChart.vue) and the build-time snapshot renders the same options to SVG in Node
// (src/snapshot/charts.ts). A dot per unit on a thin bar, the unit's own target as a black tick; a unit
// behind target gets the orange colour, a dashed outline on its bar and a diamond instead of a circle, so the status is
// never told by colour alone. Dataset text reaches the canvas through plainLabel and the (HTML) tooltip
// through escapeHtml only. No Vue, no i18n instance here: words come in as arguments.
import type { EChartsOption } from 'echarts';
import { escapeHtml, plainLabel } from '../../components/charts/escape';
import { formatMetric, type Lang } from '../../format';
import { metric } from '../../metrics/registry';
import type { TargetChart } from './model';

export const CHART_COLOURS = { met: '#0072B2', missed: '#D55E00', none: '#6f777b', target: '#0b0c0c', track: '#d9e6f2' } as const;

export interface ChartWords {
  lang: Lang;
  target: string;
  met: string;
  missed: string;
  noTarget: string;
}

export interface ChartLayout {
  /** pixels per unit: the live page matches the matrix's line height so rows read across */
  rowHeight: number;
  /** space above the first unit (the matrix's header row) */
  top: number;
  /** unit names on the axis (off where the chart sits right beside the matrix and space is short) */
  labels: boolean;
  labelWidth?: number;
}

export const DEFAULT_LAYOUT: ChartLayout = { rowHeight: 26, top: 28, labels: true, labelWidth: 110 };
const BOTTOM = 24;

export function chartHeight(chart: TargetChart, layout: ChartLayout = DEFAULT_LAYOUT): number {
  return layout.top + chart.points.length * layout.rowHeight + BOTTOM;
}

/** The value axis: the data and the targets with a little room, rates kept within 0–100. */
function extent(chart: TargetChart): { min: number; max: number } {
  const v = chart.points.flatMap((p) => [p.value, p.target]).filter((x): x is number => x != null && Number.isFinite(x));
  if (!v.length) return { min: 0, max: 100 };
  let lo = Math.min(...v);
  let hi = Math.max(...v);
  const pad = Math.max((hi - lo) * 0.08, 0.5);
  lo -= pad; hi += pad;
  if (metric(chart.id).unit === 'percent') { lo = Math.max(0, lo); hi = Math.min(100, hi); }
  const step = hi - lo > 20 ? 5 : 1;
  return { min: Math.floor(lo / step) * step, max: Math.ceil(hi / step) * step };
}

export function targetChartOption(chart: TargetChart, w: ChartWords, layout: ChartLayout = DEFAULT_LAYOUT): EChartsOption {
  const def = metric(chart.id);
  const fmt = (v: number | null | undefined) => formatMetric(def, v, w.lang);
  const { min, max } = extent(chart);
  const pts = chart.points;
  const colour = (s: 'met' | 'missed' | null) => (s ? CHART_COLOURS[s] : CHART_COLOURS.none);
  // The track of a unit behind target is its own bar series: orange with a dashed outline (no ECharts
  // decal: its pattern is drawn on a new canvas at every update and resize, for each series naming one,
  // and that was a tenth of a filter change). Both track series share a row's slot (barGap -100 %).
  const barWidth = Math.max(3, Math.round(layout.rowHeight * 0.22));
  const track = (missed: boolean) => pts.map((p) => ((p.status === 'missed') === missed ? p.value ?? '-' : '-'));
  return {
    animation: false,
    grid: { left: layout.labels ? (layout.labelWidth ?? 110) : 6, right: 10, top: layout.top, bottom: BOTTOM, containLabel: false },
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const v = (params as { value: unknown }).value;
        const p = pts[Array.isArray(v) ? Number(v[1]) : (params as { dataIndex: number }).dataIndex];
        if (!p) return '';
        const target = p.target != null ? `${p.comparator === '<=' ? '≤' : '≥'} ${fmt(p.target)}` : w.noTarget;
        const status = p.status ? ` (${p.status === 'met' ? w.met : w.missed})` : '';
        return `${escapeHtml(p.name)}<br>${escapeHtml(def.short[w.lang])}: <b>${escapeHtml(fmt(p.value))}</b>${escapeHtml(status)}<br>${escapeHtml(w.target)}: ${escapeHtml(target)}`;
      },
    },
    xAxis: {
      type: 'value', min, max, splitNumber: 3,
      axisLabel: { formatter: (v: number) => formatMetric({ unit: def.unit, decimals: 0 }, v, w.lang), fontSize: 11, hideOverlap: true },
      splitLine: { lineStyle: { color: '#e5e5e5' } },
    },
    yAxis: {
      type: 'category', inverse: true,
      data: pts.map((p) => plainLabel(p.short, 16)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: '#b1b4b6' } },
      axisLabel: { show: layout.labels, fontSize: 11, width: (layout.labelWidth ?? 110) - 8, overflow: 'truncate' },
    },
    series: [
      {
        // the track from the axis to the value: how far each unit is, in one glance down the column
        type: 'bar', barWidth, barGap: '-100%', silent: true, z: 1,
        itemStyle: { color: CHART_COLOURS.track },
        data: track(false),
      },
      {
        type: 'scatter', name: def.short[w.lang], z: 3,
        symbolSize: Math.max(7, Math.round(layout.rowHeight * 0.42)),
        // [value, row]: a scatter on a category axis needs the row given; units without a figure are left out
        data: pts.flatMap((p, i) => (p.value == null ? [] : [{
          value: [p.value, i],
          symbol: p.status === 'missed' ? 'diamond' : 'circle',
          itemStyle: { color: colour(p.status), borderColor: '#fff', borderWidth: 1 },
        }])),
      },
      {
        // each unit's own target (a department may have its own): a black tick across its row
        type: 'scatter', name: w.target, z: 2, silent: true,
        symbol: 'rect', symbolSize: [2, Math.max(10, Math.round(layout.rowHeight * 0.7))],
        itemStyle: { color: CHART_COLOURS.target },
        data: pts.flatMap((p, i) => (p.target == null ? [] : [[p.target, i]])),
      },
      {
        // the track of the units behind target: orange, outlined in dashes
        type: 'bar', barWidth, barGap: '-100%', silent: true, z: 1,
        itemStyle: { color: CHART_COLOURS.missed, opacity: 0.7, borderColor: CHART_COLOURS.target, borderWidth: 1, borderType: [2, 2] },
        data: track(true),
      },
    ],
  } as EChartsOption;
}
