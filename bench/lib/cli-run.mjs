// The built CLI run as a user runs it, in its own process, for the benchmarks: how long it took and
// its peak resident set, the kernel's high-water mark (VmHWM in /proc/<pid>/status, polled every
// 50 ms until it exits), which counts everything the process held, not only V8's heap.
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/authaudit.js', import.meta.url));

/** The kernel's peak resident set of a process, in MB; null once it is gone. */
function peakRssMb(pid) {
  try {
    const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match === null ? null : Number(match[1]) / 1024;
  } catch {
    return null;
  }
}

/**
 * `authaudit <args>` with stdout to `stdoutFile`; `children` (a Set) holds the child while it runs,
 * so that the caller's clean-up can kill it. Resolves with the exit code, seconds, peak RSS (MB)
 * and stderr; never rejects for a non-zero exit (the caller decides).
 */
export function runBuiltCli(args, { cwd, stdoutFile, children }) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { PATH: process.env.PATH ?? '' } });
    children.add(child);
    child.stdout.pipe(createWriteStream(stdoutFile));
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d.toString()));
    let peak = 0;
    const poll = setInterval(() => {
      peak = Math.max(peak, peakRssMb(child.pid) ?? 0);
    }, 50);
    child.on('error', (error) => {
      clearInterval(poll);
      children.delete(child);
      reject(error);
    });
    child.on('exit', (code) => {
      clearInterval(poll);
      children.delete(child);
      resolve({ code, seconds: (performance.now() - started) / 1000, peakRssMb: peak, stderr });
    });
  });
}
