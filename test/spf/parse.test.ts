import { describe, expect, it } from 'vitest';
import { isSpfRecordText, parseSpfRecord } from '../../src/spf/parse.js';
import type { ParseError, ParseResult, SpfRecord, Term } from '../../src/spf/types.js';

function ok(text: string): SpfRecord {
  const r = parseSpfRecord(text);
  if (!r.ok) throw new Error(`expected ${text} to parse: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.record;
}

function firstError(text: string): ParseError {
  const r: ParseResult = parseSpfRecord(text);
  if (r.ok) throw new Error(`expected ${text} to fail`);
  const e = r.errors[0];
  if (!e) throw new Error('no error');
  return e;
}

function term(text: string): Term {
  const t = ok(`v=spf1 ${text}`).terms[0];
  if (!t) throw new Error('no term');
  return t;
}

describe('version (RFC 7208 §4.5)', () => {
  it('is "v=spf1" followed by a space or the end, case-insensitively', () => {
    expect(isSpfRecordText('v=spf1')).toBe(true);
    expect(isSpfRecordText('V=SpF1 -all')).toBe(true);
    expect(isSpfRecordText('v=spf10')).toBe(false);
    expect(isSpfRecordText('v=spf1mx')).toBe(false);
    expect(isSpfRecordText(' v=spf1')).toBe(false);
  });

  it('rejects other text with a bad-version error at position 0', () => {
    expect(firstError('v=spf2 -all')).toMatchObject({ code: 'bad-version', position: 0, rule: 'RFC 7208 §4.5' });
  });

  it('accepts an empty record, repeated and trailing spaces', () => {
    expect(ok('v=spf1').terms).toEqual([]);
    const r = ok('v=spf1 a  -all ');
    expect(r.terms.map((t) => [t.text, t.position])).toEqual([
      ['a', 7],
      ['-all', 10],
    ]);
  });
});

describe('mechanisms (RFC 7208 §5)', () => {
  it('reads qualifiers, defaulting to "+" (§4.6.2)', () => {
    expect(term('all')).toMatchObject({ mechanism: 'all', qualifier: '+', qualifierExplicit: false });
    expect(term('~all')).toMatchObject({ mechanism: 'all', qualifier: '~', qualifierExplicit: true });
    expect(term('?include:_spf.example.com')).toMatchObject({ mechanism: 'include', qualifier: '?' });
  });

  it('reads names case-insensitively (§4.6.1)', () => {
    expect(term('-ALL')).toMatchObject({ mechanism: 'all', qualifier: '-' });
    expect(term('IP4:192.0.2.1')).toMatchObject({ mechanism: 'ip4', address: '192.0.2.1' });
  });

  it('reads a and mx with an optional domain and dual CIDR lengths (§5.6)', () => {
    expect(term('a')).toMatchObject({ mechanism: 'a', domain: null, cidr: { ip4: null, ip6: null } });
    expect(term('a/24//64')).toMatchObject({ mechanism: 'a', domain: null, cidr: { ip4: 24, ip6: 64 } });
    expect(term('mx:mail.example.com//48')).toMatchObject({
      mechanism: 'mx',
      domain: { text: 'mail.example.com' },
      cidr: { ip4: null, ip6: 48 },
    });
    expect(term('a:foo:bar/baz.example.com')).toMatchObject({ domain: { text: 'foo:bar/baz.example.com' }, cidr: { ip4: null, ip6: null } });
  });

  it('reads ip4 and ip6 with prefixes, default /32 and /128', () => {
    expect(term('ip4:192.0.2.0/24')).toMatchObject({ address: '192.0.2.0', prefix: 24, prefixExplicit: true });
    expect(term('ip4:192.0.2.1')).toMatchObject({ prefix: 32, prefixExplicit: false });
    expect(term('ip6:2001:db8::/32')).toMatchObject({ mechanism: 'ip6', address: '2001:db8::', prefix: 32 });
    expect(term('ip6:::1.1.1.1/0')).toMatchObject({ mechanism: 'ip6', prefix: 0 });
  });

  it('reads ptr, exists and include with their domain-specs', () => {
    expect(term('ptr')).toMatchObject({ mechanism: 'ptr', domain: null });
    expect(term('ptr:example.com')).toMatchObject({ mechanism: 'ptr', domain: { text: 'example.com' } });
    expect(term('exists:%{i}.bl.example.com')).toMatchObject({ mechanism: 'exists', domain: { hasMacros: true } });
  });

  it.each([
    ['moo', 'unknown-mechanism', 7],
    ['ip:192.0.2.1', 'unknown-mechanism', 7],
    ['all.', 'unknown-mechanism', 7],
    ['-all:foobar', 'unexpected-argument', 11],
    ['-all/8', 'unexpected-argument', 11],
    ['include', 'missing-argument', 14],
    ['exists', 'missing-argument', 13],
    ['ip4', 'missing-argument', 10],
    ['ptr/0', 'unexpected-argument', 10],
    ['redirect:example.com', 'unknown-mechanism', 7],
    ['+', 'unknown-mechanism', 8],
    ['/24', 'unknown-mechanism', 7],
  ] as const)('rejects %s (%s at %i)', (text, code, position) => {
    expect(firstError(`v=spf1 ${text}`)).toMatchObject({ code, position });
  });

  it('suggests the intended mechanism for common mistakes', () => {
    expect(firstError('v=spf1 ipv4:192.0.2.1').message).toContain("did you mean 'ip4'");
  });
});

describe('CIDR lengths (RFC 7208 §5.6)', () => {
  it.each([
    ['ip4:1.2.3.4/33', 'over 32'],
    ['ip4:1.2.3.4/032', 'leading zero'],
    ['ip6:::1/129', 'over 128'],
    ['a/33', 'over 32'],
    ['a//129', 'over 128'],
    ['mx/24/64', 'not a CIDR length'],
    ['a:example.com/24//', 'not a CIDR length'],
    ['mx:example.com//64/24', 'in that order'],
    ['ip4:1.2.3.4//32', 'not a prefix length'],
    ['ip6:::1.1.1.1//33', 'not a prefix length'],
  ])('%s is a bad-cidr error (%s)', (text, words) => {
    const e = firstError(`v=spf1 ${text}`);
    expect(e.code).toBe('bad-cidr');
    expect(e.rule).toBe('RFC 7208 §5.6');
    expect(e.message).toContain(words);
  });

  it('points at the CIDR text', () => {
    expect(firstError('v=spf1 ip4:1.2.3.4/33').position).toBe('v=spf1 ip4:1.2.3.4'.length);
    expect(firstError('v=spf1 a:example.com//129').position).toBe('v=spf1 a:example.com/'.length);
    expect(firstError('v=spf1 a:example.com/24//').position).toBe('v=spf1 a:example.com'.length);
  });

  it('accepts /0 and the maxima', () => {
    expect(term('ip4:0.0.0.0/0')).toMatchObject({ prefix: 0 });
    expect(term('ip6:::/128')).toMatchObject({ prefix: 128 });
    expect(term('a/32//128')).toMatchObject({ cidr: { ip4: 32, ip6: 128 } });
  });
});

describe('ip4 addresses are strict dotted quads (RFC 7208 §5.6)', () => {
  it.each(['1.2.3', '1.2.3.4:8080', '01.2.3.4', '1.2.3.256', '0x7f.0.0.1', '1.2.3.4.5', '1.2.3.'])('rejects ip4:%s', (address) => {
    expect(firstError(`v=spf1 ip4:${address}`)).toMatchObject({ code: 'bad-ip4', position: 11 });
  });

  it.each(['::CAFE::BABE', ':CAFE::BABE', 'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', '::1.2.3'])('rejects ip6:%s', (address) => {
    expect(firstError(`v=spf1 ip6:${address}`).code).toBe('bad-ip6');
  });
});

describe('domain-specs (RFC 7208 §7.1, §8.1)', () => {
  it.each([
    ['a:museum', 'single label'],
    ['a:museum.', 'single label'],
    ['a:foo-bar', 'single label'],
    ['a:abc.123', 'all digits'],
    ['a:example.-com', "'-com' is not valid"],
    ['mx:example.com:8080', "'com:8080' is not valid"],
    ['include:ip5.example.com/24', "'com/24' is not valid"],
    ['exists:mail.example.com/24', "'com/24' is not valid"],
    ['a:', 'empty'],
    ['include:', 'empty'],
    ['ptr:', 'empty'],
  ])('rejects %s (%s)', (text, words) => {
    const e = firstError(`v=spf1 ${text}`);
    expect(e.code).toBe('bad-domain-spec');
    expect(e.message).toContain(words);
  });

  it('diagnoses an IP address written as a domain', () => {
    expect(firstError('v=spf1 a:111.222.33.44').message).toContain('use ip4:111.222.33.44');
  });

  it('accepts a dash inside the top label, a trailing dot, and a macro at the end', () => {
    expect(term('a:foo.example.xn--zckzah')).toMatchObject({ mechanism: 'a' });
    expect(term('include:o.spf.example.com.')).toMatchObject({ domain: { text: 'o.spf.example.com.' } });
    expect(term('a:%{H}')).toMatchObject({ domain: { hasMacros: true } });
    expect(term('exists:%{ir}.%{v}._spf.%{d2}')).toMatchObject({ mechanism: 'exists' });
  });
});

describe('modifiers (RFC 7208 §6)', () => {
  it('reads redirect, exp and unknown modifiers', () => {
    const r = ok('v=spf1 mx redirect=_spf.example.com exp=explain.%{d} moo.cow-far_out=man:dog/cat');
    expect(r.redirect).toMatchObject({ modifier: 'redirect', domain: { text: '_spf.example.com' }, position: 10 });
    expect(r.exp).toMatchObject({ modifier: 'exp', domain: { text: 'explain.%{d}' } });
    expect(r.terms[3]).toMatchObject({ modifier: 'unknown', name: 'moo.cow-far_out', value: { text: 'man:dog/cat' } });
    expect(r.mechanisms.map((m) => m.text)).toEqual(['mx']);
  });

  it('names the qualifiers when a term starts with something else', () => {
    expect(firstError('v=spf1 !all')).toMatchObject({ position: 7, rule: 'RFC 7208 §4.6.2' });
    expect(firstError('v=spf1 !all').message).toContain("'!' is not a qualifier");
  });

  it('allows an empty unknown modifier value', () => {
    expect(term('moo=')).toMatchObject({ modifier: 'unknown', name: 'moo', value: { text: '' } });
  });

  it('rejects a second redirect or exp, pointing at the second', () => {
    expect(firstError('v=spf1 redirect=a.example.com -all redirect=b.example.com')).toMatchObject({
      code: 'duplicate-modifier',
      position: 35,
      rule: 'RFC 7208 §6',
    });
    expect(firstError('v=spf1 exp=a.example.com exp=b.example.com').code).toBe('duplicate-modifier');
  });

  it.each([
    ['redirect=', 'missing-argument'],
    ['exp=', 'missing-argument'],
    ['exp=-all', 'bad-domain-spec'],
    ['redirect=-all', 'bad-domain-spec'],
    ['1up=foo', 'bad-modifier'],
    ['=all', 'bad-modifier'],
    ['-redirect=example.com', 'bad-qualifier'],
    ['!all', 'bad-qualifier'],
    ['*include:_spf.example.com', 'bad-qualifier'],
    ['foo=%abc', 'bad-macro'],
    ['moo.cow/far_out=man:dog/cat', 'unknown-mechanism'],
  ] as const)('rejects %s (%s)', (text, code) => {
    expect(firstError(`v=spf1 ${text}`).code).toBe(code);
  });
});

describe('characters (RFC 7208 §3.1, §4.6.1)', () => {
  it('rejects control characters, pointing at them', () => {
    const text = 'v=spf1 a:ctrl.example.com\rptr -all';
    expect(firstError(text)).toMatchObject({ code: 'invalid-character', position: text.indexOf('\r') });
    expect(firstError(text).message).toContain('control character 0x0D');
    expect(firstError('v=spf1 ip4:192.0.2.5\n include:x.example.com ~all').code).toBe('invalid-character');
    expect(firstError('v=spf1 a:foo.example.com\0').code).toBe('invalid-character');
  });

  it('rejects non-ASCII bytes', () => {
    const e = firstError('v=spf1 a:\xEF\xBB\xBFgarbage.example.net -all');
    expect(e).toMatchObject({ code: 'invalid-character', position: 9, rule: 'RFC 7208 §3.1' });
    expect(e.message).toContain('non-ASCII byte 0xEF');
    expect(firstError('v=spf1 a:example.net \x96all').position).toBe(21);
  });

  it('shows the offending byte in the message as <NN>, never raw and never as a backslash escape', () => {
    // Renderers escape backslashes for the terminal, so "\xE9" would show as "\\xE9".
    const e = firstError('v=spf1 include:caf\xE9.example -all');
    expect(e.message).toContain("in 'include:caf<E9>.example'");
    expect(e.message).not.toMatch(/[\\\x80-\xff]/);
    expect(firstError('v=spf1 ip4:192.0.2.1\t-all').message).toContain("'ip4:192.0.2.1<09>-all'");
  });
});

describe('whole-record parsing', () => {
  it('reports every error in order and keeps the terms that parsed', () => {
    const r = parseSpfRecord('v=spf1 ip4:1.2.3.4 moo a:museum -all');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.position])).toEqual([
      ['unknown-mechanism', 19],
      ['bad-domain-spec', 25],
    ]);
    expect(r.partial.terms.map((t) => t.text)).toEqual(['ip4:1.2.3.4', '-all']);
  });

  it('never throws, whatever the input', () => {
    for (const text of ['', 'v=spf1 %', 'v=spf1 a:%{', 'v=spf1 \u{1F600}', 'v=spf1 ' + 'a '.repeat(1000)]) {
      expect(() => parseSpfRecord(text)).not.toThrow();
    }
  });
});

describe('warnings', () => {
  it('notices terms after all and a redirect made useless by all', () => {
    const r = ok('v=spf1 -all ip4:192.0.2.1 redirect=_spf.example.com');
    expect(r.warnings.map((w) => [w.code, w.position])).toEqual([
      ['terms-after-all', 12],
      ['redirect-with-all', 26],
    ]);
  });

  it('notices ptr and unknown modifiers', () => {
    const r = ok('v=spf1 ptr default=pass');
    expect(r.warnings.map((w) => w.code)).toEqual(['ptr-mechanism', 'unknown-modifier']);
  });

  it('has none for an ordinary record', () => {
    expect(ok('v=spf1 ip4:192.0.2.0/24 include:_spf.example.com ~all').warnings).toEqual([]);
  });
});
