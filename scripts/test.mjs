#!/usr/bin/env node
// `npm test`: every check the project has, in order, stopping at the first failure.
//   sample data → chromium → type check → unit tests → production build → browser tests
// Works non-interactively (CI=true, no stdin). Prints one line per stage with its duration and ends with
// the plain line "chiso: N passed, N failed, N skipped" (vitest's counts of both test runs).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(repoRoot, 'test', '.out');
const bin = (name) => path.join(repoRoot, 'node_modules', '.bin', name);
const node = process.execPath;

/** A stage may not run longer than this: a hung browser must not eat CI's 90 minutes. */
const STAGE_TIMEOUT_MS = Number(process.env.CHISO_STAGE_TIMEOUT_MS) || 30 * 60_000;

/** @typedef {{ name: string, cmd: string, args: string[], report?: string }} Stage */
/** @type {Stage[]} */
const stages = [
  { name: 'sample data', cmd: node, args: ['scripts/ensure-sample.mjs'] },
  { name: 'chromium', cmd: node, args: ['scripts/ensure-chromium.mjs'] },
  { name: 'type check', cmd: bin('vue-tsc'), args: ['--noEmit', '-p', 'tsconfig.json', '--pretty', process.stdout.isTTY ? 'true' : 'false'] },
  {
    name: 'unit tests',
    cmd: bin('vitest'),
    args: ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(outDir, 'unit.json')}`],
    report: path.join(outDir, 'unit.json'),
  },
  // The site's real build (vite build + the first-paint snapshot), exactly as `npm start` serves it.
  { name: 'build', cmd: process.platform === 'win32' ? 'npm.cmd' : 'npm', args: ['run', '--silent', 'build'] },
  {
    name: 'browser tests',
    cmd: bin('vitest'),
    args: ['run', '-c', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${path.join(outDir, 'e2e.json')}`],
    report: path.join(outDir, 'e2e.json'),
  },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
/** @type {string[]} */
const summary = [];
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Reads vitest's JSON report; null when the run did not write one. */
function readCounts(file) {
  try {
    const j = JSON.parse(fs.readFileSync(file, 'utf8'));
    return {
      passed: j.numPassedTests ?? 0,
      failed: (j.numFailedTests ?? 0) + (j.numRuntimeErrorTestSuites ?? 0),
      skipped: (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0),
    };
  } catch {
    return null;
  }
}

// Plain logs when the output is a file or a CI pipe (tools read FORCE_COLOR=0 as "force colours").
const childEnv = { ...process.env };
if (!process.stdout.isTTY && childEnv.FORCE_COLOR === undefined) childEnv.NO_COLOR = '1';

/** @param {Stage} stage @returns {Promise<number>} exit code */
function runStage(stage) {
  return new Promise((resolve) => {
    const child = spawn(stage.cmd, stage.args, {
      cwd: repoRoot,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: childEnv,
      detached: true, // own process group, so a timeout can end the browser and workers too
    });
    const killGroup = (sig) => {
      try {
        if (child.pid) process.kill(-child.pid, sig);
      } catch {
        /* already gone */
      }
    };
    const timer = setTimeout(() => {
      console.error(`npm test: ${stage.name} ran over ${seconds(STAGE_TIMEOUT_MS)}: stopping it`);
      killGroup('SIGTERM');
      setTimeout(() => killGroup('SIGKILL'), 10_000).unref();
    }, STAGE_TIMEOUT_MS);
    const onSignal = (sig) => {
      killGroup(sig);
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    child.on('error', (err) => {
      console.error(`npm test: could not start ${stage.cmd}: ${err.message}`);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

if (!fs.existsSync(path.join(repoRoot, 'node_modules'))) {
  console.error('npm test: node_modules is missing: run `npm ci` first');
  console.log('chiso: 0 passed, 1 failed');
  process.exit(1);
}
fs.mkdirSync(outDir, { recursive: true });

const startAll = Date.now();
let failedStage = null;
for (const stage of stages) {
  if (stage.report) fs.rmSync(stage.report, { force: true });
  console.log(`\n── npm test: ${stage.name} ──`);
  const t0 = Date.now();
  const code = await runStage(stage);
  const took = Date.now() - t0;
  const counts = stage.report ? readCounts(stage.report) : null;
  if (counts) {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  }
  const detail = counts ? ` (${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped)` : '';
  const line = `${code === 0 ? 'ok  ' : 'FAIL'} ${stage.name.padEnd(14)} ${seconds(took).padStart(8)}${detail}`;
  summary.push(line);
  console.log(`npm test: ${line}`);
  if (code !== 0) {
    failedStage = stage.name;
    // A failing stage with no test counts (type check, build…) still counts as one failure.
    if (!counts || counts.failed === 0) totals.failed += 1;
    break;
  }
}

console.log('\n── npm test: summary ──');
for (const line of summary) console.log(`  ${line}`);
console.log(
  failedStage
    ? `npm test: FAILED at "${failedStage}" after ${seconds(Date.now() - startAll)}`
    : `npm test: all ${stages.length} stages passed in ${seconds(Date.now() - startAll)}`,
);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`chiso: ${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(failedStage ? 1 : 0);
