// The import graph of src/ follows the stages of docs/architecture.md: no cycle, and no arrow against
// the stream (components and pages never import src/db; src/datasets never imports Vue or the database;
// metrics never imports pages, components or stores; page models are pure…). The imports are read with a
// small regex (static `import … from`, `export … from`, side-effect `import '…'`, dynamic `import('…')`),
// comments stripped, relative paths resolved; `import type` counts for the stage rules (a type names
// the module it comes from) but not for cycles (it leaves no edge at run time).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');

interface Edge { from: string; to: string; typeOnly: boolean }

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(p) : /\.(ts|vue)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** The code of a file: a .vue file's <script> blocks only; comments removed (strings are left alone). */
function code(file: string): string {
  let text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.vue')) text = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

const IMPORT_RES: [RegExp, boolean][] = [
  [/\bimport\s+type\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/g, true],
  [/\bexport\s+type\s[^;]*?\bfrom\s*['"]([^'"]+)['"]/g, true],
  [/\b(?:import|export)\s+(?!type\s)[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/g, false],
  [/\bimport\s*['"]([^'"]+)['"]/g, false],
  [/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, false],
];

function resolve(from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), spec.replace(/\.js$/, ''));
  for (const c of [base, `${base}.ts`, `${base}.vue`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile() && /\.(ts|vue)$/.test(c)) return c;
  }
  return null;
}

const rel = (f: string) => path.relative(SRC, f).split(path.sep).join('/');

/** Every import of src/: file → file edges (src/ only) and file → package names. */
function readGraph() {
  const edges: Edge[] = [];
  const packages: { from: string; pkg: string; typeOnly: boolean }[] = [];
  for (const file of filesUnder(SRC)) {
    const text = code(file);
    const seen = new Set<string>();
    for (const [re, typeOnly] of IMPORT_RES) {
      for (const m of text.matchAll(re)) {
        const spec = m[1];
        const id = `${spec}|${typeOnly}`;
        if (seen.has(id)) continue;
        seen.add(id);
        if (spec.startsWith('.')) {
          const to = resolve(file, spec);
          if (to) edges.push({ from: rel(file), to: rel(to), typeOnly });
        } else {
          const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
          packages.push({ from: rel(file), pkg, typeOnly });
        }
      }
    }
  }
  // a file imported both ways counts as a run-time edge
  const runtime = new Set(edges.filter((e) => !e.typeOnly).map((e) => `${e.from}>${e.to}`));
  return { edges: edges.filter((e) => !e.typeOnly || !runtime.has(`${e.from}>${e.to}`)), packages };
}

/** Cycles among run-time edges (Tarjan's strongly connected components of more than one file, or a self-import). */
function cycles(edges: Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) if (!e.typeOnly) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  let i = 0;
  const visit = (v: string) => {
    index.set(v, i); low.set(v, i); i++;
    stack.push(v); on.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); scc.push(w); } while (w !== v);
      if (scc.length > 1 || (next.get(v) ?? []).includes(v)) out.push(scc.sort());
    }
  };
  for (const v of next.keys()) if (!index.has(v)) visit(v);
  return out;
}

// ── the stages of docs/architecture.md, as rules: files matching `where` never import `never` ──────────
const VUE = ['vue', 'pinia', 'vue-router', 'vue-i18n', 'vue-echarts'];
interface Rule { name: string; where: RegExp; never: RegExp[]; packages?: string[]; except?: RegExp }
const RULES: Rule[] = [
  { name: 'datasets read, detect and validate: no Vue, no database, nothing downstream', where: /^datasets\//,
    never: [/^(db|load|metrics|coordinator|stores|url|pages|components|views|export|snapshot|prerender|narrative)\//, /^(router|main)\.ts$/, /^App\.vue$/],
    packages: [...VUE, '@duckdb/duckdb-wasm', '@duckdb/node-api'] },
  { name: 'load: validated tables into the database; no Vue, nothing downstream but metrics\' SQL', where: /^load\//,
    never: [/^(coordinator|stores|url|pages|components|views|export|snapshot|prerender)\//, /^(router|main)\.ts$/], packages: VUE },
  { name: 'db: the Db interface; no Vue, nothing downstream', where: /^db\//,
    never: [/^(load|metrics|coordinator|stores|url|pages|components|views|export|snapshot|prerender|narrative)\//, /^(router|main)\.ts$/], packages: VUE },
  { name: 'metrics: registry, periods, targets, query builders; never pages, components or stores', where: /^metrics\//,
    never: [/^(coordinator|stores|url|pages|components|views|export|snapshot|prerender)\//, /^(router|main)\.ts$/, /^App\.vue$/], packages: VUE },
  { name: 'narrative and format: plain text from figures', where: /^(narrative|format)\//,
    never: [/^(db|load|coordinator|stores|url|pages|components|views|export|snapshot|prerender)\//], packages: VUE },
  { name: 'coordinator: between pages and the database; never a page', where: /^coordinator\//,
    never: [/^(url|pages|components|views|snapshot|prerender)\//, /^(router|main)\.ts$/] },
  { name: 'stores: app state; the router by injection only, never a page', where: /^stores\//,
    never: [/^(pages|components|views|prerender)\//, /^(router|main)\.ts$/] },
  { name: 'url: the URL state through the router injection; never the route table or a page', where: /^url\//,
    never: [/^(db|load|coordinator|pages|components|views|snapshot|prerender)\//, /^(router|main)\.ts$/] },
  { name: 'pages never import the database or the route table', where: /^pages\//,
    never: [/^(db|load|views|prerender)\//, /^(router|main)\.ts$/] },
  { name: 'a page\'s query.ts, model.ts and charts.ts are plain functions (no Vue, no state, no URL)', where: /^pages\/[^/]+\/(query|model|charts)\.ts$|^pages\/index\.ts$/,
    never: [/^(db|load|stores|views|prerender)\//, /^url\/(?!defaults\.ts$)/, /\.vue$/, /^coordinator\/(?!types\.ts$)/], packages: VUE },
  // A component may read a page's model types and pure chart options (what it is given); never the page's
  // template, composable or queries (the page renders the component: that would close a cycle).
  { name: 'components never import the database, the route table, or a page\'s template, composable or queries', where: /^components\//,
    never: [/^(db|load|views)\//, /^pages\/.*(\.vue|\/use[A-Z]\w*\.ts|\/query\.ts)$/, /^prerender\/(?!(state|context)\.ts$)/, /^(router|main)\.ts$/] },
  { name: 'export: files out of figures (the chart kit included); no state, no page', where: /^export\//,
    never: [/^(db|load|coordinator|stores|url|pages|views|prerender)\//] },
  { name: 'snapshot (Node build): no browser state, no templates', where: /^snapshot\//,
    never: [/^(stores|views)\//, /^url\/(?!defaults\.ts$)/, /\.vue$/] },
  { name: 'cli (Node): no Vue, no browser state', where: /^cli\//,
    never: [/^(stores|url|coordinator|pages|components|views)\//], packages: VUE },
];

function violations(graph: ReturnType<typeof readGraph>): string[] {
  const out: string[] = [];
  for (const r of RULES) {
    for (const e of graph.edges) if (r.where.test(e.from) && r.never.some((n) => n.test(e.to))) out.push(`${e.from} → ${e.to}${e.typeOnly ? ' (type)' : ''}: ${r.name}`);
    for (const p of graph.packages) if (r.where.test(p.from) && r.packages?.includes(p.pkg) && !p.typeOnly) out.push(`${p.from} → ${p.pkg}: ${r.name}`);
  }
  return out;
}

describe('import graph of src/', () => {
  const graph = readGraph();

  it('reads the imports (sanity: known edges are found, dynamic and type imports included)', () => {
    const has = (from: string, to: string) => graph.edges.some((e) => e.from === from && e.to === to);
    expect(graph.edges.length).toBeGreaterThan(200);
    expect(has('router.ts', 'pages/unit/UnitPage.vue')).toBe(true); // dynamic import
    expect(has('pages/unit/useUnit.ts', 'pages/unit/query.ts')).toBe(true);
    expect(graph.edges.some((e) => e.from === 'pages/unit/query.ts' && e.to === 'coordinator/types.ts' && e.typeOnly)).toBe(true);
    expect(graph.packages.some((p) => p.from === 'url/useUrlState.ts' && p.pkg === 'vue-router')).toBe(true);
  });

  it('has no cycle', () => {
    expect(cycles(graph.edges).map((c) => c.join(' ⇄ '))).toEqual([]);
  });

  it('has no arrow against the stages of docs/architecture.md', () => {
    expect(violations(graph)).toEqual([]);
  });

  it('finds a cycle and a backward arrow when there is one (the checks can fail)', () => {
    const fake: Edge[] = [
      { from: 'stores/filters.ts', to: 'router.ts', typeOnly: false },
      { from: 'router.ts', to: 'views/Unit.vue', typeOnly: false },
      { from: 'views/Unit.vue', to: 'stores/filters.ts', typeOnly: false },
      { from: 'components/X.vue', to: 'db/types.ts', typeOnly: true },
    ];
    expect(cycles(fake)).toEqual([['router.ts', 'stores/filters.ts', 'views/Unit.vue']]);
    expect(violations({ edges: fake, packages: [{ from: 'datasets/x.ts', pkg: 'vue', typeOnly: false }] })).toEqual([
      'datasets/x.ts → vue: datasets read, detect and validate: no Vue, no database, nothing downstream',
      'stores/filters.ts → router.ts: stores: app state; the router by injection only, never a page',
      'components/X.vue → db/types.ts (type): components never import the database, the route table, or a page\'s template, composable or queries',
    ]);
  });

  it('a filter value reaches the SQL through four files: URL helper → use<Page> → query.ts → metrics builder', () => {
    // the unit page's period: src/url/useUrlState.ts reads ?period= → useUnit.ts → query.ts → the scoreboard query builder
    const has = (from: string, to: string) => graph.edges.some((e) => e.from === from && e.to === to);
    expect(has('pages/unit/useUnit.ts', 'url/useUrlState.ts')).toBe(true);
    expect(has('pages/unit/useUnit.ts', 'pages/unit/query.ts')).toBe(true);
    expect(has('pages/public/usePublic.ts', 'url/useUrlState.ts') && has('pages/public/usePublic.ts', 'pages/public/query.ts')).toBe(true);
    expect(has('pages/public/query.ts', 'metrics/evaluate.ts')).toBe(true);
    expect(has('pages/oversight/useOversight.ts', 'url/useUrlState.ts') && has('pages/oversight/query.ts', 'metrics/oversight.ts')).toBe(true);
  });
});
