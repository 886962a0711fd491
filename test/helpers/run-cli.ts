// Runs the CLI in-process with captured output, as a user would type it (without the binary), or
// the built binary as a child process.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(['node', 'authaudit', ...args], {
    stdout: { write: (s: string) => (stdout += s), isTTY: false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    // wide enough that no line is wrapped: tests of content read whole lines (wrapping has its own tests)
    env: { COLUMNS: '1000', ...env },
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

/** Parse the JSON report of a run, failing with its stderr when it is not JSON. */
export function jsonOf(run: CliRun): Record<string, unknown> {
  try {
    return JSON.parse(run.stdout) as Record<string, unknown>;
  } catch {
    throw new Error(`not JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
  }
}

/** The repository root (where bin/ and fixtures/ are). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Run the BUILT command (`node bin/authaudit.js`, `npm run build` first) as a child process, from
 * `cwd` (default: the repository root), with colour off and no CI or terminal settings unless `env`
 * adds them. COLUMNS is wide enough that no line is wrapped (tests of content read whole lines;
 * wrapping has its own tests); `env: { COLUMNS: undefined }` runs at the default width.
 */
export function runBuiltCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const merged: NodeJS.ProcessEnv = { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', COLUMNS: '1000', ...options.env };
  const env = Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'authaudit.js'), ...args],
      { cwd: options.cwd ?? REPO_ROOT, env, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
