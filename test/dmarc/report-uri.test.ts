// rua / ruf URIs: mailto: syntax, size suffixes, several comma-separated (RFC 7489 §6.2, §6.4).
import { describe, expect, it } from 'vitest';
import { parseReportUri, parseReportUris } from '../../src/dmarc/report-uri.js';
import { parseDmarcRecord } from '../../src/dmarc/parse-record.js';

describe('one URI', () => {
  it.each([
    ['mailto:dmarc@example.com', true, 'example.com', null],
    ['MAILTO:Dmarc@Example.COM', true, 'example.com', null],
    ['mailto:dmarc@example.com!10m', true, 'example.com', 10 * 1024 ** 2],
    ['mailto:dmarc@example.com!50', true, 'example.com', 50],
    ['mailto:dmarc@example.com!1k', true, 'example.com', 1024],
    ['mailto:dmarc@example.com!2g', true, 'example.com', 2 * 1024 ** 3],
    ['mailto:dmarc@example.com!1t', true, 'example.com', 1024 ** 4],
    ['mailto:d%2Bx@example.com', true, 'example.com', null],
    ['mailto:dmarc@example.com?subject=x', true, 'example.com', null],
  ])('%s is usable (domain %s, limit %s)', (text, valid, domain, bytes) => {
    const uri = parseReportUri(text, 0);
    expect(uri.valid).toBe(valid);
    expect(uri.domain).toBe(domain);
    expect(uri.sizeLimit?.bytes ?? null).toBe(bytes);
  });

  it.each([
    ['dmarc@example.com', 'no scheme'],
    ['mailto:example.com', 'not a mailbox'],
    ['mailto:@example.com', 'not a mailbox'],
    ['mailto:dmarc@', 'not a valid mail domain'],
    ['mailto:dmarc@localhost', 'not a valid mail domain'],
    ['mailto:dmarc@exa_mple.com', 'not a valid mail domain'],
    ['mailto:dm arc@example.com', 'not a valid local part'],
    ['mailto:dmarc@example.com!10x', 'not a size limit'],
    ['mailto:dmarc@example.com!', 'not a size limit'],
    ['mailto:%zz@example.com', 'percent-encoding'],
    ['https://example.com/report', 'only "mailto:"'],
  ])('%s is not usable: %s', (text, problem) => {
    const uri = parseReportUri(text, 0);
    expect(uri.valid).toBe(false);
    expect(uri.problem).toContain(problem);
  });
});

describe('a list of URIs', () => {
  it('splits at commas with whitespace, keeping positions', () => {
    const value = 'mailto:a@example.com , mailto:b@example.net!5m';
    const { uris, issues } = parseReportUris(value, 100, 'rua');
    expect(uris.map((u) => [u.domain, u.position])).toEqual([
      ['example.com', 100],
      ['example.net', 100 + value.indexOf('mailto:b')],
    ]);
    expect(issues.map((i) => i.code)).toEqual(['size-limit']);
    expect(issues[0]?.position).toBe(100 + value.indexOf('!5m'));
  });

  it('reports an empty entry and a bad entry separately', () => {
    const { issues } = parseReportUris('mailto:a@example.com,,bad', 0, 'rua');
    expect(issues.map((i) => i.code)).toEqual(['bad-uri', 'bad-uri']);
  });

  it('warns about a non-mailto URI', () => {
    const { issues } = parseReportUris('https://example.com/r', 0, 'ruf');
    expect(issues.map((i) => [i.code, i.severity])).toEqual([['non-mailto-uri', 'warning']]);
  });

  it('points at the URI inside the whole record', () => {
    const text = 'v=DMARC1; p=none; rua=mailto:a@example.com,mailto:nope';
    const bad = parseDmarcRecord(text).issues.find((i) => i.code === 'bad-uri');
    expect(bad?.position).toBe(text.indexOf('mailto:nope'));
  });
});
