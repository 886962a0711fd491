import { describe, expect, test } from 'vitest';
import { checkDomainName, notADomain } from '../../src/model/domain-name.js';

const SELECTOR = { what: 'selector', mailDomain: false };

describe('names as users type them', () => {
  test.each([
    ['example.com', 'example.com'],
    ['Example.COM.', 'example.com'],
    [' shop.example ', 'shop.example'],
    ['_dmarc.example.com', '_dmarc.example.com'],
    ['bücher.example', 'xn--bcher-kva.example'],
  ])('%j is read as %s', (text, name) => {
    expect(checkDomainName(text)).toEqual({ ok: true, name });
  });

  test('a selector may be one label; a mail domain may not', () => {
    expect(checkDomainName('s1-2024', SELECTOR)).toEqual({ ok: true, name: 's1-2024' });
    const r = checkDomainName('localhost');
    expect(r).toMatchObject({ ok: false, problem: 'single-label', suggestion: null });
    if (!r.ok) expect(r.reason).toBe("domain 'localhost' is not a multi-label domain name (a mail domain has a dot, as in example.com)");
  });

  test.each([
    ['', 'empty', 'domain is empty'],
    ['.', 'empty', 'domain is empty'],
    ['a..b', 'syntax', "domain 'a..b' has an empty label"],
    ['-a.example', 'syntax', "label '-a'"],
    ['a-.example', 'syntax', "label 'a-'"],
    ['a b.example', 'syntax', "label 'a b'"],
    [`${'a'.repeat(64)}.example`, 'syntax', 'label 1 longer than 63'],
    [`${'a.'.repeat(127)}example`, 'syntax', 'longer than 253'],
    ['a\u001b[2Jb.example', 'syntax', 'contains a control character'],
  ])('%j is refused (%s): %s', (text, problem, reason) => {
    const r = checkDomainName(text);
    expect(r).toMatchObject({ ok: false, problem, suggestion: null });
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('an email address, URL or address where a domain belongs: what the user meant', () => {
  test.each([
    ['user@example.com', 'an email address', 'example.com'],
    ['<news@Shop.Example>', 'an email address', 'shop.example'],
    ['mailto:dmarc@reports.example.com?subject=x', 'an email address', 'reports.example.com'],
    ['"a@b"@example.com', 'an email address', 'example.com'],
    ['https://www.example.com/path', 'a URL', 'www.example.com'],
    ['HTTP://user:secret@Example.com:8080/x?y#z', 'a URL', 'example.com'],
    ['https://bücher.example/', 'a URL', 'xn--bcher-kva.example'],
    ['www.example.com/dmarc', 'a URL', 'www.example.com'],
    ['mx.example.com:25', 'a host and port', 'mx.example.com'],
    ['https://localhost/', 'a URL', null],
    ['https://[2001:db8::1]/', 'a URL', null],
    ['user@', 'an email address', null],
    ['192.0.2.1', 'an IP address', null],
    ['2001:db8::1', 'an IP address', null],
  ])('%j is %s; meant: %s', (text, kind, suggestion) => {
    expect(notADomain(text)).toEqual({ kind, suggestion });
    const r = checkDomainName(text);
    expect(r).toMatchObject({ ok: false, problem: 'not-a-domain', suggestion });
    if (!r.ok) {
      expect(r.reason).toBe(`domain '${text}' is ${kind}, not a domain name${suggestion === null ? '' : `; did you mean ${suggestion}?`}`);
    }
  });

  test('a name is none of these, and a selector gets no domain hint', () => {
    expect(notADomain('shop.example')).toBeNull();
    expect(notADomain('a..b')).toBeNull();
    const r = checkDomainName('s1@x.example', SELECTOR);
    expect(r).toMatchObject({ ok: false, problem: 'syntax', suggestion: null });
  });
});
