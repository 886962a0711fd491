// Sending profiles written inline in the config file: the same object, the same checks and the
// same messages as in a profile file, each placed at the config file's line and column with its
// JSON path. Profile files the config names are read with the entry's place kept for messages.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfigText } from '../../src/config/load.js';
import { loadConfigProfiles } from '../../src/config/profiles.js';
import { parseProfileText } from '../../src/profile/read-profile-file.js';
import { ProfileError } from '../../src/profile/types.js';

/** A config whose only profile is `profile`, written on line 3 so positions are easy to read. */
function configWith(profile: string): string {
  return ['{', '  "profiles": [', `    ${profile}`, '  ]', '}'].join('\n');
}

function problemsOf(text: string, file = 'ci/authaudit.config.json'): string[] {
  const r = parseConfigText(text, `/repo/${file}`, file);
  if (r.ok) throw new Error('the config was accepted');
  return r.problems;
}

/** Column (1-based) of the first `needle` on line 3 of configWith(profile). */
const col = (profile: string, needle: string): number => 5 + profile.indexOf(needle);

describe('an inline profile with a problem names the config file, line, column and JSON path', () => {
  it('a value of the wrong type', () => {
    const p = '{"from": "news@shop.example", "ips": "198.51.100.7"}';
    expect(problemsOf(configWith(p))).toEqual([`ci/authaudit.config.json:3:${col(p, '"198.')}: $.profiles[0].ips: must be an array, not a string`]);
  });

  it('an unknown key, pointing at the key and suggesting the known one', () => {
    const p = '{"from": "news@shop.example", "mail_from": "bounce.shop.example", "ips": ["198.51.100.7"]}';
    expect(problemsOf(configWith(p))).toEqual([`ci/authaudit.config.json:3:${col(p, '"mail_from"')}: $.profiles[0].mail_from: unknown key "mail_from" (did you mean "mailFrom"?)`]);
  });

  it('an address that is not an IP address, or is one with a zone index', () => {
    const p = '{"from": "news@shop.example", "ips": ["198.51.100.7", "192.0.2.300", "fe80::1%eth0"]}';
    expect(problemsOf(configWith(p))).toEqual([
      `ci/authaudit.config.json:3:${col(p, '"192.0.2.300"')}: $.profiles[0].ips[1]: '192.0.2.300' is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address`,
      `ci/authaudit.config.json:3:${col(p, '"fe80')}: $.profiles[0].ips[2]: 'fe80::1%eth0' has a zone index (%...), which is not part of an address`,
    ]);
  });

  it('DKIM entries: a pair without a selector, an object without one, a selector that is not a name', () => {
    const p = '{"from": "news@shop.example", "ips": ["198.51.100.7"], "dkim": ["shop.example", {"domain": "shop.example"}, {"domain": "shop.example", "selector": "s 1"}]}';
    expect(problemsOf(configWith(p))).toEqual([
      `ci/authaudit.config.json:3:${col(p, '"shop.example",')}: $.profiles[0].dkim[0]: 'shop.example' is not domain:selector (e.g. shop.example:s1)`,
      `ci/authaudit.config.json:3:${col(p, '{"domain": "shop.example"}')}: $.profiles[0].dkim[1].selector: is missing (the selector, s=)`,
      `ci/authaudit.config.json:3:${col(p, '"s 1"')}: $.profiles[0].dkim[2].selector: "s 1" is not a selector`,
    ]);
  });

  it('what only a whole profile shows: a null sender without a HELO name (no ips is no problem: predict samples the SPF)', () => {
    const p = '{"from": "news@shop.example", "mailFrom": "<>"}';
    expect(problemsOf(configWith(p))).toEqual([
      `ci/authaudit.config.json:3:5: $.profiles[0].helo: is required with a null sender: SPF then checks the HELO name (RFC 7208 §2.4)`,
    ]);
  });

  it('a profile entry that is neither a path nor an object', () => {
    expect(problemsOf(configWith('42'))).toEqual(['ci/authaudit.config.json:3:5: $.profiles[0]: must be a path to a profile file or an inline profile object, not a number']);
  });

  it('gives the profile file\'s own messages for the same object', () => {
    const bad = ['{"from": "@shop.example", "ips": []}', '{"from": "a@shop.example", "ips": ["10.0.0.1"], "helo": "mta..shop.example"}', '{"from": "a@shop.example", "ips": ["10.0.0.1"], "volume": {"gmail": 1.5, "aol": 3}}'];
    for (const p of bad) {
      let fileMessages: string[] = [];
      try {
        parseProfileText(p, 'p.json');
      } catch (err) {
        if (!(err instanceof ProfileError)) throw err;
        fileMessages = err.problems.map((m) => m.replace(/^p\.json:\d+:\d+: \$/, ''));
      }
      expect(fileMessages.length).toBeGreaterThan(0);
      const configMessages = problemsOf(configWith(p)).map((m) => m.replace(/^ci\/authaudit\.config\.json:3:\d+: \$\.profiles\[0\]/, ''));
      expect(configMessages).toEqual(fileMessages);
    }
  });

  it('lists every problem of every profile in file order, with the lines they are on', () => {
    const first = '{"from": "a@shop.example", "ips": ["1.2.3"]},';
    const third = '{"from": "b@shop.example", "ips": ["10.0.0.1"], "volume": -1}';
    const text = ['{', '  "profiles": [', `    ${first}`, '    "profiles.json",', `    ${third}`, '  ]', '}'].join('\n');
    expect(problemsOf(text, 'authaudit.config.json')).toEqual([
      `authaudit.config.json:3:${col(first, '"1.2.3"')}: $.profiles[0].ips[0]: '1.2.3' is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address`,
      `authaudit.config.json:5:${col(third, '-1')}: $.profiles[2].volume: must be a whole number of messages a day (0 or more), not -1`,
    ]);
  });
});

describe('an inline profile that is right', () => {
  it('accepts what a profile file accepts and holds the same checked profile', () => {
    const p = {
      name: 'news',
      description: 'weekly newsletter',
      from: 'News@Shop.Example',
      mailFrom: 'bounce.shop.example',
      helo: 'mta1.shop.example',
      dkim: ['shop.example:s1', { domain: 'shop.example', selector: 'S1' }],
      ips: ['2001:DB8::0:25', '::ffff:198.51.100.7'],
      volume: { gmail: 9000, outlook: 2000 },
      $comment: 'notes are allowed, as in a profile file',
    };
    const r = parseConfigText(JSON.stringify({ profiles: [p] }), '/repo/authaudit.config.json');
    if (!r.ok) throw new Error(r.problems.join('\n'));
    const [fromFile] = parseProfileText(JSON.stringify(p), 'p.json');
    const entry = r.config.profiles[0];
    expect(entry?.kind === 'inline' && entry.profile).toEqual(fromFile);
    expect(fromFile).toMatchObject({ from: 'News@shop.example', ips: ['2001:db8::25', '198.51.100.7'], dkim: [{ domain: 'shop.example', selector: 's1' }] });
    // the flat fields: per-provider counts only in `profile.volume`
    expect(entry).toMatchObject({ kind: 'inline', name: 'news', from: 'News@shop.example', mailFrom: 'bounce.shop.example', helo: 'mta1.shop.example', volume: null });
  });

  it('reads "<>" with a HELO name as the null sender', () => {
    const r = parseConfigText(configWith('{"from": "shop.example", "mailFrom": "<>", "helo": "mta.shop.example", "ips": ["10.0.0.1"], "volume": 300}'), '/repo/c.json');
    if (!r.ok) throw new Error(r.problems.join('\n'));
    expect(r.config.profiles[0]).toMatchObject({ mailFrom: '', volume: 300, profile: { mailFrom: '', mailFromDomain: null, volume: { gmail: 300, outlook: 300, yahoo: 300 } } });
  });

  it('names unnamed streams like a profile file does, and refuses one name twice', () => {
    const one = parseConfigText(configWith('{"from": "a@shop.example", "ips": ["10.0.0.1"]}'), '/repo/c.json');
    expect(one.ok && one.config.profiles.map((p) => p.kind === 'inline' && p.profile.name)).toEqual(['default']);
    const text = '{"profiles": [{"from": "a@shop.example", "ips": ["10.0.0.1"]}, {"name": "profile-1", "from": "b@shop.example", "ips": ["10.0.0.2"]}]}';
    expect(problemsOf(text, 'c.json')).toEqual([`c.json:1:${text.indexOf('"profile-1"') + 1}: $.profiles[1].name: "profile-1" is also the name of $.profiles[0]: stream names must differ`]);
  });
});

describe('other config values read as strictly as the command line reads them', () => {
  it('top-level ips: the strict address reading, kept canonical', () => {
    const text = '{"ips": ["2001:DB8::0:25", "010.0.0.1"]}';
    expect(problemsOf(text, 'c.json')).toEqual([
      `c.json:1:${text.indexOf('"010') + 1}: $.ips[1]: '010.0.0.1' is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address`,
    ]);
    const ok = parseConfigText('{"ips": ["2001:DB8::0:25"]}', '/repo/c.json');
    expect(ok.ok && ok.config.ips).toEqual(['2001:db8::25']);
  });

  it('domains: a single-label name is not a mail domain (the audit would refuse it later, without a place)', () => {
    const line = '  "domains": ["shop.example", {"domain": "localhost"}]';
    const text = `{\n${line}\n}`;
    expect(problemsOf(text, 'c.json')).toEqual([`c.json:2:${line.indexOf('"localhost"') + 1}: $.domains[1].domain: "localhost" is not a mail domain (a name with at least one dot, e.g. example.com)`]);
  });
});

describe('loading a config with inline profiles and profile files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'authaudit-inline-'));
    await writeFile(path.join(dir, 'streams.json'), JSON.stringify({ profiles: [{ name: 'news', from: 'news@shop.example', ips: ['10.0.0.1'] }] }));
    await writeFile(path.join(dir, 'broken.json'), '{\n  "from": "x@shop.example",\n  "ips": ["10.0.0.300"]\n}');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const write = async (name: string, text: string) => {
    await writeFile(path.join(dir, name), text);
    return loadConfig({ cwd: dir, explicit: name });
  };

  it('a bad inline profile stops the load with a ConfigError placing each problem', async () => {
    const err = await write('bad.json', configWith('{"from": "a@shop.example", "ips": [7]}')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toBe('config file bad.json has 1 problem:\n  bad.json:3:40: $.profiles[0].ips[0]: must be an IP address string, not a number');
  });

  it('gives every stream in the order the config lists them', async () => {
    const config = await write('good.json', '{"profiles": ["streams.json", {"name": "receipts", "from": "orders@shop.example", "ips": ["10.0.0.2"]}]}');
    if (config === null) throw new Error('no config');
    const profiles = await loadConfigProfiles(config, { cwd: dir });
    expect(profiles.map((p) => [p.name, p.ips])).toEqual([
      ['news', ['10.0.0.1']],
      ['receipts', ['10.0.0.2']],
    ]);
  });

  it('a profile file that cannot be read is named with the place the config names it', async () => {
    const config = await write('missing.json', '{\n  "profiles": [\n    "streams.json",\n    "nope.json"\n  ]\n}');
    if (config === null) throw new Error('no config');
    const err = await loadConfigProfiles(config, { cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toBe('missing.json:4:5: $.profiles[1]: cannot read the profile file nope.json: no such file');
  });

  it('a bad profile file names its own line and column', async () => {
    const config = await write('broken-ref.json', '{"profiles": ["broken.json"]}');
    if (config === null) throw new Error('no config');
    const err = await loadConfigProfiles(config, { cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProfileError);
    expect((err as ProfileError).problems).toEqual([
      "broken.json:3:11: $.ips[0]: '10.0.0.300' is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address",
    ]);
  });

  it('one stream name in a profile file and inline is refused at the second place', async () => {
    const config = await write('twice.json', '{\n  "profiles": [\n    "streams.json",\n    {"name": "news", "from": "a@shop.example", "ips": ["10.0.0.3"]}\n  ]\n}');
    if (config === null) throw new Error('no config');
    const err = await loadConfigProfiles(config, { cwd: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toBe('twice.json:4:5: $.profiles[1]: the stream name "news" is also used at twice.json:3:5: $.profiles[0]: stream names must differ');
  });
});
