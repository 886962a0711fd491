// The parts of a prediction beyond the code: filled texts, fixes as records, primary and other
// replies, and receivers that disagree (PSL against tree walk, np).
import { describe, expect, it } from 'vitest';
import { alignedWith, anyOf } from '../../src/predict/facts.js';
import { mergeReceiverReplies, predictStreams } from '../../src/predict/predict.js';
import type { AddressEvidence, Prediction, Provider, Reply, StreamEvidence } from '../../src/predict/types.js';
import { cleanStream, dkim, domain, org, reading, setDmarc, setSpf, setVolume, unalignedStream } from './evidence-builder.js';

const at = (streams: StreamEvidence[], provider: Provider): Prediction => predictStreams(streams).find((p) => p.provider === provider) as Prediction;
const find = (p: Prediction, rule: string): Reply | undefined => [p, ...p.also].find((r) => r.rule === rule);
const first = (s: StreamEvidence): AddressEvidence => s.addresses[0] as AddressEvidence;

describe('alignment (RFC 7489 §3.1, RFC 9989 §4.4)', () => {
  const shop = org('shop.example');
  it.each([
    ['same name, strict', 'shop.example', shop, 'shop.example', shop, 's', 'rfc7489', true],
    ['subdomain, strict', 'mail.shop.example', shop, 'shop.example', shop, 's', 'rfc7489', false],
    ['subdomain, relaxed', 'mail.shop.example', shop, 'shop.example', shop, 'r', 'rfc7489', true],
    ['other organization, relaxed', 'esp.example', org('esp.example'), 'shop.example', shop, 'r', 'rfc7489', false],
    ['PSL says one organization, the tree walk two', 'a.corp.example', org('corp.example', 'a.corp.example'), 'corp.example', org('corp.example'), 'r', 'rfc9989', false],
    ['the same two under the PSL', 'a.corp.example', org('corp.example', 'a.corp.example'), 'corp.example', org('corp.example'), 'r', 'rfc7489', true],
    ['an incomplete tree walk leaves it open', 'a.corp.example', org('corp.example', 'a.corp.example', false), 'corp.example', org('corp.example'), 'r', 'rfc9989', null],
    ['a public suffix aligns only with itself', 'b.github.io', org(null, 'b.github.io'), 'a.github.io', org('a.github.io'), 'r', 'rfc7489', false],
  ] as const)('%s', (_n, a, ao, b, bo, mode, receiver, expected) => {
    expect(alignedWith(a, ao, b, bo, mode, receiver)).toBe(expected);
  });

  it('"at least one of" prefers a pass, then a risk, then a temporary failure', () => {
    expect(anyOf([])).toBe('no');
    expect(anyOf(['no', 'temp'])).toBe('temp');
    expect(anyOf(['temp', 'maybe', 'no'])).toBe('maybe');
    expect(anyOf(['maybe', 'yes'])).toBe('yes');
  });
});

describe('texts with [d] and [ip] filled in', () => {
  it('Gmail 5.7.26 unauthenticated names the SPF domain and the address', () => {
    const s = cleanStream();
    setSpf(s, 'softfail', '~all');
    s.dkim = [];
    const p = at([s], 'gmail');
    expect(p.rule).toBe('gmail-unauthenticated');
    expect(p.text).toContain('SPF shop.example with ip: 192.0.2.10 = did not pass');
    expect(p.text).not.toMatch(/\[d\]|\[ip\]/);
  });

  it('Gmail 5.7.26 DMARC and Outlook.com 5.7.509 name the From domain', () => {
    const s = unalignedStream();
    expect(at([s], 'gmail').text).toBe("Unauthenticated email from shop.example is not accepted due to domain's DMARC policy. Contact the administrator of shop.example domain if this was legitimate email.");
    expect(at([s], 'outlook').text).toBe('Access denied, sending domain shop.example does not pass DMARC verification and has a DMARC policy of reject.');
  });
});

describe('fixes as DNS records', () => {
  it('SPF softfail: the address as the first term of the record', () => {
    const s = cleanStream();
    setSpf(s, 'softfail', '~all', 'v=spf1 include:_spf.esp.example ~all');
    s.dkim = [];
    const r = find(at([s], 'gmail'), 'gmail-unauthenticated') as Reply;
    expect(r.fixRecords[0]).toMatchObject({ action: 'change', name: 'shop.example', type: 'TXT', current: 'v=spf1 include:_spf.esp.example ~all', value: 'v=spf1 ip4:192.0.2.10 include:_spf.esp.example ~all' });
    expect(r.fix).toContain('; or '); // SPF or DKIM is enough
  });

  it('no SPF record: a record to add', () => {
    const s = cleanStream();
    setSpf(s, 'none');
    first(s).spf.record = null;
    first(s).spf.records = [];
    s.dkim = [];
    const r = find(at([s], 'yahoo'), 'yahoo-unauthenticated') as Reply;
    expect(r.fixRecords[0]).toMatchObject({ action: 'add', name: 'shop.example', type: 'TXT', value: 'v=spf1 ip4:192.0.2.10 ~all' });
  });

  it('no DMARC record: add one at the organizational domain', () => {
    const s = cleanStream();
    s.from = domain('news.shop.example', org('shop.example'));
    setVolume(s, 6000);
    setDmarc(s, null, null);
    const r = find(at([s], 'gmail'), 'gmail-bulk-dmarc-missing') as Reply;
    expect(r.fixRecords).toEqual([expect.objectContaining({ action: 'add', name: '_dmarc.shop.example', type: 'TXT', value: 'v=DMARC1; p=none; rua=mailto:dmarc-reports@shop.example' })]);
  });

  it('strict adkim is the only gap: relax it in the record', () => {
    const s = unalignedStream();
    s.dkim = [dkim('mail.shop.example', 's1', 'possible-pass', null, org('shop.example'))];
    setDmarc(s, 'v=DMARC1; p=reject; adkim=s', 'reject', { adkim: 's' });
    const r = find(at([s], 'gmail'), 'gmail-dmarc-policy') as Reply;
    expect(r.fixRecords[0]).toMatchObject({ action: 'change', name: '_dmarc.shop.example', current: 'v=DMARC1; p=reject; adkim=s', value: 'v=DMARC1; p=reject; adkim=r' });
  });

  it('revoked key: publish the key at the selector', () => {
    const s = cleanStream();
    setVolume(s, 6000);
    s.dkim = [dkim('shop.example', 's1', 'proven-failure', 'revoked')];
    const r = find(at([s], 'gmail'), 'gmail-bulk-dkim') as Reply;
    expect(r.fixRecords[0]).toMatchObject({ action: 'change', name: 's1._domainkey.shop.example', type: 'TXT', current: 'v=DKIM1; k=rsa; p=' });
  });

  it('no PTR: a PTR at the reverse name and the forward record', () => {
    const s = cleanStream();
    first(s).fcrdns = { result: 'none', reverseName: '10.2.0.192.in-addr.arpa', ptrNames: [], confirmedName: null, detail: 'no PTR' };
    const r = at([s], 'gmail');
    expect(r.fixRecords).toEqual([
      expect.objectContaining({ action: 'add', name: '10.2.0.192.in-addr.arpa', type: 'PTR', value: 'mail.shop.example.' }),
      expect.objectContaining({ action: 'add', name: 'mail.shop.example', type: 'A', value: '192.0.2.10' }),
    ]);
  });

  it('+all: the record with ~all instead', () => {
    const s = cleanStream();
    setSpf(s, 'pass', '+all', 'v=spf1 mx +all');
    const r = find(at([s], 'gmail'), 'gmail-spf-suspicious') as Reply;
    expect(r.fixRecords[0]).toMatchObject({ current: 'v=spf1 mx +all', value: 'v=spf1 mx ~all' });
  });
});

describe('several rules at once', () => {
  it('the most severe certain reply leads; the others follow in "also"', () => {
    const s = cleanStream();
    setSpf(s, 'permerror');
    s.dkim = [dkim('shop.example', 'k1', 'unverified-by-providers', 'ed25519')];
    first(s).fcrdns.result = 'fail';
    const p = at([s], 'gmail');
    expect(p.rule).toBe('gmail-ptr');
    expect(p.also.map((r) => r.rule)).toEqual(['gmail-unauthenticated', 'gmail-dmarc-policy']);
  });
});

describe('receivers that disagree', () => {
  it('PSL and tree walk give different organizational domains: the rejection is a risk', () => {
    // From a.corp.example signs d=corp.example; the tree walk stops at a psd=n record on a.corp.example
    const s = unalignedStream();
    s.from = domain('a.corp.example', org('corp.example', 'a.corp.example'));
    s.dkim = [dkim('corp.example', 's1', 'possible-pass', null, org('corp.example'))];
    s.dmarc.differences = ['organizational domain: corp.example by the Public Suffix List, a.corp.example by the DNS tree walk'];
    const p = at([s], 'gmail');
    expect(p).toMatchObject({ rule: 'gmail-dmarc-policy', verdict: 'rejection', enhanced: '5.7.26', certainty: 'risk' });
    expect(p.notes.join(' ')).toContain('only at RFC 9989 receivers');
    expect(p.evidence.alignment.orgDomainsAgree).toBe(false);
    expect(p.evidence.dkim[0]?.aligned).toEqual({ rfc7489: true, rfc9989: false });
  });

  it('a non-existent subdomain: np=reject binds RFC 9989 receivers, sp=none RFC 7489 ones', () => {
    const s = unalignedStream();
    s.from = { ...domain('ghost.shop.example', org('shop.example')), presence: 'nxdomain' };
    s.dmarc.rfc7489 = reading('rfc7489', 'v=DMARC1; p=reject; sp=none; np=reject', 'none', { tag: 'sp', inherited: true });
    s.dmarc.rfc9989 = reading('rfc9989', 'v=DMARC1; p=reject; sp=none; np=reject', 'reject', { tag: 'np', inherited: true });
    const p = at([s], 'gmail');
    expect(find(p, 'gmail-dmarc-policy')).toMatchObject({ verdict: 'rejection', certainty: 'risk' });
    const y = at([s], 'yahoo');
    expect(find(y, 'yahoo-nonexistent-domain')).toMatchObject({ code: '554', certainty: 'certain' });
  });

  it('an existing subdomain inherits sp from the organizational domain', () => {
    const s = unalignedStream();
    s.from = domain('news.shop.example', org('shop.example'));
    setDmarc(s, 'v=DMARC1; p=none; sp=reject', 'reject', { tag: 'sp', inherited: true });
    expect(at([s], 'gmail')).toMatchObject({ rule: 'gmail-dmarc-policy', verdict: 'rejection', certainty: 'certain' });
  });
});

describe('merging the two kinds of receiver', () => {
  const base: Reply = { rule: 'r', row: 'row', verdict: 'rejection', code: '550', enhanced: '5.7.26', text: null, certainty: 'certain', why: 'w', fix: null, fixRecords: [], notes: ['n1'] };

  it('the same reply from both stands as it is', () => {
    expect(mergeReceiverReplies({ rfc7489: base, rfc9989: { ...base } }, [])).toBe(base);
  });

  it('one kind only: a risk, saying which kind and why', () => {
    const merged = mergeReceiverReplies({ rfc9989: base }, ['organizational domain: a by the PSL, b by the tree walk']);
    expect(merged).toMatchObject({ certainty: 'risk', enhanced: '5.7.26' });
    expect(merged?.notes).toContain('only at RFC 9989 receivers (organizational domain by the DNS tree walk, np, t=y): organizational domain: a by the PSL, b by the tree walk');
  });

  it('different replies: the worse one, as a risk, naming the other', () => {
    const quarantine: Reply = { ...base, verdict: 'spam-folder-risk', code: null, enhanced: null };
    const merged = mergeReceiverReplies({ rfc7489: quarantine, rfc9989: base }, []);
    expect(merged).toMatchObject({ verdict: 'rejection', certainty: 'risk' });
    expect(merged?.notes.at(-1)).toContain('RFC 7489 receivers (organizational domain by the Public Suffix List): spam-folder-risk');
  });

  it('the same reply, certain for one kind only: a risk, notes of both', () => {
    const merged = mergeReceiverReplies({ rfc7489: base, rfc9989: { ...base, certainty: 'risk', notes: ['n2'] } }, []);
    expect(merged).toMatchObject({ certainty: 'risk', notes: ['n1', 'n2'] });
  });

  it('neither: no reply', () => {
    expect(mergeReceiverReplies({}, [])).toBeNull();
  });
});
