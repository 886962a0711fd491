// Types for cli-run.mjs.
import type { ChildProcess } from 'node:child_process';

export interface CliRun {
  code: number | null;
  seconds: number;
  /** The process's peak resident set (VmHWM), MB. */
  peakRssMb: number;
  stderr: string;
}

export function runBuiltCli(args: readonly string[], options: { cwd: string; stdoutFile: string; children: Set<ChildProcess> }): Promise<CliRun>;
