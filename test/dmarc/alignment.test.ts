// Identifier alignment (RFC 7489 §3.1, RFC 9989 §4.4): strict is the same name; relaxed is the
// same organizational domain, by the PSL or by the tree walk.
import { describe, expect, it } from 'vitest';
import { aligned, alignedByPsl } from '../../src/dmarc/alignment.js';
import { timeout, zone } from './zone.js';

describe('by the Public Suffix List', () => {
  it.each([
    ['example.com', 'example.com', 's', true],
    ['Example.COM.', 'example.com', 's', true],
    ['mail.example.com', 'example.com', 's', false],
    ['mail.example.com', 'example.com', 'r', true],
    ['a.example.com', 'b.example.com', 'r', true],
    ['example.com', 'example.net', 'r', false],
    ['alice.github.io', 'bob.github.io', 'r', false],
    ['www.test.ac.jp', 'mail.test.ac.jp', 'r', true],
    ['ac.jp', 'test.ac.jp', 'r', false],
  ] as const)('%s and %s, %s: %s', (a, b, mode, expected) => {
    expect(alignedByPsl(a, b, mode).aligned).toBe(expected);
  });
});

const ZONE = `
_dmarc.example.com.       TXT "v=DMARC1; p=reject"
_dmarc.dept.example.com.  TXT "v=DMARC1; p=reject; psd=n"
_dmarc.psd.               TXT "v=DMARC1; p=reject; psd=y"
`;

describe('by the DNS tree walk', () => {
  const z = zone(ZONE);
  it.each([
    ['mail.example.com', 'example.com', true],
    // psd=n makes dept.example.com its own organization: the PSL says otherwise
    ['mail.dept.example.com', 'example.com', false],
    ['mail.dept.example.com', 'dept.example.com', true],
    // psd=y above: each name one label below the PSD is its own organization
    ['a.shop.psd', 'shop.psd', true],
    ['shop.psd', 'other.psd', false],
  ] as const)('%s and %s, relaxed: %s', async (a, b, expected) => {
    const check = await aligned(a, b, 'r', 'treewalk', z);
    expect(check.aligned).toBe(expected);
  });

  it('differs from the PSL where psd=n draws the line', async () => {
    expect((await aligned('mail.dept.example.com', 'example.com', 'r', 'psl')).aligned).toBe(true);
    expect((await aligned('mail.dept.example.com', 'example.com', 'r', 'treewalk', z)).aligned).toBe(false);
  });

  it('is unknown when a DNS failure cuts a walk short', async () => {
    const failing = zone(ZONE, [timeout('_dmarc.example.com')]);
    const check = await aligned('mail.example.com', 'example.com', 'r', 'treewalk', failing);
    expect(check.aligned).toBeNull();
  });

  it('needs a resolver', async () => {
    expect((await aligned('a.example.com', 'example.com', 'r', 'treewalk')).aligned).toBeNull();
  });

  it('strict mode needs no DNS', async () => {
    expect((await aligned('a.example.com', 'example.com', 's', 'treewalk')).aligned).toBe(false);
  });
});
