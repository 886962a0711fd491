// Runs the BUILT command (`node bin/authaudit.js`, built by `npm test` before the suite) as a user
// would: a separate process, colour off, no CI or terminal settings unless given.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin/authaudit.js');

export interface BuiltRun {
  code: number;
  stdout: string;
  stderr: string;
}

export function runBuiltCli(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<BuiltRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      // COLUMNS: wide enough that no line is wrapped (wrapping has its own tests); a test may set its own
      { cwd: options.cwd ?? ROOT, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1', COLUMNS: '1000', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
