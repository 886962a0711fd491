// Exit codes are part of the public contract (docs/cli-contract): a CI job gates on them.
import type { Finding } from '../findings/types.js';
import { meetsFailOn, type FailOn } from '../findings/fail-on.js';

/** Nothing at or above `--fail-on`. */
export const EXIT_OK = 0;
/** At least one finding at or above `--fail-on`. */
export const EXIT_FINDINGS = 1;
/** Bad usage or bad input: unknown option, unreadable zone file, malformed profile or config. */
export const EXIT_USAGE = 2;
/** DNS unusable: no resolver answered. */
export const EXIT_DNS_UNUSABLE = 3;

export type ExitCode = typeof EXIT_OK | typeof EXIT_FINDINGS | typeof EXIT_USAGE | typeof EXIT_DNS_UNUSABLE;

/** 0 when no finding is at or above `failOn`, 1 otherwise. Pass the findings left after --ignore. */
export function exitCode(findings: readonly Finding[], failOn: FailOn): typeof EXIT_OK | typeof EXIT_FINDINGS {
  return findings.some((f) => meetsFailOn(f.severity, failOn)) ? EXIT_FINDINGS : EXIT_OK;
}
