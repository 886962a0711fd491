// BIMI evaluated as a receiver would (draft-brand-indicators-for-message-identification-10 §7), over a
// zone and a fetcher serving the indicator and the certificate from memory (the interop suite serves
// them from nginx over HTTPS).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBimi, type Fetcher } from '../../src/bimi/check-bimi.js';
import { bimiFindings } from '../../src/bimi/bimi-findings.js';
import { zone } from '../dmarc/zone.js';
import { makeCa, makeMarkCertificate, pem } from '../helpers/mark-certificates.js';

const now = new Date('2026-12-06T12:00:00Z');
const svg = readFileSync(new URL('../../fixtures/bimi/northwind-logo.svg', import.meta.url));
const root = makeCa('Test MVA Root', undefined, now);
const vmc = pem(makeMarkCertificate(root, { domains: ['northwind.example'], svg }, now));
const cmc = pem(makeMarkCertificate(root, { domains: ['northwind.example'], svg, markType: 'Prior Use Mark' }, now));

function served(files: Record<string, string | Buffer>): Fetcher {
  return async (url) => {
    const body = files[url];
    return body === undefined
      ? { kind: 'failed', url, address: '192.0.2.80', step: 'status', detail: 'HTTP 404', status: 404, location: null, tlsCode: null }
      : { kind: 'ok', url, address: '192.0.2.80', status: 200, contentType: null, body: Buffer.from(body), certificate: null };
  };
}
const LOGO = 'https://brand.northwind.example/logo.svg';
const CERT = 'https://brand.northwind.example/vmc.pem';
const files = { [LOGO]: svg, [CERT]: vmc };
const DMARC = '_dmarc.northwind.example. TXT "v=DMARC1; p=reject; rua=mailto:d@northwind.example"';
const BIMI = `default._bimi.northwind.example. TXT "v=BIMI1; l=${LOGO}; a=${CERT}"`;

async function run(zoneText: string, fetched: Record<string, string | Buffer> | null = files, domain = 'northwind.example') {
  const report = await checkBimi(domain, zone(zoneText), { fetch: fetched === null ? null : served(fetched), roots: pem(root.certificate), now });
  return { report, ids: bimiFindings(report, now).map((f) => f.id) };
}

describe('a domain that does BIMI right', () => {
  it('passes, and Gmail, Apple and Yahoo would show the logo; Outlook.com shows none', async () => {
    const { report, ids } = await run(`${DMARC}\n${BIMI}`);
    expect(report).toMatchObject({ status: 'published', result: 'pass', recordDomain: 'northwind.example' });
    expect(report.certificate?.check).toMatchObject({ valid: true, kind: 'VMC', logoMatches: true, chainChecked: true });
    expect(ids).toEqual([]);
    const shows = Object.fromEntries(report.providers.map((p) => [p.provider, p.shows]));
    expect(shows).toEqual({ gmail: true, icloud: true, yahoo: true, outlook: false, gmx: null, laposte: null });
  });
  it('a subdomain uses the organizational domain\'s record (§7.2 step 6)', async () => {
    const { report } = await run(`${DMARC}\n${BIMI}\nnews.northwind.example. A 192.0.2.1`, files, 'news.northwind.example');
    expect(report).toMatchObject({ status: 'published', recordDomain: 'northwind.example', queryName: 'default._bimi.northwind.example', result: 'pass' });
  });
});

describe('not published, declined, broken', () => {
  it('no record: info', async () => {
    const { report, ids } = await run(DMARC);
    expect(report.result).toBe('none');
    expect(ids).toEqual(['bimi-none']);
  });
  it('declined: info', async () => {
    expect((await run(`${DMARC}\ndefault._bimi.northwind.example. TXT "v=BIMI1; l=; a=;"`)).ids).toEqual(['bimi-declined']);
  });
  it('two records: error', async () => {
    expect((await run(`${DMARC}\n${BIMI}\ndefault._bimi.northwind.example. TXT "v=BIMI1; l=${LOGO}"`)).ids).toEqual(['bimi-multiple-records']);
  });
  it('an http: location: error with the position', async () => {
    const { report, ids } = await run(`${DMARC}\ndefault._bimi.northwind.example. TXT "v=BIMI1; l=http://brand.northwind.example/logo.svg; a=${CERT}"`);
    expect(ids[0]).toBe('bimi-record-invalid');
    expect(bimiFindings(report, now)[0]?.evidence.position).toBe(11);
    expect(report.result).toBe('fail');
  });
  it.each([
    ['p=none', 'v=DMARC1; p=none'],
    ['p=quarantine with pct=50', 'v=DMARC1; p=quarantine; pct=50'],
    ['sp=none', 'v=DMARC1; p=reject; sp=none'],
  ])('DMARC %s: error naming the record, and no provider shows the logo', async (_what, dmarc) => {
    const { report, ids } = await run(`_dmarc.northwind.example. TXT "${dmarc}"\n${BIMI}`);
    expect(ids).toEqual(['bimi-dmarc-not-enforced']);
    expect(report.result).toBe('skipped');
    expect(report.providers.every((p) => p.shows === false)).toBe(true);
  });
  it('a subdomain with p=reject of its own still needs the organizational domain at enforcement', async () => {
    const { ids } = await run(`_dmarc.northwind.example. TXT "v=DMARC1; p=none"\n_dmarc.news.northwind.example. TXT "v=DMARC1; p=reject"\n${BIMI}\nnews.northwind.example. A 192.0.2.1`, files, 'news.northwind.example');
    expect(ids).toEqual(['bimi-dmarc-not-enforced']);
  });
  it('no a=: Gmail and Apple show no logo, Yahoo may', async () => {
    const { report, ids } = await run(`${DMARC}\ndefault._bimi.northwind.example. TXT "v=BIMI1; l=${LOGO}"`);
    expect(ids).toEqual(['bimi-no-evidence']);
    expect(report.providers.filter((p) => p.shows === true).map((p) => p.provider)).toEqual(['yahoo']);
  });
  it('a CMC: Gmail shows it, Apple Mail does not', async () => {
    const { report, ids } = await run(`${DMARC}\n${BIMI}`, { [LOGO]: svg, [CERT]: cmc });
    expect(ids).toEqual(['bimi-cmc-not-apple']);
    const shows = Object.fromEntries(report.providers.map((p) => [p.provider, p.shows]));
    expect(shows).toMatchObject({ gmail: true, icloud: false });
  });
  it('a logo that cannot be fetched, and a certificate that cannot', async () => {
    expect((await run(`${DMARC}\n${BIMI}`, { [CERT]: vmc })).ids).toEqual(['bimi-logo-not-fetched']);
    expect((await run(`${DMARC}\n${BIMI}`, { [LOGO]: svg })).ids).toEqual(['bimi-certificate-not-fetched']);
  });
  it('a published logo that differs from the certificate\'s', async () => {
    const other = Buffer.from(svg.toString().replace('#0b3d91', '#000000'));
    const { report, ids } = await run(`${DMARC}\n${BIMI}`, { [LOGO]: other, [CERT]: vmc });
    expect(ids).toEqual(['bimi-certificate-invalid']);
    expect(report.certificate?.check?.logoMatches).toBe(false);
  });
  it('offline (no fetcher): says what it did not fetch', async () => {
    const { report, ids } = await run(`${DMARC}\n${BIMI}`, null);
    expect(ids).toEqual(['bimi-fetch-off']);
    expect(report.fetched).toBe(false);
  });
});
