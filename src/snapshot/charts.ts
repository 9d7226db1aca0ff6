// The default charts drawn at build time with ECharts' server-side SVG renderer (no DOM, no database):
// the scoreboard's overdue rate by unit. Dataset text reaches the chart only through plainLabel, and
// the SVG renderer escapes text nodes itself.
import * as echarts from 'echarts';
import { plainLabel } from '../components/charts/escape';
import { formatPercent } from '../format';
import type { Evaluation } from '../metrics/evaluate';

const PALETTE_BLUE = '#0072B2';
const MISSED = '#b42318';

export function overdueByUnitSvg(ev: Evaluation): string | null {
  const rows = ev.units.filter((u) => u.metrics.overdue_rate?.value != null);
  if (!rows.length) return null;
  const target = rows.map((u) => u.metrics.on_time_rate?.target).find((v) => v != null) ?? null;
  const height = Math.max(200, rows.length * 26 + 60);
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 720, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif", color: '#0b0c0c' },
    grid: { left: 8, right: 24, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatPercent(v, 0, 'vi') } },
    yAxis: { type: 'category', data: rows.map((u) => plainLabel(u.short_name || u.name, 28)), inverse: true },
    series: [{
      type: 'bar',
      data: rows.map((u) => ({
        value: u.metrics.overdue_rate.value,
        itemStyle: { color: target != null && (u.metrics.overdue_rate.value ?? 0) > 100 - target ? MISSED : PALETTE_BLUE },
      })),
    }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

export function renderCharts(month: Evaluation): Record<string, string> {
  const out: Record<string, string> = {};
  const overdue = overdueByUnitSvg(month);
  if (overdue) out['overdue-by-unit'] = overdue;
  return out;
}
