// The default charts drawn at build time with ECharts' server-side SVG renderer (no DOM, no database):
// the scoreboard's department-against-target charts, from the very options the live page draws
// (src/pages/scoreboard/charts.ts). 'overdue-by-unit' is the one the <noscript> summary shows. Dataset
// text reaches the chart only through plainLabel, and the SVG renderer escapes text nodes itself.
import * as echarts from 'echarts';
import type { Evaluation } from '../metrics/evaluate';
import { chartHeight, targetChartOption, type ChartLayout } from '../pages/scoreboard/charts';
import { targetChartsFromEvaluation } from '../pages/scoreboard/model';
import { BASE_OPTION } from '../components/charts/theme';

const WORDS = { lang: 'vi' as const, target: 'Chỉ tiêu', met: 'Đạt', missed: 'Chưa đạt', noTarget: 'Không có chỉ tiêu' };
const LAYOUT: ChartLayout = { rowHeight: 26, top: 12, labels: true, labelWidth: 170 };
const FILE_ID: Record<string, string> = { overdue_rate: 'overdue-by-unit', online_share: 'online-by-unit', citizen_satisfaction: 'satisfaction-by-unit' };

export function renderCharts(month: Evaluation): Record<string, string> {
  const out: Record<string, string> = {};
  for (const chart of targetChartsFromEvaluation(month.units)) {
    const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 720, height: chartHeight(chart, LAYOUT) });
    instance.setOption({ ...BASE_OPTION, aria: { enabled: false }, ...targetChartOption(chart, WORDS, LAYOUT), tooltip: undefined });
    out[FILE_ID[chart.id] ?? chart.id] = instance.renderToSVGString();
    instance.dispose();
  }
  return out;
}
