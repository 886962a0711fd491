// The selectors zone files hold (src/dkim/zone-selectors.ts): read from owner names, never from DNS.
import { describe, expect, test } from 'vitest';
import { selectorsInNames, unionOfSelectors, zoneFileSelectors, zoneSelectorIndex } from '../../src/dkim/zone-selectors.js';
import { zonesResolver } from './zone.js';

describe('selectors in owner names', () => {
  test('every name under _domainkey.<domain>, of the domain only', () => {
    const names = ['example.com', 'k1._domainkey.example.com', 'S2024._DOMAINKEY.Example.COM.', 'mail._domainkey.sub.example.com', 'www.example.com', '_domainkey.example.com'];
    expect(selectorsInNames(names, 'example.com')).toEqual(['k1', 's2024']);
    expect(selectorsInNames(names, 'sub.example.com')).toEqual(['mail']);
    expect(selectorsInNames(names, 'other.example')).toEqual([]);
  });

  test('a deeper name makes each name above it up to _domainkey a selector (RFC 6376 §3.1 dotted selectors, empty non-terminals)', () => {
    expect(selectorsInNames(['jun2005.eng._domainkey.example.com'], 'example.com')).toEqual(['eng', 'jun2005.eng']);
    expect(selectorsInNames(['_note.legacy._domainkey.example.com'], 'example.com')).toEqual(['legacy']);
  });

  test('scoped names (a label starting with _), wildcards and escaped labels are not selectors', () => {
    const names = ['_adsp._domainkey.example.com', '*._domainkey.example.com', 'a\\.b._domainkey.example.com', 'x._domainkey._domainkey.example.com'];
    expect(selectorsInNames(names, 'example.com')).toEqual([]);
    // the inner `_domainkey` makes x a selector of the name `_domainkey.example.com`, not of example.com
    expect(selectorsInNames(names, '_domainkey.example.com')).toEqual(['x']);
  });

  test('each selector once, sorted', () => {
    expect(selectorsInNames(['b._domainkey.example.com', 'a._domainkey.example.com', 'x.b._domainkey.example.com', 'b._domainkey.example.com'], 'example.com')).toEqual(['a', 'b', 'x.b']);
  });

  test('a domain the files do not hold is null: they cannot tell', () => {
    const index = zoneSelectorIndex(['k1._domainkey.example.com'], (name) => name.endsWith('example.com'));
    expect(index('example.com')).toEqual(['k1']);
    expect(index('example.net')).toBeNull();
  });
});

describe('selectors of zone files', () => {
  test('typed records, CNAMEs and records of types not interpreted all count; names outside the zones are null', () => {
    const zone = zonesResolver({
      'example.com': ['k1._domainkey IN CNAME dkim.esp.example.', 'srv._domainkey IN CAA 0 issue "ca.example"', 'good._domainkey IN TXT "v=DKIM1; p="', 'www IN A 192.0.2.1'].join('\n'),
    });
    const selectors = zoneFileSelectors(zone);
    expect(selectors('example.com')).toEqual(['good', 'k1', 'srv']);
    expect(selectors('example.org')).toBeNull();
  });

  test('below a delegation the files do not hold the names', () => {
    const zone = zonesResolver({ 'example.com': ['$ORIGIN example.com.', '@ IN SOA ns hostmaster 1 3600 600 86400 300', 'sub IN NS ns.elsewhere.example.', 'k1._domainkey.sub IN TXT "v=DKIM1; p="'].join('\n') });
    expect(zoneFileSelectors(zone)('sub.example.com')).toBeNull();
  });

  test('the union of two versions (a diff): every selector either holds; null only when neither tells', () => {
    const both = unionOfSelectors(zoneSelectorIndex(['a._domainkey.example.com'], (n) => n.endsWith('example.com')), zoneSelectorIndex(['b._domainkey.example.com', 'a._domainkey.example.com']));
    expect(both('example.com')).toEqual(['a', 'b']);
    expect(unionOfSelectors(() => null, () => null)('example.com')).toBeNull();
  });
});
