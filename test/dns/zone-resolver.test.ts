import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadZoneResolver, ZoneResolver } from '../../src/dns/zone-resolver.js';
import { MAX_CNAME_CHAIN } from '../../src/dns/types.js';
import type { DnsAnswer, DnsRecord } from '../../src/dns/types.js';
import { bytesToLatin1 } from '../../src/model/txt.js';
import { ZoneFileError } from '../../src/zone/zone-file-error.js';
import { RecordingResolver } from '../zone/recording-resolver.js';

const FIXTURES = join(import.meta.dirname, '../../fixtures/zones-test');

const ZONE = `
$TTL 3600
@              SOA   ns1 hostmaster 1 7200 3600 1209600 300
               NS    ns1
               TXT   "v=spf1 -all"
               SPF   "v=spf1 ~all"
ns1            A     192.0.2.53
Mixed.Case     A     192.0.2.7
a.b.c          TXT   "deep"
*.wild         TXT   "from the wildcard"
*.wild         MX    10 mx
host.wild      A     192.0.2.8
x.y.wild       TXT   "below an empty non-terminal"
*.ent          TXT   "enclosed"
*.cn           CNAME ns1
www            CNAME web
web            CNAME ns1
loop1          CNAME loop2
loop2          CNAME loop1
self           CNAME self
gone           CNAME nowhere
out            CNAME target.elsewhere.example.
caa            CAA   0 issue "ca.example"
`;

const zone = (outside?: RecordingResolver): ZoneResolver =>
  ZoneResolver.fromText(ZONE, outside === undefined ? { origin: 'example.test' } : { origin: 'example.test', outside });

function summary(answer: DnsAnswer): string {
  switch (answer.kind) {
    case 'records':
      return answer.records.map(rdata).join(' | ');
    case 'failure':
      return `failure ${answer.failure}`;
    default:
      return `${answer.kind} ttl=${answer.ttl}`;
  }
}
function rdata(r: DnsRecord): string {
  switch (r.type) {
    case 'A':
    case 'AAAA':
      return `${r.name} ${r.type} ${r.address}`;
    case 'TXT':
    case 'SPF':
      return `${r.name} ${r.type} ${r.strings.map(bytesToLatin1).join('')}`;
    case 'MX':
      return `${r.name} MX ${r.preference} ${r.exchange}`;
    default:
      return `${r.name} ${r.type}`;
  }
}

describe('RFC 1034 §4.3.2 / RFC 8020: NXDOMAIN versus no data', () => {
  it('a name with the type answers records', async () => {
    expect(summary(await zone().query('ns1.example.test', 'A'))).toBe('ns1.example.test A 192.0.2.53');
  });
  it('a name that exists without the type is no data', async () => {
    expect(summary(await zone().query('ns1.example.test', 'MX'))).toBe('nodata ttl=300');
  });
  it('a name with nothing at or below it is NXDOMAIN', async () => {
    expect(summary(await zone().query('nope.example.test', 'A'))).toBe('nxdomain ttl=300');
  });
  it('an empty non-terminal exists: no data, not NXDOMAIN', async () => {
    expect(summary(await zone().query('b.c.example.test', 'TXT'))).toBe('nodata ttl=300');
    expect(summary(await zone().query('c.example.test', 'A'))).toBe('nodata ttl=300');
  });
  it('a name holding only an uninterpreted type (CAA) exists', async () => {
    expect(summary(await zone().query('caa.example.test', 'TXT'))).toBe('nodata ttl=300');
  });
  it('names compare case-insensitively and a trailing dot is accepted', async () => {
    expect(summary(await zone().query('MIXED.case.Example.Test.', 'A'))).toBe('Mixed.Case.example.test A 192.0.2.7');
  });
  it('the answer names the question as asked, without the trailing dot', async () => {
    const answer = await zone().query('NS1.example.test.', 'A');
    expect([answer.name, answer.type, answer.cnameChain]).toEqual(['NS1.example.test', 'A', []]);
  });
});

describe('RFC 2308 §5 negative TTL', () => {
  it('is the smaller of the SOA TTL and the SOA minimum', async () => {
    const z = ZoneResolver.fromText('@ 120 SOA ns h 1 2 3 4 900\n', { origin: 'example.test' });
    expect(summary(await z.query('x.example.test', 'A'))).toBe('nxdomain ttl=120');
  });
  it('is unknown (null) without a SOA', async () => {
    const z = ZoneResolver.fromText('$TTL 5\nwww A 192.0.2.1\n', { origin: 'example.test' });
    expect(summary(await z.query('www.example.test', 'TXT'))).toBe('nodata ttl=null');
  });
});

describe('RFC 7208 §3.1: SPF (type 99) is kept apart from TXT', () => {
  it('TXT and SPF queries answer their own records', async () => {
    expect(summary(await zone().query('example.test', 'TXT'))).toBe('example.test TXT v=spf1 -all');
    expect(summary(await zone().query('example.test', 'SPF'))).toBe('example.test SPF v=spf1 ~all');
  });
});

describe('RFC 4592 wildcards', () => {
  it('§3.3.1: a wildcard answers a name that does not exist, with the asked name as owner', async () => {
    expect(summary(await zone().query('Any.wild.example.test', 'TXT'))).toBe('Any.wild.example.test TXT from the wildcard');
  });
  it('§3.3.1: it answers names several labels below its closest encloser', async () => {
    expect(summary(await zone().query('a.b.wild.example.test', 'MX'))).toBe('a.b.wild.example.test MX 10 mx.example.test');
  });
  it('§2.2.1: a wildcard does not answer for a name that exists', async () => {
    expect(summary(await zone().query('host.wild.example.test', 'TXT'))).toBe('nodata ttl=300');
  });
  it('§2.2.1: a wildcard does not match below an existing name (its closest encloser has no *)', async () => {
    expect(summary(await zone().query('z.host.wild.example.test', 'TXT'))).toBe('nxdomain ttl=300');
  });
  it('§2.2.2: an empty non-terminal is a closest encloser too, so the wildcard above does not reach below it', async () => {
    expect(summary(await zone().query('y.wild.example.test', 'TXT'))).toBe('nodata ttl=300');
    expect(summary(await zone().query('q.y.wild.example.test', 'TXT'))).toBe('nxdomain ttl=300');
  });
  it('§4.1: a wildcard without the type asked is no data', async () => {
    expect(summary(await zone().query('any.wild.example.test', 'A'))).toBe('nodata ttl=300');
  });
  it('the wildcard name itself is an ordinary name', async () => {
    expect(summary(await zone().query('*.wild.example.test', 'TXT'))).toBe('*.wild.example.test TXT from the wildcard');
  });
  it('a wildcard under an empty non-terminal applies', async () => {
    expect(summary(await zone().query('k.ent.example.test', 'TXT'))).toBe('k.ent.example.test TXT enclosed');
  });
  it('a wildcard CNAME is synthesized at the asked name and chased', async () => {
    const answer = await zone().query('foo.cn.example.test', 'A');
    expect(summary(answer)).toBe('ns1.example.test A 192.0.2.53');
    expect(answer.cnameChain.map((l) => `${l.name} → ${l.target}`)).toEqual(['foo.cn.example.test → ns1.example.test']);
  });
});

describe('RFC 1034 §3.6.2 CNAME chasing', () => {
  it('follows the chain and reports it in cnameChain, with sources', async () => {
    const answer = await zone().query('www.example.test', 'A');
    expect(summary(answer)).toBe('ns1.example.test A 192.0.2.53');
    expect(answer.cnameChain).toEqual([
      { name: 'www.example.test', target: 'web.example.test', ttl: 3600, source: { file: '<text>', line: 16 } },
      { name: 'web.example.test', target: 'ns1.example.test', ttl: 3600, source: { file: '<text>', line: 17 } },
    ]);
  });
  it('asking for type CNAME returns the CNAME itself', async () => {
    const answer = await zone().query('www.example.test', 'CNAME');
    expect(answer.kind === 'records' && answer.records.map((r) => (r.type === 'CNAME' ? r.target : ''))).toEqual(['web.example.test']);
    expect(answer.cnameChain).toEqual([]);
  });
  it('a chain ending at a missing name is NXDOMAIN, with the chain', async () => {
    const answer = await zone().query('gone.example.test', 'TXT');
    expect(summary(answer)).toBe('nxdomain ttl=300');
    expect(answer.cnameChain.map((l) => l.target)).toEqual(['nowhere.example.test']);
  });
  it('a loop is the typed failure cname-loop, not a hang', async () => {
    const answer = await zone().query('loop1.example.test', 'A');
    expect(summary(answer)).toBe('failure cname-loop');
    expect(answer.kind === 'failure' && answer.detail).toBe('CNAME loop: loop1.example.test → loop2.example.test → loop1.example.test');
    expect(summary(await zone().query('self.example.test', 'TXT'))).toBe('failure cname-loop');
  });
  const chain = (links: number): ZoneResolver => {
    const lines = Array.from({ length: links }, (_, i) => `c${i} CNAME c${i + 1}`);
    return ZoneResolver.fromText(`$TTL 1\n${lines.join('\n')}\nc${links} A 192.0.2.1\n`, { origin: 'example.test' });
  };
  it(`a chain of ${MAX_CNAME_CHAIN} CNAMEs is followed`, async () => {
    const answer = await chain(MAX_CNAME_CHAIN).query('c0.example.test', 'A');
    expect(summary(answer)).toBe(`c${MAX_CNAME_CHAIN}.example.test A 192.0.2.1`);
    expect(answer.cnameChain).toHaveLength(MAX_CNAME_CHAIN);
  });
  it(`a chain longer than ${MAX_CNAME_CHAIN} is the typed failure cname-chain-too-long`, async () => {
    expect(summary(await chain(MAX_CNAME_CHAIN + 1).query('c0.example.test', 'A'))).toBe('failure cname-chain-too-long');
  });
  it('a CNAME to a name outside every zone is NXDOMAIN offline', async () => {
    const answer = await zone().query('out.example.test', 'A');
    expect(summary(answer)).toBe('nxdomain ttl=null');
    expect(answer.cnameChain.map((l) => l.target)).toEqual(['target.elsewhere.example']);
  });
  it('a CNAME to a name outside every zone is chased on the outside resolver', async () => {
    const live = new RecordingResolver({ 'target.elsewhere.example': [{ name: 'target.elsewhere.example', type: 'A', ttl: 60, address: '198.51.100.1' }] });
    const answer = await zone(live).query('out.example.test', 'A');
    expect(live.asked).toEqual(['target.elsewhere.example A']);
    expect(summary(answer)).toBe('target.elsewhere.example A 198.51.100.1');
    expect(answer.name).toBe('out.example.test');
    expect(answer.cnameChain.map((l) => l.target)).toEqual(['target.elsewhere.example']);
  });
});

describe('RFC 1034 §4.2.1 zone cuts (more in zone-cuts.test.ts)', () => {
  const PARENT = `
$TTL 3600
@          SOA  ns1 hostmaster 1 7200 3600 1209600 300
           NS   ns1
ns1        A    192.0.2.53
child      NS   ns1.child
ns1.child  A    192.0.2.54
`;
  it('offline, a name below a delegation whose zone is not loaded is the failure other, not NXDOMAIN', async () => {
    const z = ZoneResolver.fromText(PARENT, { origin: 'example.test' });
    expect(summary(await z.query('www.child.example.test', 'A'))).toBe('failure other');
    expect(summary(await z.query('ns1.child.example.test', 'A'))).toBe('failure other');
    expect(z.isInside('www.child.example.test')).toBe(false);
  });
  it('with an outside resolver, names at and below the cut are asked of it', async () => {
    const live = new RecordingResolver();
    const z = ZoneResolver.fromText(PARENT, { origin: 'example.test', outside: live });
    await z.query('www.child.example.test', 'TXT');
    await z.query('child.example.test', 'NS');
    await z.query('ns1.example.test', 'A');
    expect(live.asked).toEqual(['www.child.example.test TXT', 'child.example.test NS']);
  });
});

describe('names outside every zone', () => {
  it('are NXDOMAIN without an outside resolver (offline, the files are the whole world)', async () => {
    expect(summary(await zone().query('example.org', 'A'))).toBe('nxdomain ttl=null');
  });
  it('are asked of the outside resolver when there is one', async () => {
    const live = new RecordingResolver();
    expect(summary(await zone(live).query('example.org', 'MX'))).toBe('nxdomain ttl=30');
    await zone(live).query('ns1.example.test', 'A');
    expect(live.asked).toEqual(['example.org MX']);
  });
});

describe('configured failures (the RFC 7208 suite TIMEOUT)', () => {
  const records: DnsRecord[] = [
    { name: 'slow.example.test', type: 'TXT', ttl: 1, strings: [new TextEncoder().encode('v=spf1 -all')] },
    { name: 'via.example.test', type: 'CNAME', ttl: 1, target: 'slow.example.test' },
  ];
  const z = ZoneResolver.fromRecords(records, { failures: [{ name: 'SLOW.example.test', failure: 'timeout', exceptTypes: ['TXT'] }] });
  it('the named name answers the failure for types not excepted', async () => {
    const answer = await z.query('slow.example.test', 'A');
    expect(summary(answer)).toBe('failure timeout');
  });
  it('excepted types answer normally', async () => {
    expect(summary(await z.query('slow.example.test', 'TXT'))).toBe('slow.example.test TXT v=spf1 -all');
  });
  it('a CNAME leading to the name meets the failure too', async () => {
    expect(summary(await z.query('via.example.test', 'MX'))).toBe('failure timeout');
  });
});

describe('fromRecords', () => {
  const records: DnsRecord[] = [
    { name: 'a.example.test', type: 'A', ttl: 1, address: '192.0.2.1' },
    { name: 'a.example.test', type: 'A', ttl: 1, address: '192.0.2.1' },
  ];
  it('without zones or SOA, the root is the only zone: every name is inside', async () => {
    const z = ZoneResolver.fromRecords(records);
    expect(z.zones()).toEqual(['']);
    expect(z.isInside('anything.org')).toBe(true);
    expect(summary(await z.query('other.org', 'A'))).toBe('nxdomain ttl=null');
  });
  it('an identical record given twice is answered once (RFC 2181 §5)', async () => {
    expect(ZoneResolver.fromRecords(records).records()).toHaveLength(1);
    expect(summary(await ZoneResolver.fromRecords(records).query('a.example.test', 'A'))).toBe('a.example.test A 192.0.2.1');
  });
  it('zones limit what is inside', () => {
    const z = ZoneResolver.fromRecords(records, { zones: ['Example.Test.'] });
    expect(z.zones()).toEqual(['example.test']);
    expect([z.isInside('x.example.test'), z.isInside('example.test.'), z.isInside('test'), z.isInside('badexample.test')]).toEqual([true, true, false, false]);
  });
  it('an aborted query is a timeout failure', async () => {
    const controller = new AbortController();
    controller.abort();
    const answer = await ZoneResolver.fromRecords(records).query('a.example.test', 'A', { signal: controller.signal });
    expect(summary(answer)).toBe('failure timeout');
  });
});

describe('loadZoneResolver', () => {
  it('loads a folder of *.zone files as several zones, origins from the file names', async () => {
    const z = await loadZoneResolver([join(FIXTURES, 'world')]);
    expect(z.zones().sort()).toEqual(['2.0.192.in-addr.arpa', 'example.test', 'latin1.test', 'sub.example.test']);
  });
  it('records carry their file and line', async () => {
    const z = await loadZoneResolver([join(FIXTURES, 'world')]);
    const answer = await z.query('25.2.0.192.in-addr.arpa', 'PTR');
    expect(answer.kind === 'records' && answer.records[0]?.source).toEqual({ file: join(FIXTURES, 'world/2.0.192.in-addr.arpa.zone'), line: 3 });
  });
  it('the deepest zone answers, and CNAMEs are chased across zones', async () => {
    const z = await loadZoneResolver([join(FIXTURES, 'world')]);
    const answer = await z.query('www.example.test', 'AAAA');
    expect(answer.kind === 'records' && answer.records.map((r) => r.type === 'AAAA' && r.address)).toEqual(['2001:db8::80']);
    expect(summary(await z.query('nope.sub.example.test', 'A'))).toBe('nxdomain ttl=120');
  });
  it('a delegation to a loaded child zone is no cut, and the child’s records answer, not the parent’s glue', async () => {
    const z = await loadZoneResolver([join(FIXTURES, 'world')]);
    expect(z.isInside('ns1.sub.example.test')).toBe(true);
    const glue = await z.query('ns1.sub.example.test', 'A');
    expect(glue.kind === 'records' && glue.records.map((r) => `${r.ttl} ${r.source?.file ?? ''}`)).toEqual([`600 ${join(FIXTURES, 'world/sub.example.test.zone')}`]);
  });
  it('accepts single files and folders together', async () => {
    const z = await loadZoneResolver([join(FIXTURES, 'include/example.test.zone')]);
    expect(summary(await z.query('mail.example.test', 'MX'))).toBe('mail.example.test MX 10 mx1.mail.example.test');
  });
  it('the same zone loaded twice is an error', async () => {
    const paths = [join(FIXTURES, 'world'), join(FIXTURES, 'include/example.test.zone')];
    await expect(loadZoneResolver(paths)).rejects.toThrow(
      `${join(FIXTURES, 'include/example.test.zone')}:3:1: zone 'example.test' is already loaded from ${join(FIXTURES, 'world/example.test.zone')}:2:1: two files for one zone`,
    );
  });
  it('a malformed file is a ZoneFileError', async () => {
    await expect(loadZoneResolver([join(FIXTURES, 'include-bad')])).rejects.toBeInstanceOf(ZoneFileError);
  });
  it('an unreadable path is an Error naming it', async () => {
    await expect(loadZoneResolver([join(FIXTURES, 'absent')])).rejects.toThrow(`cannot read '${join(FIXTURES, 'absent')}': no such file or folder`);
  });
  it('a folder without zone files is an Error naming it', async () => {
    await expect(loadZoneResolver([join(FIXTURES, 'not-zones')])).rejects.toThrow(
      `cannot read '${join(FIXTURES, 'not-zones')}': no zone files in this folder (a zone file holds an SOA record; a named.conf lists zones; octoDNS zones are <zone>.yaml files or <zone>./ folders)`,
    );
  });
});
