// Zone cuts (RFC 1034 §4.2.1): an NS RRset below a zone's apex delegates that name and everything
// below it to other servers. The parent's file holds the delegation and perhaps glue, never
// authoritative data for the delegated names.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { overlayResolver } from '../../src/dns/overlay-resolver.js';
import { loadZoneResolver, ZoneResolver } from '../../src/dns/zone-resolver.js';
import type { DnsAnswer, DnsRecord } from '../../src/dns/types.js';
import { bytesToLatin1 } from '../../src/model/txt.js';
import { RecordingResolver } from '../zone/recording-resolver.js';

const CUTS = join(import.meta.dirname, '../../fixtures/zones-test/cuts');
const PARENT_FILE = join(CUTS, 'example.com.zone');
const EU_SERVERS = 'ns1.eu.example.com, ns.provider.example';

function summary(answer: DnsAnswer): string {
  switch (answer.kind) {
    case 'records':
      return answer.records.map(rdata).join(' | ');
    case 'failure':
      return `failure ${answer.failure}: ${answer.detail}`;
    default:
      return `${answer.kind} ttl=${answer.ttl}`;
  }
}
function rdata(r: DnsRecord): string {
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return `${r.name} ${r.ttl} ${r.type} ${r.address}`;
    case 'TXT':
      return `${r.name} ${r.ttl} TXT ${r.strings.map(bytesToLatin1).join('')}`;
    case 'MX':
      return `${r.name} ${r.ttl} MX ${r.preference} ${r.exchange}`;
    case 'NS':
    case 'CNAME':
      return `${r.name} ${r.ttl} ${r.type} ${r.target}`;
    default:
      return `${r.name} ${r.ttl} ${r.type}`;
  }
}

const offline = (): Promise<ZoneResolver> => loadZoneResolver([CUTS]);

describe('which names are inside the files (isInside, delegationOf)', () => {
  it('names at and below a cut are not inside; the rest of the parent zone is', async () => {
    const z = await offline();
    const inside = ['example.com', 'www.example.com', 'eu.example.com', 'ns1.eu.example.com', 'x.y.eu.example.com'].map((n) => z.isInside(n));
    expect(inside).toEqual([true, true, false, false, false]);
  });
  it('names compare case-insensitively, a trailing dot accepted', async () => {
    const z = await offline();
    expect([z.isInside('WWW.EU.Example.COM.'), z.delegationOf('WWW.EU.Example.COM.')]).toEqual([false, 'eu.example.com']);
  });
  it('an NS RRset at a name that is a loaded zone’s apex is no cut: the child zone answers', async () => {
    const z = await offline();
    expect([z.isInside('us.example.com'), z.isInside('www.us.example.com'), z.delegationOf('www.us.example.com')]).toEqual([true, true, null]);
  });
  it('a loaded zone below a cut answers for its own names', async () => {
    const z = await offline();
    expect([z.isInside('ns1.lab.eu.example.com'), z.delegationOf('ns1.lab.eu.example.com')]).toEqual([true, null]);
    expect(summary(await z.query('ns1.lab.eu.example.com', 'A'))).toBe('ns1.lab.eu.example.com 600 A 192.0.2.90');
  });
  it('NS at the apex is no cut', async () => {
    const z = await offline();
    expect(z.delegationOf('example.com')).toBeNull();
    expect(summary(await z.query('example.com', 'NS'))).toBe('example.com 3600 NS ns1.example.com');
  });
});

describe('offline (no outside resolver): what the files can honestly say about delegated names', () => {
  it('the NS question at the cut is answered with the parent’s NS RRset (canonical order, RFC 4034 §6.3), with its sources', async () => {
    const answer = await (await offline()).query('eu.example.com', 'NS');
    expect(summary(answer)).toBe('eu.example.com 3600 NS ns.provider.example | eu.example.com 3600 NS ns1.eu.example.com');
    expect(answer.kind === 'records' && answer.records.map((r) => r.source)).toEqual([
      { file: PARENT_FILE, line: 13 },
      { file: PARENT_FILE, line: 12 },
    ]);
  });
  it('a name below the cut is the failure other naming the delegation, not NXDOMAIN', async () => {
    expect(summary(await (await offline()).query('www.eu.example.com', 'A'))).toBe(
      `failure other: www.eu.example.com is delegated at eu.example.com to ${EU_SERVERS}, which is not among the zone files`,
    );
  });
  it('another type at the cut itself is the same failure', async () => {
    expect(summary(await (await offline()).query('eu.example.com', 'TXT'))).toMatch(/^failure other: eu\.example\.com is delegated at eu\.example\.com/);
  });
  it('glue below the cut is not served as an answer', async () => {
    expect(summary(await (await offline()).query('ns1.eu.example.com', 'A'))).toMatch(/^failure other: ns1\.eu\.example\.com is delegated/);
  });
  it('occluded data left in the parent file below the cut is not served', async () => {
    expect(summary(await (await offline()).query('_spf.eu.example.com', 'TXT'))).toMatch(/^failure other: _spf\.eu\.example\.com is delegated/);
  });
  it('a CNAME into the delegated subtree ends in the failure, with the chain', async () => {
    const answer = await (await offline()).query('mail.example.com', 'A');
    expect(answer.cnameChain.map((l) => `${l.name} → ${l.target}`)).toEqual(['mail.example.com → mail.eu.example.com']);
    expect(answer.name).toBe('mail.example.com');
    expect(summary(answer)).toMatch(/^failure other: mail\.eu\.example\.com is delegated at eu\.example\.com/);
  });
  it('the parent’s own data beside the cut is answered as before', async () => {
    const z = await offline();
    expect(summary(await z.query('example.com', 'MX'))).toBe('example.com 3600 MX 10 mail.eu.example.com');
    expect(summary(await z.query('absent.example.com', 'A'))).toBe('nxdomain ttl=300');
  });
  it('the child zone’s own NS RRset answers at a loaded child’s apex, not the parent’s copy', async () => {
    const answer = await (await offline()).query('us.example.com', 'NS');
    expect(summary(answer)).toBe('us.example.com 600 NS ns1.us.example.com');
    expect(answer.kind === 'records' && answer.records[0]?.source?.file).toBe(join(CUTS, 'us.example.com.zone'));
  });
  it('the parent’s glue for a loaded child is not answered: the child’s own data is, or NXDOMAIN', async () => {
    const z = await offline();
    const ns1 = await z.query('ns1.us.example.com', 'A');
    expect(summary(ns1)).toBe('ns1.us.example.com 600 A 192.0.2.70');
    expect(ns1.kind === 'records' && ns1.records[0]?.source?.file).toBe(join(CUTS, 'us.example.com.zone'));
    expect(summary(await z.query('ns2.us.example.com', 'A'))).toBe('nxdomain ttl=120');
  });
  it('records() lists the parent’s delegation and glue too, except where the child holds the same record', async () => {
    const listed = (await offline()).records().filter((r) => r.source?.file === PARENT_FILE && r.name.endsWith('us.example.com'));
    expect(listed.map(rdata).sort()).toEqual([
      'ns2.us.example.com 3600 A 192.0.2.72',
      'us.example.com 3600 NS ns2.us.example.com',
    ]);
  });
});

describe('with an outside resolver, delegated names are asked of it', () => {
  const live = (): RecordingResolver =>
    new RecordingResolver({
      'www.eu.example.com': [{ name: 'www.eu.example.com', type: 'A', ttl: 60, address: '203.0.113.80' }],
      'eu.example.com': [{ name: 'eu.example.com', type: 'NS', ttl: 60, target: 'ns.provider.example' }],
    });
  it('a name below the cut, and the NS question at the cut, go to outside', async () => {
    const outside = live();
    const z = await loadZoneResolver([CUTS], { outside });
    expect(summary(await z.query('www.eu.example.com', 'A'))).toBe('www.eu.example.com 60 A 203.0.113.80');
    expect(summary(await z.query('eu.example.com', 'NS'))).toBe('eu.example.com 60 NS ns.provider.example');
    expect(outside.asked).toEqual(['www.eu.example.com A', 'eu.example.com NS']);
  });
  it('a CNAME into the subtree is chased on outside, with the chain', async () => {
    const outside = live();
    const answer = await (await loadZoneResolver([CUTS], { outside })).query('mail.example.com', 'A');
    expect(outside.asked).toEqual(['mail.eu.example.com A']);
    expect([answer.kind, answer.cnameChain.map((l) => l.target)]).toEqual(['nxdomain', ['mail.eu.example.com']]);
  });
});

describe('overlay: names at and below a cut go to the live DNS', () => {
  const setup = async (): Promise<{ live: RecordingResolver; overlay: ReturnType<typeof overlayResolver> }> => {
    const live = new RecordingResolver({
      'mail.eu.example.com': [{ name: 'mail.eu.example.com', type: 'A', ttl: 60, address: '203.0.113.25' }],
      '_spf.eu.example.com': [{ name: '_spf.eu.example.com', type: 'TXT', ttl: 60, strings: [new TextEncoder().encode('v=spf1 ip4:203.0.113.0/24 -all')] }],
    });
    return { live, overlay: overlayResolver(await offline(), live) };
  };
  it('a delegated name the parent file lacks is asked live, not NXDOMAIN', async () => {
    const { live, overlay } = await setup();
    expect((await overlay.query('new.eu.example.com', 'A')).kind).toBe('nxdomain');
    expect(live.asked).toEqual(['new.eu.example.com A']);
  });
  it('occluded data in the parent file is replaced by what the live DNS says', async () => {
    const { live, overlay } = await setup();
    expect(summary(await overlay.query('_spf.eu.example.com', 'TXT'))).toBe('_spf.eu.example.com 60 TXT v=spf1 ip4:203.0.113.0/24 -all');
    expect(live.asked).toEqual(['_spf.eu.example.com TXT']);
  });
  it('a CNAME in the files into the subtree is chased live', async () => {
    const { live, overlay } = await setup();
    const answer = await overlay.query('mail.example.com', 'A');
    expect(summary(answer)).toBe('mail.eu.example.com 60 A 203.0.113.25');
    expect(answer.cnameChain.map((l) => `${l.name} → ${l.target}`)).toEqual(['mail.example.com → mail.eu.example.com']);
    expect(live.asked).toEqual(['mail.eu.example.com A']);
  });
  it('the rest of the parent zone, and a loaded child zone, still come from the files', async () => {
    const { live, overlay } = await setup();
    expect((await overlay.query('absent.example.com', 'A')).kind).toBe('nxdomain');
    expect(summary(await overlay.query('www.us.example.com', 'A'))).toBe('www.us.example.com 600 A 192.0.2.71');
    expect(live.asked).toEqual([]);
  });
});

describe('cut rules in one zone', () => {
  const ZONE = `
$TTL 300
@          SOA  ns1 hostmaster 1 7200 3600 1209600 60
           NS   ns1
ns1        A    192.0.2.1
*          TXT  "apex wildcard"
dept       NS   ns.dept
ns.dept    A    192.0.2.2
a.dept     NS   ns.a.dept
*.w        NS   ns.elsewhere.example.
*.w        TXT  "wildcard beside a wildcard NS"
`;
  const z = ZoneResolver.fromText(ZONE, { origin: 'example.net' });
  it('RFC 4592: the wildcard above a cut does not synthesize answers at or below it', async () => {
    expect(summary(await z.query('anything.example.net', 'TXT'))).toBe('anything.example.net 300 TXT apex wildcard');
    expect(summary(await z.query('x.dept.example.net', 'TXT'))).toMatch(/^failure other: x\.dept\.example\.net is delegated at dept\.example\.net/);
  });
  it('RFC 1034 §4.3.2: the cut nearest the apex delegates; an NS RRset below it is occluded', async () => {
    expect(z.delegationOf('x.a.dept.example.net')).toBe('dept.example.net');
    expect(summary(await z.query('a.dept.example.net', 'NS'))).toMatch(/^failure other: a\.dept\.example\.net is delegated at dept\.example\.net/);
  });
  it('a wildcard’s NS RRset makes no cut (RFC 4592 §4.2)', async () => {
    expect([z.isInside('x.w.example.net'), z.delegationOf('x.w.example.net')]).toEqual([true, null]);
    expect(summary(await z.query('x.w.example.net', 'TXT'))).toBe('x.w.example.net 300 TXT wildcard beside a wildcard NS');
  });
  it('records with no SOA and no zone named (the implicit whole world) have no cuts', async () => {
    const world = ZoneResolver.fromRecords([
      { name: 'example.org', type: 'NS', ttl: 60, target: 'ns.example.org' },
      { name: 'www.example.org', type: 'A', ttl: 60, address: '192.0.2.9' },
    ]);
    expect(summary(await world.query('www.example.org', 'A'))).toBe('www.example.org 60 A 192.0.2.9');
  });
  it('a file without a SOA still delegates below its origin (a proposed change to overlay)', async () => {
    const proposed = ZoneResolver.fromText('$TTL 60\n@ TXT "v=spf1 -all"\neu NS ns.provider.example.\n', { origin: 'example.org' });
    expect([proposed.isInside('example.org'), proposed.isInside('www.eu.example.org')]).toEqual([true, false]);
  });
});
