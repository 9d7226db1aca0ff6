// CSV exports that Excel opens with Vietnamese intact (UTF-8 with BOM, CRLF) and that cannot run a
// formula: a text cell starting with = + - @ tab or carriage return gets a leading apostrophe.
// Numbers stay numbers (a negative number is a number, not a formula).

export type ExportCell = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(v: ExportCell): string {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return FORMULA_START.test(v) ? `'${v}` : v;
}

function quote(s: string): string {
  return /[",;\r\n]/.test(s) || s !== s.trim() ? `"${s.replaceAll('"', '""')}"` : s;
}

export function toCsv(header: string[], rows: ExportCell[][]): string {
  const lines = [header, ...rows].map((r) => r.map((c) => quote(neutralise(c))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Offer a file to the person (browser only). */
export function download(name: string, content: string | Blob, type = 'text/csv;charset=utf-8'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name from untrusted text: letters, digits, dashes only. */
export function safeFileName(s: string, ext: string): string {
  const base = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'chiso';
  return `${base}.${ext}`;
}
