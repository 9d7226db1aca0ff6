// Tab memory: resident memory of the renderer processes of the Chromium that this Node process started
// (the page, DuckDB's worker and the Parquet worker all live in the tab's renderer), read from /proc.
import fs from 'node:fs';

function children(pid) {
  const out = [];
  for (const d of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(d));
    } catch { /* gone */ }
  }
  return out;
}

function descendants(pid) {
  const all = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop();
    for (const c of children(p)) { all.push(c); todo.push(c); }
  }
  return all;
}

/** Largest renderer RSS in MB among Chromium processes under this Node process. */
export function rendererRssMb() {
  let best = 0;
  for (const pid of descendants(process.pid)) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) best = Math.max(best, Number(m[1]) / 1024);
    } catch { /* gone */ }
  }
  return best;
}

/** Sample the peak renderer memory every `ms` until stopped. */
export function memoryPeak(ms = 100) {
  let peak = 0;
  const t = setInterval(() => { peak = Math.max(peak, rendererRssMb()); }, ms);
  return { stop() { clearInterval(t); peak = Math.max(peak, rendererRssMb()); return peak; }, get peak() { return peak; } };
}
