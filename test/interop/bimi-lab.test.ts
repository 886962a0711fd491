// BIMI against a real HTTPS server, through the built CLI: nginx serves the indicators and the mark
// certificates on a loopback address (its TLS certificate from a test CA made here with openssl; the
// mark certificates, their own root and their logotype extensions made here with the ASN.1 schemas).
// Names resolve through --zone files only, so nothing leaves the machine. Hostile files (a 5 MB SVG,
// an entity bomb, deep nesting, a PEM of garbage) must end bounded, with a finding.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNginx, type NginxLab } from '../helpers/nginx-lab.js';
import { jsonOf, runBuiltCli } from '../helpers/run-cli.js';
import { makeTestCa, makeLeaf, type TestCa } from '../helpers/test-pki.js';
import { makeCa, makeMarkCertificate, pem } from '../helpers/mark-certificates.js';
import { reportValidator } from '../report/schemas.js';

const validate = reportValidator();

const WEB = '127.0.20.1';
const DAY = 86_400_000;
const logo = readFileSync(new URL('../../fixtures/bimi/northwind-logo.svg', import.meta.url));
const otherLogo = Buffer.from(logo.toString().replace('#0b3d91', '#aa0000'));

// one domain per case: what nginx serves at brand.<case>.lab.example, and the BIMI record
const CASES = ['good', 'cmc', 'differs', 'expired', 'huge', 'bomb', 'deep', 'garbage', 'redirect', 'none'] as const;

let dir: string;
let ca: TestCa;
let nginx: NginxLab;
let rootsFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authaudit-bimi-lab-'));
  ca = await makeTestCa(join(dir, 'pki'));
  const now = new Date();
  const mva = makeCa('authaudit test Mark Verifying Authority', undefined, now);
  rootsFile = join(dir, 'mva-roots.pem');
  await writeFile(rootsFile, pem(mva.certificate));
  const mark = (d: string, options: Partial<Parameters<typeof makeMarkCertificate>[1]> = {}): string => pem(makeMarkCertificate(mva, { domains: [d], svg: logo, ...options }, now));
  const bodies: Record<(typeof CASES)[number], Record<string, string | Buffer>> = {
    good: { 'logo.svg': logo, 'vmc.pem': mark('good.lab.example') },
    cmc: { 'logo.svg': logo, 'vmc.pem': mark('cmc.lab.example', { markType: 'Prior Use Mark' }) },
    differs: { 'logo.svg': otherLogo, 'vmc.pem': mark('differs.lab.example') },
    expired: { 'logo.svg': logo, 'vmc.pem': mark('expired.lab.example', { notBefore: new Date(now.getTime() - 400 * DAY), notAfter: new Date(now.getTime() - DAY) }) },
    huge: { 'logo.svg': Buffer.alloc(5 * 1024 * 1024, 0x20), 'vmc.pem': mark('huge.lab.example') },
    bomb: { 'logo.svg': `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 1 1"><title>&b;</title></svg>`, 'vmc.pem': mark('bomb.lab.example') },
    deep: { 'logo.svg': `<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny-ps" viewBox="0 0 1 1"><title>x</title>${'<g>'.repeat(3000)}${'</g>'.repeat(3000)}</svg>`, 'vmc.pem': mark('deep.lab.example') },
    garbage: { 'logo.svg': logo, 'vmc.pem': '-----BEGIN CERTIFICATE-----\nZ2FyYmFnZSBpbiwgZ2FyYmFnZSBvdXQ=\n-----END CERTIFICATE-----\n' },
    redirect: { 'vmc.pem': mark('redirect.lab.example') },
    none: {},
  };
  const sites = [];
  for (const c of CASES) {
    const cert = await makeLeaf(ca, { names: [`brand.${c}.lab.example`] });
    const directives = c === 'redirect' ? ['location = /logo.svg { return 302 https://brand.good.lab.example/logo.svg; }'] : [];
    sites.push({ names: [`brand.${c}.lab.example`], certFile: cert.chainFile, keyFile: cert.keyFile, files: bodies[c], directives });
  }
  nginx = await startNginx({ address: WEB, sites, http: ['default_type application/octet-stream;', 'types { image/svg+xml svg; application/pem-certificate-chain pem; }'] });

  const zone = [
    '$ORIGIN lab.example.',
    '$TTL 300',
    '@ SOA ns.lab.example. hostmaster.lab.example. 1 3600 600 86400 300',
    '@ NS ns.lab.example.',
    `ns A ${WEB}`,
    // the organizational domain of every case (BIMI asks for DMARC at enforcement there too)
    '_dmarc TXT "v=DMARC1; p=reject"',
    ...CASES.flatMap((c) => [
      `brand.${c} A ${WEB}`,
      `_dmarc.${c} TXT "v=DMARC1; p=reject; rua=mailto:d@${c}.lab.example"`,
      `default._bimi.${c} TXT "v=BIMI1; l=https://brand.${c}.lab.example/logo.svg; a=https://brand.${c}.lab.example/vmc.pem"`,
    ]),
    '',
  ].join('\n');
  await mkdir(join(dir, 'zones'));
  await writeFile(join(dir, 'zones', 'lab.example.zone'), zone);
}, 120000);

afterAll(async () => {
  await nginx?.stop();
  await rm(dir, { recursive: true, force: true });
});

const world = (): string[] => ['--zone', join(dir, 'zones'), '--fetch', '--ca-file', ca.certFile, '--bimi-roots', rootsFile, '--timeout', '1000', '--format', 'json', '--fail-on', 'never'];

/** The parts of `bimi` (JSON) the cases read. */
interface Problem {
  code: string;
}
interface BimiJson {
  result: string | null;
  fetched: boolean;
  logo: { valid: boolean | null; title: string | null; contentType: string | null; fetchProblem: { step: string } | null; problems: Problem[] };
  certificate: { valid: boolean | null; kind: string | null; logoMatches: boolean | null; chainChecked: boolean; problems: Problem[] };
  providers: { provider: string; shows: boolean | null }[];
}

async function bimi(c: (typeof CASES)[number], extra: string[] = world()) {
  const r = await runBuiltCli(['bimi', `${c}.lab.example`, ...extra]);
  expect(r.stderr).toBe('');
  const doc = jsonOf(r) as { bimi: BimiJson; findings: { id: string; message: string }[] };
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return { ...doc.bimi, ids: doc.findings.map((f) => f.id), messages: doc.findings.map((f) => f.message), exit: r.code };
}

describe('BIMI served by nginx over HTTPS', () => {
  it('a VMC whose logo is the published one: pass, Gmail and Apple show it', async () => {
    const r = await bimi('good');
    expect(r.result).toBe('pass');
    expect(r.logo).toMatchObject({ valid: true, title: 'Northwind', contentType: 'image/svg+xml' });
    expect(r.certificate).toMatchObject({ valid: true, kind: 'VMC', logoMatches: true, chainChecked: true });
    expect(r.ids).toEqual([]);
    expect(Object.fromEntries(r.providers.map((p) => [p.provider, p.shows]))).toMatchObject({ gmail: true, icloud: true, outlook: false });
  });
  it('a CMC: Gmail yes, Apple no', async () => {
    const r = await bimi('cmc');
    expect(r.certificate.kind).toBe('CMC');
    expect(r.ids).toEqual(['bimi-cmc-not-apple']);
  });
  it('a certificate whose embedded logo differs from the published one', async () => {
    const r = await bimi('differs');
    expect(r.certificate.logoMatches).toBe(false);
    expect(r.ids).toEqual(['bimi-certificate-invalid']);
  });
  it('an expired certificate', async () => {
    const r = await bimi('expired');
    expect(r.certificate.problems.map((p) => p.code)).toEqual(['expired']);
    expect(r.result).toBe('fail');
  });
  it('no --bimi-roots: the chain is not checked, and the report says so', async () => {
    const r = await bimi('good', world().filter((a, i, all) => a !== '--bimi-roots' && all[i - 1] !== '--bimi-roots'));
    expect(r.certificate.chainChecked).toBe(false);
    expect(r.ids).toEqual(['bimi-certificate-chain-unchecked']);
  });
  it('a logo behind a redirect is not followed', async () => {
    const r = await bimi('redirect');
    expect(r.logo.fetchProblem?.step).toBe('redirect');
    expect(r.ids).toContain('bimi-logo-not-fetched');
  });
  it('nothing served: both fetches fail with the status', async () => {
    const r = await bimi('none');
    expect(r.ids).toEqual(['bimi-logo-not-fetched', 'bimi-certificate-not-fetched']);
    expect(r.messages[0]).toMatch(/404/);
  });
});

describe('hostile files, bounded', () => {
  it('a 5 MB SVG stops at the fetch bound', async () => {
    const r = await bimi('huge');
    expect(r.logo.fetchProblem?.step).toBe('too-large');
    expect(r.ids).toContain('bimi-logo-invalid');
  });
  it('an entity bomb is refused at its DOCTYPE', async () => {
    const r = await bimi('bomb');
    expect(r.logo.problems.map((p) => p.code)).toEqual(['doctype']);
  });
  it('deep nesting stops the reading', async () => {
    const r = await bimi('deep');
    expect(r.logo.problems.map((p) => p.code)).toEqual(['too-deep']);
  });
  it('a PEM of garbage', async () => {
    const r = await bimi('garbage');
    expect(r.certificate.problems.map((p) => p.code)).toEqual(['bad-certificate']);
  });
});

describe('offline', () => {
  it('without --fetch, --zone runs do not fetch and say so', async () => {
    const r = await bimi('good', ['--zone', join(dir, 'zones'), '--format', 'json']);
    expect(r.fetched).toBe(false);
    expect(r.ids).toEqual(['bimi-fetch-off']);
    expect(r.exit).toBe(0);
  });
});
