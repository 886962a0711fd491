// The MTA-STS TXT record (RFC 8461 §3.1), the policy file (§3.2), MX pattern matching (§4.1) and the
// TLS-RPT record (RFC 8460 §3), parsed whole with positions.
import { describe, expect, it } from 'vitest';
import { parseMtaStsRecord } from '../../src/transport/mta-sts-record.js';
import { mxPatternMatches, parseMtaStsPolicy } from '../../src/transport/mta-sts-policy.js';
import { parseTlsRptRecord } from '../../src/transport/tls-rpt-record.js';
import { startsWithVersion } from '../../src/transport/sts-fields.js';

describe('the _mta-sts TXT record', () => {
  it.each([
    ['v=STSv1; id=20160831085700Z', '20160831085700Z'],
    ['v=STSv1; id=abc;', 'abc'],
    ['v=STSv1;id=A1;ext-name.x=value', 'A1'],
  ])('%s is valid', (text, id) => {
    expect(parseMtaStsRecord(text)).toEqual({ text, id, problems: [] });
  });

  it.each([
    ['v=STSv1;', 'has no "id" field', 8],
    ['v=STSv1; id=2016-08-31', 'is not 1 to 32 letters and digits', 12],
    [`v=STSv1; id=${'a'.repeat(33)}`, 'is not 1 to 32 letters and digits', 12],
    ['id=abc; v=STSv1', 'must start with "v=STSv1"', 0],
    ['v=STSv1; id=a; id=b', 'repeats', 15],
    ['v=STSv1; id=a; x=', 'value of "x"', 17],
  ])('%s: %s at %i', (text, message, position) => {
    const problems = parseMtaStsRecord(text).problems;
    expect(problems.some((p) => p.message.includes(message) && p.position === position), JSON.stringify(problems)).toBe(true);
  });

  it('keeps only records that start with the version (the others are discarded)', () => {
    expect(startsWithVersion('v=STSv1; id=1', 'STSv1')).toBe(true);
    expect(startsWithVersion('v=STSv1', 'STSv1')).toBe(true);
    expect(startsWithVersion('v=STSv10; id=1', 'STSv1')).toBe(false);
    expect(startsWithVersion('v=spf1 -all', 'STSv1')).toBe(false);
  });
});

describe('the policy file', () => {
  it('reads CRLF and LF lines, several mx, extensions', () => {
    const p = parseMtaStsPolicy('version: STSv1\r\nmode: enforce\nmx: mail.example.com\r\nmx: *.Example.NET\nmax_age: 604800\nx-ext: 1\n');
    expect(p).toMatchObject({ version: 'STSv1', mode: 'enforce', maxAge: 604800, problems: [] });
    expect(p.mx).toEqual([
      { pattern: 'mail.example.com', line: 3 },
      { pattern: '*.example.net', line: 4 },
    ]);
  });

  it('a none policy needs no mx', () => {
    expect(parseMtaStsPolicy('version: STSv1\nmode: none\nmax_age: 86400').problems).toEqual([]);
  });

  it.each([
    ['mode: enforce\nmx: a.example\nmax_age: 1', 'no "version: STSv1"', 0],
    ['version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1', 'version "STSv2"', 1],
    ['version: STSv1\nmode: strict\nmx: a.example\nmax_age: 1', 'mode "strict"', 2],
    ['version: STSv1\nmode: enforce\nmax_age: 1', 'no "mx" line', 0],
    ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 12345678901', 'max_age "12345678901"', 4],
    ['version: STSv1\nmode: enforce\nmx: *.*.example\nmax_age: 1', 'mx "*.*.example"', 3],
    ['version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\nmode: testing', '"mode" is given twice', 5],
    ['version: STSv1\n\nmode: enforce\nmx: a.example\nmax_age: 1', 'line 2 is empty', 2],
    ['<html>\nversion: STSv1', 'not "key: value"', 1],
  ])('%j: %s', (text, message, line) => {
    const problems = parseMtaStsPolicy(text).problems;
    expect(problems.some((p) => p.message.includes(message) && p.line === line), JSON.stringify(problems)).toBe(true);
  });
});

describe('mx patterns (RFC 8461 §4.1)', () => {
  it.each([
    ['mail.example.com', 'mail.example.com', true],
    ['mail.example.com', 'MAIL.example.com.', true],
    ['*.example.com', 'mx1.example.com', true],
    ['*.example.com', 'example.com', false],
    ['*.example.com', 'a.b.example.com', false],
    ['mail.example.com', 'mail.example.net', false],
  ])('%s matches %s: %s', (pattern, host, matches) => {
    expect(mxPatternMatches(pattern, host)).toBe(matches);
  });
});

describe('the _smtp._tls TXT record', () => {
  it('reads rua URIs, mailto and https, with positions', () => {
    const r = parseTlsRptRecord('v=TLSRPTv1; rua=mailto:reports@example.com, https://reporting.example.com/v1/tlsrpt');
    expect(r.problems).toEqual([]);
    expect(r.rua.map((u) => [u.uri, u.scheme, u.position])).toEqual([
      ['mailto:reports@example.com', 'mailto', 16],
      ['https://reporting.example.com/v1/tlsrpt', 'https', 44],
    ]);
  });

  it.each([
    ['v=TLSRPTv1;', 'no "rua" field'],
    ['v=TLSRPTv1; rua=ftp://example.com/x', 'neither a mailto: nor an https: URI'],
    ['v=TLSRPTv1; rua=mailto:nobody', 'not a mailto: URI with one e-mail address'],
    ['v=TLSRPTv1; rua=https://', 'not an https URL'],
    ['v=TLSRPTv1; rua=mailto:a@example.com,,mailto:b@example.com', 'an empty URI'],
    ['rua=mailto:a@example.com; v=TLSRPTv1', 'must start with "v=TLSRPTv1"'],
  ])('%s: %s', (text, message) => {
    expect(parseTlsRptRecord(text).problems.map((p) => p.message).join('\n')).toContain(message);
  });
});
