import { describe, expect, it } from 'vitest';
import { assertKnownIgnoreIds, filterFindings, parseIgnoreList, suggestId, unknownIgnoreIds } from '../../src/findings/filter.js';
import { UsageError } from '../../src/model/usage-error.js';
import { sampleFindings, sampleRegistry } from './sample-findings.js';

describe('--ignore', () => {
  it('splits repeated and comma-separated values, trims, lower-cases and de-duplicates', () => {
    expect(parseIgnoreList(['spf-soft-fail-all, DMARC-policy-none', 'spf-soft-fail-all', ' , '])).toEqual([
      'spf-soft-fail-all',
      'dmarc-policy-none',
    ]);
  });

  it('drops findings with the named ids and keeps the others in order', () => {
    const kept = filterFindings(sampleFindings(), ['spf-soft-fail-all']);
    expect(kept.map((f) => f.id)).toEqual(['spf-too-many-lookups', 'dmarc-policy-none']);
  });

  it('a trailing * names every id with that prefix', () => {
    expect(filterFindings(sampleFindings(), ['spf-*']).map((f) => f.id)).toEqual(['dmarc-policy-none']);
  });

  it('an empty list keeps everything', () => {
    expect(filterFindings(sampleFindings(), [])).toHaveLength(3);
  });

  it('finds entries that name no registered id, and suggests the close one', () => {
    expect(unknownIgnoreIds(['spf-*', 'spf-too-many-lookup', 'nothing-*'], sampleRegistry)).toEqual(['spf-too-many-lookup', 'nothing-*']);
    expect(suggestId('spf-too-many-lookup', sampleRegistry)).toBe('spf-too-many-lookups');
    expect(suggestId('completely-different-thing', sampleRegistry)).toBeNull();
  });

  it('suggests the family of a mistyped prefix', () => {
    expect(suggestId('spff-*', sampleRegistry)).toBe('spf-*');
    expect(suggestId('dmarc-polcy-*', sampleRegistry)).toBe('dmarc-policy-*');
    expect(suggestId('nothing-at-all-*', sampleRegistry)).toBeNull();
  });

  it('an unknown id is a usage error: one line each, with the nearest id or the families, never every id', () => {
    expect(() => assertKnownIgnoreIds(['spf-soft-fail-all'], sampleRegistry)).not.toThrow();
    let message = '';
    try {
      assertKnownIgnoreIds(['spf-too-many-lookup', 'completely-different-thing'], sampleRegistry);
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      message = (err as Error).message;
    }
    expect(message.split('\n')).toEqual([
      "--ignore: unknown finding id 'spf-too-many-lookup'; did you mean spf-too-many-lookups?",
      "--ignore: unknown finding id 'completely-different-thing' (ids begin with dkim-, dmarc-, spf-; 'dkim-*' leaves out a whole family)",
    ]);
  });
});
