// A and AAAA RDATA in a zone file: A is a dotted quad (RFC 1035 §3.4.1, §5.1), AAAA one of the
// text forms of RFC 4291 §2.2 (RFC 3596 §2.4), both read by the one address parser (src/net/ip.ts);
// AAAA is kept in RFC 5952 form. A refusal is one line: file:line:column: reason.
import { describe, expect, it } from 'vitest';
import { parseZoneText } from '../../src/zone/parse-zone.js';
import { ZoneFileError } from '../../src/zone/zone-file-error.js';

const addressOf = (rdata: string, type = 'AAAA'): string => {
  const { records } = parseZoneText(`$TTL 1\n@ ${type} ${rdata}\n`, { file: 't.zone', origin: 'example.com' });
  const record = records[0];
  if (record?.type !== 'A' && record?.type !== 'AAAA') throw new Error(`no address record for ${rdata}`);
  return record.address;
};

const refusal = (rdata: string, type: string): string => {
  try {
    parseZoneText(`$TTL 1\n@ ${type} ${rdata}\n`, { file: 'bad.zone', origin: 'example.com' });
  } catch (err) {
    if (err instanceof ZoneFileError) return err.message;
    throw err;
  }
  throw new Error(`${type} ${rdata} was accepted`);
};

describe('AAAA', () => {
  it('RFC 4291 §2.5.5.1: ::1.2.3.4 is the IPv4-compatible address ::102:304, not IPv4-mapped', () => {
    expect(addressOf('::1.2.3.4')).toBe('::102:304');
  });
  it('RFC 4291 §2.5.5.2: ::ffff:1.2.3.4 is the IPv4-mapped address, kept as IPv6', () => {
    expect(addressOf('::ffff:1.2.3.4')).toBe('::ffff:102:304');
  });
  it.each([
    ['0:0:0:0:0:0:13.1.68.3', '::d01:4403'],
    ['2001:DB8::AB', '2001:db8::ab'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
  ])('%s is written %s (RFC 5952 §4)', (text, canonical) => {
    expect(addressOf(text)).toBe(canonical);
  });
  it('generic RDATA (RFC 3597 §5) gives the same text as the presentation form', () => {
    expect(addressOf('\\# 16 00000000000000000000000001020304')).toBe('::102:304');
    expect(addressOf('\\# 16 20010DB8000000000000000000000001', 'TYPE28')).toBe('2001:db8::1');
  });
  it.each([
    ['fe80::1%eth0', "bad.zone:2:8: bad IPv6 address 'fe80::1%eth0': a zone index (%...) is not part of an address (RFC 4007 §11)"],
    ['::ffff:1.2.3.04', "bad.zone:2:8: bad IPv6 address '::ffff:1.2.3.04': expected RFC 4291 §2.2 text like 2001:db8::1"],
    ['::1.2.3.4:1', "bad.zone:2:8: bad IPv6 address '::1.2.3.4:1': expected RFC 4291 §2.2 text like 2001:db8::1"],
    ['2001:db8::12345', "bad.zone:2:8: bad IPv6 address '2001:db8::12345': expected RFC 4291 §2.2 text like 2001:db8::1"],
    ['192.0.2.1', "bad.zone:2:8: bad IPv6 address '192.0.2.1': expected RFC 4291 §2.2 text like 2001:db8::1"],
    ['"2001:db8::1"', "bad.zone:2:8: bad IPv6 address '2001:db8::1': expected RFC 4291 §2.2 text like 2001:db8::1"],
  ])('refuses %s', (text, message) => {
    expect(refusal(text, 'AAAA')).toBe(message);
  });
});

describe('A', () => {
  it.each(['192.0.2.1', '0.0.0.0', '255.255.255.255'])('%s is kept as written', (text) => {
    expect(addressOf(text, 'A')).toBe(text);
  });
  it.each(['010.0.0.1', '192.0.2', '127.1', '0x7f.0.0.1', '::ffff:192.0.2.1', '"192.0.2.1"', '192.0.2.\\049'])('refuses %s', (text) => {
    const shown = text.replace(/^"(.*)"$/, '$1');
    expect(refusal(text, 'A')).toBe(`bad.zone:2:5: bad IPv4 address '${shown}': expected a dotted quad like 192.0.2.1`);
  });
});
