// What a prerendered page carries for the live app (a JSON data block, not a script: the CSP stays
// strict): the route it was rendered for, the page queries' results by key (the coordinator's cache,
// so the first client render has the same data the server had and hydration matches), and the charts
// drawn to SVG at build time, by the chart's label.
export const PRERENDER_ELEMENT_ID = 'chiso-prerender';
export const PRERENDER_FORMAT = 1;

export interface PrerenderState {
  format: typeof PRERENDER_FORMAT;
  /** the path rendered (e.g. "/", "/cong-khai"); the query string was empty */
  path: string;
  /** the package the figures come from, as the app opens it by default */
  package: string;
  /** coordinator results: QuerySpec key → result */
  results: Record<string, unknown>;
  /** chart label (its text alternative, which names the period) → SVG path, e.g. "snapshot/chart-….svg" */
  charts: Record<string, string>;
}

let read: PrerenderState | null | undefined;

/** The state of the prerendered page this document was served as, if any (read once). */
export function readPrerender(): PrerenderState | null {
  if (read !== undefined) return read;
  read = null;
  if (typeof document === 'undefined') return read;
  const text = document.getElementById(PRERENDER_ELEMENT_ID)?.textContent;
  if (!text) return read;
  try {
    const s = JSON.parse(text) as PrerenderState;
    if (s && s.format === PRERENDER_FORMAT && typeof s.path === 'string' && s.results) read = s;
  } catch { /* ignored: the app renders afresh */ }
  return read;
}

/**
 * The prerendered markup shows this very view: same path, no query string (no other period, level,
 * language or data). public/prerender-check.js applies the same rule before the first paint.
 */
export function prerenderMatches(s: PrerenderState | null, loc: { pathname: string; search: string }): boolean {
  if (!s) return false;
  const trim = (p: string) => (p.length > 1 ? p.replace(/\/+$/, '') : p);
  return trim(loc.pathname) === trim(s.path) && (loc.search === '' || loc.search === '?');
}

/** SVG of a chart drawn at build time for this label, while the page is the prerendered one. */
let chartsOn = true;
export function prerenderedChart(label: string): string | null {
  if (!chartsOn) return null;
  const name = readPrerender()?.charts[label];
  return name ? `${import.meta.env.BASE_URL}${name}` : null;
}
/** After the first view change, build-time charts no longer describe what is shown. */
export function retirePrerenderedCharts(): void { chartsOn = false; }
