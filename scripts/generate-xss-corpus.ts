// `npx tsx scripts/generate-xss-corpus.ts`: writes hostile-text datasets into test/fixtures/xss/generated/
// (gitignored). Every text the app may show carries a payload of test/fixtures/xss/payloads.ts; each
// payload would set window.__xss = n if it ever ran. The files are otherwise valid and must load:
//   package/           a canonical package: unit names, short names, codes, fields, targets' source_doc,
//                      index sources/groups/flags, datapackage title, description, sources and licences
//   single/bieu06_xss.csv       a Biểu 06 report with payloads as the unit and field names
//   single/dvc766_xss.json      a 766 agencies-detail snapshot with payload department and metric names
//   single/eval766_xss.json     the portal's evaluation API response with payload department names
//   single/index_table_xss.csv  a wide DDCI table with payload unit names and groups
//   manifest.json      which payloads went where
// Deterministic: the same bytes on every run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { XSS_PAYLOADS, xssText } from '../test/fixtures/xss/payloads';
import {
  COUNT_COLUMNS_BASE,
  TARGET_COLUMNS,
  UNIT_COLUMNS,
  bieu06Grid,
  dvc766Agency,
  dvc766Detail,
  eval766Tree,
  gridToCsv,
  records,
  toCsv,
  type Bieu06Row,
} from './generate-bad-corpus';
import { TABLES } from '../src/datasets/contract';

const N = XSS_PAYLOADS.length;
const unitId = (i: number) => `X${String(i).padStart(2, '0')}`;

function write(root: string, rel: string, body: string): void {
  const abs = path.join(root, rel);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  fs.writeFileSync(abs, body);
}

/** Counts that balance (received = resolved + pending) and differ from unit to unit. */
function counts(i: number, month: number) {
  const online = 50 + ((i * 37 + month * 11) % 200);
  const offline = 20 + ((i * 17) % 90);
  const carried = month === 0 ? (i % 7) : 5 + (i % 9);
  const total = online + offline + carried;
  const overdue = i % 5;
  const pendingOverdue = i % 3;
  const within = 10 + (i % 11);
  const onTime = Math.floor((total - overdue - pendingOverdue - within) / 3);
  const early = total - overdue - pendingOverdue - within - onTime;
  return { online, offline, carried, early, onTime, overdue, within, pendingOverdue };
}

export function generateXssCorpus(outDir: string): { files: { path: string; what: string; payloads: number[] }[] } {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const files: { path: string; what: string; payloads: number[] }[] = [];
  const all = XSS_PAYLOADS.map((p) => p.n);

  // ── the canonical package ──
  const units = [
    { unit_id: 'X00', name: xssText(1), short_name: xssText(2), parent_id: '', level: 'province', code: xssText(3), valid_from: '', valid_to: '' },
    ...XSS_PAYLOADS.map((p, k) => ({
      unit_id: unitId(k + 1),
      name: p.text,
      short_name: xssText(((k + 1) % N) + 1),
      parent_id: 'X00',
      level: 'agency',
      code: xssText(((k + 2) % N) + 1),
      valid_from: '',
      valid_to: '',
    })),
  ];
  write(outDir, 'package/units.csv', toCsv(records(UNIT_COLUMNS, units)));
  files.push({ path: 'package/units.csv', what: 'name = payload n for unit X<n>; short_name and code carry the next payloads', payloads: all });

  const months = [
    ['2026-01-01', '2026-01-31'],
    ['2026-02-01', '2026-02-28'],
  ];
  const countRows = months.flatMap(([start, end], m) =>
    XSS_PAYLOADS.map((p, k) => {
      const c = counts(k + 1, m);
      return {
        period_start: start,
        period_end: end,
        unit_id: unitId(k + 1),
        field: xssText(((k + m * 7) % N) + 1),
        received_online: String(c.online),
        received_offline: String(c.offline),
        carried_over: String(c.carried),
        resolved_early: String(c.early),
        resolved_on_time: String(c.onTime),
        resolved_overdue: String(c.overdue),
        pending_within: String(c.within),
        pending_overdue: String(c.pendingOverdue),
      };
    }),
  );
  write(outDir, 'package/dossier_counts.csv', toCsv(records(COUNT_COLUMNS_BASE, countRows)));
  files.push({ path: 'package/dossier_counts.csv', what: 'field = a payload on every row (2 months × every unit)', payloads: all });

  const targets = [
    { metric: 'on_time_rate', unit_id: '*', period_from: '2026-01-01', period_to: '', comparator: '>=', value: '95', source_doc: xssText(1) },
    { metric: 'online_share', unit_id: '*', period_from: '2026-01-01', period_to: '', comparator: '>=', value: '50', source_doc: xssText(2) },
    ...XSS_PAYLOADS.map((p, k) => ({ metric: 'overdue_rate', unit_id: unitId(k + 1), period_from: '2026-01-01', period_to: '', comparator: '<=', value: '5', source_doc: p.text })),
  ];
  write(outDir, 'package/targets.csv', toCsv(records(TARGET_COLUMNS, targets)));
  files.push({ path: 'package/targets.csv', what: 'source_doc = a payload on every target', payloads: all });

  const indexHeader = TABLES.index_scores.columns.map((c) => c.name);
  const indexRows = XSS_PAYLOADS.map((p, k) => ({
    index: '766',
    component: 'TOTAL',
    period_type: 'year',
    period: '2026',
    as_of: '2026-10-10',
    unit_id: unitId(k + 1),
    score: String(50 + ((k * 7) % 45) + 0.25),
    max_score: '100',
    rank: String(k + 1),
    rank_of: String(N),
    rank_group: xssText(((k + 3) % N) + 1),
    source: p.text,
    quality_flag: xssText(((k + 5) % N) + 1),
  }));
  write(outDir, 'package/index_scores.csv', toCsv(records(indexHeader, indexRows)));
  files.push({ path: 'package/index_scores.csv', what: 'source, rank_group and quality_flag carry payloads', payloads: all });

  const descriptor = {
    name: 'chiso-xss',
    title: xssText(1),
    description: `${xssText(2)} ${xssText(3)} ${xssText(8)}`,
    created: '2026-10-10',
    sources: XSS_PAYLOADS.slice(0, 6).map((p) => ({ title: p.text, path: `javascript:window.__xss=${p.n}` })),
    licenses: [{ name: 'CC-BY-4.0', title: xssText(10), path: 'javascript:window.__xss=10' }],
    resources: [
      { name: 'units', path: 'units.csv', format: 'csv', title: xssText(4) },
      { name: 'dossier_counts', path: 'dossier_counts.csv', format: 'csv', title: xssText(5) },
      { name: 'targets', path: 'targets.csv', format: 'csv', title: xssText(6) },
      { name: 'index_scores', path: 'index_scores.csv', format: 'csv', title: xssText(7) },
    ],
  };
  write(outDir, 'package/datapackage.json', JSON.stringify(descriptor, null, 2) + '\n');
  files.push({ path: 'package/datapackage.json', what: 'title, description, sources (javascript: paths), licences and resource titles', payloads: [1, 2, 3, 4, 5, 6, 7, 8, 10] });

  // ── Biểu 06 with payload unit and field names ──
  const bieuRows: Bieu06Row[] = XSS_PAYLOADS.map((p, k) => {
    const c = counts(k + 1, 0);
    return { name: p.text, c: [c.online, c.offline, c.carried, c.early, c.onTime, c.overdue, c.within, c.pendingOverdue] };
  });
  write(outDir, 'single/bieu06_xss.csv', gridToCsv(bieu06Grid({ unitName: xssText(2), rows: bieuRows })));
  files.push({ path: 'single/bieu06_xss.csv', what: 'unit name (title block) and every field name', payloads: all });

  // ── 766 JSON with payload department and metric names ──
  const agencies = XSS_PAYLOADS.map((p, k) => {
    const a = dvc766Agency(`H99.${String(k + 1).padStart(2, '0')}`, p.text, 500 + k * 10, 480 + k * 9);
    a.componentIndicators.CKMB_CongKhaiMinhBach.metrics[0].name = xssText(((k + 1) % N) + 1);
    return a;
  });
  write(outDir, 'single/dvc766_xss.json', JSON.stringify(dvc766Detail(agencies, xssText(3)), null, 2) + '\n');
  files.push({ path: 'single/dvc766_xss.json', what: 'province, departmentName of every agency, CKMB metric names', payloads: all });

  // ── the portal's evaluation API response (dvc-progress-tree) with payload department names and codes ──
  const tree = eval766Tree(XSS_PAYLOADS.map((p, k) => ({ code: `H99.${k + 1}`, name: p.text, received: 100 + k, onTime: 90 + k, commune: k % 2 === 1 })), xssText(4));
  write(outDir, 'single/eval766_xss.json', JSON.stringify(tree, null, 1) + '\n');
  files.push({ path: 'single/eval766_xss.json', what: 'evaluation API response: parent name and every child departmentName (read with a period given)', payloads: all });

  // ── wide index table (DDCI) with payload unit names ──
  const title = { header: ['Kết quả DDCI tỉnh Mẫu Sơn năm 2025', '', '', '', '', '', ''], rows: [] as string[][] };
  const table = {
    header: ['STT', 'Đơn vị', 'Tổng điểm', 'Tính minh bạch', 'Chi phí thời gian', 'Xếp hạng', 'Nhóm'],
    rows: XSS_PAYLOADS.map((p, k) => [String(k + 1), p.text, (60 + ((k * 13) % 35) + 0.5).toFixed(2).replace('.', ','), (5 + (k % 4)).toFixed(2).replace('.', ','), (6 + (k % 3)).toFixed(2).replace('.', ','), String(k + 1), xssText(((k + 9) % N) + 1)]),
  };
  write(outDir, 'single/index_table_xss.csv', toCsv(title) + toCsv(table));
  files.push({ path: 'single/index_table_xss.csv', what: 'unit names and groups (vi-VN decimals, title row with index and year)', payloads: all });

  write(outDir, 'manifest.json', JSON.stringify({ generator: 'scripts/generate-xss-corpus.ts', payloads: 'test/fixtures/xss/payloads.ts', marker: 'window.__xss', payloadCount: N, files }, null, 2) + '\n');
  return { files };
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (isMain) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outDir = path.join(repoRoot, 'test', 'fixtures', 'xss', 'generated');
  const { files } = generateXssCorpus(outDir);
  console.log(`generate-xss-corpus: ${N} payloads in ${files.length} files under ${path.relative(repoRoot, outDir)}/`);
}
