// RFC 1035 §3.2.1: RDLENGTH is 16 bits, so a record's RDATA is at most 65,535 bytes on the wire.
// The reader refuses a record that would be larger, at its first RDATA token; exactly 65,535 is fine.
import { describe, expect, it } from 'vitest';
import { parseZoneText } from '../../src/zone/parse-zone.js';
import { MAX_RDATA, typedRdataLength } from '../../src/zone/rdata-size.js';
import { ZoneFileError } from '../../src/zone/zone-file-error.js';
import type { DnsRecord } from '../../src/dns/types.js';

const parse = (text: string) => parseZoneText(text, { file: 'big.zone', origin: 'example.test' });

function errorOf(text: string): ZoneFileError {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof ZoneFileError) return err;
    throw err;
  }
  throw new Error('expected a ZoneFileError');
}

/** `count` quoted strings of `length` bytes each, blank-separated. */
const strings = (count: number, length: number): string => Array.from({ length: count }, () => `"${'x'.repeat(length)}"`).join(' ');

const HEAD = '$TTL 300\n@ SOA ns hostmaster 1 7200 900 1209600 300\n';

describe('RFC 1035 §3.2.1: at most 65,535 bytes of RDATA', () => {
  it('a generated 72 KB TXT over several lines: refused at its first string, with the size and the limit', () => {
    // 288 strings of 255 bytes: 288 × 256 = 73,728 bytes on the wire; 16 strings a line
    const lines = Array.from({ length: 18 }, () => `    ${strings(16, 255)}`).join('\n');
    const err = errorOf(`${HEAD}\nbig 300 IN TXT (\n${lines}\n)\nafter TXT "v=spf1 -all"\n`);
    expect([err.file, err.line, err.column]).toEqual(['big.zone', 5, 5]);
    expect(err.reason).toBe('TXT RDATA is 73728 bytes on the wire: at most 65535, since RDLENGTH is 16 bits (RFC 1035 §3.2.1); spread the text over several records or names');
  });

  it('on one line the column is that of the first string, not the owner', () => {
    const err = errorOf(`${HEAD}big TXT ${strings(300, 255)}\n`);
    expect([err.line, err.column]).toEqual([3, 9]);
    expect(err.reason).toMatch(/^TXT RDATA is 76800 bytes/);
  });

  it('exactly 65,535 bytes is accepted (255 strings of 255 bytes and one of 254)', () => {
    const zone = parse(`${HEAD}edge TXT ${strings(255, 255)} "${'y'.repeat(254)}"\n`);
    const record = zone.records.find((r) => r.name === 'edge.example.test') as DnsRecord;
    expect(record.type).toBe('TXT');
    expect(typedRdataLength(record)).toBe(MAX_RDATA);
  });

  it('65,536 bytes is refused (255 strings of 255 bytes and one of 255)', () => {
    const err = errorOf(`${HEAD}edge TXT ${strings(256, 255)}\n`);
    expect(err.reason).toMatch(/^TXT RDATA is 65536 bytes on the wire: at most 65535/);
  });

  it('empty strings count their length byte: 65,536 of them are too many for SPF too', () => {
    expect(errorOf(`${HEAD}e SPF ${'"" '.repeat(65536)}\n`).reason).toMatch(/^SPF RDATA is 65536 bytes/);
    expect(parse(`${HEAD}e SPF ${'"" '.repeat(65535)}\n`).records).toHaveLength(2);
  });

  it('RFC 3597 generic RDATA: a length over 65,535 is refused at the \\#, for typed and uninterpreted types', () => {
    const hex = (n: number): string => 'ab'.repeat(n);
    const typed = errorOf(`${HEAD}g TYPE16 \\# 65536 ${hex(65536)}\n`);
    expect([typed.line, typed.column, typed.reason]).toEqual([3, 10, 'TXT RDATA is 65536 bytes on the wire: at most 65535, since RDLENGTH is 16 bits (RFC 1035 §3.2.1); spread the text over several records or names']);
    const other = errorOf(`${HEAD}g TYPE65280 \\# 70000 ${hex(70000)}\n`);
    expect([other.line, other.column, other.reason]).toEqual([3, 13, 'TYPE65280 RDATA is 70000 bytes on the wire: at most 65535, since RDLENGTH is 16 bits (RFC 1035 §3.2.1)']);
    // the declared length alone decides: no such record exists whatever follows
    expect(errorOf(`${HEAD}g CAA \\# 99999 00\n`).reason).toMatch(/^CAA RDATA is 99999 bytes/);
    expect(parse(`${HEAD}g TYPE65280 \\# 65535 ${hex(65535)}\n`).others).toHaveLength(1);
  });

  it('the wire length of each typed RDATA', () => {
    const zone = parse(`${HEAD}a A 192.0.2.1\na AAAA 2001:db8::1\na MX 10 mx\nc CNAME a\n`);
    const lengths = zone.records.map((r) => [r.type, typedRdataLength(r)]);
    // SOA: ns.example.test (17) + hostmaster.example.test (25) + 20; MX: 2 + mx.example.test (17)
    expect(lengths).toEqual([['SOA', 62], ['A', 4], ['AAAA', 16], ['MX', 19], ['CNAME', 16]]);
  });
});
