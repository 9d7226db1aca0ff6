// npm run data:sample [-- --out <dir>] [--seed <n>] [--variant main|small]
// Writes the embedded sample package (default data/sample). Same seed ⇒ byte-identical files.
import { resolve } from 'node:path';
import { writeSamplePackage, type SampleVariant } from '../sample/sample';
import { parseArgs } from '../sample/args';

function main(): void {
  const args = parseArgs(process.argv.slice(2), ['out', 'seed', 'variant']);
  const variant = (args.variant ?? 'main') as SampleVariant;
  if (variant !== 'main' && variant !== 'small') {
    throw new Error(`--variant phải là main hoặc small / --variant must be main or small (got ${variant})`);
  }
  const seed = args.seed === undefined ? undefined : Number(args.seed);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`--seed phải là số nguyên / --seed must be an integer (got ${args.seed})`);
  // the small package is for tests: by default it goes to the git-ignored test output folder
  const out = resolve(args.out ?? (variant === 'small' ? 'test/.out/sample-small' : 'data/sample'));
  const w = writeSamplePackage(out, { variant, seed });
  const counts = Object.entries(w.rows).map(([t, n]) => `${t} ${n}`).join(', ');
  console.log(`Đã ghi ${w.files.length} tệp vào ${out} (${(w.bytes / 1e6).toFixed(2)} MB): ${counts}`);
}

try {
  main();
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
