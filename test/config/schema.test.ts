// fixtures/schemas/authaudit-config.schema.json documents what the validator accepts: both must
// agree on every case here (editors use the schema; authaudit uses the validator).
import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../src/config/load.js';
import { configValidator } from '../report/schemas.js';

const schema = configValidator();

const accepted: Array<[string, unknown]> = [
  ['an empty config', {}],
  ['domains as names and objects', { domains: ['example.com', { domain: 'shop.example.com', selectors: ['s1'] }] }],
  ['ignore with a prefix', { ignore: ['spf-*', 'dkim-testing'] }],
  ['every fail-on level', { failOn: 'never' }],
  ['a resolver block', { resolver: { servers: ['192.0.2.1:5353'], doh: 'https://dns.example/dns-query', timeout: 1000 } }],
  ['profiles by path and inline', { profiles: ['p.json', { from: 'a@example.com', mailFrom: '<>', helo: 'mta.example.com', dkim: ['example.com:s1'], ips: ['2001:db8::1'], volume: 0 }] }],
  ['zone and overlay paths', { zone: ['zones'], overlay: ['next/example.com.zone'] }],
  ['an editor $schema hint', { $schema: 'authaudit-config.schema.json' }],
];

const rejected: Array<[string, unknown]> = [
  ['an unknown top-level key', { domain: ['example.com'] }],
  ['domains not an array', { domains: 'example.com' }],
  ['a domain object without domain', { domains: [{ selectors: ['s1'] }] }],
  ['an unknown fail-on level', { failOn: 'critical' }],
  ['a time-out of zero', { resolver: { timeout: 0 } }],
  ['a fractional time-out', { resolver: { timeout: 1.5 } }],
  ['an unknown resolver key', { resolver: { server: ['192.0.2.1'] } }],
  ['a DoH URL that is not http(s)', { resolver: { doh: 'ftp://dns.example/' } }],
  ['a profile without from', { profiles: [{ helo: 'mta.example.com' }] }],
  ['a profile with a negative volume', { profiles: [{ from: 'a@example.com', volume: -5 }] }],
  ['a DKIM pair without a selector', { profiles: [{ from: 'a@example.com', dkim: ['example.com'] }] }],
  ['a bad IP address', { ips: ['192.0.2.300'] }],
  ['an ignore entry with spaces', { ignore: ['spf too many'] }],
  ['a top level that is an array', ['example.com']],
];

describe('the config schema and the validator agree', () => {
  for (const [name, value] of accepted) {
    it(`accept: ${name}`, () => {
      const ours = parseConfigText(JSON.stringify(value), '/tmp/authaudit.config.json');
      expect(ours.ok ? [] : ours.problems).toEqual([]);
      expect(schema(value), JSON.stringify(schema.errors)).toBe(true);
    });
  }
  for (const [name, value] of rejected) {
    it(`reject: ${name}`, () => {
      expect(parseConfigText(JSON.stringify(value), '/tmp/authaudit.config.json').ok).toBe(false);
      expect(schema(value)).toBe(false);
    });
  }
});
