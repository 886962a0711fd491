// `--fail-on`: the severity from which findings fail a run (exit 1), next to the severities it ranks.
import { UsageError } from '../model/usage-error.js';
import { SEVERITY_RANK, type Severity } from './types.js';

export type FailOn = Severity | 'never';

export const FAIL_ON_LEVELS: readonly FailOn[] = ['error', 'warning', 'info', 'never'];

/** True when a finding of `severity` trips the `failOn` threshold (`never` trips nothing). */
export function meetsFailOn(severity: Severity, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
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
