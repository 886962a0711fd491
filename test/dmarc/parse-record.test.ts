// The DMARC record grammar (RFC 7489 §6.3/§6.4, RFC 9989 §4.7), read whole with positions.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDmarcRecordText, looksLikeDmarc, parseDmarcRecord } from '../../src/dmarc/parse-record.js';
import type { DmarcIssueCode } from '../../src/dmarc/types.js';

const codes = (text: string): DmarcIssueCode[] => parseDmarcRecord(text).issues.map((i) => i.code);
const issue = (text: string, code: DmarcIssueCode) => parseDmarcRecord(text).issues.find((i) => i.code === code);

describe('every tag parses to a typed value', () => {
  const text = 'v=DMARC1; p=reject; sp=quarantine; np=reject; psd=n; t=y; adkim=s; aspf=r; pct=50; fo=1:d; rf=afrf; ri=3600; rua=mailto:a@example.com; ruf=mailto:f@example.com';
  const r = parseDmarcRecord(text);

  it('is a DMARC record', () => expect(r.isDmarc).toBe(true));
  it.each([
    ['p', 'reject'],
    ['sp', 'quarantine'],
    ['np', 'reject'],
    ['psd', 'n'],
    ['t', true],
    ['adkim', 's'],
    ['aspf', 'r'],
    ['pct', 50],
    ['fo', ['1', 'd']],
    ['rf', ['afrf']],
    ['ri', 3600],
  ] as const)('%s = %j', (tag, value) => {
    expect(r[tag]?.value).toEqual(value);
  });
  it('keeps the position of each tag and value', () => {
    expect(r.sp?.tag.position).toBe(text.indexOf('sp='));
    expect(r.sp?.tag.valuePosition).toBe(text.indexOf('quarantine'));
  });
  it('reads rua and ruf as mailto URIs', () => {
    expect(r.rua?.value.map((u) => [u.address, u.domain, u.valid])).toEqual([['a@example.com', 'example.com', true]]);
    expect(r.ruf?.value[0]?.domain).toBe('example.com');
  });
  it('fills the effective values', () => {
    expect(r.effective).toEqual({ adkim: 's', aspf: 'r', pct: 50, psd: 'n', testing: true, fo: ['1', 'd'], ri: 3600 });
  });
  it('notes the tags RFC 9989 removed, at their position', () => {
    const removed = r.issues.filter((i) => i.code === 'removed-tag');
    expect(removed.map((i) => [i.tag, i.position])).toEqual([
      ['pct', text.indexOf('pct=')],
      ['rf', text.indexOf('rf=')],
      ['ri', text.indexOf('ri=')],
    ]);
  });
});

describe('defaults when tags are absent (RFC 7489 §6.3, RFC 9989 §4.7)', () => {
  const r = parseDmarcRecord('v=DMARC1; p=none');
  it('uses relaxed alignment, pct 100, psd u, no testing, fo 0, ri 86400', () => {
    expect(r.effective).toEqual({ adkim: 'r', aspf: 'r', pct: 100, psd: 'u', testing: false, fo: ['0'], ri: 86400 });
    expect(r.issues).toEqual([]);
  });
});

describe('the version tag', () => {
  it.each([
    ['v=DMARC1; p=none', true],
    ['v = DMARC1 ; p=none', true],
    ['  v=DMARC1', true],
    ['V=DMARC1; p=none', true],
    ['v=dmarc1; p=none', false],
    ['v=DMARC2; p=none', false],
    ['v=DMARC1x; p=none', false],
    ['p=none; v=DMARC1', false],
    ['v=DMARC1 p=none', false],
  ])('%j begins a DMARC record: %s', (text, expected) => {
    expect(isDmarcRecordText(text)).toBe(expected);
    expect(parseDmarcRecord(text).isDmarc).toBe(expected);
  });

  it('reports a version that is not first, at the v tag', () => {
    const text = 'p=none; v=DMARC1';
    expect(issue(text, 'version-not-first')?.position).toBe(text.indexOf('v='));
  });
  it('reports a bad version value at the value', () => {
    expect(issue('v=dmarc1; p=none', 'version-bad')?.position).toBe(2);
  });
  it('reports a missing version', () => {
    expect(codes('p=reject; rua=mailto:a@example.com')).toContain('version-missing');
  });
  it('recognises text meant as DMARC that receivers discard', () => {
    expect(looksLikeDmarc('v=dmarc1; p=reject')).toBe(true);
    expect(looksLikeDmarc('p=reject; v=DMARC1')).toBe(true);
    expect(looksLikeDmarc('v=DMARC1; p=reject')).toBe(false);
    expect(looksLikeDmarc('google-site-verification=abc')).toBe(false);
  });
});

describe('bad values are errors at the value, and the tag counts as invalid', () => {
  it.each([
    ['p', 'v=DMARC1; p=block'],
    ['sp', 'v=DMARC1; p=none; sp=rejected'],
    ['np', 'v=DMARC1; p=none; np=0'],
    ['psd', 'v=DMARC1; p=none; psd=yes'],
    ['t', 'v=DMARC1; p=none; t=1'],
    ['adkim', 'v=DMARC1; p=none; adkim=relaxed'],
    ['aspf', 'v=DMARC1; p=none; aspf=x'],
    ['pct', 'v=DMARC1; p=none; pct=101'],
    ['pct', 'v=DMARC1; p=none; pct=-1'],
    ['fo', 'v=DMARC1; p=none; fo=2'],
    ['ri', 'v=DMARC1; p=none; ri=1h'],
    ['rf', 'v=DMARC1; p=none; rf=a f'],
  ])('%s in %j', (tag, text) => {
    const r = parseDmarcRecord(text);
    const bad = r.issues.find((i) => i.code === 'bad-value');
    expect(bad?.tag).toBe(tag);
    expect(bad?.severity).toBe('error');
    expect(bad?.position).toBe(text.lastIndexOf('=') + 1);
    expect(r.invalidTags).toContain(tag);
  });

  it('accepts keyword values in any case (ABNF literals are case-insensitive)', () => {
    expect(parseDmarcRecord('v=DMARC1; p=Reject; adkim=S').p?.value).toBe('reject');
  });
  it('warns about report formats other than afrf', () => {
    expect(issue('v=DMARC1; p=none; rf=iodef', 'bad-value')?.severity).toBe('warning');
  });
});

describe('tag-list problems', () => {
  it('flags unknown tags as warnings at the tag', () => {
    const text = 'v=DMARC1; p=none; foo=bar';
    expect(issue(text, 'unknown-tag')).toMatchObject({ severity: 'warning', position: text.indexOf('foo'), tag: 'foo' });
  });
  it('flags a duplicate tag and keeps the first value', () => {
    const text = 'v=DMARC1; p=reject; p=none';
    const r = parseDmarcRecord(text);
    expect(issue(text, 'duplicate-tag')?.position).toBe(text.lastIndexOf('p='));
    expect(r.p?.value).toBe('reject');
  });
  it('flags a part without "="', () => {
    const text = 'v=DMARC1; p=none; reject';
    expect(issue(text, 'syntax')?.position).toBe(text.indexOf('reject'));
  });
  it('flags a bad tag name', () => {
    expect(codes('v=DMARC1; p=none; 1x=y')).toContain('syntax');
  });
  it('allows a trailing ";" but notes an empty tag in the middle', () => {
    expect(codes('v=DMARC1; p=none;')).toEqual([]);
    expect(codes('v=DMARC1; p=none; ')).toEqual([]);
    expect(codes('v=DMARC1;; p=none')).toContain('empty-tag');
  });
  it('notes ";;" at the end too: only one trailing ";" is allowed (RFC 6376 §3.2)', () => {
    const text = 'v=DMARC1; p=none;;';
    expect(issue(text, 'empty-tag')).toMatchObject({ severity: 'info', position: text.length - 1 });
  });
  it('tag names ignore case (ABNF literals, RFC 5234 §2.3): P and p are one tag, repeated', () => {
    const text = 'v=DMARC1; P=reject; p=none';
    const r = parseDmarcRecord(text);
    expect(r.tags.map((t) => [t.name, t.rawName])).toEqual([['v', 'v'], ['p', 'P'], ['p', 'p']]);
    expect(r.p?.value).toBe('reject');
    expect(issue(text, 'duplicate-tag')?.position).toBe(text.lastIndexOf('p='));
  });
  it('reads the values it checks itself: no tag-list character or duplicate-unknown-tag errors', () => {
    expect(codes('v=DMARC1; p=none; foo=1; foo=2')).toEqual(['unknown-tag', 'unknown-tag']);
  });
  it('notes p not right after v', () => {
    expect(codes('v=DMARC1; rua=mailto:a@example.com; p=none')).toContain('policy-not-second');
  });
  it('never throws, whatever the text', () => {
    for (const text of ['', ';', '=', 'v=', ';;;==;', 'v=DMARC1; rua=,,', 'v=DMARC1; rua=mailto:%zz@x.com', '\u0000\u001b[2J']) {
      expect(() => parseDmarcRecord(text)).not.toThrow();
    }
  });
});

describe('the policy receivers read (RFC 7489 §6.6.3 step 6, RFC 9989 §4.10.1)', () => {
  it.each([
    ['v=DMARC1; p=reject', 'valid', 'reject'],
    ['v=DMARC1; rua=mailto:d@example.com', 'fallback-none', 'none'],
    ['v=DMARC1; p=bogus; rua=mailto:d@example.com', 'fallback-none', 'none'],
    ['v=DMARC1; p=reject; sp=bogus; rua=mailto:d@example.com', 'fallback-none', 'none'],
    ['v=DMARC1; p=reject; np=bogus; rua=mailto:d@example.com', 'fallback-none', 'none'],
    ['v=DMARC1', 'no-policy', null],
    ['v=DMARC1; p=bogus', 'no-policy', null],
    ['v=DMARC1; rua=mailto:not-an-address', 'no-policy', null],
    ['v=DMARC1; p=reject; sp=bogus', 'no-policy', null],
  ])('%j -> %s (p=%s)', (text, status, p) => {
    const reading = parseDmarcRecord(text).policy;
    expect(reading.status).toBe(status);
    expect(reading.p).toBe(p);
  });

  it('drops sp and np under the p=none fallback', () => {
    expect(parseDmarcRecord('v=DMARC1; sp=reject; rua=mailto:d@example.com').policy).toMatchObject({ sp: null, np: null });
  });
  it('explains a missing p with and without a valid rua', () => {
    expect(issue('v=DMARC1; rua=mailto:d@example.com', 'missing-policy')?.severity).toBe('warning');
    expect(issue('v=DMARC1; adkim=s', 'missing-policy')?.severity).toBe('error');
  });
  it('a missing p without a valid rua is no DMARC policy, and the issue says so without offering p=none', () => {
    // docs/providers.md#what-the-evidence-terms-mean: p missing or invalid counts as p=none with a valid rua, as no DMARC without one
    const message = issue('v=DMARC1; adkim=s', 'missing-policy')?.message ?? '';
    expect(message).toContain('no DMARC policy at all');
    expect(message).toContain('p=none only when rua holds a valid address');
    expect(message).not.toMatch(/reads it as p=none/);
  });
  it('points the reading at the tag that sent it to the fallback', () => {
    const text = 'v=DMARC1; p=reject; sp=quarantine; np=rejectt; rua=mailto:d@example.com';
    expect(parseDmarcRecord(text).policy).toMatchObject({ status: 'fallback-none', position: text.indexOf('np='), reason: 'np="rejectt" is not valid' });
    expect(parseDmarcRecord('v=DMARC1; rua=mailto:d@example.com').policy.position).toBe(0);
    expect(parseDmarcRecord('v=DMARC1; p=reject').policy.position).toBeNull();
  });
  it('np is RFC 9989\'s: an invalid np leaves RFC 7489 receivers the published policy (they ignore tags they do not know)', () => {
    const r = parseDmarcRecord('v=DMARC1; p=reject; sp=quarantine; np=rejectt; rua=mailto:d@example.com');
    expect(r.policy).toMatchObject({ status: 'fallback-none', p: 'none' });
    expect(r.policyRfc7489).toMatchObject({ status: 'valid', p: 'reject', sp: 'quarantine', np: null });
    // sp is RFC 7489's too: an invalid sp sends both kinds of receiver to the fallback
    expect(parseDmarcRecord('v=DMARC1; p=reject; sp=bogus; rua=mailto:d@example.com').policyRfc7489.status).toBe('fallback-none');
    expect(parseDmarcRecord('v=DMARC1; p=reject; np=bogus').policyRfc7489.status).toBe('valid');
    expect(parseDmarcRecord('v=DMARC1; p=reject; np=bogus').policy.status).toBe('no-policy');
  });
  it('notes fo without a usable ruf', () => {
    expect(codes('v=DMARC1; p=none; fo=1')).toContain('fo-without-ruf');
    expect(codes('v=DMARC1; p=none; fo=1; ruf=mailto:f@example.com')).not.toContain('fo-without-ruf');
  });
});

describe('any text (property)', () => {
  const pieces = fc.constantFrom('v=DMARC1', 'p=reject', 'sp=', 'np=none', ';', ' ', '=', ',', '!', 'rua=mailto:a@example.com', 'mailto:', '%', 't=y', 'pct=', '\u0000', 'x');
  it('parses without throwing, with every issue and tag inside the text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces).map((a) => a.join(''))), (text) => {
        const r = parseDmarcRecord(text);
        for (const i of r.issues) expect(i.position >= 0 && i.position <= text.length).toBe(true);
        for (const t of r.tags) expect(text.slice(t.position, t.position + t.rawName.length)).toBe(t.rawName);
      }),
      { seed: 4242, numRuns: 500 },
    );
  });
});
