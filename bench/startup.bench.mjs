// How fast the command answers `--version` and `--help`: each spawned as a separate process, as a
// user's shell runs it, RUNS times; the median against the target of 150 ms. The floor is Node.js
// starting and exiting with nothing loaded (`node -e 0`), measured in the same rounds, so a loaded
// machine shows in both. main.ts loads commander and the command definitions only; a command's
// code is imported when it runs (src/cli/definitions/).
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { median } from './lib/measure.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const RUNS = Number(process.env.AUTHAUDIT_BENCH_STARTUP_RUNS ?? 21);
const TARGET_MS = 150;

const CASES = [
  { label: 'authaudit --version', args: ['bin/authaudit.js', '--version'], target: TARGET_MS },
  { label: 'authaudit --help', args: ['bin/authaudit.js', '--help'], target: TARGET_MS },
  { label: 'authaudit spf --help', args: ['bin/authaudit.js', 'spf', '--help'], target: TARGET_MS },
  { label: 'node -e 0 (the floor)', args: ['-e', '0'], target: null },
];

function time(args) {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
  const ms = performance.now() - started;
  if (run.status !== 0) throw new Error(`node ${args.join(' ')} exited ${run.status}: ${run.stderr.toString()}`);
  return ms;
}

export async function run() {
  const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
  console.log(`startup: each command spawned ${RUNS} times (rounds interleaved), median (min-max); load average ${load()} on ${availableParallelism()} cores`);
  const times = CASES.map(() => []);
  time(CASES[0].args); // the first run warms the file cache
  for (let r = 0; r < RUNS; r++) CASES.forEach((c, i) => times[i].push(time(c.args)));
  const results = {};
  const floor = median(times[CASES.length - 1]);
  CASES.forEach((c, i) => {
    const m = median(times[i]);
    results[c.label] = m;
    const range = `(${Math.min(...times[i]).toFixed(0)}-${Math.max(...times[i]).toFixed(0)})`;
    const over = c.target === null ? '' : `  = floor + ${(m - floor).toFixed(0)} ms`;
    const verdict = c.target === null ? '' : `; target <= ${c.target} ms: ${m <= c.target ? 'MET' : 'NOT MET'}`;
    console.log(`  ${c.label.padEnd(24)} ${m.toFixed(0).padStart(4)} ms ${range.padEnd(11)}${over}${verdict}`);
  });
  console.log(`  load average now ${load()}`);
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
