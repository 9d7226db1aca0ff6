#!/usr/bin/env node
// `npm start`: sample data → production build → the static server on PORT (default 4173).
// The built site is what people get, so start serves it rather than the dev server (`npm run dev`).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from './serve.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(label, cmd, args) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.error || r.status !== 0) {
    console.error(`chiso: ${label} failed${r.error ? `: ${r.error.message}` : ` (exit ${r.status ?? r.signal})`}`);
    process.exit(r.status || 1);
  }
}

run('ensure sample data', process.execPath, [path.join(repoRoot, 'scripts', 'ensure-sample.mjs')]);
run('build', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build']);

const port = process.env.PORT ? Number(process.env.PORT) : 4173;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`chiso: bad PORT ${process.env.PORT}`);
  process.exit(1);
}
try {
  const s = await serve({ root: path.join(repoRoot, 'dist'), port, host: process.env.HOST || '127.0.0.1', log: console.error });
  console.log(`chiso: http://localhost:${s.port}/`);
  const stop = () => s.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (err) {
  console.error(`chiso: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
