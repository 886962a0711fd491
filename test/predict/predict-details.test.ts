// The parts of a prediction beyond the code: filled texts, fixes as records, primary and other
// replies, and receivers that disagree (PSL against tree walk, np).
import { describe, expect, it } from 'vitest';
import { alignedWith, anyOf } from '../../src/predict/facts.js';
import { formatFix } from '../../src/predict/fixes.js';
import { describeRecordEdit } from '../../src/predict/record-edit.js';
import { renderPredictText } from '../../src/predict/render-text.js';
import { mergeReceiverReplies, predictStreams } from '../../src/predict/predict.js';
import type { AddressEvidence, FcrdnsEvidence, Prediction, Provider, Reply, StreamEvidence } from '../../src/predict/types.js';
import { cleanStream, dkim, domain, org, reading, setDmarc, setSpf, setVolume, unalignedStream } from './evidence-builder.js';

const at = (streams: StreamEvidence[], provider: Provider): Prediction => predictStreams(streams).find((p) => p.provider === provider) as Prediction;
const find = (p: Prediction, rule: string): Reply | undefined => [p, ...p.also].find((r) => r.rule === rule);
const first = (s: StreamEvidence): AddressEvidence & { fcrdns: FcrdnsEvidence } => s.addresses[0] as AddressEvidence & { fcrdns: FcrdnsEvidence };

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

describe('fixes read as the change they make', () => {
  const long = 'v=spf1 ip4:203.0.113.77 include:_spf.mailgiant.example include:_spf.crmsuite.example include:spf.protection.cloudrelay.example include:sendwave.example -all';

  it('a long SPF record is not printed twice: only the term added', () => {
    const line = formatFix({ action: 'change', name: 'megacorp.example', type: 'TXT', current: long, value: long.replace('v=spf1', 'v=spf1 ip4:203.0.113.200'), description: 'why' });
    expect(line).toBe("in TXT at megacorp.example: add 'ip4:203.0.113.200' after 'v=spf1' (why)");
  });

  it.each([
    ['a tag replaced', 'v=DMARC1; p=reject; adkim=s', 'v=DMARC1; p=reject; adkim=r', "replace 'adkim=s' with 'adkim=r'"],
    ['a tag removed', 'v=DKIM1; h=sha1; k=rsa; p=MIIB', 'v=DKIM1; k=rsa; p=MIIB', "remove 'h=sha1'"],
    ['a tag added at the start', 'p=MIIB', 'v=DKIM1; p=MIIB', "add 'v=DKIM1' at the start"],
    ['+all turned into ~all', 'v=spf1 mx +all', 'v=spf1 mx ~all', "replace '+all' with '~all'"],
    ['too many edits to read as edits', 'v=spf1 a b c d -all', 'v=spf1 e f g h ~all', null],
    ['an SPF record against a tag list', 'v=spf1 -all', 'v=DMARC1; p=none', null],
  ] as const)('%s', (_n, current, value, edit) => {
    expect(describeRecordEdit(current, value)).toBe(edit);
  });

  it('the same change asked for twice in one reply is listed once', () => {
    const s = cleanStream();
    setVolume(s, 6000);
    // the aligned key is missing: DKIM does not pass and DMARC (by DKIM) neither; both ask for the key
    s.dkim = [dkim('shop.example', 's1', 'proven-failure', 'no-key')];
    setSpf(s, 'softfail', '~all');
    const r = find(at([s], 'outlook'), 'outlook-high-volume') as Reply;
    const keys = r.fixRecords.map((f) => `${f.action} ${f.name ?? ''}`);
    expect(keys).toEqual([...new Set(keys)]);
    expect(keys.filter((k) => k === 'add s1._domainkey.shop.example')).toHaveLength(1);
  });

  it('alternatives: every change of a group is needed, any group is enough; the text marks them "or"', () => {
    const s = cleanStream();
    setSpf(s, 'softfail', '~all', 'v=spf1 include:_spf.esp.example ~all');
    s.dkim = [dkim('shop.example', 's1', 'proven-failure', 'revoked')];
    const p = at([s], 'gmail');
    expect(p.rule).toBe('gmail-unauthenticated');
    expect(p.fixGroups.map((g) => g.map((f) => f.name))).toEqual([['shop.example'], ['s1._domainkey.shop.example']]);
    expect(p.fix).toMatch(/^in TXT at shop\.example: add 'ip4:192\.0\.2\.10' after 'v=spf1' .*; or in TXT at s1\._domainkey\.shop\.example: replace 'p=' with/);
    const text = renderPredictText([s], predictStreams([s]), [], false);
    expect(text).toMatch(/\n {18}fix  in TXT at shop\.example: add 'ip4:192\.0\.2\.10'.*\n {18} or  in TXT at s1\._domainkey\.shop\.example/);
  });

  it('"also" replies line up with the primary one', () => {
    const s = unalignedStream();
    setVolume(s, 12000);
    const lines = renderPredictText([s], predictStreams([s]), [], false).split('\n');
    const detail = (prefix: string): number[] => lines.filter((l) => l.trimStart().startsWith(prefix)).map((l) => l.length - l.trimStart().length);
    expect(new Set(detail('why'))).toEqual(new Set([18]));
  });

  it('SPF aligned but failing: the fix is the SPF record, not another MAIL FROM domain', () => {
    const s = cleanStream();
    setSpf(s, 'softfail', '~all', 'v=spf1 include:_spf.esp.example ~all');
    s.dkim = [dkim('esp.example', 'x')];
    const r = find(at([s], 'gmail'), 'gmail-dmarc-policy') as Reply;
    expect(r.fixGroups.flat().map((f) => f.name)).toContain('shop.example');
    expect(r.fixGroups.flat().map((f) => f.name)).not.toContain('bounce.shop.example');
  });

  it('a DMARC record without a valid p=: the fix puts p=none in it', () => {
    const s = cleanStream();
    setVolume(s, 6000);
    setDmarc(s, 'v=DMARC1; p=bogus; rua=mailto:d@shop.example', 'none', { tag: 'fallback' });
    const r = find(at([s], 'gmail'), 'gmail-bulk-dmarc-missing') as Reply;
    expect(r.fixRecords).toEqual([expect.objectContaining({ action: 'change', name: '_dmarc.shop.example', value: 'v=DMARC1; p=none; rua=mailto:d@shop.example' })]);
    expect(r.why).toContain('has no valid p=');
  });

  it('no PTR on one of several addresses sent with an ESP relay\'s HELO: a PTR under the From domain, not an A in the ESP\'s zone', () => {
    const s = cleanStream();
    s.helo = 'mail-200.outbound.relay.example';
    const second = { ...(s.addresses[0] as AddressEvidence), address: '192.0.2.77' };
    second.fcrdns = { result: 'none', reverseName: '77.2.0.192.in-addr.arpa', ptrNames: [], confirmedName: null, detail: 'no PTR' };
    s.addresses = [first(s), second];
    const r = predictStreams([s]).find((p) => p.provider === 'gmail' && p.address === '192.0.2.77') as Prediction;
    expect(r.fixRecords).toEqual([
      expect.objectContaining({ action: 'add', name: '77.2.0.192.in-addr.arpa', type: 'PTR', value: 'mail.shop.example.' }),
      expect.objectContaining({ action: 'add', name: 'mail.shop.example', type: 'A', value: '192.0.2.77' }),
    ]);
  });

  it('no PTR, HELO name in the sender\'s own domain: that name', () => {
    const s = cleanStream();
    s.helo = 'out1.shop.example';
    s.addresses = [first(s), { ...(s.addresses[0] as AddressEvidence), address: '192.0.2.78' }];
    first(s).fcrdns = { result: 'none', reverseName: '10.2.0.192.in-addr.arpa', ptrNames: [], confirmedName: null, detail: 'no PTR' };
    expect(at([s], 'gmail').fixRecords[0]).toMatchObject({ type: 'PTR', value: 'out1.shop.example.' });
  });
});

describe('open points are risks', () => {
  it('5.7.32: the reply code that goes with it is unverified', () => {
    const s = unalignedStream();
    setVolume(s, 12000);
    const r = find(at([s], 'gmail'), 'gmail-bulk-alignment') as Reply;
    expect(r).toMatchObject({ enhanced: '5.7.32', certainty: 'risk' });
    expect(r.notes.join(' ')).toContain('pairs reply 421 with status 5.7.32');
  });

  it('5.7.40: the temporary code differs between the errors page (4.7.40) and the FAQ (4.7.31)', () => {
    const s = cleanStream();
    setVolume(s, 6000);
    setDmarc(s, null, null);
    expect((find(at([s], 'gmail'), 'gmail-bulk-dmarc-missing') as Reply).notes.join(' ')).toMatch(/4\.7\.40 .*4\.7\.31/);
  });

  it.each([
    ['pct=50', { pct: 50 }, 'whether Gmail honours pct is not documented'],
    ['t=y', { testing: true }, 'whether Gmail honours t=y is not documented'],
  ] as const)('%s on the policy that rejects', (_n, options, note) => {
    const s = unalignedStream();
    setDmarc(s, 'v=DMARC1; p=reject', 'reject', options);
    const r = at([s], 'gmail');
    expect(r).toMatchObject({ rule: 'gmail-dmarc-policy', certainty: 'risk' });
    expect(r.notes.join(' ')).toContain(note);
  });

  it('Outlook.com on quarantine: a rejection without a published code or text', () => {
    const s = unalignedStream();
    setDmarc(s, 'v=DMARC1; p=quarantine', 'quarantine');
    expect(at([s], 'outlook')).toMatchObject({ rule: 'outlook-dmarc-reject', verdict: 'rejection', code: null, enhanced: null, text: null, certainty: 'risk' });
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
  const base: Reply = { rule: 'r', row: 'row', verdict: 'rejection', code: '550', enhanced: '5.7.26', text: null, certainty: 'certain', why: 'w', fix: null, fixRecords: [], fixGroups: [], notes: ['n1'] };

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

describe('a stream that gives no sending address', () => {
  /** The clean stream's first address as a sample of 192.0.2.0/24, listed by esp.example. */
  function sampled(s: StreamEvidence): StreamEvidence {
    first(s).sample = { address: '192.0.2.10', family: 4, block: '192.0.2.0/24', domain: 'esp.example', term: 'ip4:192.0.2.0/24', path: ['shop.example', 'esp.example'] };
    return s;
  }

  /** The clean stream predicted without an address: SPF `result` for any address (null: unknown). */
  function addressless(result: AddressEvidence['spf']['result']): StreamEvidence {
    const s = cleanStream();
    const a = s.addresses[0] as AddressEvidence;
    s.addresses = [{ ...a, address: null, family: null, sample: null, fcrdns: null, spf: { ...a.spf, result, deciding: null } }];
    return s;
  }

  it('a sample without PTR: the rejection is a risk about the provider\'s pool, and the fix is not a PTR in the sender\'s zones', () => {
    const given = cleanStream();
    first(given).fcrdns.result = 'none';
    expect(find(at([given], 'gmail'), 'gmail-ptr')).toMatchObject({ certainty: 'certain', fixRecords: [expect.objectContaining({ action: 'add', type: 'PTR' }), expect.objectContaining({ action: 'add', type: 'A' })] });
    const s = sampled(cleanStream());
    first(s).fcrdns.result = 'none';
    const ptr = find(at([s], 'gmail'), 'gmail-ptr') as Reply;
    expect(ptr).toMatchObject({ verdict: 'rejection', enhanced: '5.7.25', certainty: 'risk' });
    expect(ptr.fixRecords).toEqual([expect.objectContaining({ action: 'configure', name: null })]);
    expect(ptr.notes).toContainEqual(expect.stringContaining("192.0.2.10 is a sample of 192.0.2.0/24 ('ip4:192.0.2.0/24' in esp.example): its reverse DNS is set by whoever holds that block"));
  });

  it('a sample with FCrDNS is no different from a given address', () => {
    const s = sampled(cleanStream());
    expect(at([s], 'gmail')).toMatchObject({ verdict: 'accepted', certainty: 'certain', address: '192.0.2.10', evidence: { sample: { block: '192.0.2.0/24' } } });
  });

  it('no address: the rules that need one are named, not evaluated, and an acceptance is a risk', () => {
    const gmail = at([addressless('pass')], 'gmail');
    expect(gmail).toMatchObject({ address: null, verdict: 'accepted', certainty: 'risk', evidence: { family: null, fcrdns: null } });
    expect(gmail.notes).toEqual(expect.arrayContaining([expect.stringMatching(/^not evaluated without a sending address: Gmail 550 5\.7\.25/), expect.stringMatching(/^not evaluated without a sending address: Gmail 550 5\.7\.1:/)]));
    const outlook = at([addressless('pass')], 'outlook');
    expect(outlook.notes.filter((n) => n.startsWith('not evaluated without a sending address'))).toHaveLength(2);
    // Yahoo has no rule that reads the address alone; its bulk rule counts FCrDNS as unknown
    const yahoo = at([addressless('pass')], 'yahoo');
    expect(yahoo).toMatchObject({ verdict: 'accepted', certainty: 'certain' });
    const bulk = addressless('pass');
    setVolume(bulk, 6000);
    expect(at([bulk], 'yahoo')).toMatchObject({ rule: 'yahoo-bulk-requirements', certainty: 'risk', why: expect.stringContaining('forward-confirmed reverse DNS of the sending addresses: not checked (no address given)') });
  });

  it('no address, SPF fail for any address: certain, and Gmail\'s [ip] is left open', () => {
    const s = addressless('fail');
    s.dkim = [];
    const gmail = at([s], 'gmail');
    expect(gmail).toMatchObject({ rule: 'gmail-unauthenticated', enhanced: '5.7.26', certainty: 'certain' });
    expect(gmail.text).toContain('with ip: [ip] = did not pass');
    expect(gmail.why).toContain('SPF fail for shop.example with any sending address');
    expect(gmail.notes).toContain('sent over IPv6, the reply is 550 5.7.1 (IPv6 sending guidelines) instead');
    expect(formatFix(gmail.fixGroups[0]?.[0] as Parameters<typeof formatFix>[0])).toContain("add 'ip4:<sending-address>'");
  });

  it('no address, SPF unknown (it depends on the address): a possible pass, so rejections are risks and SPF has no fix', () => {
    const s = addressless(null);
    s.dkim = [];
    const gmail = at([s], 'gmail');
    expect(gmail).toMatchObject({ rule: 'gmail-unauthenticated', certainty: 'risk', why: expect.stringContaining('SPF for shop.example depends on the sending address, and none is given') });
    expect(gmail.fixGroups).toHaveLength(1); // DKIM only
    const bulk = addressless(null);
    setVolume(bulk, 6000);
    expect(find(at([bulk], 'gmail'), 'gmail-bulk-spf')).toMatchObject({ verdict: 'rejection', certainty: 'risk' });
  });

  it('the text names the samples and the missing address', () => {
    const s = sampled(cleanStream());
    s.samples = { domain: 'shop.example', addresses: [], blocks: 1, blocksPastLimit: 0, none: null, note: 'these are samples' };
    const text = renderPredictText([s], predictStreams([s]), [], false);
    expect(text).toContain('  Addresses: these are samples\n');
    expect(text).toContain("  192.0.2.10 (IPv4, sample of 192.0.2.0/24: 'ip4:192.0.2.0/24' in esp.example)\n");
    const none = addressless(null);
    const noneText = renderPredictText([none], predictStreams([none]), [], false);
    expect(noneText).toContain('\n  no sending address\n    SPF unknown for shop.example (it depends on the address), 0 lookups');
    expect(noneText).toContain('    FCrDNS not checked: no address\n');
  });
});
