// The dkimpy key records (fixtures/dkim, copied unchanged with LICENSE.dkimpy) read as the
// conformance table says. Each is served from a fixture zone and checked like any selector.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkDkimKey } from '../../src/dkim/evaluate-key.js';
import { quoteTxt, zoneResolver } from './zone.js';

const DIR = 'fixtures/dkim';

interface Expected {
  verdict: 'usable' | 'unusable';
  reason: string | null;
  keyType: string;
  bits: number | null;
  /** Every finding id the record must produce, and nothing else. */
  ids: string[];
}

const TABLE: Record<string, Expected> = {
  'test.txt': { verdict: 'usable', reason: null, keyType: 'rsa', bits: 1024, ids: ['dkim-rsa-1024'] },
  'test2.txt': { verdict: 'usable', reason: null, keyType: 'rsa', bits: 1024, ids: ['dkim-rsa-1024'] },
  'badversion.txt': { verdict: 'unusable', reason: 'invalid-record', keyType: 'rsa', bits: 1024, ids: ['dkim-bad-version', 'dkim-rsa-1024'] },
  'badk.txt': { verdict: 'unusable', reason: 'unknown-key-type', keyType: 'ed25519-sha256', bits: null, ids: ['dkim-key-type-unknown'] },
  'test_bad.txt': { verdict: 'unusable', reason: 'undecodable', keyType: 'rsa', bits: null, ids: ['dkim-key-undecodable'] },
  'test_tlsrpt.txt': { verdict: 'unusable', reason: 'not-for-email', keyType: 'rsa', bits: 1024, ids: ['dkim-rsa-1024', 'dkim-not-for-email'] },
  'ed25519test.dns': { verdict: 'usable', reason: null, keyType: 'ed25519', bits: 256, ids: [] },
  'eximtest.dns': { verdict: 'usable', reason: null, keyType: 'ed25519', bits: 256, ids: [] },
};

const files = readdirSync(DIR).filter((f) => /\.(txt|dns)$/.test(f));
const selectorOf = (file: string): string => file.replace(/\.(txt|dns)$/, '').replace(/_/g, '-');
const zone = zoneResolver(files.map((f) => `${selectorOf(f)}._domainkey 300 IN TXT ${quoteTxt(readFileSync(`${DIR}/${f}`, 'latin1').trim())}`).join('\n'));

describe('dkimpy key records', () => {
  test('every record in the folder has a row in the table, and the reverse', () => {
    expect([...files].sort()).toEqual(Object.keys(TABLE).sort());
  });

  test.each(Object.entries(TABLE))('%s', async (file, expected) => {
    const report = await checkDkimKey('example.com', selectorOf(file), zone);
    expect(report.outcome).toBe('records');
    expect(report.verdict).toBe(expected.verdict);
    expect(report.reason).toBe(expected.reason);
    expect(report.keyType).toBe(expected.keyType);
    expect(report.bits).toBe(expected.bits);
    expect(report.findings.map((f) => f.id)).toEqual(expected.ids);
    for (const f of report.findings) {
      expect(f.evidence).toMatchObject({ domain: `${selectorOf(file)}._domainkey.example.com`, file: 'example.com.zone', line: files.indexOf(file) + 1 });
      expect(f.evidence.record).toBe(readFileSync(`${DIR}/${file}`, 'latin1').trim());
    }
  });

  test('the bad version is pointed at: the value after "v="', async () => {
    const report = await checkDkimKey('example.com', 'badversion', zone);
    expect(report.findings[0]).toMatchObject({ id: 'dkim-bad-version', evidence: { position: 2 } });
    expect(report.findings[0]?.message).toContain('RFC 6376 §3.6.1');
  });

  test('the unknown key type names what the key data really is', async () => {
    const report = await checkDkimKey('example.com', 'badk', zone);
    expect(report.findings[0]?.fix).toBe('Set k=rsa.');
  });
});
