// A chart as an SVG file: the same ECharts option rendered by the SVG renderer in server-side mode
// (no DOM, no canvas), so the file is vector text a report editor can scale. ECharts escapes the text
// it writes into the SVG; the title and description we add are escaped here.
import { init } from 'echarts/core';
import type { EChartsOption } from 'echarts';
import '../components/charts/setup';
import { BASE_OPTION } from '../components/charts/theme';
import { escapeHtml } from '../components/charts/escape';

export interface SvgOptions {
  width: number;
  height: number;
  /** the chart's text alternative: becomes <title> */
  title?: string;
  /** e.g. source and date: becomes <desc> */
  description?: string;
}

export function chartToSvg(option: EChartsOption, opts: SvgOptions): string {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width: opts.width, height: opts.height });
  try {
    // Tooltips and animation make no sense in a file; a white background keeps it readable anywhere.
    chart.setOption({ ...BASE_OPTION, ...option, animation: false, tooltip: undefined, backgroundColor: '#ffffff' } as EChartsOption);
    let svg = chart.renderToSVGString();
    const head = [
      opts.title ? `<title>${escapeHtml(opts.title)}</title>` : '',
      opts.description ? `<desc>${escapeHtml(opts.description)}</desc>` : '',
    ].join('');
    if (head) svg = svg.replace(/<svg\b[^>]*>/, (open) => `${open.replace('<svg', `<svg role="img"`)}${head}`);
    if (!svg.startsWith('<?xml')) svg = `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`;
    return svg;
  } finally {
    chart.dispose();
  }
}

/** A PNG data URL (from EChart's toDataUrl) as a Blob, without fetch (the CSP allows no data: connects). */
export function dataUrlToBlob(dataUrl: string): Blob {
  const m = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!m) throw new Error('not a data URL');
  if (!m[2]) return new Blob([decodeURIComponent(m[3])], { type: m[1] });
  const bin = atob(m[3]);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: m[1] });
}
