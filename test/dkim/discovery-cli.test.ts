// DKIM discovery over the selectors a zone file holds, through the BUILT command (`npm test` builds
// first): test/dkim/discovery-zones/sender.example.zone publishes k1 (a common selector) as a CNAME
// to a name its provider never published, verify (a TXT that is no key), legacy (an empty
// non-terminal above a note) and s2024 (a good key under a name no common list holds). The default
// audit, without --selector, must report the first three and find the fourth.
import { describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';
import { reportValidator } from '../report/schemas.js';
import { COMMON_SELECTORS } from '../../src/dkim/common-selectors.js';

const ZONE = ['--zone', 'test/dkim/discovery-zones'];
const COMMON = COMMON_SELECTORS.length;

interface JsonFinding {
  id: string;
  severity: string;
  message: string;
  fix: string | null;
  evidence: { domain: string; path: string[] | null };
}

async function json(args: string[]): Promise<Record<string, unknown>> {
  const run = await runBuiltCli([...args, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(1);
  const doc = JSON.parse(run.stdout) as Record<string, unknown>;
  const validate = reportValidator();
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return doc;
}

const dkimFindings = (doc: Record<string, unknown>): Array<[string, string]> =>
  (doc['findings'] as JsonFinding[]).filter((f) => f.id.startsWith('dkim-')).map((f) => [f.id, f.evidence.domain]);

const REPORTED: Array<[string, string]> = [
  ['dkim-no-key', 'k1._domainkey.sender.example'],
  ['dkim-no-key', 'legacy._domainkey.sender.example'],
  ['dkim-record-invalid', 'verify._domainkey.sender.example'],
  ['dkim-public-key-missing', 'verify._domainkey.sender.example'],
  ['dkim-unknown-tag', 'verify._domainkey.sender.example'],
];

describe('authaudit --zone <files> <domain> (the default audit, no --selector)', () => {
  it('text: the dangling CNAME and the names without a key are findings, the uncommon key is found', async () => {
    const run = await runBuiltCli([...ZONE, 'sender.example']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  DKIM   k1 unusable (no key) via dkim.esp.example; legacy unusable (no key); s2024 usable (rsa 2048); verify unusable (rsa, invalid-record)');
    expect(run.stdout).toMatch(/error {3}dkim-no-key {2}k1\._domainkey\.sender\.example\n {6}k1\._domainkey\.sender\.example is a CNAME that dangles \(k1\._domainkey\.sender\.example → dkim\.esp\.example\): dkim\.esp\.example does not exist \(NXDOMAIN\)/);
    expect(run.stdout).toContain("fix dkim.esp.example is in esp.example's zone, not yours: configure (or re-enable) DKIM for sender.example at that provider");
    expect(run.stdout).toMatch(/error {3}dkim-no-key {2}legacy\._domainkey\.sender\.example/);
    expect(run.stdout).toMatch(/error {3}dkim-record-invalid {2}verify\._domainkey\.sender\.example/);
    expect(run.stdout).not.toContain('dkim-none-found');
  });

  it('JSON (schema-valid): the findings, and the selectors the zone file added to discovery', async () => {
    const doc = await json([...ZONE, 'sender.example']);
    expect(dkimFindings(doc)).toEqual(REPORTED);
    const dkim = (doc['domains'] as Array<{ dkim: Record<string, unknown> }>)[0]?.dkim;
    expect(dkim?.['mode']).toBe('discovery');
    expect(dkim?.['selectorsFromZone']).toEqual(['k1', 'legacy', 's2024', 'verify']);
    expect((dkim?.['selectors'] as string[]).length).toBe(COMMON + 3);
    expect((dkim?.['keys'] as Array<{ selector: string; verdict: string; cnameTarget: string | null }>).map((k) => [k.selector, k.verdict, k.cnameTarget])).toEqual([
      ['k1', 'unusable', 'dkim.esp.example'],
      ['legacy', 'unusable', null],
      ['s2024', 'usable', null],
      ['verify', 'unusable', null],
    ]);
    expect(dkim?.['usable']).toBe(1);
  });
});

describe('authaudit dkim <domain> --zone <files>', () => {
  it('text: the summary counts the common selectors and those of the zone file', async () => {
    const run = await runBuiltCli(['dkim', 'sender.example', ...ZONE]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`DKIM sender.example (discovery over ${COMMON + 3} selectors)`);
    expect(run.stdout).toContain(`checked ${COMMON + 3} selectors: ${COMMON} common, 4 found in the zone files (1 of them also common); ${COMMON - 1} have no record`);
    expect(run.stdout).toMatch(/k1 {2}k1\._domainkey\.sender\.example {2}unusable: no-key\n {6}CNAME k1\._domainkey\.sender\.example → dkim\.esp\.example\n {6}NXDOMAIN/);
    expect(run.stdout).toMatch(/s2024 {2}s2024\._domainkey\.sender\.example {2}usable rsa 2048 bits/);
  });

  it('JSON (schema-valid): each probe says where its selector came from and what it found', async () => {
    const doc = await json(['dkim', 'sender.example', ...ZONE]);
    expect(dkimFindings(doc)).toEqual(REPORTED);
    expect(doc['selectorsFromZone']).toEqual(['k1', 'legacy', 's2024', 'verify']);
    const probes = doc['probes'] as Array<{ selector: string; usedBy: string | null; inZoneFiles: boolean; outcome: string }>;
    expect(probes).toHaveLength(COMMON + 3);
    const bySelector = new Map(probes.map((p) => [p.selector, p]));
    expect(bySelector.get('k1')).toMatchObject({ inZoneFiles: true, outcome: 'dangling-cname' });
    expect(bySelector.get('k1')?.usedBy).not.toBeNull();
    expect(bySelector.get('s2024')).toEqual({ selector: 's2024', usedBy: null, inZoneFiles: true, outcome: 'found' });
    expect(bySelector.get('verify')).toEqual({ selector: 'verify', usedBy: null, inZoneFiles: true, outcome: 'not-dkim' });
    expect(bySelector.get('legacy')).toEqual({ selector: 'legacy', usedBy: null, inZoneFiles: true, outcome: 'nodata' });
    expect(bySelector.get('google')).toMatchObject({ inZoneFiles: false, outcome: 'nxdomain' });
  });

  it('discovery and --selector agree: the same finding for the same selector', async () => {
    const discovered = (await json(['dkim', 'sender.example', ...ZONE]))['findings'] as JsonFinding[];
    const named = (await json(['dkim', 'sender.example', '--selector', 'k1,legacy', ...ZONE]))['findings'] as JsonFinding[];
    expect(named.map((f) => f.id)).toEqual(['dkim-no-key', 'dkim-no-key']);
    expect(discovered.filter((f) => f.id === 'dkim-no-key')).toEqual(named);
  });
});
