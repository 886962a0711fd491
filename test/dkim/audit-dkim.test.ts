// A domain's set of selectors: discovery, wildcards, RFC 8020, and the Ed25519-only rule.
import { describe, expect, test } from 'vitest';
import { auditDkim, selectorSourcesText, WILDCARD_PROBE } from '../../src/dkim/audit-dkim.js';
import { COMMON_SELECTORS, COMMON_SELECTOR_NAMES } from '../../src/dkim/common-selectors.js';
import type { DnsAnswer, Resolver, RRType } from '../../src/dns/types.js';
import { ED25519_RAW, RSA_2048 } from './keys.js';
import { quoteTxt, zoneResolver, zonesResolver } from './zone.js';

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

  test('TXT that is not a key record at a wildcard (an SPF *) is neither a key nor a selector published without one', async () => {
    const audit = await auditDkim('example.com', zoneResolver('* IN TXT "v=spf1 -all"'));
    expect(audit.keys).toEqual([]);
    // every probe gets what the wildcard probe gets: the wildcard answers, no selector was published
    expect(new Set(audit.probes?.map((p) => p.outcome))).toEqual(new Set(['wildcard']));
    expect(audit.findings.map((f) => f.id)).toEqual(['dkim-none-found']);
  });

  test('a wildcard of another type or a wildcard CNAME: the probes it answers are no findings', async () => {
    for (const wildcard of ['*._domainkey IN A 192.0.2.1', '*._domainkey IN CNAME gone.example.net.', '* IN CNAME gone.example.net.']) {
      const audit = await auditDkim('example.com', zoneResolver(`${wildcard}\ngoogle._domainkey IN TXT ${quoteTxt(rsa)}`));
      expect(audit.keys.map((k) => k.selector), wildcard).toEqual(['google']);
      expect(audit.findings, wildcard).toEqual([]);
    }
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

describe('discovery of what is published without a key', () => {
  test('a common selector whose CNAME dangles is reported, and --selector gives the same finding', async () => {
    const zone = zonesResolver({
      'example.com': [`google._domainkey IN TXT ${quoteTxt(rsa)}`, 'k1._domainkey IN CNAME dkim.esp.example.'].join('\n'),
      'esp.example': 'dkim2 IN TXT "v=DKIM1; p="',
    });
    const discovered = await auditDkim('example.com', zone);
    expect(discovered.probes?.find((p) => p.selector === 'k1')).toEqual({ selector: 'k1', usedBy: expect.stringContaining('Mailchimp'), inZoneFiles: false, outcome: 'dangling-cname' });
    expect(discovered.keys.map((k) => [k.selector, k.verdict, k.reason])).toEqual([
      ['google', 'usable', null],
      ['k1', 'unusable', 'no-key'],
    ]);
    const named = await auditDkim('example.com', zone, { selectors: ['k1'] });
    // one rule: the same id, severity, message, evidence and fix in both modes
    expect(discovered.findings).toEqual(named.findings);
    expect(discovered.findings.map((f) => [f.id, f.severity])).toEqual([['dkim-no-key', 'error']]);
    expect(discovered.findings[0]?.evidence.path).toEqual(['k1._domainkey.example.com', 'dkim.esp.example']);
  });

  test('a common selector name that exists without TXT is reported; a plain NXDOMAIN is not', async () => {
    const audit = await auditDkim('example.com', zoneResolver([`google._domainkey IN TXT ${quoteTxt(rsa)}`, 'mail._domainkey IN A 192.0.2.1'].join('\n')));
    expect(audit.probes?.find((p) => p.selector === 'mail')?.outcome).toBe('nodata');
    expect(audit.findings.map((f) => [f.id, f.evidence.domain])).toEqual([['dkim-no-key', 'mail._domainkey.example.com']]);
    expect(audit.findings[0]?.message).toContain('mail._domainkey.example.com has no TXT record');
  });

  test('selectors from the zone files are checked beside the common ones, each once', async () => {
    const zone = zoneResolver(
      [
        'k1._domainkey IN CNAME dkim.esp.example.',
        'verify._domainkey IN TXT "site-verification=4f2a9c"',
        '_note.legacy._domainkey IN TXT "retired in 2023"',
        `s2024._domainkey IN TXT ${quoteTxt(rsa)}`,
      ].join('\n'),
    );
    const resolver = observed(zone);
    const audit = await auditDkim('example.com', resolver, { selectorsFromZone: ['k1', 'legacy', 's2024', 'verify', 'S2024'] });
    expect(audit.selectorsFromZone).toEqual(['k1', 'legacy', 's2024', 'verify']);
    expect(audit.selectors).toEqual([...COMMON_SELECTOR_NAMES, 'legacy', 's2024', 'verify']);
    // one question per selector: k1 is common and in the zone, asked once; all together
    expect(resolver.asked).toHaveLength(COMMON_SELECTORS.length + 3 + 2);
    expect(resolver.maxInFlight).toBe(COMMON_SELECTORS.length + 3 + 2);
    const probe = (s: string) => audit.probes?.find((p) => p.selector === s);
    expect(probe('k1')).toMatchObject({ inZoneFiles: true, outcome: 'dangling-cname' });
    expect(probe('google')).toMatchObject({ inZoneFiles: false, outcome: 'nxdomain' });
    expect(probe('s2024')).toEqual({ selector: 's2024', usedBy: null, inZoneFiles: true, outcome: 'found' });
    expect(probe('verify')?.outcome).toBe('not-dkim');
    expect(probe('legacy')?.outcome).toBe('nodata');
    expect(audit.keys.map((k) => [k.selector, k.verdict])).toEqual([
      ['k1', 'unusable'],
      ['legacy', 'unusable'],
      ['s2024', 'usable'],
      ['verify', 'unusable'],
    ]);
    expect(audit.findings.map((f) => [f.id, f.evidence.domain])).toEqual([
      ['dkim-no-key', 'k1._domainkey.example.com'],
      ['dkim-no-key', 'legacy._domainkey.example.com'],
      ['dkim-record-invalid', 'verify._domainkey.example.com'],
      ['dkim-public-key-missing', 'verify._domainkey.example.com'],
      ['dkim-unknown-tag', 'verify._domainkey.example.com'],
    ]);
    expect(selectorSourcesText(audit)).toBe(`${COMMON_SELECTORS.length} common, 4 found in the zone files (1 of them also common)`);
  });

  test('without zone files discovery is what it was: the uncommon names stay unknown', async () => {
    const zone = zoneResolver([`s2024._domainkey IN TXT ${quoteTxt(rsa)}`, 'verify._domainkey IN TXT "site-verification=4f2a9c"'].join('\n'));
    const audit = await auditDkim('example.com', zone);
    expect(audit.selectorsFromZone).toBeNull();
    expect(audit.selectors).toEqual(COMMON_SELECTOR_NAMES);
    expect(audit.findings.map((f) => f.id)).toEqual(['dkim-none-found']);
    expect(selectorSourcesText(audit)).toBeNull();
  });

  test('RFC 6376 §3.1 dotted selectors: the empty non-terminal above a found key is no finding', async () => {
    const zone = zoneResolver(`jun2005.eng._domainkey IN TXT ${quoteTxt(rsa)}`);
    const audit = await auditDkim('example.com', zone, { selectorsFromZone: ['eng', 'jun2005.eng'] });
    expect(audit.probes?.find((p) => p.selector === 'eng')?.outcome).toBe('nodata');
    expect(audit.keys.map((k) => [k.selector, k.verdict])).toEqual([['jun2005.eng', 'usable']]);
    expect(audit.findings).toEqual([]);
  });

  test('a zone selector answered like the wildcard is still checked: the files publish it', async () => {
    const zone = zoneResolver(['*._domainkey IN TXT "v=DKIM1; p="', 'old._domainkey IN TXT "v=DKIM1; p="'].join('\n'));
    const audit = await auditDkim('example.com', zone, { selectorsFromZone: ['old'] });
    expect(audit.probes?.find((p) => p.selector === 'google')?.outcome).toBe('wildcard');
    expect(audit.probes?.find((p) => p.selector === 'old')).toMatchObject({ inZoneFiles: true, outcome: 'found' });
    expect(audit.findings.map((f) => [f.id, f.evidence.domain])).toEqual([
      ['dkim-key-revoked', '*._domainkey.example.com'],
      ['dkim-key-revoked', 'old._domainkey.example.com'],
    ]);
  });

  test('only selectors published without a key: they are reported, and no key is found', async () => {
    const audit = await auditDkim('example.com', zoneResolver('k9._domainkey IN CNAME dkim.esp.example.'), { selectorsFromZone: ['k9'] });
    expect(audit.findings.map((f) => f.id)).toEqual(['dkim-no-key', 'dkim-none-found']);
    expect(audit.findings[1]?.message).toContain(
      `no key was found at any of the ${COMMON_SELECTORS.length + 1} selectors checked (${COMMON_SELECTORS.length} common, 1 found in the zone files; the zone files hold no other selector under _domainkey.example.com)`,
    );
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
