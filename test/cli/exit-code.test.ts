import { describe, expect, it } from 'vitest';
import { EXIT_DNS_UNUSABLE, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, exitCode } from '../../src/cli/exit-code.js';
import { meetsFailOn, parseFailOn, type FailOn } from '../../src/findings/fail-on.js';
import { UsageError } from '../../src/model/usage-error.js';
import { emptyEvidence, type Finding, type Severity } from '../../src/findings/types.js';

const f = (severity: Severity): Finding => ({ id: `x-${severity}`, severity, message: 'm', evidence: emptyEvidence(), fix: null });

describe('exit codes (cli-contract: 0 · 1 · 2 · 3)', () => {
  it('has the documented numbers', () => {
    expect([EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_DNS_UNUSABLE]).toEqual([0, 1, 2, 3]);
  });

  // rows: the most severe finding present; columns: --fail-on
  const table: Array<[Severity | 'none', Record<FailOn, 0 | 1>]> = [
    ['none', { error: 0, warning: 0, info: 0, never: 0 }],
    ['info', { error: 0, warning: 0, info: 1, never: 0 }],
    ['warning', { error: 0, warning: 1, info: 1, never: 0 }],
    ['error', { error: 1, warning: 1, info: 1, never: 0 }],
  ];
  for (const [worst, expected] of table) {
    for (const [failOn, code] of Object.entries(expected) as Array<[FailOn, 0 | 1]>) {
      it(`worst finding ${worst}, --fail-on ${failOn} -> ${code}`, () => {
        const order: Severity[] = ['info', 'warning', 'error'];
        const findings = worst === 'none' ? [] : order.slice(0, order.indexOf(worst) + 1).map(f);
        expect(exitCode(findings, failOn)).toBe(code);
      });
    }
  }

  it('--fail-on never passes even with errors', () => {
    expect(exitCode([f('error'), f('error')], 'never')).toBe(0);
    expect(meetsFailOn('error', 'never')).toBe(false);
  });

  it('parses --fail-on case-insensitively and rejects anything else as bad usage', () => {
    expect(parseFailOn('Warning')).toBe('warning');
    expect(() => parseFailOn('critical')).toThrow(UsageError);
    expect(() => parseFailOn('critical')).toThrow(/error, warning, info, never/);
  });
});
