// Names compared and split by label, not by character: an escaped '.' is inside its label.

import { describe, expect, test } from 'vitest';
import { isAtOrBelow, labels, nameKey, sameName } from '../../src/model/names.js';

describe('names', () => {
  test('compare without case (RFC 4343) and without the trailing dot', () => {
    expect(nameKey('Mail.Example.TEST.')).toBe('mail.example.test');
    expect(sameName('a.test', 'A.TEST.')).toBe(true);
    expect(nameKey('.')).toBe('');
  });

  test('labels keep an escaped dot inside its label', () => {
    expect(labels('A\\.b.Example.test')).toEqual(['a\\.b', 'example', 'test']);
    expect(labels('back\\\\.test')).toEqual(['back\\\\', 'test']);
    expect(labels('')).toEqual([]);
  });

  test.each([
    ['www.example.test', 'example.test', true],
    ['example.test', 'EXAMPLE.test.', true],
    ['anything', '', true],
    ['badexample.test', 'example.test', false],
    ['x\\.example.test', 'example.test', false], // the labels `x.example` and `test`
    ['x\\\\.example.test', 'example.test', true], // the labels `x\`, `example` and `test`
  ])('%s at or below %s: %s', (name, zone, expected) => {
    expect(isAtOrBelow(name, zone)).toBe(expected);
  });
});
