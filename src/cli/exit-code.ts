// Exit codes are part of the public contract (docs/cli-contract): a CI job gates on them.
import type { FailOn } from './command.js';
import { UsageError } from './command.js';
import { SEVERITY_RANK, type Finding, type Severity } from '../findings/types.js';

/** Nothing at or above `--fail-on`. */
export const EXIT_OK = 0;
/** At least one finding at or above `--fail-on`. */
export const EXIT_FINDINGS = 1;
/** Bad usage or bad input: unknown option, unreadable zone file, malformed profile or config. */
export const EXIT_USAGE = 2;
/** DNS unusable: no resolver answered. */
export const EXIT_DNS_UNUSABLE = 3;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FINDINGS | typeof EXIT_USAGE | typeof EXIT_DNS_UNUSABLE;

export const FAIL_ON_LEVELS: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

/** True when a finding of `severity` trips the `failOn` threshold (`never` trips nothing). */
export function meetsFailOn(severity: Severity, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

/** 0 when no finding is at or above `failOn`, 1 otherwise. Pass the findings left after --ignore. */
export function exitCode(findings: readonly Finding[], failOn: FailOn): typeof EXIT_OK | typeof EXIT_FINDINGS {
  return findings.some((f) => meetsFailOn(f.severity, failOn)) ? EXIT_FINDINGS : EXIT_OK;
}

export function isFailOn(value: unknown): value is FailOn {
  return typeof value === 'string' && (FAIL_ON_LEVELS as readonly string[]).includes(value);
}

/** Parse a `--fail-on` value; anything else is a usage error naming the accepted values. */
export function parseFailOn(value: string): FailOn {
  const v = value.trim().toLowerCase();
  if (isFailOn(v)) return v;
  throw new UsageError(`--fail-on: unknown level "${value}" (expected ${FAIL_ON_LEVELS.join(', ')})`);
}
