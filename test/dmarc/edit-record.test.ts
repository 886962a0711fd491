// DMARC record edits through the tag list (RFC 7489 §6.4): the tag receivers read is edited, in
// any case, and the other tags keep their order, names and spacing.
import { describe, expect, it } from 'vitest';
import { removeDmarcTag, setDmarcTag, withValidDmarcPolicy } from '../../src/dmarc/edit-record.js';

describe('setDmarcTag', () => {
  it('replaces the value in place, the name as written', () => {
    expect(setDmarcTag('v=DMARC1;  P = none ;rua=mailto:a@b.c', 'p', 'reject')).toBe('v=DMARC1;  P = reject ;rua=mailto:a@b.c');
  });
  it('edits the first of a repeated tag, the one receivers read', () => {
    expect(setDmarcTag('v=DMARC1; p=none; p=reject', 'p', 'quarantine')).toBe('v=DMARC1; p=quarantine; p=reject');
  });
  it('puts a missing p right after v=DMARC1, separated like the rest (RFC 7489 §6.4)', () => {
    expect(setDmarcTag('v=DMARC1; rua=mailto:a@b.c', 'p', 'none')).toBe('v=DMARC1; p=none; rua=mailto:a@b.c');
    expect(setDmarcTag('v=DMARC1;rua=mailto:a@b.c;', 'p', 'none')).toBe('v=DMARC1;p=none;rua=mailto:a@b.c;');
    expect(setDmarcTag('v=DMARC1', 'p', 'none')).toBe('v=DMARC1; p=none');
  });
  it('appends any other missing tag', () => {
    expect(setDmarcTag('v=DMARC1; p=none; rua=mailto:a@b.c', 'sp', 'reject')).toBe('v=DMARC1; p=none; rua=mailto:a@b.c; sp=reject');
  });
});

describe('removeDmarcTag', () => {
  it('removes the tag and its separator, in any case, and nothing else', () => {
    expect(removeDmarcTag('v=DMARC1;p=reject;SP=none;rua=mailto:a@b.c', 'sp')).toBe('v=DMARC1;p=reject;rua=mailto:a@b.c');
  });
  it('keeps a trailing ";" when the last tag goes', () => {
    expect(removeDmarcTag('v=DMARC1; p=reject; sp=none;', 'sp')).toBe('v=DMARC1; p=reject;');
  });
});

describe('withValidDmarcPolicy (RFC 7489 §6.6.3 step 6, RFC 9989 §4.10.1)', () => {
  it.each([
    ['v=DMARC1; rua=mailto:a@b.c', 'v=DMARC1; p=none; rua=mailto:a@b.c'],
    ['v=DMARC1; p=rejct; rua=mailto:a@b.c', 'v=DMARC1; p=none; rua=mailto:a@b.c'],
    ['v=DMARC1; p=reject; sp=bogus; np=reject; rua=mailto:a@b.c', 'v=DMARC1; p=reject; np=reject; rua=mailto:a@b.c'],
    ['v=DMARC1; p=quarantine; np=rejectt; rua=mailto:a@b.c', 'v=DMARC1; p=quarantine; rua=mailto:a@b.c'],
    ['v=DMARC1; p=reject', 'v=DMARC1; p=reject'],
  ])('%j becomes %j', (record, expected) => {
    expect(withValidDmarcPolicy(record)).toBe(expected);
  });
});
