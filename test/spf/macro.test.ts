// RFC 7208 §7: macro syntax and expansion, with the examples of §7.4.
import { describe, expect, it } from 'vitest';
import { parseIp } from '../../src/net/ip.js';
import { expandDomainSpec, expandMacroString, transform, urlEscape, type MacroValues } from '../../src/spf/macro-expand.js';
import { parseMacroString, type MacroStringKind } from '../../src/spf/macro-parse.js';
import type { MacroString } from '../../src/spf/types.js';

function ip(text: string) {
  const a = parseIp(text);
  if (!a) throw new Error(text);
  return a;
}

// RFC 7208 §7.4: "The <sender> is strong-bad@email.example.com. The IPv4 SMTP client IP is 192.0.2.3.
// The IPv6 SMTP client IP is 2001:db8::cb01. The PTR domain name of the client IP is mx.example.org."
const v4: MacroValues = {
  sender: 'strong-bad@email.example.com',
  localPart: 'strong-bad',
  senderDomain: 'email.example.com',
  domain: 'email.example.com',
  ip: ip('192.0.2.3'),
  helo: 'mx.example.org',
  validatedDomain: 'mx.example.org',
  receiver: 'mx.example.net',
  timestamp: 1_700_000_000,
};
const v6: MacroValues = { ...v4, ip: ip('2001:db8::cb01') };

function parsed(text: string, kind: MacroStringKind = 'domain-spec'): MacroString {
  const r = parseMacroString(text, kind);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.value;
}

function expand(text: string, values = v4, kind: MacroStringKind = 'domain-spec'): string {
  return expandMacroString(parsed(text, kind), values);
}

describe('RFC 7208 §7.4 examples', () => {
  it.each([
    ['%{s}', 'strong-bad@email.example.com'],
    ['%{o}', 'email.example.com'],
    ['%{d}', 'email.example.com'],
    ['%{d4}', 'email.example.com'],
    ['%{d3}', 'email.example.com'],
    ['%{d2}', 'example.com'],
    ['%{d1}', 'com'],
    ['%{dr}', 'com.example.email'],
    ['%{d2r}', 'example.email'],
    ['%{l}', 'strong-bad'],
    ['%{l-}', 'strong.bad'],
    ['%{lr}', 'strong-bad'],
    ['%{lr-}', 'bad.strong'],
    ['%{l1r-}', 'strong'],
  ])('%s expands to %s', (macro, expected) => {
    expect(expand(macro, v4, 'explain-string')).toBe(expected);
  });

  it.each([
    ['%{ir}.%{v}._spf.%{d2}', '3.2.0.192.in-addr._spf.example.com'],
    ['%{lr-}.lp._spf.%{d2}', 'bad.strong.lp._spf.example.com'],
    ['%{lr-}.lp.%{ir}.%{v}._spf.%{d2}', 'bad.strong.lp.3.2.0.192.in-addr._spf.example.com'],
    ['%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}', '3.2.0.192.in-addr.strong.lp._spf.example.com'],
    ['%{d2}.trusted-domains.example.net', 'example.com.trusted-domains.example.net'],
  ])('IPv4: %s expands to %s', (spec, expected) => {
    expect(expand(spec)).toBe(expected);
  });

  it('IPv6: %{ir}.%{v}._spf.%{d2} uses reversed nibbles under ip6', () => {
    expect(expand('%{ir}.%{v}._spf.%{d2}', v6)).toBe(
      '1.0.B.C.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.B.D.0.1.0.0.2.ip6._spf.example.com',
    );
  });
});

describe('letters (RFC 7208 §7.3)', () => {
  it('c is the readable address, i the dot-format one, v the reverse zone', () => {
    expect(expand('%{c}', v4, 'explain-string')).toBe('192.0.2.3');
    expect(expand('%{c}', v6, 'explain-string')).toBe('2001:db8::cb01');
    expect(expand('%{v}', v6)).toBe('ip6');
    expect(expand('%{i}', v4)).toBe('192.0.2.3');
  });

  it('h, p, r and t', () => {
    expect(expand('%{h}', v4)).toBe('mx.example.org');
    expect(expand('%{p}', v4)).toBe('mx.example.org');
    expect(expand('%{p}', { ...v4, validatedDomain: null })).toBe('unknown');
    expect(expand('%{r} %{t}', v4, 'explain-string')).toBe('mx.example.net 1700000000');
  });

  it('uppercase letters are URL-escaped outside the unreserved set (§7.3)', () => {
    const values = { ...v4, localPart: '~jack&jill=up-a_b3.c' };
    expect(expand('l=%{L}', values, 'explain-string')).toBe('l=~jack%26jill%3Dup-a_b3.c');
    expect(urlEscape("JUMPIN' JUPITER")).toBe('JUMPIN%27%20JUPITER');
    expect(urlEscape('é')).toBe('%C3%A9');
  });
});

describe('escapes (RFC 7208 §7.1)', () => {
  it('%% is a percent sign, %_ a space, %- a URL-encoded space', () => {
    expect(expand('macro%%percent%_%_space%-url-space.example.com')).toBe('macro%percent  space%20url-space.example.com');
  });
});

describe('transformers and delimiters (RFC 7208 §7.3)', () => {
  it('split on any of several delimiters and join with dots', () => {
    expect(transform('foo-bar+zip+quux', { delimiters: '+-', reverse: true, digits: 2 })).toBe('bar.foo');
    expect(transform('a,b/c_d=e', { delimiters: ',/_=', reverse: false, digits: null })).toBe('a.b.c.d.e');
  });

  it('keeps all parts when the digit exceeds their number', () => {
    expect(transform('a.b.c', { delimiters: '', reverse: false, digits: 127 })).toBe('a.b.c');
  });
});

describe('syntax errors (RFC 7208 §7.1)', () => {
  it.each([
    ['%(ir).sbl.example.com', 0, "'%' followed by '('"],
    ['foo%(ir).sbl.example.com', 3, "'%' followed by '('"],
    ['foo%.sbl.example.com', 3, "'%' followed by '.'"],
    ['foo.example.com%', 15, "'%' at the end"],
    ['%{a}.example.com', 2, "unknown macro letter 'a'"],
    ['%{d0}.example.com', 3, 'must not be zero'],
    ['%{d.example.com', 0, "no closing '}'"],
    ['%{dx}.example.com', 0, 'malformed macro'],
  ])('%s is an error at %i', (text, position, words) => {
    const r = parseMacroString(text, 'domain-spec', 0);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.position).toBe(position);
    expect(r.error.message).toContain(words);
  });

  it('c, r and t are allowed only in explanation text', () => {
    for (const letter of ['c', 'r', 't', 'C']) {
      const r = parseMacroString(`%{${letter}}.example.com`, 'domain-spec', 10);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: 'bad-macro', position: 12, rule: 'RFC 7208 §7.2' });
      expect(parseMacroString(`from %{${letter}}`, 'explain-string').ok).toBe(true);
    }
  });

  it('explanation text allows spaces, domain-specs do not', () => {
    expect(parseMacroString('See http://example.com/why?%{i}', 'explain-string').ok).toBe(true);
    expect(parseMacroString('a b.example.com', 'domain-spec').ok).toBe(false);
  });

  it('explanation text must be ASCII', () => {
    const r = parseMacroString('\xEF\xBB\xBFExplanation', 'explain-string');
    expect(r.ok).toBe(false);
  });
});

describe('domain names from expansion (RFC 7208 §7.3)', () => {
  it('drop a trailing dot', () => {
    expect(expandDomainSpec(parsed('%{d}.d.spf.example.com.'), v4)).toBe('email.example.com.d.spf.example.com');
  });

  it('truncate names over 253 characters from the left, label by label', () => {
    const long = { ...v4, senderDomain: 'somewhat.long.exp.example.com' };
    const name = expandDomainSpec(parsed(`foobar${'.%{o}'.repeat(8)}.example.com`), long);
    expect(name.length).toBeLessThanOrEqual(253);
    expect(name).toBe(`${'somewhat.long.exp.example.com.'.repeat(8)}example.com`);
  });
});
