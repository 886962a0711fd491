// DKIM key record edits through the tag list: names are case-sensitive (RFC 6376 §3.2), so only the
// tag named exactly is edited, and every other tag keeps its name, place and spacing.
import { describe, expect, it } from 'vitest';
import { removeDkimTag, withoutKeyFlag } from '../../src/dkim/edit-record.js';

describe('removeDkimTag', () => {
  it('removes the tag named exactly, and its separator', () => {
    expect(removeDkimTag('v=DKIM1; h=sha1; k=rsa; p=MIIB', 'h')).toBe('v=DKIM1; k=rsa; p=MIIB');
  });
  it('leaves H= alone: another tag than h= (RFC 6376 §3.2)', () => {
    expect(removeDkimTag('v=DKIM1;H=sha1;K=rsa;p=MIIB', 'h')).toBe('v=DKIM1;H=sha1;K=rsa;p=MIIB');
    expect(removeDkimTag('v=DKIM1;H=sha256;h=sha1;K=rsa;p=MIIB', 'h')).toBe('v=DKIM1;H=sha256;K=rsa;p=MIIB');
  });
});

describe('withoutKeyFlag', () => {
  it('drops the flag and keeps the others', () => {
    expect(withoutKeyFlag('v=DKIM1; t=y:s; p=MIIB', 'y')).toBe('v=DKIM1; t=s; p=MIIB');
  });
  it('drops t= when no flag is left, keeping the spacing of the rest', () => {
    expect(withoutKeyFlag('v=DKIM1 ;  t = y ;  p=MIIB', 'y')).toBe('v=DKIM1 ;  p=MIIB');
    expect(withoutKeyFlag('v=DKIM1; p=MIIB; t=y', 'y')).toBe('v=DKIM1; p=MIIB');
  });
  it('never touches T=, a tag verifiers ignore, nor writes it in lower case', () => {
    expect(withoutKeyFlag('v=DKIM1; t=y; T=s; p=MIIB', 'y')).toBe('v=DKIM1; T=s; p=MIIB');
    expect(withoutKeyFlag('v=DKIM1; T=y; p=MIIB', 'y')).toBe('v=DKIM1; T=y; p=MIIB');
  });
  it('is the record itself when t= does not hold the flag', () => {
    expect(withoutKeyFlag('v=DKIM1; t = s ; p=MIIB', 'y')).toBe('v=DKIM1; t = s ; p=MIIB');
  });
});
