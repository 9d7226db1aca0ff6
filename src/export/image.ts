// Charts as PNG files: ECharts hands a data: URL (white background, 2× pixels); it is decoded here into a
// Blob and offered for download through an object URL, without fetch() (the CSP limits connect-src).
import { download, safeFileName } from './csv';

export function dataUrlToBlob(dataUrl: string): Blob {
  const m = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!m) throw new Error('not a data: URL');
  const [, type, base64, body] = m;
  if (!base64) return new Blob([decodeURIComponent(body)], { type });
  const bin = atob(body);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

/** A file name from untrusted parts (unit name, metric, period): ASCII letters, digits and dashes. */
export function pngName(...parts: string[]): string {
  return safeFileName(parts.filter(Boolean).join('-'), 'png');
}

/** Offer a chart's PNG; false when the chart has not drawn yet. */
export function downloadPng(name: string, dataUrl: string | undefined): boolean {
  if (!dataUrl) return false;
  download(name, dataUrlToBlob(dataUrl));
  return true;
}
