// The standings page's ECharts options, from its model: one line per index over the years, the rank
// (1 at the top) where the file ranks, else the score, with the target as a labelled dashed line.
// Plain functions of the model, so the live page and a build-time render draw the same chart; dataset
// text reaches a chart only through plainLabel (labels) or escapeHtml (tooltips).
import type { EChartsOption } from 'echarts';
import { escapeHtml, plainLabel } from '../../components/charts/escape';
import { formatNumber, type Lang } from '../../format';
import type { IndexCard } from './model';

type Text = (key: string, values?: Record<string, unknown>) => string;

const BLUE = '#0072B2';
const TARGET = '#b42318';

export function standingOption(card: IndexCard, t: Text, lang: Lang): EChartsOption {
  const rank = card.chart.mode === 'rank';
  const name = plainLabel(rank ? t('indices.rank') : t('indices.score'), 32);
  const fmt = (v: number | null) => (v == null ? '–' : rank ? formatNumber(v, 0, lang) : formatNumber(v, 2, lang));
  const values = card.chart.values;
  const target = card.chart.target;
  return {
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params: unknown) => {
        const i = (params as { dataIndex: number }[])[0]?.dataIndex ?? 0;
        const y = card.years[i];
        if (!y) return '';
        return `${escapeHtml(y.year)}<br>${escapeHtml(t('indices.score'))}: <b>${escapeHtml(y.scoreText)}</b><br>${escapeHtml(t('indices.rank'))}: <b>${escapeHtml(y.rankText)}</b>`
          + (y.targetText ? `<br>${escapeHtml(t('indices.target'))}: ${escapeHtml(y.targetText)}` : '');
      },
    },
    xAxis: { type: 'category', data: card.chart.years.map((y) => plainLabel(y, 8)), boundaryGap: card.chart.years.length < 2 },
    yAxis: rank
      ? { type: 'value', inverse: true, min: 1, max: card.chart.max ?? undefined, minInterval: 1, name: plainLabel(t('indices.rankAxis'), 24), nameLocation: 'start', nameTextStyle: { align: 'left' } }
      : { type: 'value', min: 0, max: card.chart.max ?? undefined, name: plainLabel(t('indices.scoreAxis'), 24), nameTextStyle: { align: 'left' }, axisLabel: { formatter: (v: number) => formatNumber(v, 0, lang) } },
    series: [{
      type: 'line', name, data: values, connectNulls: false, symbol: 'circle', symbolSize: 8,
      lineStyle: { color: BLUE, width: 3 }, itemStyle: { color: BLUE },
      label: { show: true, position: 'top', formatter: (p: unknown) => fmt((p as { value: number | null }).value) },
      ...(target != null ? {
        markLine: {
          symbol: 'none', silent: true,
          lineStyle: { color: TARGET, type: 'dashed', width: 2 },
          label: { formatter: plainLabel(`${t('indices.target')} ${card.chart.comparator === '<=' ? '≤' : '≥'} ${fmt(target)}`, 30), position: 'insideEndTop' },
          data: [{ yAxis: target }],
        },
      } : {}),
    }],
  };
}
