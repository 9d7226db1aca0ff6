// SVG export: the chart option rendered by ECharts' SVG renderer without a DOM; dataset text stays text.
import { describe, expect, it } from 'vitest';
import { chartToSvg, dataUrlToBlob } from '../../src/export/svg';

describe('chartToSvg', () => {
  it('renders a line chart as an SVG document with an escaped title and description', () => {
    const hostile = 'Sở <script>alert(1)</script> & "X"';
    const svg = chartToSvg({
      xAxis: { type: 'category', data: ['2021', '2022', '2023'] },
      yAxis: { type: 'value' },
      series: [{ type: 'line', name: hostile, data: [11.4, 34.4, 49.6] }],
      legend: { show: true },
    }, { width: 640, height: 320, title: hostile, description: 'Nguồn: dossier_counts.csv' });
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg')).toBe(true);
    expect(svg).toMatch(/<svg role="img"[^>]*width="640"[^>]*height="320"/);
    expect(svg).toContain('<title>Sở &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;X&quot;</title>');
    expect(svg).toContain('<desc>Nguồn: dossier_counts.csv</desc>');
    expect(svg).not.toContain('<script');
    expect(svg).toContain('2022');
    expect(svg).toContain('<path');
  });
});

describe('dataUrlToBlob', () => {
  it('decodes base64 data URLs without fetch', async () => {
    const b = dataUrlToBlob('data:image/png;base64,iVBORw0KGgo=');
    expect(b.type).toBe('image/png');
    expect([...new Uint8Array(await b.arrayBuffer())]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });
});
