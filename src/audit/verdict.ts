// A domain's verdict, from the worst of its findings: any error fails, any warning puts the
// domain at risk, info alone (or nothing) passes.
import type { Finding } from '../findings/types.js';

export type AuditVerdict = 'fail' | 'at-risk' | 'pass';

export const VERDICT_ORDER: readonly AuditVerdict[] = ['fail', 'at-risk', 'pass'];

export const VERDICT_LABEL: Readonly<Record<AuditVerdict, string>> = { fail: 'FAIL', 'at-risk': 'AT RISK', pass: 'PASS' };

/** The verdict the worst finding gives. */
export function verdictOf(findings: readonly Finding[]): AuditVerdict {
  if (findings.some((f) => f.severity === 'error')) return 'fail';
  if (findings.some((f) => f.severity === 'warning')) return 'at-risk';
  return 'pass';
}

/** The worse of two verdicts. */
export function worseVerdict(a: AuditVerdict, b: AuditVerdict): AuditVerdict {
  return VERDICT_ORDER.indexOf(a) <= VERDICT_ORDER.indexOf(b) ? a : b;
}
