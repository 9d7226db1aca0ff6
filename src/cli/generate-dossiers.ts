// npm run data:dossiers -- --rows N [--out data/dossiers] [--seed n] [--format parquet,csv] [--chunk 262144]
// Writes a deterministic `dossiers` table (one row per dossier) for the sample province, streamed in
// chunks so that N = 10,000,000 runs in bounded memory (a 10M-row CSV is large: use --format parquet).
import { basename, resolve } from 'node:path';
import { parseArgs } from '../sample/args';
import { DEFAULT_CHUNK, writeDossierFiles, type DossierFormat } from '../sample/writeDossiers';

/** "10000000", "10_000_000", "250k", "10M" */
function parseCount(text: string | undefined, name: string): number {
  if (text === undefined) throw new Error(`Thiếu --${name} / --${name} is required`);
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(text.replace(/_/g, ''));
  const n = m ? Math.round(Number(m[1]) * ({ k: 1e3, m: 1e6 }[m[2].toLowerCase() as 'k' | 'm'] ?? 1)) : NaN;
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} phải là số nguyên không âm / must be a non-negative integer (got ${text})`);
  return n;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2), ['rows', 'out', 'seed', 'format', 'chunk']);
  const rows = parseCount(args.rows, 'rows');
  const chunk = args.chunk === undefined ? DEFAULT_CHUNK : parseCount(args.chunk, 'chunk');
  const seed = args.seed === undefined ? undefined : Number(args.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed phải là số nguyên / --seed must be an integer (got ${args.seed})`);
  const formats = (args.format ?? 'parquet,csv').split(',').map((s) => s.trim()).filter(Boolean);
  for (const f of formats) if (f !== 'parquet' && f !== 'csv') throw new Error(`--format chỉ nhận parquet, csv / unknown format "${f}"`);
  const out = resolve(args.out ?? 'data/dossiers');

  const w = writeDossierFiles({ rows, out, seed, chunk, formats: formats as DossierFormat[] });
  const s = w.stats;
  const pct = (x: number) => (s.rows ? ((100 * x) / s.rows).toFixed(1) : '0.0') + ' %';
  const sizes = w.files.map((f) => `${basename(f.path)} ${(f.bytes / 1e6).toFixed(1)} MB`).join(', ');
  console.log(
    `Đã sinh ${s.rows} hồ sơ trong ${w.seconds.toFixed(1)} s (${Math.round(s.rows / Math.max(w.seconds, 1e-9))} rows/s) → ${out}: ${sizes}; ` +
      `trực tuyến ${pct(s.online)}, đang xử lý ${pct(s.pending)}, quá hạn ${pct(s.overdue)}, có đánh giá ${pct(s.rated)}`,
  );
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
