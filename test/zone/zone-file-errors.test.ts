import { describe, expect, it } from 'vitest';
import { parseZoneText } from '../../src/zone/parse-zone.js';
import { ZoneFileError } from '../../src/zone/zone-file-error.js';

function errorOf(text: string, origin: string | null = 'example.com'): ZoneFileError {
  try {
    parseZoneText(text, origin === null ? { file: 'bad.zone' } : { file: 'bad.zone', origin });
  } catch (err) {
    if (err instanceof ZoneFileError) return err;
    throw err;
  }
  throw new Error('expected a ZoneFileError');
}

describe('ZoneFileError', () => {
  it('carries file, line, column and reason, and its message is file:line:column: reason', () => {
    const err = errorOf('$TTL 1\n\nwww   A 300.1.1.1\n');
    expect([err.file, err.line, err.column]).toEqual(['bad.zone', 3, 9]);
    expect(err.reason).toBe("bad IPv4 address '300.1.1.1': expected a dotted quad like 192.0.2.1");
    expect(err.message).toBe(`bad.zone:3:9: ${err.reason}`);
  });
});

const LONG_LABEL = 'a'.repeat(64);
const LONG_NAME = Array.from({ length: 5 }, () => 'b'.repeat(60)).join('.');

describe.each([
  // [case, zone text, expected message]
  ['RFC 1035 §5.1 entries', [
    ['unterminated quote', '$TTL 1\n@ TXT "abc\n', 'bad.zone:2:7: unterminated quoted string'],
    ['a quote does not continue on the next line', '$TTL 1\n@ TXT ( "abc\n def" )\n', 'bad.zone:2:9: unterminated quoted string'],
    ['unterminated parenthesis', '$TTL 1\n@ SOA ns1 host ( 1 2\n 3 4 5\n', "bad.zone:2:16: unterminated parenthesis: '(' is never closed"],
    ['close without open', '$TTL 1\n@ A 192.0.2.1 )\n', "bad.zone:2:15: ')' without a matching '('"],
    ['nested parenthesis', '$TTL 1\n@ TXT ( ( "a" ) )\n', "bad.zone:2:9: nested '(': parentheses do not nest"],
    ['a quote inside a word', '$TTL 1\n@ TXT ab"c"\n', 'bad.zone:2:9: unexpected \'"\' inside a word: put a blank before the quoted string'],
    ['backslash at the end of a line', '$TTL 1\n@ TXT abc\\\n', 'bad.zone:2:10: backslash at the end of a line'],
    ['no owner for the first record', '$TTL 1\n   A 192.0.2.1\n', 'bad.zone:2:4: no owner name: this record starts with a blank but no record precedes it'],
    ['missing type', '$TTL 1\nwww 60 IN\n', 'bad.zone:2:10: missing record type'],
    ['unknown type', '$TTL 1\nwww 60 IN FOO x\n', "bad.zone:2:11: unknown record type 'FOO'"],
    ['a query type', '$TTL 1\nwww AXFR x\n', 'bad.zone:2:5: AXFR is a query type and cannot appear in a zone file'],
    ['a query class', '$TTL 1\nwww ANY TXT x\n', 'bad.zone:2:5: ANY is a query class and cannot appear in a zone file'],
    ['two classes', '$TTL 1\nwww IN 5 IN TXT x\n', "bad.zone:2:10: a second class 'IN'"],
    ['DNAME', '$TTL 1\nold DNAME new\n', 'bad.zone:2:5: DNAME is not supported: it would redirect every name below it (RFC 6672)'],
    ['another class', '$TTL 1\nwww CH TXT "x"\n', 'bad.zone:2:5: class CH is not supported: only IN'],
    ['two TTLs', 'www 60 IN 70 A 192.0.2.1\n', "bad.zone:1:11: a second TTL '70'"],
    ['a UTF-8 byte-order mark', '\u00ef\u00bb\u00bf$TTL 1\n@ A 192.0.2.1\n', 'bad.zone:1:1: the file starts with a UTF-8 byte-order mark, which name servers read as part of the first owner name: save it without one'],
  ]],
  ['RFC 1035 §5.1 escapes', [
    ['\\DDD with two digits', '$TTL 1\n@ TXT "a\\25b"\n', "bad.zone:2:9: bad escape '\\25': \\DDD needs three decimal digits"],
    ['\\DDD above 255', '$TTL 1\n@ TXT a\\256\n', "bad.zone:2:8: bad escape '\\256': a byte is at most 255"],
  ]],
  ['RFC 1035 §5.1 directives', [
    ['relative owner without origin', '$TTL 1\nwww A 192.0.2.1\n', "bad.zone:2:1: relative owner name 'www' but no origin is set: end it with '.' or add $ORIGIN", null],
    ['@ without origin', '$TTL 1\n@ A 192.0.2.1\n', "bad.zone:2:1: '@' used as owner name but no origin is set: add $ORIGIN", null],
    ['relative target without origin', '$TTL 1\nwww.example. CNAME host\n', "bad.zone:2:20: relative CNAME target 'host' but no origin is set: end it with '.' or add $ORIGIN", null],
    ['$ORIGIN without a name', '$ORIGIN\n', 'bad.zone:1:8: $ORIGIN needs a domain name'],
    ['$TTL with two values', '$TTL 1 2\n', "bad.zone:1:8: unexpected '2' after $TTL a TTL"],
    ['$GENERATE', '$GENERATE 1-4 host$ A 192.0.2.$\n', 'bad.zone:1:1: $GENERATE is not supported: write the records out'],
    ['an indented directive', '  $TTL 1\n', 'bad.zone:1:3: directive $TTL must start at the beginning of a line'],
    ['unknown directive', '$FOO bar\n', "bad.zone:1:1: unknown directive '$FOO'"],
    ['no TTL anywhere', 'www A 192.0.2.1\n', 'bad.zone:1:5: no TTL for this record: give one or add a $TTL directive'],
  ]],
  ['RFC 2181 §8 TTLs', [
    ['TTL out of range', 'www 2147483648 A 192.0.2.1\n', "bad.zone:1:5: TTL '2147483648' is out of range: at most 2147483647 seconds (RFC 2181 §8)"],
    ['TTL with a bad unit', 'www 1x A 192.0.2.1\n', "bad.zone:1:5: bad TTL '1x': use seconds or units like 1h, 2d, 1w"],
    ['$TTL out of range', '$TTL 9999999999\n', "bad.zone:1:6: $TTL '9999999999' is out of range: at most 2147483647 seconds (RFC 2181 §8)"],
  ]],
  ['RFC 1035 §2.3.4 size limits', [
    ['label over 63 bytes', `$TTL 1\nx.${LONG_LABEL} A 192.0.2.1\n`, `bad.zone:2:3: label in owner name 'x.${LONG_LABEL}' is longer than 63 bytes (RFC 1035 §2.3.4)`],
    ['name over 255 bytes', `$TTL 1\n${LONG_NAME} A 192.0.2.1\n`, `bad.zone:2:1: owner name '${LONG_NAME}' is 318 bytes long in wire form: at most 255 (RFC 1035 §2.3.4)`],
    ['empty label', '$TTL 1\na..b A 192.0.2.1\n', "bad.zone:2:3: empty label in owner name 'a..b'"],
    ['character-string over 255 bytes', `$TTL 1\n@ TXT "ok" "${'x'.repeat(256)}"\n`, 'bad.zone:2:12: character-string 2 is 256 bytes long: at most 255 (RFC 1035 §3.3); split it into several quoted strings'],
  ]],
  ['typed RDATA', [
    ['IPv4 with a leading zero', '$TTL 1\n@ A 010.0.0.1\n', "bad.zone:2:5: bad IPv4 address '010.0.0.1': expected a dotted quad like 192.0.2.1"],
    ['IPv4 with three parts', '$TTL 1\n@ A 10.0.1\n', "bad.zone:2:5: bad IPv4 address '10.0.1': expected a dotted quad like 192.0.2.1"],
    ['bad IPv6', '$TTL 1\n@ AAAA 2001:db8::g\n', "bad.zone:2:8: bad IPv6 address '2001:db8::g': expected RFC 4291 §2.2 text like 2001:db8::1"],
    ['IPv6 with a zone index', '$TTL 1\n@ AAAA fe80::1%eth0\n', "bad.zone:2:8: bad IPv6 address 'fe80::1%eth0': a zone index (%...) is not part of an address (RFC 4007 §11)"],
    ['A without an address', '$TTL 1\n@ A\n', 'bad.zone:2:4: A record is missing its IPv4 address'],
    ['A with two addresses', '$TTL 1\n@ A 192.0.2.1 192.0.2.2\n', "bad.zone:2:15: unexpected '192.0.2.2' after the A data"],
    ['MX preference out of range', '$TTL 1\n@ MX 65536 mx\n', "bad.zone:2:6: MX preference '65536' is out of range: at most 65535"],
    ['MX without exchange', '$TTL 1\n@ MX 10\n', 'bad.zone:2:8: MX record is missing its exchange'],
    ['TXT without strings', '$TTL 1\n@ TXT ; nothing\n', 'bad.zone:2:6: TXT needs at least one character-string'],
    ['SOA serial too large', '@ 1 SOA ns host 4294967296 1 2 3 4\n', "bad.zone:1:17: SOA serial '4294967296' is out of range: at most 4294967295"],
    ['SOA missing minimum', '@ 1 SOA ns host 1 2 3 4\n', 'bad.zone:1:24: SOA record is missing its minimum'],
    ['CAA without data', '$TTL 1\n@ CAA\n', 'bad.zone:2:6: CAA record has no data'],
  ]],
  ['RFC 3597 §5 generic RDATA', [
    ['length mismatch', '$TTL 1\n@ TYPE123 \\# 4 abcdef\n', 'bad.zone:2:14: generic RDATA length 4 does not match the 3 bytes of data'],
    ['bad hex', '$TTL 1\n@ TYPE123 \\# 1 zz\n', "bad.zone:2:16: bad hex 'zz' in generic RDATA"],
    ['not a valid A record', '$TTL 1\n@ TYPE1 \\# 3 010203\n', 'bad.zone:2:9: generic RDATA is not a valid A record'],
    ['a meta type number', '$TTL 1\n@ TYPE255 \\# 0\n', 'bad.zone:2:3: TYPE255 is not a data type and cannot appear in a zone file'],
  ]],
  ['RFC 1034 §3.6.2 / RFC 2181 §10.1 a CNAME stands alone', [
    ['CNAME after other data', '$TTL 1\nwww A 192.0.2.1\nwww CNAME host\n', "bad.zone:3:1: CNAME at 'www.example.com' beside other data (A at line 2): a CNAME must be alone (RFC 1034 §3.6.2)"],
    ['other data after a CNAME', '$TTL 1\nwww CNAME host\n TXT "x"\n', "bad.zone:3:2: TXT at 'www.example.com' beside a CNAME (at line 2): a CNAME must be alone (RFC 1034 §3.6.2)"],
    ['other types count too', '$TTL 1\nwww CNAME host\nWWW CAA 0 issue "ca"\n', "bad.zone:3:1: CAA at 'WWW.example.com' beside a CNAME (at line 2): a CNAME must be alone (RFC 1034 §3.6.2)"],
    ['two CNAMEs', '$TTL 1\nwww CNAME a\nwww CNAME b\n', "bad.zone:3:1: a second CNAME at 'www.example.com' (the first is at line 2): a name has at most one CNAME (RFC 1034 §3.6.2)"],
  ]],
  ['zone structure', [
    ['two SOAs', '$TTL 1\n@ SOA ns h 1 2 3 4 5\n@ SOA ns h 2 2 3 4 5\n', "bad.zone:3:1: a second SOA for 'example.com' (the first is at line 2): a zone has one SOA"],
    ['out-of-zone data', '$TTL 1\n@ SOA ns h 1 2 3 4 5\nwww.example.org. A 192.0.2.1\n', "bad.zone:3:1: 'www.example.org' is outside the zone ('example.com', SOA at line 2): out-of-zone data"],
  ]],
] as const)('%s', (_rule, cases) => {
  it.each(cases as unknown as [string, string, string, (string | null)?][])('%s', (_name, text, message, origin) => {
    expect(errorOf(text, origin === undefined ? 'example.com' : origin).message).toBe(message);
  });
});

describe('allowed beside a CNAME', () => {
  it('DNSSEC records (RRSIG, NSEC) may sit beside a CNAME (RFC 2181 §10.1)', () => {
    const z = parseZoneText('$TTL 1\nwww CNAME host\nwww RRSIG CNAME 8 3 1 2 3 4 ex. abcd\nwww NSEC x CNAME RRSIG\n', { file: 'ok.zone', origin: 'example.com' });
    expect(z.records.map((o) => o.type)).toEqual(['CNAME', 'RRSIG', 'NSEC']);
  });
  it('an identical CNAME written twice is one record, not two CNAMEs', () => {
    const z = parseZoneText('$TTL 1\nwww CNAME host\nwww CNAME HOST\n', { file: 'ok.zone', origin: 'example.com' });
    expect(z.records).toHaveLength(1);
  });
});
