#!/usr/bin/env node
// The browser tests drive Debian's Chromium (playwright-core downloads no browser here: only the npm
// registry and Debian's packages are reachable), and read printed PDFs back with poppler's pdftotext.
// Installs what is missing when we are root; never skips the tests.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';

function isExecutable(p) {
  try {
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

const PDFTOTEXT = '/usr/bin/pdftotext';
if (isExecutable(CHROMIUM) && isExecutable(PDFTOTEXT)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (!isRoot) {
  console.error('Chromium or poppler-utils is missing: run `sudo apt-get install -y chromium fonts-noto-core poppler-utils` (Debian) and re-run npm test');
  process.exit(1);
}

// The fonts give Vietnamese text real glyphs in screenshots and PDFs (Debian's chromium only recommends them).
const cmd = 'apt-get update && apt-get install -y chromium fonts-liberation fonts-noto-core poppler-utils';
console.log(`ensure-chromium: ${isExecutable(CHROMIUM) ? PDFTOTEXT : CHROMIUM} is missing; running as root: ${cmd}`);
const r = spawnSync('bash', ['-c', cmd], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
if (r.status !== 0 || !isExecutable(CHROMIUM) || !isExecutable(PDFTOTEXT)) {
  console.error(`ensure-chromium: installing chromium and poppler-utils failed (exit ${r.status ?? r.signal}); the browser tests cannot run`);
  process.exit(1);
}
console.log('ensure-chromium: chromium and poppler-utils installed');
