// ECharts tooltips are HTML: every piece of dataset text inserted into one passes through here.
const MAP: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(s: unknown): string {
  return String(s ?? '').replace(/[&<>"'`]/g, (c) => MAP[c]);
}

/** Text for canvas labels: ECharts reads `{name|…}` as rich-text markup, so braces become parentheses
 *  (glyphs every font has), and line breaks become spaces so labels do not overlap. */
export function plainLabel(s: unknown, max = 40): string {
  const t = String(s ?? '').replace(/[{}|]/g, (c) => ({ '{': '(', '}': ')', '|': '/' })[c]!).replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
