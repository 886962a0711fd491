// DKIM key record edits through the tag list: names are case-sensitive (RFC 6376 §3.2), so only the
// tag named exactly is edited, and every other tag keeps its name, place and spacing.
import { describe, expect, it } from 'vitest';
import { removeDkimTag, withoutKeyFlag } from '../../src/dkim/edit-record.js';

describe('removeDkimTag', () => {
  it.each([
    ['the tag named exactly goes, with its separator', 'v=DKIM1; h=sha1; k=rsa; p=MIIB', 'v=DKIM1; k=rsa; p=MIIB'],
    ['H= is another tag than h= (RFC 6376 §3.2): left alone', 'v=DKIM1;H=sha1;K=rsa;p=MIIB', 'v=DKIM1;H=sha1;K=rsa;p=MIIB'],
    ['h= goes, H= beside it stays', 'v=DKIM1;H=sha256;h=sha1;K=rsa;p=MIIB', 'v=DKIM1;H=sha256;K=rsa;p=MIIB'],
  ])('%s', (_what, record, expected) => {
    expect(removeDkimTag(record, 'h')).toBe(expected);
  });
});

describe('withoutKeyFlag', () => {
  it.each([
    ['the flag goes, the others stay', 'v=DKIM1; t=y:s; p=MIIB', 'v=DKIM1; t=s; p=MIIB'],
    ['t= goes when no flag is left, the spacing of the rest kept', 'v=DKIM1 ;  t = y ;  p=MIIB', 'v=DKIM1 ;  p=MIIB'],
    ['t= as the last tag takes the ";" before it', 'v=DKIM1; p=MIIB; t=y', 'v=DKIM1; p=MIIB'],
    ['T=, a tag verifiers ignore, is neither touched nor lower-cased', 'v=DKIM1; t=y; T=s; p=MIIB', 'v=DKIM1; T=s; p=MIIB'],
    ['T=y is not t=y', 'v=DKIM1; T=y; p=MIIB', 'v=DKIM1; T=y; p=MIIB'],
    ['without the flag in t=, the record itself', 'v=DKIM1; t = s ; p=MIIB', 'v=DKIM1; t = s ; p=MIIB'],
  ])('%s', (_what, record, expected) => {
    expect(withoutKeyFlag(record, 'y')).toBe(expected);
  });
});
