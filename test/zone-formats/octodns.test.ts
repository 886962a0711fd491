// octoDNS zone YAML into the zone model: the shapes octoDNS writes and accepts, and what it refuses
// as one error at file:line:column.
import { describe, expect, it } from 'vitest';
import { readOctodnsZone } from '../../src/zone-formats/octodns/read-octodns.js';
import { ZoneFileError } from '../../src/zone/zone-file-error.js';
import { joinTxt } from '../../src/model/txt.js';
import type { DnsRecord } from '../../src/model/records.js';

const read = (text: string, zone = 'z.example') => readOctodnsZone([{ file: 'z.example.yaml', text }], zone);
const failure = (text: string): string => {
  try {
    read(text);
  } catch (err) {
    if (err instanceof ZoneFileError) return err.message;
    throw err;
  }
  throw new Error('no error');
};
const show = (r: DnsRecord): string => {
  switch (r.type) {
    case 'TXT':
    case 'SPF':
      return `${r.name} ${r.ttl} ${r.type} ${JSON.stringify(joinTxt(r.strings))}`;
    case 'MX':
      return `${r.name} ${r.ttl} MX ${r.preference} ${r.exchange}`;
    case 'A':
    case 'AAAA':
      return `${r.name} ${r.ttl} ${r.type} ${r.address}`;
    default:
      return `${r.name} ${r.ttl} ${r.type} ${'target' in r ? r.target : ''}`;
  }
};

describe('octoDNS zone YAML', () => {
  it('reads a record list under one name, value and values, ttl, and the default TTL 3600', () => {
    const zone = read(`'':\n  - type: A\n    values: [192.0.2.1, 192.0.2.2]\n  - type: TXT\n    ttl: 60\n    value: v=spf1 -all\nwww:\n  type: CNAME\n  value: z.example.\n`);
    expect(zone.parsed.records.map(show)).toEqual(['z.example 3600 A 192.0.2.1', 'z.example 3600 A 192.0.2.2', 'z.example 60 TXT "v=spf1 -all"', 'www.z.example 3600 CNAME z.example']);
    expect(zone.parsed.apexes).toEqual(['z.example']);
    expect(zone.parsed.records[0]?.source).toEqual({ file: 'z.example.yaml', line: 3 });
  });

  it('keeps keys YAML reads as numbers as written (44.70, 67) and follows anchors and merge keys', () => {
    const zone = read(`44.70: &a\n  type: A\n  ttl: 600\n  value: 192.0.2.4\n67:\n  <<: *a\n  value: 192.0.2.5\n`);
    expect(zone.parsed.records.map(show)).toEqual(['44.70.z.example 600 A 192.0.2.4', '67.z.example 600 A 192.0.2.5']);
  });

  it('reads MX as exchange/preference and as the older value/priority', () => {
    const zone = read(`'':\n  type: MX\n  values:\n    - {exchange: a.z.example., preference: 10}\n    - {value: b.z.example., priority: 20}\n`);
    expect(zone.parsed.records.map(show)).toEqual(['z.example 3600 MX 10 a.z.example', 'z.example 3600 MX 20 b.z.example']);
  });

  it('turns \\; into ; and splits TXT over 255 bytes into strings of 255', () => {
    const long = 'x'.repeat(300);
    const zone = read(`_dmarc:\n  type: TXT\n  value: v=DMARC1\\; p=reject\nlong:\n  type: TXT\n  value: ${long}\n`);
    const [dmarc, big] = zone.parsed.records as [DnsRecord & { strings: Uint8Array[] }, DnsRecord & { strings: Uint8Array[] }];
    expect(joinTxt(dmarc.strings)).toBe('v=DMARC1; p=reject');
    expect(big.strings.map((s) => s.length)).toEqual([255, 45]);
  });

  it('passes over the octodns: block and types authaudit does not use, counting them', () => {
    const zone = read(`'':\n  - type: ALIAS\n    value: lb.example.\n  - type: URLFWD\n    value: {path: /, target: 'https://x.example/', code: 301}\n  - type: A\n    value: 192.0.2.1\n    octodns:\n      cloudflare: {proxied: true}\n`);
    expect(zone.parsed.records.map(show)).toEqual(['z.example 3600 A 192.0.2.1']);
    expect(zone.notes).toEqual(['z.example.yaml: 2 records of types authaudit does not use passed over: ALIAS, URLFWD']);
  });

  it('keeps CAA and SRV as records that make their names exist', () => {
    const zone = read(`'':\n  type: CAA\n  value: {flags: 0, tag: issue, value: ca.example}\n_sip._tcp:\n  type: SRV\n  value: {priority: 1, weight: 2, port: 5060, target: sip.z.example.}\n`);
    expect(zone.parsed.others.map((o) => `${o.name} ${o.type} ${o.rdata}`)).toEqual(['z.example CAA 0 issue "ca.example"', '_sip._tcp.z.example SRV 1 2 5060 sip.z.example.']);
  });

  it('an unescaped ; is what octoDNS rejects: an error at its line, unless the record is lenient', () => {
    expect(failure(`'':\n  type: A\n  value: 192.0.2.1\n_dmarc:\n  type: TXT\n  value: v=DMARC1; p=none\n`)).toBe(
      "z.example.yaml:6:10: unescaped ';' at character 9 of this TXT value: octoDNS rejects it; write '\\;' (or mark the record 'octodns: {lenient: true}')",
    );
    const lenient = read(`x:\n  type: TXT\n  value: a; b\n  octodns:\n    lenient: true\n`);
    expect(lenient.parsed.records.map(show)).toEqual(['x.z.example 3600 TXT "a; b"']);
  });

  it('a YAML syntax error names its line and column', () => {
    expect(failure(`'':\n  type: A\n  value: [192.0.2.1\n`)).toMatch(/^z\.example\.yaml:\d+:\d+: YAML: /);
  });

  it('refuses what octoDNS refuses, at the line', () => {
    expect(failure(`www:\n  type: CNAME\n  value: z.example\n`)).toBe("z.example.yaml:3:10: CNAME value 'z.example' is missing its trailing '.': octoDNS takes absolute names only (write 'z.example.')");
    expect(failure(`www:\n  value: 192.0.2.1\n`)).toBe("z.example.yaml:2:3: a record under 'www' has no 'type'");
    expect(failure(`www:\n  type: A\n`)).toBe("z.example.yaml:2:3: A record 'www' has no value: give 'value' or 'values'");
    expect(failure(`www:\n  - {type: A, value: 192.0.2.1}\n  - {type: A, value: 192.0.2.2}\n`)).toBe(
      "z.example.yaml:3:5: a second A record under 'www' (the first is at line 2): octoDNS holds one record of a type per name, with several values",
    );
    expect(failure(`www:\n  - {type: A, value: 192.0.2.1}\n  - {type: CNAME, value: z.example.}\n`)).toBe(
      "z.example.yaml:3:5: CNAME under 'www' beside other data (A at line 2): a CNAME must be alone (RFC 1034 §3.6.2)",
    );
    expect(failure(`www:\n  type: A\n  value: 192.0.2.300\n`)).toBe("z.example.yaml:3:10: bad IPv4 address '192.0.2.300': expected a dotted quad like 192.0.2.1");
    expect(failure(`www:\n  type: A\n  ttl: soon\n  value: 192.0.2.3\n`)).toBe("z.example.yaml:3:8: bad ttl (RFC 2181 §8) 'soon': expected a decimal number");
    expect(failure(`www.z.example.:\n  type: A\n  value: 192.0.2.3\n`)).toBe("z.example.yaml:1:1: record name 'www.z.example.' ends in '.': octoDNS names are relative to the zone ('www', '' for the apex)");
    expect(failure(`- a\n- b\n`)).toBe('z.example.yaml:1:1: an octoDNS zone file is a mapping of record names');
  });
});

describe('dnscontrol IR errors', () => {
  it('names the JSON path and line of a bad record', async () => {
    const { readDnscontrolIr } = await import('../../src/zone-formats/dnscontrol/read-dnscontrol-ir.js');
    const text = JSON.stringify({ domains: [{ name: 'c.example', records: [{ type: 'MX', name: '@', target: 'mx.c.example.', mxpreference: 10 }, { type: 'A', name: 'www' }] }] }, null, 2);
    expect(() => readDnscontrolIr(text, 'ir.json')).toThrow('ir.json:12:9: $.domains[0].records[1].target: A record needs "target"');
  });
});
