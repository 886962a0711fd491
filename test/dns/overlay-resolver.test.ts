import { describe, expect, it } from 'vitest';
import { overlayResolver } from '../../src/dns/overlay-resolver.js';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { joinTxt } from '../../src/model/txt.js';
import { RecordingResolver } from '../zone/recording-resolver.js';
import { parseZoneText } from '../../src/zone/parse-zone.js';
import { MAX_CNAME_CHAIN } from '../../src/dns/types.js';

// A proposed change to example.test, laid over "live" DNS.
const PROPOSED = `
$TTL 300
@        TXT   "v=spf1 include:_spf.provider.example -all"
_dmarc   TXT   "v=DMARC1; p=reject"
mail     CNAME mx.provider.example.
inner    CNAME www
www      A     192.0.2.80
`;

function setup() {
  const live = new RecordingResolver({
    'example.test': [{ name: 'example.test', type: 'TXT', ttl: 60, strings: [new TextEncoder().encode('v=spf1 ~all')] }],
    'old.example.test': [{ name: 'old.example.test', type: 'A', ttl: 60, address: '198.51.100.9' }],
    'mx.provider.example': [{ name: 'mx.provider.example', type: 'A', ttl: 60, address: '203.0.113.25' }],
    'provider.example': [{ name: 'provider.example', type: 'MX', ttl: 60, preference: 0, exchange: '' }],
  });
  const files = ZoneResolver.fromText(PROPOSED, { origin: 'example.test' });
  return { live, overlay: overlayResolver(files, live) };
}

describe('overlay: names inside the files’ zones come from the files', () => {
  it('a record in the files replaces the live one, and live is not asked', async () => {
    const { live, overlay } = setup();
    const answer = await overlay.query('example.test', 'TXT');
    expect(answer.kind === 'records' && answer.records.map((r) => (r.type === 'TXT' ? joinTxt(r.strings) : ''))).toEqual([
      'v=spf1 include:_spf.provider.example -all',
    ]);
    expect(live.asked).toEqual([]);
  });
  it('a name inside the zone that the files lack is NXDOMAIN even if live has it', async () => {
    const { live, overlay } = setup();
    expect((await overlay.query('old.example.test', 'A')).kind).toBe('nxdomain');
    expect(live.asked).toEqual([]);
  });
  it('a CNAME inside the files is chased inside the files', async () => {
    const { live, overlay } = setup();
    const answer = await overlay.query('inner.example.test', 'A');
    expect(answer.kind === 'records' && answer.records.map((r) => r.type === 'A' && r.address)).toEqual(['192.0.2.80']);
    expect(live.asked).toEqual([]);
  });
});

describe('overlay: everything else goes to the live resolver', () => {
  it('a name outside the files’ zones is asked of live (without the trailing dot)', async () => {
    const { live, overlay } = setup();
    const answer = await overlay.query('provider.example.', 'MX');
    expect(answer.kind === 'records' && answer.records.map((r) => r.type === 'MX' && r.exchange)).toEqual(['']);
    expect(live.asked).toEqual(['provider.example MX']);
  });
  it('a CNAME in the files pointing outside is chased on live, with the chain', async () => {
    const { live, overlay } = setup();
    const answer = await overlay.query('mail.example.test', 'A');
    expect(live.asked).toEqual(['mx.provider.example A']);
    expect(answer.name).toBe('mail.example.test');
    expect(answer.cnameChain.map((l) => `${l.name} → ${l.target}`)).toEqual(['mail.example.test → mx.provider.example']);
    expect(answer.kind === 'records' && answer.records.map((r) => r.type === 'A' && r.address)).toEqual(['203.0.113.25']);
  });
  it('a zone resolver with its own outside resolver still chases on live inside the overlay', async () => {
    const other = new RecordingResolver();
    const { live } = setup();
    const overlay = overlayResolver(ZoneResolver.fromText(PROPOSED, { origin: 'example.test', outside: other }), live);
    await overlay.query('mail.example.test', 'A');
    expect([other.asked, live.asked]).toEqual([[], ['mx.provider.example A']]);
  });
});

describe('overlay: CNAME chains that cross between the files and live', () => {
  // The live DNS: a provider, and the zone as it is published today (before the change).
  const LIVE_PROVIDER = `
$TTL 60
@      SOA ns.provider.example. host.provider.example. 1 3600 600 86400 60
alias  CNAME www.example.test.
hop    CNAME loop1.example.test.
${Array.from({ length: 10 }, (_, i) => `l${i} CNAME c${i + 1}.example.test.`).join('\n')}
`;
  const LIVE_TODAY = `
$TTL 60
@      SOA ns.example.test. host.example.test. 1 3600 600 86400 60
www    A   198.51.100.1
`;
  const PROPOSED_CHAINS = `
$TTL 300
@      SOA ns.example.test. host.example.test. 2 3600 600 86400 60
www    A   192.0.2.80
loop1  CNAME hop.provider.example.
${Array.from({ length: 10 }, (_, i) => `c${i} CNAME l${i}.provider.example.`).join('\n')}
`;
  const live = ZoneResolver.fromParsed([
    parseZoneText(LIVE_PROVIDER, { file: 'provider.example.zone', origin: 'provider.example' }),
    parseZoneText(LIVE_TODAY, { file: 'live-example.test.zone', origin: 'example.test' }),
  ]);
  const overlay = overlayResolver(ZoneResolver.fromText(PROPOSED_CHAINS, { origin: 'example.test' }), live);

  it('a live CNAME to a name inside the files is answered from the files, not from the live copy', async () => {
    const answer = await overlay.query('alias.provider.example', 'A');
    expect(answer.cnameChain.map((l) => `${l.name} → ${l.target}`)).toEqual(['alias.provider.example → www.example.test']);
    expect(answer.kind === 'records' && answer.records.map((r) => r.type === 'A' && `${r.address} ${r.ttl}`)).toEqual(['192.0.2.80 300']);
  });

  it('a loop through live back into the files is a cname-loop failure, not a hang', async () => {
    const answer = await overlay.query('loop1.example.test', 'TXT');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'cname-loop' });
    expect(answer.cnameChain.map((l) => l.target)).toEqual(['hop.provider.example', 'loop1.example.test']);
  });

  it(`a chain that crosses back and forth more than ${MAX_CNAME_CHAIN} times is cname-chain-too-long`, async () => {
    const answer = await overlay.query('c0.example.test', 'A');
    expect(answer).toMatchObject({ kind: 'failure', failure: 'cname-chain-too-long', name: 'c0.example.test' });
    expect(answer.cnameChain.length).toBeGreaterThan(MAX_CNAME_CHAIN);
  });
});

describe('overlay: a delegation in the files sends its subtree to live (RFC 1034 §4.2.1)', () => {
  const WITH_CUT = `${PROPOSED}
eu       NS    ns1.eu
ns1.eu   A     192.0.2.60
`;
  it('a name below the cut is asked of live, even one the files hold glue for', async () => {
    const live = new RecordingResolver({ 'www.eu.example.test': [{ name: 'www.eu.example.test', type: 'A', ttl: 60, address: '203.0.113.8' }] });
    const overlay = overlayResolver(ZoneResolver.fromText(WITH_CUT, { origin: 'example.test' }), live);
    const www = await overlay.query('www.eu.example.test', 'A');
    expect(www.kind === 'records' && www.records.map((r) => r.type === 'A' && r.address)).toEqual(['203.0.113.8']);
    expect((await overlay.query('ns1.eu.example.test', 'A')).kind).toBe('nxdomain');
    expect((await overlay.query('old.example.test', 'A')).kind).toBe('nxdomain');
    expect(live.asked).toEqual(['www.eu.example.test A', 'ns1.eu.example.test A']);
  });
});
