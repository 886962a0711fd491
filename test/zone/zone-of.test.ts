// Which loaded zone holds a name: the deepest apex at or above it, label by label (an escaped
// '.' is inside a label, RFC 1035 §5.1), or none.
import { describe, expect, test } from 'vitest';
import { ZoneIndex } from '../../src/zone/zone-index.js';

const index = new ZoneIndex([], [], ['test', 'example.test', 'sub.example.test', 'Other.Example', 'a\\.b.test']);

describe('zoneOf', () => {
  test.each([
    ['example.test', 'example.test'],
    ['www.example.test', 'example.test'],
    ['sub.example.test', 'sub.example.test'],
    ['deep.er.sub.example.test', 'sub.example.test'],
    ['notexample.test', 'test'],
    ['WWW.OTHER.EXAMPLE.', 'other.example'],
    ['example', null],
    ['', null],
    ['x.a\\.b.test', 'a\\.b.test'],
    ['a\\.example.test', 'test'],
    ['b.test', 'test'],
  ])('%j is in %j', (name, zone) => {
    expect(index.zoneOf(name)).toBe(zone);
  });

  test('with the root loaded, every name has a zone', () => {
    const withRoot = new ZoneIndex([], [], ['', 'example.test']);
    expect(withRoot.zoneOf('elsewhere.org')).toBe('');
    expect(withRoot.zoneOf('mail.example.test')).toBe('example.test');
  });
});
