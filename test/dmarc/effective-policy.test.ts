// Which policy each kind of receiver applies (RFC 7489 §6.3/§6.6.4, RFC 9989 §4.7).
import { describe, expect, it } from 'vitest';
import { policyOutcome, type PolicyCase, type ReceiverKind } from '../../src/dmarc/effective-policy.js';
import { parseDmarcRecord } from '../../src/dmarc/parse-record.js';

type Row = [string, PolicyCase, ReceiverKind, string, string, string | null];

describe('tag chosen, policy applied, remainder', () => {
  it.each<Row>([
    ['v=DMARC1; p=reject', 'domain', 'rfc9989', 'p', 'reject', null],
    ['v=DMARC1; p=reject', 'subdomain', 'rfc9989', 'p', 'reject', null],
    ['v=DMARC1; p=reject', 'nonexistent', 'rfc9989', 'p', 'reject', null],
    ['v=DMARC1; p=reject; sp=none', 'subdomain', 'rfc7489', 'sp', 'none', null],
    ['v=DMARC1; p=reject; sp=none', 'nonexistent', 'rfc9989', 'sp', 'none', null],
    ['v=DMARC1; p=none; sp=quarantine; np=reject', 'nonexistent', 'rfc9989', 'np', 'reject', null],
    // RFC 7489 has no np
    ['v=DMARC1; p=none; sp=quarantine; np=reject', 'nonexistent', 'rfc7489', 'sp', 'quarantine', null],
    ['v=DMARC1; p=none; np=reject', 'nonexistent', 'rfc7489', 'p', 'none', null],
    // np never applies to the domain itself or existing subdomains
    ['v=DMARC1; p=none; np=reject', 'subdomain', 'rfc9989', 'p', 'none', null],
    // pct: RFC 7489 samples, the rest gets the next lower policy; RFC 9989 ignores it
    ['v=DMARC1; p=reject; pct=20', 'domain', 'rfc7489', 'p', 'reject', 'quarantine'],
    ['v=DMARC1; p=quarantine; pct=0', 'domain', 'rfc7489', 'p', 'quarantine', 'none'],
    ['v=DMARC1; p=none; pct=20', 'domain', 'rfc7489', 'p', 'none', null],
    ['v=DMARC1; p=reject; pct=20', 'domain', 'rfc9989', 'p', 'reject', null],
    // t=y: one level lower for RFC 9989 receivers only
    ['v=DMARC1; p=reject; t=y', 'domain', 'rfc9989', 'p', 'quarantine', null],
    ['v=DMARC1; p=quarantine; t=y', 'domain', 'rfc9989', 'p', 'none', null],
    ['v=DMARC1; p=reject; sp=reject; t=y', 'subdomain', 'rfc9989', 'sp', 'quarantine', null],
    ['v=DMARC1; p=reject; t=y', 'domain', 'rfc7489', 'p', 'reject', null],
    // p=none assumed
    ['v=DMARC1; p=bad; sp=reject; rua=mailto:d@example.com', 'subdomain', 'rfc9989', 'fallback', 'none', null],
    ['v=DMARC1; p=bad; sp=reject; rua=mailto:d@example.com', 'subdomain', 'rfc7489', 'fallback', 'none', null],
    // an invalid np sends only RFC 9989 receivers to the fallback: RFC 7489 receivers do not know np
    ['v=DMARC1; p=reject; np=bad; rua=mailto:d@example.com', 'domain', 'rfc9989', 'fallback', 'none', null],
    ['v=DMARC1; p=reject; np=bad; rua=mailto:d@example.com', 'domain', 'rfc7489', 'p', 'reject', null],
    ['v=DMARC1; p=reject; np=bad; rua=mailto:d@example.com', 'nonexistent', 'rfc7489', 'p', 'reject', null],
  ])('%s, %s, %s: %s -> %s (rest %s)', (text, which, receiver, tag, applied, remainder) => {
    const outcome = policyOutcome(parseDmarcRecord(text), 'example.com', which, receiver);
    expect(outcome?.tag).toBe(tag);
    expect(outcome?.applied).toBe(applied);
    expect(outcome?.remainder).toBe(remainder);
  });

  it('gives nothing for a record without a usable policy', () => {
    expect(policyOutcome(parseDmarcRecord('v=DMARC1; adkim=s'), 'example.com', 'domain', 'rfc9989')).toBeNull();
    expect(policyOutcome(parseDmarcRecord('v=DMARC1; adkim=s'), 'example.com', 'domain', 'rfc7489')).toBeNull();
    // an invalid np without a valid rua: no policy for RFC 9989 receivers, p for RFC 7489 ones
    expect(policyOutcome(parseDmarcRecord('v=DMARC1; p=reject; np=bad'), 'example.com', 'domain', 'rfc9989')).toBeNull();
    expect(policyOutcome(parseDmarcRecord('v=DMARC1; p=reject; np=bad'), 'example.com', 'domain', 'rfc7489')?.applied).toBe('reject');
  });

  it('describes the outcome with its source and the rule that changed it', () => {
    const o = policyOutcome(parseDmarcRecord('v=DMARC1; p=reject; pct=20'), 'example.com', 'domain', 'rfc7489');
    expect(o?.description).toBe('reject (p) from _dmarc.example.com, for 20% of failing mail; the rest gets quarantine (pct=20, RFC 7489 §6.6.4)');
  });
});
