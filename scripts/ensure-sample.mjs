#!/usr/bin/env node
// Makes sure the sample dataset exists before a build or a dev server: the app ships it (data/sample/ is
// generated, not committed). Runs `npm run data:sample` only when datapackage.json is absent.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const marker = path.join(repoRoot, 'data', 'sample', 'datapackage.json');

if (fs.existsSync(marker)) process.exit(0);

console.log('ensure-sample: data/sample/datapackage.json is absent: running `npm run data:sample`');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const r = spawnSync(npm, ['run', '--silent', 'data:sample'], { cwd: repoRoot, stdio: 'inherit' });
if (r.error) {
  console.error(`ensure-sample: could not start npm: ${r.error.message}`);
  process.exit(1);
}
if (r.status !== 0) {
  console.error(`ensure-sample: \`npm run data:sample\` failed (exit ${r.status ?? r.signal})`);
  process.exit(r.status || 1);
}
if (!fs.existsSync(marker)) {
  console.error('ensure-sample: `npm run data:sample` finished but data/sample/datapackage.json is still missing');
  process.exit(1);
}
