// The evidence document at a=: a mark certificate chain checked as a verifying receiver would, against
// the published indicator, the domain and the roots given. Certificates are made in the test.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkMarkCertificate, type MarkCertificateInput } from '../../src/bimi/mark-certificate.js';
import { makeCa, makeMarkCertificate, pem, type MarkOptions } from '../helpers/mark-certificates.js';

const now = new Date('2026-12-06T12:00:00Z');
const svg = readFileSync(new URL('../../fixtures/bimi/northwind-logo.svg', import.meta.url));
const root = makeCa('Test Mark Verifying Authority Root', undefined, now);
const intermediate = makeCa('Test Mark Issuing CA', root, now);
const otherRoot = makeCa('Somebody Else', undefined, now);

function check(options: Partial<MarkOptions> = {}, input: Partial<MarkCertificateInput> = {}) {
  const leaf = makeMarkCertificate(intermediate, { domains: ['northwind.example'], svg, ...options }, now);
  return checkMarkCertificate({ pem: Buffer.from(pem(leaf, intermediate.certificate)), domains: ['northwind.example'], svg, roots: pem(root.certificate), now, ...input });
}
const codes = (r: { problems: { code: string }[] }): string[] => r.problems.map((p) => p.code);

describe('a good mark certificate', () => {
  it('a VMC for the domain whose embedded logo is the published one, chained to the given root', () => {
    const r = check();
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ valid: true, kind: 'VMC', markType: 'Registered Mark', domains: ['northwind.example'], logoMatches: true, chainChecked: true });
    expect(r.notAfter).toBe('2027-12-06T12:00:00.000Z');
  });
  it.each([
    ['Prior Use Mark', 'CMC'],
    ['Modified Registered Mark', 'CMC'],
    ['Government Mark', 'VMC'],
  ])('markType %s is a %s', (markType, kind) => {
    expect(check({ markType }).kind).toBe(kind);
  });
  it('without --bimi-roots the chain is not checked, and says so', () => {
    const r = check({}, { roots: null });
    expect(r).toMatchObject({ valid: true, chainChecked: false });
  });
});

describe('what receivers refuse', () => {
  it.each<[string, Partial<MarkOptions>, Partial<MarkCertificateInput>, string]>([
    ['an expired certificate', { notBefore: new Date('2025-01-01Z'), notAfter: new Date('2026-01-01Z') }, {}, 'expired'],
    ['a certificate not yet valid', { notBefore: new Date('2027-01-01Z'), notAfter: new Date('2028-01-01Z') }, {}, 'not-yet-valid'],
    ['no BIMI extended key usage', { eku: ['1.3.6.1.5.5.7.3.1'] }, {}, 'no-bimi-eku'],
    ['no mark certificate policy', { policy: null }, {}, 'no-mark-policy'],
    ['another domain', { domains: ['southwind.example'] }, {}, 'domain-not-in-san'],
    ['no markType', { markType: null }, {}, 'no-mark-type'],
    ['no logotype extension', { svg: null }, {}, 'no-logotype'],
    ['a logotype hash that does not match', { badHash: true }, {}, 'logotype-hash'],
    ['a different logo embedded', { svg: Buffer.from(svg.toString().replace('#0b3d91', '#ff0000')) }, {}, 'logo-differs'],
    ['a chain to a root not given', {}, { roots: pem(otherRoot.certificate) }, 'chain-incomplete'],
  ])('%s', (_what, options, input, code) => {
    const r = check(options, input);
    expect(codes(r)).toEqual([code]);
    expect(r.valid).toBe(false);
  });
  it('a SHA-1 signature, though the chain verifies', () => {
    const rsaCa = makeCa('Old SHA-1 CA', root, now, true);
    const leaf = makeMarkCertificate(rsaCa, { domains: ['northwind.example'], svg }, now);
    const r = checkMarkCertificate({ pem: Buffer.from(pem(leaf, rsaCa.certificate)), domains: ['northwind.example'], svg, roots: pem(root.certificate), now });
    expect(codes(r)).toEqual(['sha1-signature']);
  });
  it('logoMatches is null when the indicator could not be fetched', () => {
    expect(check({}, { svg: null }).logoMatches).toBeNull();
  });
});

describe('bad evidence documents', () => {
  it('not PEM', () => {
    const r = checkMarkCertificate({ pem: Buffer.from('<html>not found</html>'), domains: ['northwind.example'], svg, roots: null, now });
    expect(codes(r)).toEqual(['not-pem']);
  });
  it('a PEM block of garbage', () => {
    const r = checkMarkCertificate({ pem: Buffer.from('-----BEGIN CERTIFICATE-----\nAAAAbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n'), domains: ['northwind.example'], svg, roots: null, now });
    expect(codes(r)).toEqual(['bad-certificate']);
  });
});
