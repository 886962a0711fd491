// fixtures/schemas/authaudit-config.schema.json documents what the validator accepts: both must
// agree on every case here (editors use the schema; authaudit uses the validator). Where the
// schema cannot say what the validator checks, the case says why, in the data.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText } from '../../src/config/load.js';
import { loadConfigProfiles } from '../../src/config/profiles.js';
import { configValidator } from '../report/schemas.js';

const schema = configValidator();

/** A config whose only profile is a valid one with `change` applied (undefined removes a key). */
const withProfile = (change: Record<string, unknown>): unknown => {
  const profile: Record<string, unknown> = { from: 'news@shop.example', ips: ['192.0.2.10'], ...change };
  for (const key of Object.keys(profile)) if (profile[key] === undefined) delete profile[key];
  return { profiles: [profile] };
};

const accepted: Array<[string, unknown]> = [
  ['an empty config', {}],
  ['domains as names and objects', { domains: ['example.com', { domain: 'shop.example.com', selectors: ['s1'] }] }],
  ['ignore with a prefix', { ignore: ['spf-*', 'dkim-testing'] }],
  ['every fail-on level', { failOn: 'never' }],
  ['a resolver block', { resolver: { servers: ['192.0.2.1:5353'], doh: 'https://dns.example/dns-query', timeout: 1000 } }],
  ['profiles by path and inline', { profiles: ['p.json', { from: 'a@example.com', mailFrom: '<>', helo: 'mta.example.com', dkim: ['example.com:s1'], ips: ['2001:db8::1'], volume: 0 }] }],
  ['zone and overlay paths', { zone: ['zones'], overlay: ['next/example.com.zone'] }],
  ['the zone files the repository keeps', { zones: ['zones', 'named/db.example.com'] }],
  ['an editor $schema hint', { $schema: 'authaudit-config.schema.json' }],
  ['$comment notes at the top, in a domain entry and in the resolver block', {
    $comment: 'CI gate for the marketing domains',
    domains: [{ domain: 'example.com', selectors: ['s1'], $comment: 'Google Workspace' }],
    resolver: { servers: ['192.0.2.1'], $comment: 'the office resolver' },
  }],
  // inline profiles: what a profile file accepts
  ['a profile with a description', withProfile({ name: 'news', description: 'weekly newsletter' })],
  ['"$" keys as notes in a profile, a DKIM object and a volume object', withProfile({ $comment: 'note', dkim: [{ domain: 'shop.example', selector: 's1', $note: 'rotated in May' }], volume: { gmail: 10, $comment: 'a day' } })],
  ['a volume per provider, some left out or null', withProfile({ volume: { gmail: 9000, outlook: null } })],
  ['a volume per provider, all three', withProfile({ volume: { gmail: 9000, outlook: 2000, yahoo: 0 } })],
  ['the providers asked for: in a profile (a list) and at the top ("all")', { ...(withProfile({ providers: ['gmail', 'icloud'], volume: { icloud: 50, gmx: 0, laposte: null } }) as object), providers: 'all' }],
  ['a bare-domain From and MAIL FROM', withProfile({ from: 'shop.example', mailFrom: 'bounce.shop.example' })],
  ['an address split at its last "@"', withProfile({ from: '"a@b"@shop.example' })],
  ['the null sender "" with a HELO name', withProfile({ mailFrom: '', helo: 'mta.shop.example' })],
  ['the null sender "<>" with a HELO name', withProfile({ mailFrom: '<>', helo: 'mta.shop.example' })],
  ['null for every optional profile field', withProfile({ name: null, description: null, mailFrom: null, helo: null, dkim: null, volume: null })],
  ['several addresses, IPv4 and IPv6', withProfile({ ips: ['192.0.2.10', '2001:db8::25'] })],
  // no ips: predict takes samples of the ranges the MAIL FROM domain's SPF authorizes
  ['a profile without ips', withProfile({ ips: undefined })],
  ['a profile with ips null', withProfile({ ips: null })],
];

const rejected: Array<[string, unknown]> = [
  ['an unknown top-level key', { domain: ['example.com'] }],
  ['domains not an array', { domains: 'example.com' }],
  ['a domain object without domain', { domains: [{ selectors: ['s1'] }] }],
  ['an unknown fail-on level', { failOn: 'critical' }],
  ['an unknown provider in providers', { providers: ['gmail', 'hotmail'] }],
  ['providers as a word other than "all"', { providers: 'most' }],
  ['a time-out of zero', { resolver: { timeout: 0 } }],
  ['a fractional time-out', { resolver: { timeout: 1.5 } }],
  ['an unknown resolver key', { resolver: { server: ['192.0.2.1'] } }],
  ['a DoH URL that is not http(s)', { resolver: { doh: 'ftp://dns.example/' } }],
  ['a bad IP address', { ips: ['192.0.2.300'] }],
  ['an ignore entry with spaces', { ignore: ['spf too many'] }],
  ['zones as one string, not an array', { zones: 'zones' }],
  ['an empty zones path', { zones: [' '] }],
  ['a top level that is an array', ['example.com']],
  // inline profiles: each case breaks one rule of an otherwise valid profile
  ['a profile without from', withProfile({ from: undefined, helo: 'mta.example.com' })],
  ['a profile with no sending address', withProfile({ ips: [] })],
  ['a profile with a bad sending address', withProfile({ ips: ['192.0.2.300'] })],
  ['the null sender "<>" without a HELO name', withProfile({ mailFrom: '<>' })],
  ['the null sender "" without a HELO name', withProfile({ mailFrom: '' })],
  ['the null sender with a null HELO name', withProfile({ mailFrom: '<>', helo: null })],
  ['an empty HELO name', withProfile({ helo: '' })],
  ['a From without a domain', withProfile({ from: 'news@' })],
  ['a From with an empty local part', withProfile({ from: '@shop.example' })],
  ['an empty From', withProfile({ from: '' })],
  ['a MAIL FROM without a domain', withProfile({ mailFrom: 'bounce@' })],
  ['an empty stream name', withProfile({ name: ' ' })],
  ['a profile with a negative volume', withProfile({ volume: -5 })],
  ['a fractional volume', withProfile({ volume: 1.5 })],
  ['a volume beyond a safe integer', withProfile({ volume: 2 ** 53 })],
  ['a volume for an unknown provider', withProfile({ volume: { gmail: 1, aol: 3 } })],
  ['a negative volume for one provider', withProfile({ volume: { outlook: -1 } })],
  ['a volume that is a string', withProfile({ volume: '5000' })],
  ['a DKIM pair without a selector', withProfile({ dkim: ['example.com'] })],
  ['a DKIM object without a selector', withProfile({ dkim: [{ domain: 'example.com' }] })],
  ['an unknown key in a DKIM object', withProfile({ dkim: [{ domain: 'example.com', selector: 's1', algorithm: 'rsa' }] })],
  ['an unknown profile key (not a "$" note)', withProfile({ helo_name: 'mta.shop.example' })],
  ['a profile that is neither a path nor an object', { profiles: [42] }],
];

/** The validator checks more than a schema can say; each case names what. */
const schemaIsLooser: Array<[string, unknown, string]> = [
  ['a HELO name with an empty label', withProfile({ helo: 'mta..shop.example' }), 'DNS label rules with Unicode names (A-label conversion) are beyond a pattern'],
  ['two inline profiles with one name', { profiles: [{ name: 'a', from: 'x.example', ips: ['192.0.2.1'] }, { name: 'a', from: 'y.example', ips: ['192.0.2.2'] }] }, 'uniqueness of a property across array items'],
  ['a domain listed twice', { domains: ['a.example', 'A.example.'] }, 'uniqueness after case folding and a trailing dot'],
];

const ours = (value: unknown) => parseConfigText(JSON.stringify(value), '/tmp/authaudit.config.json');

describe('the config schema and the validator agree', () => {
  for (const [name, value] of accepted) {
    it(`accept: ${name}`, () => {
      const r = ours(value);
      expect(r.ok ? [] : r.problems).toEqual([]);
      expect(schema(value), JSON.stringify(schema.errors)).toBe(true);
    });
  }
  for (const [name, value] of rejected) {
    it(`reject: ${name}`, () => {
      expect(ours(value).ok).toBe(false);
      expect(schema(value)).toBe(false);
    });
  }
  for (const [name, value, why] of schemaIsLooser) {
    it(`only the validator rejects: ${name} (${why})`, () => {
      expect(ours(value).ok).toBe(false);
      expect(schema(value), JSON.stringify(schema.errors)).toBe(true);
    });
  }
});

// Every config file under fixtures/, through the whole loader (paths and profile files included).
const FIXTURE_DIR = 'fixtures/cli';
const configFixtures = readdirSync(FIXTURE_DIR)
  .filter((f) => /^config.*\.json$/.test(f))
  .map((f) => path.join(FIXTURE_DIR, f));

/** Fixtures the loader refuses for a reason that is not in the file's JSON, so no schema can see it. */
const REFUSED_BEYOND_SCHEMA: Record<string, string> = {
  'fixtures/cli/config-missing-profile-file.json': 'a profile file it names does not exist',
  'fixtures/cli/config-missing-zone.json': 'a zone folder it names does not exist',
  'fixtures/cli/config-missing-overlay.json': 'an overlay zone file it names does not exist',
};

async function loaderAccepts(file: string): Promise<boolean> {
  try {
    const config = await loadConfig({ cwd: process.cwd(), explicit: file });
    if (config === null) throw new Error(`${file} was not loaded`);
    await loadConfigProfiles(config);
    return true;
  } catch (err) {
    if (err instanceof Error && (err.name === 'ConfigError' || err.name === 'ProfileError')) return false;
    throw err;
  }
}

describe('the config fixtures: the loader and the schema give the same answer', () => {
  it('finds accepted and refused fixtures to compare', async () => {
    const verdicts = await Promise.all(configFixtures.map(loaderAccepts));
    expect(verdicts.filter((v) => v).length).toBeGreaterThanOrEqual(2);
    expect(verdicts.filter((v) => !v).length).toBeGreaterThanOrEqual(4);
    for (const file of Object.keys(REFUSED_BEYOND_SCHEMA)) expect(configFixtures).toContain(file);
  });

  for (const file of configFixtures) {
    it(file, async () => {
      const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
      const accepted = await loaderAccepts(file);
      const beyond = REFUSED_BEYOND_SCHEMA[file];
      if (beyond !== undefined) {
        // documented in the data: the JSON is valid, what is wrong is on the disk
        expect(accepted).toBe(false);
        expect(schema(value), `${beyond}: ${JSON.stringify(schema.errors)}`).toBe(true);
      } else {
        expect(schema(value), JSON.stringify(schema.errors)).toBe(accepted);
      }
    });
  }
});
