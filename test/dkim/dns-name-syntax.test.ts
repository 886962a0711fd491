import { describe, expect, test } from 'vitest';
import { checkDnsName } from '../../src/dkim/dns-name-syntax.js';

describe('names typed on the command line', () => {
  test.each([
    ['example.com', 'example.com'],
    ['Example.COM.', 'example.com'],
    ['_dmarc.example.com', '_dmarc.example.com'],
    ['s1-2024', 's1-2024'],
    ['bücher.example', 'xn--bcher-kva.example'],
  ])('%s is read as %s', (text, name) => {
    expect(checkDnsName(text, 'domain')).toEqual({ ok: true, name });
  });

  test.each([
    ['', 'is empty'],
    ['.', 'is empty'],
    ['a..b', 'an empty label'],
    ['-a.example', "label '-a'"],
    ['a-.example', "label 'a-'"],
    ['a b.example', "label 'a b'"],
    ['a/b', "label 'a/b'"],
    [`${'a'.repeat(64)}.example`, 'label 1 longer than 63'],
    [`${'a.'.repeat(127)}example`, 'longer than 253'],
  ])('%j is refused: %s', (text, reason) => {
    const r = checkDnsName(text, 'domain');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });
});

describe('what the user typed is quoted escaped, never raw (it reaches a terminal)', () => {
  test.each([
    ['a\u001b[2Jb.example', "domain 'a\\x1b[2Jb.example' contains a control character"],
    ['a\u0007.example', "domain 'a\\x07.example' contains a control character"],
    ['a\u009b31m.example', "domain 'a\\x9b31m.example' contains a control character"],
    ['bad\\name.example', "label 'bad\\\\name'"],
  ])('%j', (text, reason) => {
    const r = checkDnsName(text, 'domain');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason).toContain(reason);
      // eslint-disable-next-line no-control-regex
      expect(r.reason).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });
});
