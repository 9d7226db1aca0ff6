// The hostile-text corpus (test/fixtures/xss/payloads.ts, scripts/generate-xss-corpus.ts) through the
// loader and the import readers: every payload is data, so every file must load, and every payload
// must come out as the very same text (no markup removed, no entity decoded, nothing run): the page
// renders it as text, the exports neutralise it as a formula. Also: the CSV export of every payload.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, describe, expect, it } from 'vitest';
import { generateXssCorpus } from '../../scripts/generate-xss-corpus';
import { FORMULA_PREFIXES, XSS_PAYLOADS, XSS_TEXTS, xssText } from '../fixtures/xss/payloads';
import { folderSource } from '../../src/cli/nodeSource';
import { assembleDataset } from '../../src/datasets/assemble';
import { issue } from '../../src/datasets/messages';
import { loadPackage } from '../../src/datasets/package';
import { hasErrors, type LoadedDataset, type ParsedFile, type TableName } from '../../src/datasets/types';
import { toCsv } from '../../src/export/csv';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chiso-xss-'));
generateXssCorpus(dir);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The loader trims cells and writes text as NFC; a payload survives as exactly that text. */
const asLoaded = (s: string) => s.normalize('NFC').trim();
/** The report readers also fold runs of white space (line breaks in a field name) into one space. */
const folded = (s: string) => s.normalize('NFC').replace(/[\s\u200b]+/g, ' ').trim();
const N = XSS_PAYLOADS.length;

type ReadFile = (bytes: Uint8Array, name: string, opts?: Record<string, unknown>) => ParsedFile;
let readFile: ReadFile | null = null;
try {
  readFile = ((await import('../../src/datasets/formats/detect')) as { readFile: ReadFile }).readFile;
  await (await import('../../src/datasets/formats/workbook')).loadWorkbookReader(); // workbooks: SheetJS, loaded on demand
} catch {
  readFile = null;
}

function assembleParsed(p: ParsedFile): LoadedDataset {
  const raws = (Object.entries(p.tables) as [TableName, NonNullable<ParsedFile['tables'][TableName]>][]).map(([table, raw]) => ({ table, raw }));
  return assembleDataset({ name: p.file, title: p.file }, raws, [...p.issues]);
}

/** Every string cell of every table, for "does this text come out intact" checks. */
function allText(ds: LoadedDataset, fold = (s: string) => s): Set<string> {
  const out = new Set<string>();
  for (const t of Object.values(ds.tables)) for (const col of Object.values(t?.columns ?? {})) for (const v of col) if (typeof v === 'string') out.add(fold(v));
  return out;
}

describe('payload list', () => {
  it('has at least 30 payloads, each of which would set window.__xss to its own number', () => {
    expect(N).toBeGreaterThanOrEqual(30);
    XSS_PAYLOADS.forEach((p, i) => {
      expect(p.n).toBe(i + 1);
      expect(p.text).toContain(`__xss=${p.n}`);
    });
  });
});

describe('the canonical package with a payload in every text column', () => {
  it('loads without an error, and every payload is in the tables as the same text', async () => {
    const ds = await loadPackage(folderSource(path.join(dir, 'package')));
    expect(ds.issues.filter((i) => i.severity === 'error')).toEqual([]);
    for (const a of ds.accounts) expect(a.read).toBe(a.loaded + a.reported);
    const units = ds.tables.units!;
    // unit X<n> is named with payload n
    XSS_PAYLOADS.forEach((p) => {
      const i = units.columns.unit_id.indexOf(`X${String(p.n).padStart(2, '0')}`);
      expect(units.columns.name[i], `payload ${p.n}`).toBe(asLoaded(p.text));
    });
    const text = allText(ds);
    for (const p of XSS_PAYLOADS) expect(text.has(asLoaded(p.text)), `payload ${p.n} (${p.kind})`).toBe(true);
    // the fields of the counts, the targets' documents and the index sources carry payloads too
    expect(new Set(ds.tables.dossier_counts!.columns.field)).toContain(asLoaded(xssText(8)));
    expect(ds.tables.targets!.columns.source_doc).toContain(asLoaded(xssText(1)));
    expect(ds.tables.index_scores!.columns.source).toContain(asLoaded(xssText(40)));
  });

  it('keeps the descriptor texts as plain strings (titles, sources, licences)', async () => {
    const ds = await loadPackage(folderSource(path.join(dir, 'package')));
    expect(ds.meta.title).toBe(xssText(1));
    expect(ds.meta.sources?.map((s) => s.title)).toEqual(XSS_TEXTS.slice(0, 6).map((t) => t.normalize('NFC')));
    // a javascript: "path" is only ever a string here; the views must not make it a link
    expect(ds.meta.sources?.[0].path).toBe('javascript:window.__xss=1');
  });

  it('a payload in a bad cell is quoted as text in the message, shortened, never interpreted', () => {
    const p = xssText(2);
    const i = issue('not_integer', { file: 'dossier_counts.csv', row: 3, column: 'received_online' }, { value: p });
    expect(i.message).toBe(`Tệp dossier_counts.csv, dòng 3, cột received_online: "${p}" không phải số nguyên.`);
    const long = issue('unknown_unit', { file: 'x.csv', row: 2, column: 'unit_id' }, { value: xssText(36) });
    expect(long.message.length).toBeLessThan(200);
  });
});

describe('single files of the import formats (formats/detect readFile)', () => {
  if (!readFile) {
    it.skip('src/datasets/formats/detect.ts readFile() is not there yet', () => {});
    return;
  }
  const read = (name: string, opts?: Record<string, unknown>) => readFile!(new Uint8Array(fs.readFileSync(path.join(dir, 'single', name))), name, opts);

  it('Biểu 06: every field name and the unit name survive as text', () => {
    const p = read('bieu06_xss.csv');
    expect(p.kind).toMatch(/bieu06/);
    const ds = assembleParsed(p);
    expect(ds.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const text = allText(ds, folded);
    for (const x of XSS_PAYLOADS) expect(text.has(folded(x.text)), `payload ${x.n} (${x.kind})`).toBe(true);
  });

  it('766 JSON: every department name survives as text', () => {
    const p = read('dvc766_xss.json');
    expect(p.kind).toMatch(/dvcqg766/);
    const ds = assembleParsed(p);
    expect(hasErrors(ds.issues), ds.issues.filter((i) => i.severity === 'error').map((i) => i.message).slice(0, 3).join('\n')).toBe(false);
    const text = allText(ds, folded);
    for (const x of XSS_PAYLOADS) expect(text.has(folded(x.text)), `payload ${x.n} (${x.kind})`).toBe(true);
  });

  it('766 evaluation API response: every department name survives as text', () => {
    const p = read('eval766_xss.json', { periodKey: '2026', asOf: '2026-09-26' });
    expect(p.kind).toBe('evaluation766:dvc-progress-tree');
    const ds = assembleParsed(p);
    expect(ds.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const text = allText(ds, folded);
    for (const x of XSS_PAYLOADS) expect(text.has(folded(x.text)), `payload ${x.n} (${x.kind})`).toBe(true);
  });

  it('index table: every unit name and group survives as text', () => {
    const p = read('index_table_xss.csv', { index: 'DDCI', year: 2025 });
    expect(p.kind).toMatch(/index_table/);
    const text = new Set<string>();
    // unit names of an index table are matched to units; whatever is kept, it is kept as the same text
    for (const t of Object.values(p.tables)) for (const row of t?.rows ?? []) for (const v of row) if (typeof v === 'string') text.add(folded(v));
    const summary = JSON.stringify(p.summary);
    for (const x of XSS_PAYLOADS) {
      const seen = text.has(folded(x.text)) || summary.includes(JSON.stringify(folded(x.text)).slice(1, -1));
      expect(seen, `payload ${x.n} (${x.kind})`).toBe(true);
    }
  });
});

describe('CSV export of every payload', () => {
  it('neutralises text that starts a formula, keeps the rest as is, and keeps numbers numbers', () => {
    const rows = XSS_PAYLOADS.map((p) => [p.n, p.text, -p.n, p.n + 0.5]);
    const csv = toCsv(['n', 'ten', 'am', 'so'], rows);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed.length).toBe(N + 1);
    XSS_PAYLOADS.forEach((p, i) => {
      const [n, text, neg, dec] = parsed[i + 1];
      const formula = FORMULA_PREFIXES.some((f) => p.text.startsWith(f));
      expect(text, `payload ${p.n}`).toBe(formula ? `'${p.text}` : p.text);
      expect(FORMULA_PREFIXES.some((f) => text.startsWith(f)), `payload ${p.n} still starts a formula`).toBe(false);
      expect([n, neg, dec]).toEqual([String(p.n), String(-p.n), String(p.n + 0.5)]);
    });
  });
});

describe('SVG export of a chart whose every label is a payload', () => {
  it('writes the payloads as escaped text: no element, attribute or link a payload describes', async () => {
    const { chartToSvg } = await import('../../src/export/svg');
    const { plainLabel } = await import('../../src/components/charts/escape');
    const labels = XSS_TEXTS.map((t) => plainLabel(t, 200));
    const svg = chartToSvg({
      title: { text: XSS_TEXTS[0] },
      legend: { data: [XSS_TEXTS[1]] },
      xAxis: { type: 'category', data: labels, axisLabel: { interval: 0 } },
      yAxis: { type: 'value', name: XSS_TEXTS[2] },
      series: [{ type: 'bar', name: XSS_TEXTS[1], data: XSS_TEXTS.map((_, i) => i + 1), label: { show: true, formatter: () => XSS_TEXTS[3] } }],
    }, { width: 1600, height: 600, title: XSS_TEXTS[4], description: XSS_TEXTS[5] });
    expect(svg.startsWith('<?xml')).toBe(true);
    // only the elements an ECharts SVG is made of
    const tags = new Set([...svg.matchAll(/<([a-zA-Z][\w:-]*)/g)].map((m) => m[1].toLowerCase()));
    for (const t of tags) expect(['svg', 'title', 'desc', 'rect', 'path', 'text', 'g', 'defs', 'clippath', 'tspan', 'style', 'line', 'polyline', 'polygon', 'circle'], t).toContain(t);
    // attributes of the real tags (text content is escaped, so a payload's "<img" is "&lt;img")
    for (const tag of svg.match(/<[a-zA-Z][^>]*>/g) ?? []) {
      const attrs = [...tag.matchAll(/\s([a-zA-Z:-]+)\s*=/g)].map((m) => m[1].toLowerCase());
      for (const a of attrs) expect(a.startsWith('on'), `${a} in ${tag.slice(0, 80)}`).toBe(false);
      expect(tag, tag.slice(0, 80)).not.toMatch(/(href|src)\s*=\s*["']?\s*(javascript|data):/i);
    }
    // and the words are there, escaped
    expect(svg).toContain(escapeForXml(XSS_TEXTS[4]));
    expect(svg).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt;');
  });
});

function escapeForXml(s: string): string {
  return s.replace(/[&<>"'`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' })[c]!);
}
