import { describe, expect, it } from 'vitest';
import { parseZoneText } from '../../src/zone/parse-zone.js';
import type { DnsRecord } from '../../src/dns/types.js';
import { bytesToLatin1 } from '../../src/model/txt.js';

const SOA = '@ 3600 IN SOA ns1 hostmaster 2024010101 7200 3600 1209600 300';

function parse(text: string, origin: string | null = 'example.com') {
  return parseZoneText(text, origin === null ? { file: 't.zone' } : { file: 't.zone', origin });
}
function only(text: string, origin: string | null = 'example.com'): DnsRecord {
  const { records } = parse(text, origin);
  expect(records).toHaveLength(1);
  return records[0] as DnsRecord;
}
function strings(record: DnsRecord): string[] {
  if (record.type !== 'TXT' && record.type !== 'SPF') throw new Error(`not a TXT record: ${record.type}`);
  return record.strings.map(bytesToLatin1);
}

describe('RFC 1035 §5.1 directives', () => {
  it('$ORIGIN sets the origin for relative names and @', () => {
    const { records } = parse('$ORIGIN other.example.\n$TTL 60\n@ A 192.0.2.1\nwww A 192.0.2.2\n', null);
    expect(records.map((r) => r.name)).toEqual(['other.example', 'www.other.example']);
  });
  it('a relative $ORIGIN is relative to the current origin', () => {
    expect(only('$ORIGIN sub\n$TTL 60\nx A 192.0.2.1\n').name).toBe('x.sub.example.com');
  });
  it('$TTL (RFC 2308 §4) applies to records without a TTL', () => {
    expect(only('$TTL 1h\nwww A 192.0.2.1\n').ttl).toBe(3600);
  });
  it('without $TTL a record takes the last TTL stated', () => {
    const { records } = parse('a 120 A 192.0.2.1\nb A 192.0.2.2\n');
    expect(records.map((r) => r.ttl)).toEqual([120, 120]);
  });
  it('without any TTL the SOA minimum applies (as BIND does)', () => {
    const { records } = parse('@ IN SOA ns1 hostmaster 1 2 3 4 77\nwww A 192.0.2.1\n');
    expect(records.map((r) => r.ttl)).toEqual([77, 77]);
  });
  it('the defaultTtl option applies when the file sets none', () => {
    const r = parseZoneText('www A 192.0.2.1\n', { file: 't', origin: 'example.com', defaultTtl: 42 });
    expect(r.records[0]?.ttl).toBe(42);
  });
});

describe('RFC 1035 §5.1 names', () => {
  it('@ is the origin; relative names are completed; absolute names end in a dot', () => {
    const { records } = parse('$TTL 1\n@ A 192.0.2.1\nwww A 192.0.2.2\nhost.sub.example.com. A 192.0.2.3\n', 'example.com.');
    expect(records.map((r) => r.name)).toEqual(['example.com', 'www.example.com', 'host.sub.example.com']);
  });
  it('case is preserved in owner names', () => {
    expect(only('$TTL 1\nWwW A 192.0.2.1\n').name).toBe('WwW.example.com');
  });
  it('escapes in names: \\DDD and \\X, an escaped dot stays inside its label', () => {
    expect(only('$TTL 1\na\\.b.c A 192.0.2.1\n').name).toBe('a\\.b.c.example.com');
    expect(only('$TTL 1\n\\097bc A 192.0.2.1\n').name).toBe('abc.example.com');
  });
  it('a leading blank means the owner of the previous record (owner inheritance)', () => {
    const { records } = parse('$TTL 1\nwww A 192.0.2.1\n  AAAA 2001:db8::1\n\tTXT "x"\n');
    expect(records.map((r) => r.name)).toEqual(['www.example.com', 'www.example.com', 'www.example.com']);
  });
  it('the root is written "."', () => {
    expect(only('$TTL 1\n. NS a.root-servers.net.\n', '')).toMatchObject({ name: '', target: 'a.root-servers.net' });
  });
  it('a wildcard label is an ordinary owner', () => {
    expect(only('$TTL 1\n*.mail TXT "w"\n').name).toBe('*.mail.example.com');
  });
});

describe('RFC 1035 §5.1 entries: parentheses and comments', () => {
  it('parentheses continue an entry over several lines, with comments inside', () => {
    const soa = only('@ IN SOA ns1 hostmaster ( ; the SOA\n  2024 ; serial\n  2h 1h\n  1w 5m ) ; trailer\n');
    expect(soa).toMatchObject({ type: 'SOA', mname: 'ns1.example.com', rname: 'hostmaster.example.com', serial: 2024, refresh: 7200, retry: 3600, expire: 604800, minimum: 300 });
    expect(soa.source).toEqual({ file: 't.zone', line: 1 });
  });
  it('a ; inside quotes is text, not a comment', () => {
    expect(strings(only('$TTL 1\n@ TXT "v=DKIM1; k=rsa; p=abc" ; comment\n'))).toEqual(['v=DKIM1; k=rsa; p=abc']);
  });
  it('blank lines, comment lines and CRLF line ends are ignored', () => {
    const { records } = parse('$TTL 1\r\n\r\n; only a comment\r\n   ; indented comment\r\nwww A 192.0.2.1\r\n');
    expect(records).toHaveLength(1);
  });
  it('each record carries its file and the line its entry starts on', () => {
    const { records } = parse('$TTL 1\n\nwww A 192.0.2.1\nmail TXT (\n "a"\n "b" )\n');
    expect(records.map((r) => r.source?.line)).toEqual([3, 4]);
  });
});

describe('RFC 1035 §5.1 TTL and class', () => {
  it.each([
    ['www 60 IN A 192.0.2.1', 60],
    ['www IN 60 A 192.0.2.1', 60],
    ['www IN A 192.0.2.1', 5],
    ['www 60 A 192.0.2.1', 60],
    ['www CLASS1 1w A 192.0.2.1', 604800],
  ])('%s', (line, ttl) => {
    expect(only(`$TTL 5\n${line}\n`)).toMatchObject({ type: 'A', ttl });
  });
  it.each([
    ['1h30m', 5400],
    ['2d', 172800],
    ['1W', 604800],
    ['0', 0],
    ['2147483647', 2147483647],
  ])('BIND unit TTL %s is %i seconds', (ttl, seconds) => {
    expect(only(`www ${ttl} A 192.0.2.1\n`).ttl).toBe(seconds);
  });
});

describe('RFC 1035 §3.3.14 TXT character-strings', () => {
  it('each quoted or unquoted token is one character-string, bytes kept', () => {
    expect(strings(only('$TTL 1\n@ TXT "v=spf1 " "include:a.example" -all\n'))).toEqual(['v=spf1 ', 'include:a.example', '-all']);
  });
  it('\\" \\\\ and \\DDD escapes in quoted strings', () => {
    expect(strings(only('$TTL 1\n@ TXT "say \\"hi\\" \\\\ \\255\\000"\n'))).toEqual(['say "hi" \\ \xff\x00']);
  });
  it('escapes in unquoted tokens', () => {
    expect(strings(only('$TTL 1\n@ TXT a\\ b \\059c\n'))).toEqual(['a b', ';c']);
  });
  it('an empty string is a character-string', () => {
    expect(strings(only('$TTL 1\n@ TXT ""\n'))).toEqual(['']);
  });
  it('a string of exactly 255 bytes is allowed', () => {
    expect(strings(only(`$TTL 1\n@ TXT "${'a'.repeat(255)}"\n`))[0]).toHaveLength(255);
  });
  it('bytes above 127 in the text survive as Latin-1 characters', () => {
    expect(strings(only('$TTL 1\n@ TXT "caf\xe9"\n'))).toEqual(['caf\xe9']);
  });
  it('SPF (type 99, RFC 7208 §3.1) is kept apart from TXT', () => {
    const r = only('$TTL 1\n@ SPF "v=spf1 -all"\n');
    expect(r.type).toBe('SPF');
    expect(strings(r)).toEqual(['v=spf1 -all']);
  });
});

describe('typed RDATA', () => {
  it('A is a dotted quad', () => {
    expect(only('$TTL 1\n@ A 198.51.100.255\n')).toMatchObject({ type: 'A', address: '198.51.100.255' });
  });
  it('AAAA is normalised to RFC 5952 form', () => {
    expect(only('$TTL 1\n@ AAAA 2001:0DB8:0:0:1:0:0:1\n')).toMatchObject({ type: 'AAAA', address: '2001:db8::1:0:0:1' });
  });
  it('MX has a preference and an exchange', () => {
    expect(only('$TTL 1\n@ MX 10 mx1\n')).toMatchObject({ type: 'MX', preference: 10, exchange: 'mx1.example.com' });
  });
  it('null MX (RFC 7505) is preference 0 and the root', () => {
    expect(only('$TTL 1\n@ MX 0 .\n')).toMatchObject({ type: 'MX', preference: 0, exchange: '' });
  });
  it('PTR, CNAME and NS targets are names', () => {
    const { records } = parseZoneText('$TTL 1\n1 PTR host.example.com.\nalias CNAME www.example.com.\n@ NS ns1.example.com.\n', {
      file: 't',
      origin: '2.0.192.in-addr.arpa',
    });
    expect(records.map((r) => [r.type, r.name, 'target' in r ? r.target : null])).toEqual([
      ['PTR', '1.2.0.192.in-addr.arpa', 'host.example.com'],
      ['CNAME', 'alias.2.0.192.in-addr.arpa', 'www.example.com'],
      ['NS', '2.0.192.in-addr.arpa', 'ns1.example.com'],
    ]);
  });
  it('type mnemonics are case-insensitive', () => {
    expect(only('$TTL 1\n@ in txt "x"\n').type).toBe('TXT');
  });
});

describe('RFC 3597 unknown types and generic RDATA', () => {
  it('CAA, SRV and HINFO are kept as other records, not typed records; DS is typed (RFC 4034 §5.3)', () => {
    const z = parse('$TTL 1\n@ CAA 0 issue "letsencrypt.org"\n_sip._tcp SRV 10 5 5060 sip\n@ DS 1 8 2 ABCD\nh HINFO "PC" "Linux"\n');
    expect(z.records).toMatchObject([{ type: 'DS', keyTag: 1, algorithm: 8, digestType: 2, digest: Uint8Array.of(0xab, 0xcd) }]);
    expect(z.others.map((o) => [o.type, o.typeCode, o.name, o.rdata])).toEqual([
      ['CAA', 257, 'example.com', '0 issue "letsencrypt.org"'],
      ['SRV', 33, '_sip._tcp.example.com', '10 5 5060 sip'],
      ['HINFO', 13, 'h.example.com', '"PC" "Linux"'],
    ]);
  });
  it('TYPE123 with \\# generic data is kept', () => {
    expect(parse('$TTL 1\nx TYPE123 \\# 3 abcdef\n').others[0]).toMatchObject({ type: 'TYPE123', typeCode: 123, rdata: '\\# 3 abcdef' });
  });
  it('TYPEn of a known type is that type, and its generic data is decoded', () => {
    expect(only('$TTL 1\n@ TYPE1 \\# 4 C0000201\n')).toMatchObject({ type: 'A', address: '192.0.2.1' });
    expect(strings(only('$TTL 1\n@ TYPE16 \\# 6 0268690161 00\n'))).toEqual(['hi', 'a', '']);
    expect(only('$TTL 1\n@ MX \\# 6 000A 026D7800\n')).toMatchObject({ type: 'MX', preference: 10, exchange: 'mx' });
  });
});

describe('RFC 2181 §5 RRsets are sets', () => {
  it('an identical record written twice is kept once', () => {
    expect(parse('$TTL 1\n@ TXT "a"\n@ TXT "a"\n@ TXT "b"\n').records).toHaveLength(2);
  });
});

describe('apexes and origin', () => {
  it('the apexes are the SOA owners', () => {
    const z = parse(`${SOA}\nsub 60 IN SOA ns1 hostmaster 1 2 3 4 5\n`);
    expect(z.apexes).toEqual(['example.com', 'sub.example.com']);
    expect(z.origin).toBe('example.com');
  });
  it('without a SOA the apex is the origin', () => {
    expect(parse('$TTL 1\nwww A 192.0.2.1\n').apexes).toEqual(['example.com']);
  });
  it('without SOA or origin option the first $ORIGIN is the apex', () => {
    expect(parse('$ORIGIN example.net.\n$TTL 1\nwww A 192.0.2.1\n', null).apexes).toEqual(['example.net']);
  });
  it('with no origin at all the apex is the root (the whole world)', () => {
    const z = parse('$TTL 1\nwww.example.org. A 192.0.2.1\n', null);
    expect(z.apexes).toEqual(['']);
    expect(z.origin).toBe('');
  });
});
