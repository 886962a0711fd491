// The BIMI Assertion Record (BIMI §4.3): v=BIMI1 first and exact, l= and a= one https URI each,
// lps and avp; declining with empty l= and a= (§4.3.1); every problem with its offset.
import { describe, expect, it } from 'vitest';
import { isBimiRecordText, parseBimiRecord } from '../../src/bimi/record.js';

const codes = (text: string): string[] => parseBimiRecord(text).problems.map((p) => p.code);

describe('which TXT texts are BIMI records (§7.2 steps 4 and 7)', () => {
  it.each([
    ['v=BIMI1; l=https://a.example/l.svg', true],
    ['v = BIMI1 ;l=', true],
    ['v=bimi1; l=https://a.example/l.svg', false],
    ['l=https://a.example/l.svg; v=BIMI1', false],
    ['v=spf1 -all', false],
  ])('%s: %s', (text, is) => {
    expect(isBimiRecordText(text)).toBe(is);
  });
});

describe('a valid record', () => {
  it('reads l=, a=, lps and avp', () => {
    const r = parseBimiRecord('v=BIMI1; l=https://brand.example/logo.svg; a=https://brand.example/vmc.pem; lps=true; avp=personal');
    expect(r).toMatchObject({ location: 'https://brand.example/logo.svg', evidence: 'https://brand.example/vmc.pem', declined: false, localPartSelectors: true, avatarPreference: 'personal', problems: [] });
  });
  it('declines with empty l= and a= (§4.3.1), and with l= alone', () => {
    expect(parseBimiRecord('v=BIMI1; l=; a=;')).toMatchObject({ declined: true, location: null, problems: [] });
    expect(parseBimiRecord('v=BIMI1; l=')).toMatchObject({ declined: true, problems: [] });
  });
  it('ignores tags it does not know (§4.3)', () => {
    expect(codes('v=BIMI1; l=https://brand.example/logo.svg; x=1')).toEqual([]);
  });
});

describe('what receivers refuse', () => {
  it.each([
    ['l= missing', 'v=BIMI1; a=https://brand.example/vmc.pem', 'location-missing'],
    ['an http: location', 'v=BIMI1; l=http://brand.example/logo.svg', 'location-not-https'],
    ['a location that is not a URI', 'v=BIMI1; l=logo.svg', 'location-not-https'],
    ['several locations', 'v=BIMI1; l=https://a.example/1.svg,https://a.example/2.svg', 'location-several'],
    ['a PNG', 'v=BIMI1; l=https://brand.example/logo.png', 'location-format'],
    ['an http: evidence location', 'v=BIMI1; l=https://brand.example/logo.svg; a=http://brand.example/vmc.pem', 'evidence-not-https'],
    ['lps=yes', 'v=BIMI1; l=https://brand.example/logo.svg; lps=yes', 'bad-lps'],
    ['avp=logo', 'v=BIMI1; l=https://brand.example/logo.svg; avp=logo', 'bad-avp'],
    ['a repeated tag (RFC 6376 §3.2)', 'v=BIMI1; l=https://brand.example/logo.svg; l=', 'tag-list'],
  ])('%s', (_what, text, code) => {
    expect(codes(text)).toEqual([code]);
  });
  it('the problem points at the value', () => {
    const text = 'v=BIMI1; l=http://brand.example/logo.svg';
    expect(parseBimiRecord(text).problems[0]?.position).toBe(text.indexOf('http:'));
  });
});
