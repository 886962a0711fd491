import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, findConfigFile, loadConfig, parseConfigText } from '../../src/config/load.js';
import { UsageError } from '../../src/model/usage-error.js';

const FULL = `{
  "$schema": "./node_modules/authaudit/fixtures/schemas/authaudit-config.schema.json",
  "domains": ["Example.COM.", {"domain": "shop.example.com", "selectors": ["s1", "google"]}, "bücher.example"],
  "selectors": ["selector1", "selector2"],
  "ips": ["192.0.2.10", "2001:db8::25"],
  "profiles": [
    "profiles/newsletter.json",
    {"name": "receipts", "from": "orders@shop.example.com", "mailFrom": "bounce@mg.shop.example.com", "helo": "mta1.example.net",
     "dkim": ["shop.example.com:s1", {"domain": "mg.shop.example.com", "selector": "k1"}], "ips": ["198.51.100.7"], "volume": 12000}
  ],
  "ignore": ["dkim-none-found", "DMARC-*"],
  "failOn": "warning",
  "resolver": {"servers": ["9.9.9.9", "[2620:fe::fe]:53"], "doh": "https://dns.example/dns-query", "timeout": 2500},
  "zone": ["zones"],
  "overlay": ["proposed/example.com.zone"],
  "zones": ["../dns/zones", "named/db.example.com"]
}`;

describe('config files', () => {
  it('turns a full config into typed values, paths resolved against the config folder', () => {
    const r = parseConfigText(FULL, '/repo/ci/authaudit.config.json');
    if (!r.ok) throw new Error(r.problems.join('\n'));
    const c = r.config;
    expect(c.file).toBe(path.resolve('/repo/ci/authaudit.config.json'));
    expect(c.domains).toEqual([
      { domain: 'example.com', selectors: null },
      { domain: 'shop.example.com', selectors: ['s1', 'google'] },
      { domain: 'xn--bcher-kva.example', selectors: null },
    ]);
    expect(c.selectors).toEqual(['selector1', 'selector2']);
    expect(c.ips).toEqual(['192.0.2.10', '2001:db8::25']);
    const receipts = {
      name: 'receipts',
      from: 'orders@shop.example.com',
      mailFrom: 'bounce@mg.shop.example.com',
      helo: 'mta1.example.net',
      dkim: [
        { domain: 'shop.example.com', selector: 's1' },
        { domain: 'mg.shop.example.com', selector: 'k1' },
      ],
      ips: ['198.51.100.7'],
    };
    expect(c.profiles).toEqual([
      { kind: 'file', path: path.resolve('/repo/ci/profiles/newsletter.json'), origin: '/repo/ci/authaudit.config.json:7:5: $.profiles[0]' },
      {
        kind: 'inline',
        ...receipts,
        volume: 12000,
        profile: { ...receipts, description: null, fromDomain: 'shop.example.com', mailFromDomain: 'mg.shop.example.com', volume: { gmail: 12000, outlook: 12000, yahoo: 12000, icloud: 12000, gmx: 12000, laposte: 12000 }, providers: null },
        origin: '/repo/ci/authaudit.config.json:8:5: $.profiles[1]',
      },
    ]);
    expect(c.ignore).toEqual(['dkim-none-found', 'dmarc-*']);
    expect(c.failOn).toBe('warning');
    expect(c.resolver).toEqual({ servers: ['9.9.9.9', '[2620:fe::fe]:53'], doh: 'https://dns.example/dns-query', timeout: 2500 });
    expect(c.zone).toEqual([path.resolve('/repo/ci/zones')]);
    expect(c.overlay).toEqual([path.resolve('/repo/ci/proposed/example.com.zone')]);
    expect(c.zones).toEqual([path.resolve('/repo/dns/zones'), path.resolve('/repo/ci/named/db.example.com')]);
  });

  it('an empty object is a valid config with everything empty', () => {
    const r = parseConfigText('{}', 'authaudit.config.json');
    expect(r.ok && r.config).toMatchObject({ domains: [], selectors: [], profiles: [], ignore: [], failOn: null, resolver: { servers: [], doh: null, timeout: null } });
  });

  it('names file:line:column for bad JSON', () => {
    const r = parseConfigText('{\n  "domains": ["a.example",\n}', 'ci/authaudit.config.json');
    expect(r).toEqual({ ok: false, problems: ['ci/authaudit.config.json:3:1: invalid JSON: expected a value, found "}"'] });
  });

  it('names file:line:column and the JSON path of every invalid value at once', () => {
    const text = [
      '{',
      '  "domains": ["ok.example", "bad_label-.example", 42],',
      '  "failOn": "critical",',
      '  "resolver": {"servers": ["dns.google"], "timeout": 0},',
      '  "profiles": [{"from": "nobody@", "volume": -1}]',
      '}',
    ].join('\n');
    const r = parseConfigText(text, 'authaudit.config.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      'authaudit.config.json:2:29: $.domains[1]: "bad_label-.example" is not a domain name (labels of letters, digits, "-" or "_", 1-63 characters each)',
      'authaudit.config.json:2:51: $.domains[2]: must be a domain name or an object {"domain", "selectors"}, not a number',
      'authaudit.config.json:3:13: $.failOn: must be one of "error", "warning", "info", "never"',
      "authaudit.config.json:4:28: $.resolver.servers[0]: invalid resolver address 'dns.google': 'dns.google' is not an IP address (name servers are given by address, not by name)",
      'authaudit.config.json:4:54: $.resolver.timeout: must be a whole number of milliseconds from 1 to 600000',
      'authaudit.config.json:5:25: $.profiles[0].from: "nobody@" is not an address (local-part@domain) or a domain',
      'authaudit.config.json:5:46: $.profiles[0].volume: must be a whole number of messages a day (0 or more), not -1',
    ]);
  });

  it('points an unknown key at the key, suggesting the known one', () => {
    const r = parseConfigText('{\n  "fail-on": "error",\n  "resolver": {"server": []}\n}', 'c.json');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContain('c.json:2:3: $["fail-on"]: unknown key "fail-on" (did you mean "failOn"?)');
    expect(r.problems.some((p) => p.startsWith('c.json:3:16: $.resolver.server: unknown key "server" (allowed: servers, doh, timeout)'))).toBe(true);
  });

  it('refuses a domain listed twice and a top level that is not an object', () => {
    const twice = parseConfigText('{"domains": ["a.example", "A.example."]}', 'c.json');
    expect(twice.ok === false && twice.problems).toEqual(['c.json:1:27: $.domains[1]: "a.example" is listed twice']);
    const arr = parseConfigText('["a.example"]', 'c.json');
    expect(arr.ok === false && arr.problems).toEqual(['c.json:1:1: $: the config must be a JSON object, not an array']);
  });
});

describe('finding and loading the config file', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'authaudit-config-'));
    await mkdir(path.join(dir, 'with'));
    await writeFile(path.join(dir, 'with', 'authaudit.config.json'), '{"domains": ["example.com"], "failOn": "info"}');
    await mkdir(path.join(dir, 'bad'));
    await writeFile(path.join(dir, 'bad', 'authaudit.config.json'), '{"domains": "example.com"}');
    await mkdir(path.join(dir, 'empty'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds authaudit.config.json in the working folder', async () => {
    expect(await findConfigFile(path.join(dir, 'with'))).toBe(path.join(dir, 'with', 'authaudit.config.json'));
    const c = await loadConfig({ cwd: path.join(dir, 'with'), explicit: null });
    expect(c?.domains).toEqual([{ domain: 'example.com', selectors: null }]);
    expect(c?.failOn).toBe('info');
  });

  it('is fine without one', async () => {
    expect(await loadConfig({ cwd: path.join(dir, 'empty'), explicit: null })).toBeNull();
  });

  it('--config names the file, relative to the working folder', async () => {
    const c = await loadConfig({ cwd: dir, explicit: 'with/authaudit.config.json' });
    expect(c?.file).toBe(path.join(dir, 'with', 'authaudit.config.json'));
  });

  it('a missing --config file is a usage error (exit 2), as is a folder', async () => {
    await expect(loadConfig({ cwd: dir, explicit: 'nope.json' })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ cwd: dir, explicit: 'nope.json' })).rejects.toThrow('config file nope.json: no such file');
    await expect(loadConfig({ cwd: dir, explicit: 'with' })).rejects.toThrow('config file with: is a folder, not a file');
  });

  it('a bad config is a ConfigError (a UsageError) listing each problem with its place', async () => {
    const err = await loadConfig({ cwd: path.join(dir, 'bad'), explicit: null }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as ConfigError).name).toBe('ConfigError');
    expect((err as ConfigError).message).toBe('config file authaudit.config.json has 1 problem:\n  authaudit.config.json:1:13: $.domains: must be an array, not a string');
  });

  it('zone and overlay paths must be there: each missing one is placed in the config, in file order', async () => {
    await mkdir(path.join(dir, 'paths', 'zones'), { recursive: true });
    const text = '{\n  "overlay": ["next.zone"],\n  "zone": ["zones", "old-zones"]\n}';
    await writeFile(path.join(dir, 'paths', 'authaudit.config.json'), text);
    const err = await loadConfig({ cwd: dir, explicit: 'paths/authaudit.config.json' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems).toEqual([
      'paths/authaudit.config.json:2:15: $.overlay[0]: cannot read the zone path paths/next.zone: no such file or folder',
      'paths/authaudit.config.json:3:21: $.zone[1]: cannot read the zone path paths/old-zones: no such file or folder',
    ]);
    await writeFile(path.join(dir, 'paths', 'authaudit.config.json'), '{"zone": ["zones"]}');
    const ok = await loadConfig({ cwd: dir, explicit: 'paths/authaudit.config.json' });
    expect(ok?.zone).toEqual([path.join(dir, 'paths', 'zones')]);
  });

  it('"zones" (the zone files a repository keeps) need not be there: a change may add or remove them', async () => {
    await writeFile(path.join(dir, 'paths', 'authaudit.config.json'), '{"zones": ["zones", "not-yet"]}');
    const c = await loadConfig({ cwd: dir, explicit: 'paths/authaudit.config.json' });
    expect(c?.zones).toEqual([path.join(dir, 'paths', 'zones'), path.join(dir, 'paths', 'not-yet')]);
  });
});
