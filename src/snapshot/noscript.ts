// What a page without JavaScript shows: the default period's figures per unit and the chart drawn at
// build time. Every dataset text is escaped here (it is HTML text, never markup).
import { escapeHtml } from '../components/charts/escape';
import { formatMetric } from '../format';
import { metric } from '../metrics/registry';
import { periodFromRange, type Evaluation } from '../metrics/evaluate';
import { periodLabel } from '../metrics/periods';

const COLUMNS = ['on_time_rate', 'overdue_count', 'online_share'];

export function noscriptHtml(ev: Evaluation, charts: Record<string, string>): string {
  const period = periodLabel(periodFromRange(ev.period.from, ev.period.to), 'vi');
  const head = COLUMNS.map((c) => `<th scope="col">${escapeHtml(metric(c).short.vi)}</th>`).join('');
  const rows = ev.units.map((u) => `<tr><th scope="row">${escapeHtml(u.name)}</th>${COLUMNS.map((c) =>
    `<td data-metric="${c}" data-unit="${escapeHtml(u.unit_id)}" data-value="${u.metrics[c]?.value ?? ''}">${escapeHtml(formatMetric(metric(c), u.metrics[c]?.value, 'vi'))}</td>`).join('')}</tr>`).join('');
  const chart = charts['overdue-by-unit']
    ? `<img src="/${escapeHtml(charts['overdue-by-unit'])}" alt="${escapeHtml(`Tỷ lệ hồ sơ quá hạn theo đơn vị, ${period}`)}" width="720">`
    : '';
  return `<noscript data-chiso-snapshot><section class="container"><h1>Kết quả giải quyết hồ sơ – ${escapeHtml(period)}</h1>` +
    `<p>Số liệu tính sẵn khi xây dựng trang (cần JavaScript để lọc và xem chi tiết).</p>` +
    `<table class="data"><thead><tr><th scope="col">Đơn vị</th>${head}</tr></thead><tbody>${rows}</tbody></table>${chart}</section></noscript>`;
}
