// Scenarios: fixture zones plus sending profiles (fixtures/predict), through the real modules
// (check_host, DKIM keys, DMARC discovery, FCrDNS, MX), with the replies expected for each.
import { beforeAll, describe, expect, it } from 'vitest';
import { collectEvidence } from '../../src/predict/collect-evidence.js';
import { predictStreams } from '../../src/predict/predict.js';
import type { Prediction, Provider, Reply, StreamEvidence } from '../../src/predict/types.js';
import { readProfileFile } from '../../src/profile/read-profile-file.js';
import { FAILURE_PROFILES, SCENARIO_PROFILES, scenarioResolver } from './scenario-zones.js';

interface Expect {
  rule: string;
  verdict: Reply['verdict'];
  code: string | null;
  enhanced: string | null;
  certainty: Reply['certainty'];
}

const accepted: Expect = { rule: 'accepted', verdict: 'accepted', code: '250', enhanced: '2.0.0', certainty: 'certain' };
/** No rule fires, but a temporary DNS failure leaves the outcome open. */
const acceptedForNow: Expect = { ...accepted, certainty: 'risk' };
const E = (rule: string, verdict: Reply['verdict'], code: string | null, enhanced: string | null, certainty: Reply['certainty'] = 'certain'): Expect => ({ rule, verdict, code, enhanced, certainty });

/** stream → provider → the primary reply. */
const EXPECTED: Record<string, Record<Provider, Expect>> = {
  good: { gmail: accepted, outlook: accepted, yahoo: accepted },
  // good, good-ipv6 and nonexistent-mail-from share good.example: 6,200 a day together, so all three are bulk
  'good-ipv6': {
    gmail: E('gmail-ipv6', 'rejection', '550', '5.7.1'),
    outlook: E('outlook-ipv6-rdns', 'rejection', '550', '5.7.25'),
    yahoo: E('yahoo-bulk-requirements', 'rejection', null, null, 'risk'),
  },
  'subdomain-sp': {
    gmail: E('gmail-dmarc-policy', 'rejection', '550', '5.7.26'),
    outlook: E('outlook-dmarc-reject', 'rejection', '550', '5.7.509'),
    yahoo: E('yahoo-dmarc-policy', 'rejection', '554', '5.7.9'),
  },
  'nonexistent-np': {
    gmail: E('gmail-dmarc-policy', 'rejection', '550', '5.7.26', 'risk'),
    outlook: E('outlook-dmarc-reject', 'rejection', '550', '5.7.509', 'risk'),
    yahoo: E('yahoo-nonexistent-domain', 'rejection', '554', null),
  },
  strict: {
    gmail: E('gmail-dmarc-policy', 'rejection', '550', '5.7.26'),
    outlook: E('outlook-dmarc-reject', 'rejection', '550', '5.7.509'),
    yahoo: E('yahoo-dmarc-policy', 'rejection', '554', '5.7.9'),
  },
  relaxed: { gmail: accepted, outlook: accepted, yahoo: accepted },
  'psl-vs-treewalk': {
    gmail: E('gmail-dmarc-policy', 'rejection', '550', '5.7.26', 'risk'),
    outlook: E('outlook-dmarc-reject', 'rejection', '550', '5.7.509', 'risk'),
    yahoo: E('yahoo-dmarc-policy', 'rejection', '554', '5.7.9', 'risk'),
  },
  'null-sender': { gmail: accepted, outlook: accepted, yahoo: accepted },
  'null-sender-fail': {
    gmail: E('gmail-unauthenticated', 'rejection', '550', '5.7.26'),
    outlook: E('outlook-dmarc-reject', 'rejection', '550', '5.7.509'),
    yahoo: E('yahoo-unauthenticated', 'rejection', '550', '5.7.9'),
  },
  'key-rsa2048': { gmail: accepted, outlook: accepted, yahoo: accepted },
  'key-rsa1024': { gmail: accepted, outlook: accepted, yahoo: accepted },
  'key-ed25519': { gmail: E('gmail-unauthenticated', 'rejection', '550', '5.7.26'), outlook: accepted, yahoo: E('yahoo-unauthenticated', 'rejection', '550', '5.7.9') },
  'key-dual': { gmail: accepted, outlook: accepted, yahoo: accepted },
  'key-revoked': { gmail: E('gmail-unauthenticated', 'rejection', '550', '5.7.26'), outlook: accepted, yahoo: E('yahoo-unauthenticated', 'rejection', '550', '5.7.9') },
  'key-testing': { gmail: E('gmail-unauthenticated', 'rejection', '550', '5.7.26', 'risk'), outlook: accepted, yahoo: E('yahoo-unauthenticated', 'rejection', '550', '5.7.9', 'risk') },
  lookups: {
    gmail: E('gmail-bulk-spf', 'rejection', '550', '5.7.27'),
    outlook: E('outlook-high-volume', 'rejection', '550', '5.7.515'),
    yahoo: E('yahoo-bulk-requirements', 'rejection', null, null, 'risk'),
  },
  'null-mx': { gmail: accepted, outlook: accepted, yahoo: E('yahoo-null-mx', 'rejection', '550', null) },
  'nonexistent-mail-from': {
    gmail: E('gmail-bulk-spf', 'rejection', '550', '5.7.27'),
    outlook: E('outlook-high-volume', 'rejection', '550', '5.7.515'),
    yahoo: E('yahoo-nonexistent-domain', 'rejection', '554', null),
  },
  flaky: {
    gmail: E('gmail-dmarc-temporary', 'temporary-failure', '451', '4.7.26'),
    outlook: acceptedForNow,
    yahoo: E('yahoo-unauthenticated', 'rejection', '550', '5.7.9', 'risk'),
  },
  // SPF and DKIM pass for shaky.example itself: DMARC passes whatever the record that failed to load says
  shaky: { gmail: accepted, outlook: accepted, yahoo: accepted },
  // only a relaxed-aligned SPF pass: the unread record's aspf decides
  'shaky-relaxed': { gmail: E('gmail-dmarc-temporary', 'temporary-failure', '451', '4.7.26', 'risk'), outlook: acceptedForNow, yahoo: acceptedForNow },
};

let streams: StreamEvidence[] = [];
let predictions: Prediction[] = [];

beforeAll(async () => {
  const profiles = [...(await readProfileFile(SCENARIO_PROFILES)), ...(await readProfileFile(FAILURE_PROFILES))];
  streams = await collectEvidence(profiles, await scenarioResolver());
  predictions = predictStreams(streams);
});

const streamOf = (name: string): StreamEvidence => streams.find((s) => s.stream === name) as StreamEvidence;
const predictionOf = (stream: string, provider: Provider): Prediction => predictions.find((p) => p.stream === stream && p.provider === provider) as Prediction;

describe('every fixture stream gets the expected reply from each provider', () => {
  const rows = Object.entries(EXPECTED).flatMap(([stream, byProvider]) => (Object.entries(byProvider) as [Provider, Expect][]).map(([provider, e]) => [`${stream} at ${provider}`, stream, provider, e] as const));
  it.each(rows)('%s', (_label, stream, provider, e) => {
    const p = predictionOf(stream, provider);
    expect(p, `no prediction for ${stream}`).toBeDefined();
    expect({ rule: p.rule, verdict: p.verdict, code: p.code, enhanced: p.enhanced, certainty: p.certainty }).toEqual(e);
  });

  it('covers every stream of the profile files', () => {
    expect(new Set(streams.map((s) => s.stream))).toEqual(new Set(Object.keys(EXPECTED)));
  });
});

describe('the evidence behind the edge cases', () => {
  it('null sender: the unauthenticated text names the HELO domain and the address', () => {
    expect(predictionOf('null-sender-fail', 'gmail').text).toContain('SPF relay.nullsend.example with ip: 192.0.2.6 = did not pass.');
  });

  it('a temporary failure that no rule covers is said in the acceptance', () => {
    expect(predictionOf('flaky', 'outlook').notes.join(' ')).toMatch(/temporary DNS failures leave this open \(SPF temperror for flaky\.example; the key lookup at s1\._domainkey\.flaky\.example failed\)/);
  });

  it('null sender: SPF checks postmaster@<HELO> (RFC 7208 §2.4)', () => {
    const spf = streamOf('null-sender').addresses[0]?.spf;
    expect(spf).toMatchObject({ identity: 'helo', domain: 'mta.nullsend.example', sender: 'postmaster@mta.nullsend.example', result: 'pass' });
    expect(streamOf('null-sender').mailFrom).toBeNull();
    expect(streamOf('null-sender-fail').addresses[0]?.spf).toMatchObject({ result: 'fail', deciding: { term: '-all' } });
  });

  it('an existing subdomain inherits sp; a non-existent one gets np only from RFC 9989 receivers', () => {
    expect(streamOf('subdomain-sp').dmarc.rfc7489.policy).toMatchObject({ tag: 'sp', published: 'reject' });
    expect(streamOf('subdomain-sp').dmarc.rfc9989.policy).toMatchObject({ tag: 'sp', published: 'reject' });
    const ghost = streamOf('nonexistent-np');
    expect(ghost.from.presence).toBe('nxdomain');
    expect(ghost.dmarc.rfc7489.policy).toMatchObject({ tag: 'sp', published: 'reject' });
    expect(ghost.dmarc.rfc9989.policy).toMatchObject({ tag: 'np', published: 'none' });
    expect(predictionOf('nonexistent-np', 'gmail').notes.join(' ')).toContain('only at RFC 7489 receivers');
  });

  it('strict alignment: the fix relaxes adkim', () => {
    const p = predictionOf('strict', 'gmail');
    expect(p.fixRecords[0]).toMatchObject({ action: 'change', name: '_dmarc.strict.example', value: 'v=DMARC1; p=reject; adkim=r; aspf=s' });
  });

  it('PSL and tree walk disagree on the organizational domain', () => {
    const s = streamOf('psl-vs-treewalk');
    expect(s.from.orgDomains).toEqual({ psl: 'split.example', treeWalk: 'b.split.example', treeWalkComplete: true });
    const p = predictionOf('psl-vs-treewalk', 'gmail');
    expect(p.evidence.dkim[0]?.aligned).toEqual({ rfc7489: true, rfc9989: false });
    expect(p.notes.join(' ')).toContain('only at RFC 9989 receivers');
  });

  it.each([
    ['key-rsa2048', 'possible-pass', null, 2048],
    ['key-rsa1024', 'possible-pass', null, 1024],
    ['key-ed25519', 'unverified-by-providers', 'ed25519', 256],
    ['key-revoked', 'proven-failure', 'revoked', null],
    ['key-testing', 'risk', 'testing', 2048],
  ] as const)('DKIM key state for %s', (stream, state, reason, bits) => {
    expect(streamOf(stream).dkim[0]).toMatchObject({ state, reason, bits });
  });

  it('a 1024-bit key is accepted, with the advice to move to 2048 bits (RFC 8301 §3.2)', () => {
    expect(predictionOf('key-rsa1024', 'gmail').notes).toContain('the 1024-bit RSA key at rsa1024._domainkey.keys.example verifies today; RFC 8301 §3.2 advises 2048 bits');
    expect(predictionOf('key-rsa2048', 'gmail').notes.join(' ')).not.toContain('RFC 8301');
  });

  it('too many lookups: permerror at the eleventh include (RFC 7208 §4.6.4)', () => {
    const spf = streamOf('lookups').addresses[0]?.spf;
    expect(spf?.result).toBe('permerror');
    expect(spf?.problem).toMatchObject({ rule: 'RFC 7208 §4.6.4', domain: 'lookups.example' });
    expect(predictionOf('lookups', 'gmail').fixRecords[0]?.value).toMatch(/^v=spf1 ip4:192\.0\.2\.8 include:l1\.lookups\.example /);
  });

  it('temporary failures: SPF temperror, DKIM temperror, DMARC lookup failure', () => {
    expect(streamOf('flaky').addresses[0]?.spf.result).toBe('temperror');
    expect(streamOf('flaky').dkim[0]?.state).toBe('temperror');
    expect(streamOf('shaky').dmarc.rfc9989.status).toBe('dns-failure');
    // the unauthenticated rule gives its temporary form beside the DMARC one
    expect(predictionOf('flaky', 'gmail').also.map((r) => [r.rule, r.code, r.enhanced])).toContainEqual(['gmail-unauthenticated', '421', '4.7.26']);
  });

  it('null MX and a MAIL FROM domain that does not exist', () => {
    expect(streamOf('null-mx').from.nullMx).toBe(true);
    expect(streamOf('nonexistent-mail-from').mailFrom?.presence).toBe('nxdomain');
    expect(streamOf('nonexistent-mail-from').addresses[0]?.spf.result).toBe('none');
  });

  it('FCrDNS: 192.0.2.1 passes, 2001:db8:99::1 has no PTR', () => {
    expect(streamOf('good').addresses[0]?.fcrdns).toMatchObject({ result: 'pass', confirmedName: 'mail.good.example' });
    expect(streamOf('good-ipv6').addresses[0]?.fcrdns?.result).toBe('none');
  });
});
