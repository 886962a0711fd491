// The verdict comes from the worst finding: an error fails, a warning puts the domain at risk.
import { describe, expect, it } from 'vitest';
import { finding, type Severity } from '../../src/findings/types.js';
import { verdictOf, worseVerdict } from '../../src/audit/verdict.js';

const of = (...severities: Severity[]) => severities.map((s) => finding({ id: `x-${s}`, severity: s, title: s, rule: '' }, s, {}, null));

describe('verdictOf', () => {
  it.each([
    [[], 'pass'],
    [['info'], 'pass'],
    [['info', 'warning'], 'at-risk'],
    [['warning', 'error', 'info'], 'fail'],
  ] as const)('%j gives %s', (severities, verdict) => {
    expect(verdictOf(of(...severities))).toBe(verdict);
  });

  it('worseVerdict orders fail > at-risk > pass', () => {
    expect(worseVerdict('pass', 'at-risk')).toBe('at-risk');
    expect(worseVerdict('fail', 'at-risk')).toBe('fail');
    expect(worseVerdict('pass', 'pass')).toBe('pass');
  });
});
