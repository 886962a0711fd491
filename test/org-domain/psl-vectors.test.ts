// The Public Suffix List's own test vectors (fixtures/psl/tests.txt, CC0), run with the setting they
// assume and authaudit uses: ICANN and PRIVATE sections together.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pslOrganizationalDomain } from '../../src/org-domain/psl.js';

const file = new URL('../../fixtures/psl/tests.txt', import.meta.url);
const vectors = readFileSync(file, 'utf8')
  .split('\n')
  .map((line, i) => ({ line: line.trim(), lineNumber: i + 1 }))
  .filter(({ line }) => line !== '' && !line.startsWith('//'))
  .map(({ line, lineNumber }) => {
    const [input = '', expected = ''] = line.split(/\s+/);
    return { input: input === 'null' ? null : input, expected: expected === 'null' ? null : expected, lineNumber };
  });

describe('PSL vectors (ICANN + PRIVATE sections)', () => {
  it('reads every vector of the file', () => {
    expect(vectors.length).toBe(78);
  });

  it.each(vectors)('line $lineNumber: $input -> $expected', ({ input, expected }) => {
    expect(pslOrganizationalDomain(input)).toBe(expected);
  });
});

describe('ICANN section only', () => {
  it('gives a different answer for private suffixes, which is why authaudit uses both sections', () => {
    expect(pslOrganizationalDomain('example.uk.com', { sections: 'icann' })).toBe('uk.com');
    expect(pslOrganizationalDomain('example.uk.com', { sections: 'all' })).toBe('example.uk.com');
    expect(pslOrganizationalDomain('alice.github.io', { sections: 'icann' })).toBe('github.io');
    expect(pslOrganizationalDomain('alice.github.io')).toBe('alice.github.io');
  });

  it('agrees for ICANN suffixes', () => {
    expect(pslOrganizationalDomain('www.test.ac.jp', { sections: 'icann' })).toBe('test.ac.jp');
  });
});

describe('names that have no organizational domain', () => {
  it.each([['192.0.2.1'], ['a..example.com'], [''], ['x'.repeat(64) + '.com']])('%s -> null', (name) => {
    expect(pslOrganizationalDomain(name)).toBeNull();
  });

  it('ignores a trailing dot', () => {
    expect(pslOrganizationalDomain('Mail.Example.COM.')).toBe('example.com');
  });
});
