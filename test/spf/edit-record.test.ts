// SPF record edits term by term (RFC 7208 §4.6.1: terms are separated by spaces): every fix that
// changes an SPF record goes through these, so a term is found where the parser found it and the
// rest of the record keeps its terms, order and case.
import { describe, expect, it } from 'vitest';
import { combineSpfEdits, withoutTerm, withTermFirst, withTermReplaced } from '../../src/spf/edit-record.js';

describe('withTermFirst', () => {
  it('puts the term right after the version, where it matches before any lookup (RFC 7208 §4.6.2)', () => {
    expect(withTermFirst('v=spf1 include:_spf.esp.example -all', 'ip4:192.0.2.1')).toBe('v=spf1 ip4:192.0.2.1 include:_spf.esp.example -all');
  });
  it('reads the version without case and keeps it as written', () => {
    expect(withTermFirst('V=SPF1 -all', 'a')).toBe('V=SPF1 a -all');
  });
});

describe('withTermReplaced', () => {
  it.each([
    ['+all becomes ~all where the parser found it', 'v=spf1 mx +all', 10, '~all', 'v=spf1 mx ~all'],
    ['?all in the middle of other terms, their spacing kept', 'v=spf1  ?all  ip4:192.0.2.0/24', 8, '~all', 'v=spf1  ~all  ip4:192.0.2.0/24'],
    ['no term at that position: null', 'v=spf1 mx +all', 11, '~all', null],
    ['a record that does not parse: null', 'v=spf1 mx:: +all', 13, '~all', null],
  ])('%s', (_what, record, position, replacement, expected) => {
    expect(withTermReplaced(record, position, replacement)).toBe(expected);
  });
});

describe('withoutTerm', () => {
  it('removes the term where the parser found it, and one of the spaces around it', () => {
    const record = 'v=spf1 a:old.example.com include:_spf.esp.example -all';
    expect(withoutTerm(record, 7)).toBe('v=spf1 include:_spf.esp.example -all');
    expect(withoutTerm(record, 8)).toBeNull();
  });
});

describe('combineSpfEdits: two edits of one record as one', () => {
  const current = 'v=spf1 include:_spf.esp.example ~all';
  it('keeps the additions of both', () => {
    const a = 'v=spf1 ip4:192.0.2.1 include:_spf.esp.example ~all';
    const b = 'v=spf1 include:_spf.esp.example include:_spf.other.example ~all';
    expect(combineSpfEdits(current, a, b)).toBe('v=spf1 ip4:192.0.2.1 include:_spf.esp.example include:_spf.other.example ~all');
  });
  it("applies b's removal to a", () => {
    const a = 'v=spf1 ip4:192.0.2.1 include:_spf.esp.example ~all';
    const b = 'v=spf1 ~all';
    expect(combineSpfEdits(current, a, b)).toBe('v=spf1 ip4:192.0.2.1 ~all');
  });
  it("puts b's term right after the version after what a put there", () => {
    const a = 'v=spf1 ip4:192.0.2.1 include:_spf.esp.example ~all';
    const b = 'v=spf1 ip4:198.51.100.7 include:_spf.esp.example ~all';
    expect(combineSpfEdits(current, a, b)).toBe('v=spf1 ip4:192.0.2.1 ip4:198.51.100.7 include:_spf.esp.example ~all');
  });
  it('compares terms without case: a term both add is added once', () => {
    const a = 'v=spf1 MX include:_spf.esp.example ~all';
    const b = 'v=spf1 mx include:_spf.esp.example ~all';
    expect(combineSpfEdits(current, a, b)).toBe('v=spf1 MX include:_spf.esp.example ~all');
  });
});
