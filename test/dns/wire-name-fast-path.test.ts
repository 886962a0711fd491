// parseName reads plain names on a fast path; whatever the input, it must give exactly what the
// full parser gives (the same labels and canonical name, or the same refusal).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseEscapedName, parseName } from '../../src/dns/wire-name.js';

const labelChar = fc.constantFrom(...'abcXYZ019-_*.\\'.split(''), '\u00e9', '\u0101', ' ');
const label = fc.array(labelChar, { minLength: 0, maxLength: 70 }).map((cs) => cs.join(''));
const name = fc.array(label, { minLength: 0, maxLength: 6 }).map((ls) => ls.join('.'));
const longName = fc.array(fc.constantFrom('a'.repeat(63), 'b'.repeat(62), 'c'), { minLength: 3, maxLength: 5 }).map((ls) => ls.join('.'));

describe('parseName fast path agrees with the full parser', () => {
  test.each([
    'example.test',
    'Example.TEST.',
    '_dmarc.example.test',
    '*._domainkey.example.test',
    'a..b',
    '.a',
    '.',
    '',
    'a\\.b.test',
    `${'a'.repeat(63)}.test`,
    `${'a'.repeat(64)}.test`,
    'caf\u00e9.test',
    'caf\u0101.test',
  ])('%j', (text) => {
    expect(parseName(text)).toEqual(parseEscapedName(text));
  });

  test('for any name, with or without a trailing dot (property)', () => {
    fc.assert(
      fc.property(fc.oneof(name, longName), fc.boolean(), (text, dot) => {
        const input = dot ? `${text}.` : text;
        expect(parseName(input)).toEqual(parseEscapedName(input));
      }),
      { numRuns: 3000 },
    );
  });

  test('names near the 255-byte limit: 253 characters fit, 254 do not', () => {
    const fits = [`${'a'.repeat(63)}`, 'b'.repeat(63), 'c'.repeat(63), 'd'.repeat(61)].join('.');
    expect(fits.length).toBe(253);
    expect(parseName(fits).ok).toBe(true);
    expect(parseName(`${fits}d`).ok).toBe(false);
    expect(parseName(`${fits}d`)).toEqual(parseEscapedName(`${fits}d`));
  });
});
