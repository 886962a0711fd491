import { describe, expect, it } from 'vitest';
import { buildRegistry, findingRegistry, FINDING_TABLES } from '../../src/report/finding-registry.js';
import { defineFindings } from '../../src/findings/types.js';
import { SAMPLE_DEFS } from './sample-findings.js';

describe('the findings registry', () => {
  it('knows every id of every table, sorted', () => {
    const other = defineFindings({ 'aaa-first': { severity: 'info', title: 'First', rule: 'RFC 1 §1' } });
    const reg = buildRegistry([SAMPLE_DEFS, other]);
    expect(reg.ids()).toEqual(['aaa-first', 'dkim-rsa-pkcs1', 'dmarc-policy-none', 'spf-soft-fail-all', 'spf-too-many-lookups']);
    expect(reg.get('spf-too-many-lookups')?.rule).toBe('RFC 7208 §4.6.4');
    expect(reg.has('nope')).toBe(false);
  });

  it('accepts the same definition twice but refuses two different ones under one id', () => {
    expect(buildRegistry([SAMPLE_DEFS, SAMPLE_DEFS]).ids()).toHaveLength(4);
    const clash = defineFindings({ 'spf-soft-fail-all': { severity: 'error', title: 'other', rule: 'x' } });
    expect(() => buildRegistry([SAMPLE_DEFS, clash])).toThrow(/spf-soft-fail-all/);
  });

  it('the default registry is built from FINDING_TABLES, each definition complete', () => {
    const reg = findingRegistry();
    const expected = new Set(FINDING_TABLES.flatMap((t) => Object.keys(t)));
    expect(new Set(reg.ids())).toEqual(expected);
    for (const def of reg.definitions) {
      expect(def.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(def.title.length).toBeGreaterThan(0);
      expect(def.rule.length).toBeGreaterThan(0);
    }
  });
});
