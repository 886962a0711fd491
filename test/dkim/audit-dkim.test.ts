// A domain's set of selectors: discovery, wildcards, RFC 8020, and the Ed25519-only rule.
import { describe, expect, test } from 'vitest';
import { auditDkim, WILDCARD_PROBE } from '../../src/dkim/audit-dkim.js';
import { COMMON_SELECTORS, COMMON_SELECTOR_NAMES } from '../../src/dkim/common-selectors.js';
import type { DnsAnswer, Resolver, RRType } from '../../src/dns/types.js';
import { ED25519_RAW, RSA_2048 } from './keys.js';
import { quoteTxt, zoneResolver } from './zone.js';

const rsa = `v=DKIM1; k=rsa; p=${RSA_2048}`;
const ed = `v=DKIM1; k=ed25519; p=${ED25519_RAW}`;

/** Records the questions asked and how many were waiting for an answer at once. */
function observed(inner: Resolver): Resolver & { asked: string[]; maxInFlight: number } {
  let inFlight = 0;
  const self = {
    asked: [] as string[],
    maxInFlight: 0,
    async query<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
      self.asked.push(`${name} ${type}`);
      inFlight++;
      self.maxInFlight = Math.max(self.maxInFlight, inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return inner.query(name, type);
    },
  };
  return self;
}

describe('selector discovery', () => {
  test('finds keys at common selectors, and only those', async () => {
    const zone = zoneResolver([`google._domainkey IN TXT ${quoteTxt(rsa)}`, `s1._domainkey IN TXT ${quoteTxt(rsa)}`].join('\n'));
    const audit = await auditDkim('example.com', zone);
    expect(audit.mode).toBe('discovery');
    expect(audit.keys.map((k) => k.selector)).toEqual(['google', 's1']);
    expect(audit.probes?.filter((p) => p.outcome === 'found').map((p) => p.selector)).toEqual(['google', 's1']);
    expect(audit.probes?.filter((p) => p.outcome === 'nxdomain')).toHaveLength(COMMON_SELECTORS.length - 2);
    expect(audit.domainkey).toMatchObject({ name: '_domainkey.example.com', exists: true, outcome: 'nodata' });
    expect(audit.findings).toEqual([]);
  });

  test('every probe goes out before any answer comes back', async () => {
    const resolver = observed(zoneResolver('www IN A 192.0.2.1'));
    await auditDkim('example.com', resolver);
    // the _domainkey node, the wildcard probe and every common selector
    expect(resolver.asked).toHaveLength(COMMON_SELECTORS.length + 2);
    expect(resolver.maxInFlight).toBe(COMMON_SELECTORS.length + 2);
  });

  test('RFC 8020: _domainkey NXDOMAIN means no selector has a key', async () => {
    const audit = await auditDkim('example.com', zoneResolver('www IN A 192.0.2.1'));
    expect(audit.domainkey).toMatchObject({ exists: false, outcome: 'nxdomain' });
    expect(audit.findings.map((f) => f.id)).toEqual(['dkim-none-found']);
    expect(audit.findings[0]?.message).toContain('does not exist (NXDOMAIN), so by RFC 8020 no selector has a key');
  });

  test('_domainkey exists but no common selector answers: the message says discovery is not proof', async () => {
    const audit = await auditDkim('example.com', zoneResolver(`custom2024._domainkey IN TXT ${quoteTxt(rsa)}`));
    expect(audit.domainkey.exists).toBe(true);
    expect(audit.findings.map((f) => f.id)).toEqual(['dkim-none-found']);
    expect(audit.findings[0]?.message).toContain(`no key was found at ${COMMON_SELECTORS.length} common selectors`);
  });

  test('a revoked key found by discovery is a retired selector: info, not error', async () => {
    const audit = await auditDkim('example.com', zoneResolver(['selector1._domainkey IN TXT "v=DKIM1; p="', `selector2._domainkey IN TXT ${quoteTxt(rsa)}`].join('\n')));
    expect(audit.findings.map((f) => [f.id, f.severity])).toEqual([['dkim-key-revoked', 'info']]);
  });

  test('TXT that is not a key record (a wildcard SPF) is not a found key', async () => {
    const audit = await auditDkim('example.com', zoneResolver('* IN TXT "v=spf1 -all"'));
    expect(audit.keys).toEqual([]);
    expect(new Set(audit.probes?.map((p) => p.outcome))).toEqual(new Set(['not-dkim']));
  });

  test('a wildcard key under _domainkey is reported once, as *', async () => {
    const audit = await auditDkim('example.com', zoneResolver(['*._domainkey IN TXT "v=DKIM1; p="', `google._domainkey IN TXT ${quoteTxt(rsa)}`].join('\n')));
    expect(audit.keys.map((k) => [k.selector, k.name, k.verdict])).toEqual([
      ['*', '*._domainkey.example.com', 'unusable'],
      ['google', 'google._domainkey.example.com', 'usable'],
    ]);
    expect(audit.probes?.find((p) => p.selector === 'selector1')?.outcome).toBe('wildcard');
    expect(audit.findings.map((f) => f.id)).toEqual(['dkim-key-revoked']);
    expect(WILDCARD_PROBE).toMatch(/^[a-z0-9-]+$/);
  });

  test('a failed probe is reported; it may hide a key', async () => {
    const zone = zoneResolver(`google._domainkey IN TXT ${quoteTxt(rsa)}`, { failures: [{ name: 'k1._domainkey.example.com', failure: 'timeout', exceptTypes: [] }] });
    const audit = await auditDkim('example.com', zone);
    expect(audit.probes?.find((p) => p.selector === 'k1')?.outcome).toBe('failure');
    expect(audit.keys.map((k) => [k.selector, k.verdict])).toEqual([
      ['google', 'usable'],
      ['k1', 'temperror'],
    ]);
    expect(audit.findings.map((f) => f.id)).toEqual(['dkim-dns-failure']);
  });

  test('a custom list of selectors can be probed', async () => {
    const audit = await auditDkim('example.com', zoneResolver(`mine._domainkey IN TXT ${quoteTxt(rsa)}`), { commonSelectors: [{ selector: 'mine', usedBy: 'test' }] });
    expect(audit.selectors).toEqual(['mine']);
    expect(audit.keys.map((k) => k.selector)).toEqual(['mine']);
  });
});

describe('named selectors', () => {
  test('only the named selectors are asked, each reported, missing ones as errors', async () => {
    const resolver = observed(zoneResolver(`a._domainkey IN TXT ${quoteTxt(rsa)}`));
    const audit = await auditDkim('example.com', resolver, { selectors: ['a', 'b', 'a'] });
    expect(audit).toMatchObject({ mode: 'selectors', selectors: ['a', 'b'], probes: null });
    expect(resolver.asked.sort()).toEqual(['_domainkey.example.com TXT', 'a._domainkey.example.com TXT', 'b._domainkey.example.com TXT']);
    expect(audit.findings.map((f) => [f.id, f.severity])).toEqual([['dkim-no-key', 'error']]);
  });

  test('a revoked named selector is an error', async () => {
    const audit = await auditDkim('example.com', zoneResolver('old._domainkey IN TXT "p="'), { selectors: ['old'] });
    expect(audit.findings.map((f) => [f.id, f.severity])).toEqual([['dkim-key-revoked', 'error']]);
  });
});

describe('the set of selectors', () => {
  test('Ed25519 without an RSA key beside it: major providers verify nothing', async () => {
    const audit = await auditDkim('example.com', zoneResolver(`ed._domainkey IN TXT ${quoteTxt(ed)}`), { selectors: ['ed'] });
    expect(audit.findings.map((f) => f.id)).toEqual(['dkim-ed25519-without-rsa']);
    expect(audit.findings[0]?.message).toMatch(/RFC 8463/);
    expect(audit.findings[0]?.evidence.path).toEqual(['ed._domainkey.example.com']);
  });

  test('Ed25519 with a working RSA key beside it (dual signing) is fine', async () => {
    const zone = zoneResolver([`ed._domainkey IN TXT ${quoteTxt(ed)}`, `rsa._domainkey IN TXT ${quoteTxt(rsa)}`].join('\n'));
    const audit = await auditDkim('example.com', zone, { selectors: ['ed', 'rsa'] });
    expect(audit.findings).toEqual([]);
  });

  test('a revoked RSA key does not count as the RSA key beside Ed25519', async () => {
    const zone = zoneResolver([`ed._domainkey IN TXT ${quoteTxt(ed)}`, 'rsa._domainkey IN TXT "k=rsa; p="'].join('\n'));
    const audit = await auditDkim('example.com', zone, { selectors: ['ed', 'rsa'] });
    expect(audit.findings.map((f) => f.id).sort()).toEqual(['dkim-ed25519-without-rsa', 'dkim-key-revoked']);
  });

  test('RFC 8020: keys below a _domainkey that answers NXDOMAIN are at risk', async () => {
    // a broken server: NXDOMAIN for the empty non-terminal above an existing key
    const inner = zoneResolver(`s._domainkey IN TXT ${quoteTxt(rsa)}`);
    const broken: Resolver = {
      query: async (name, type) => (name === '_domainkey.example.com' ? { name, type, cnameChain: [], kind: 'nxdomain', ttl: 300 } : inner.query(name, type)),
    };
    const audit = await auditDkim('example.com', broken, { selectors: ['s'] });
    expect(audit.findings.map((f) => f.id)).toEqual(['dkim-domainkey-nxdomain-with-keys']);
  });
});

describe('the common selector list', () => {
  test('holds the selectors the issue names, each once, each with who uses it', () => {
    for (const s of ['google', 'selector1', 'selector2', 'k1', 'k2', 'k3', 's1', 's2', 'default', 'dkim', 'mail', 'smtp', 'mandrill']) {
      expect(COMMON_SELECTOR_NAMES).toContain(s);
    }
    expect(new Set(COMMON_SELECTOR_NAMES).size).toBe(COMMON_SELECTOR_NAMES.length);
    for (const s of COMMON_SELECTORS) {
      expect(s.selector).toMatch(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/);
      expect(s.usedBy.length).toBeGreaterThan(3);
    }
  });
});
