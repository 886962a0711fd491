// The JSON profile file and the command-line profile: what they accept, and errors that name the
// file, line, column and JSON path (or the option).
import { describe, expect, it } from 'vitest';
import { profileFromOptions } from '../../src/profile/from-options.js';
import { parseProfileText, readProfileFile } from '../../src/profile/read-profile-file.js';
import { ProfileError } from '../../src/profile/types.js';
import { UsageError } from '../../src/model/usage-error.js';

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (err) {
    if (err instanceof ProfileError) return err.problems;
    throw err;
  }
  throw new Error('no ProfileError');
}

describe('reading profiles', () => {
  it('reads the demo world profile file (one stream per sender)', async () => {
    const profiles = await readProfileFile('fixtures/demo/profiles.json');
    expect(profiles.map((p) => p.name)).toEqual(['northwind', 'cafe', 'megacorp', 'clinic', 'ledger', 'shop', 'travel']);
    const shop = profiles.find((p) => p.name === 'shop');
    expect(shop).toEqual({
      name: 'shop',
      description: expect.any(String),
      from: 'orders@shop.example',
      fromDomain: 'shop.example',
      mailFrom: 'bounces.sendwave.example',
      mailFromDomain: 'bounces.sendwave.example',
      helo: 'o131.out.sendwave.example',
      dkim: [{ domain: 'sendwave.example', selector: 'smtpapi' }],
      ips: ['198.51.100.131'],
      volume: { gmail: 12000, outlook: 12000, yahoo: 12000, icloud: 12000, gmx: 12000, laposte: 12000 },
      providers: null,
    });
  });

  it('defaults MAIL FROM to the From domain, reads "<>" as the null sender, and canonicalizes addresses', () => {
    const [a, b] = parseProfileText(
      JSON.stringify([
        { name: 'a', from: 'News@Shop.Example', ips: ['2001:DB8::0:1', '::ffff:192.0.2.1'], dkim: ['Shop.Example:S1', { domain: 'shop.example', selector: 's1' }] },
        { name: 'b', from: 'shop.example', mailFrom: '<>', helo: 'mta.shop.example', ips: ['192.0.2.1'], volume: { gmail: 10, yahoo: 3 } },
      ]),
      'p.json',
    );
    expect(a).toMatchObject({ from: 'News@shop.example', fromDomain: 'shop.example', mailFrom: 'shop.example', mailFromDomain: 'shop.example', ips: ['2001:db8::1', '192.0.2.1'], dkim: [{ domain: 'shop.example', selector: 's1' }], volume: { gmail: null, outlook: null, yahoo: null } });
    expect(b).toMatchObject({ mailFrom: '', mailFromDomain: null, helo: 'mta.shop.example', volume: { gmail: 10, outlook: null, yahoo: 3 } });
  });

  it('takes a single profile object as one stream named "default"', () => {
    expect(parseProfileText('{"from": "a@b.example", "ips": ["192.0.2.1"]}', 'p.json')[0]?.name).toBe('default');
  });
});

describe('profile errors name file:line:column and the JSON path', () => {
  const doc = ['{', '  "profiles": [', '    { "name": "x", "from": "a@b.example", "ips": ["192.0.2.1"] },', '    { "name": "y", "from": "a@b.example", "mailfrom": "c.example", "ips": ["192.0.2.300"] }', '  ]', '}'].join('\n');

  it('reports every problem at its place', () => {
    expect(problemsOf(() => parseProfileText(doc, 'streams.json'))).toEqual([
      'streams.json:4:43: $.profiles[1].mailfrom: unknown key "mailfrom" (did you mean "mailFrom"?)',
      "streams.json:4:76: $.profiles[1].ips[0]: '192.0.2.300' is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address",
    ]);
  });

  it.each([
    ['a null sender without a HELO name', '[{"from": "a@b.example", "mailFrom": "<>", "ips": ["192.0.2.1"]}]', '$[0].helo: is required with a null sender'],
    ['an empty address list', '[{"from": "a@b.example", "ips": []}]', '$[0].ips: must list at least one sending address'],
    ['a From that is not an address', '[{"from": "not an address", "ips": ["192.0.2.1"]}]', '$[0].from: "not an address" is not an address'],
    ['a DKIM pair without a selector', '[{"from": "a@b.example", "ips": ["192.0.2.1"], "dkim": ["b.example"]}]', "$[0].dkim[0]: 'b.example' is not domain:selector"],
    ['a negative volume', '[{"from": "a@b.example", "ips": ["192.0.2.1"], "volume": -5}]', '$[0].volume: must be a whole number'],
    ['two streams with one name', '[{"name": "n", "from": "a@b.example", "ips": ["192.0.2.1"]}, {"name": "n", "from": "a@b.example", "ips": ["192.0.2.1"]}]', '$[1].name: "n" is also the name of profile 1'],
    ['no profiles at all', '{"profiles": []}', '$.profiles: holds no profile'],
    ['profiles null', '{"profiles": null}', '$.profiles: holds no profile'],
    ['profiles not a list (said once, in good English)', '{"profiles": {"from": "a@b.example"}}', '$.profiles: must be an array, not an object'],
    ['an empty stream name', '[{"name": " ", "from": "a@b.example", "ips": ["192.0.2.1"]}]', '$[0].name: must not be empty'],
  ])('%s', (_name, text, expected) => {
    const problems = problemsOf(() => parseProfileText(text, 'p.json'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^p\.json:1:\d+: /);
    expect(problems[0]).toContain(expected);
  });

  it('a profile without "ips" (or with null) has no sending address: predict samples the SPF', () => {
    expect(parseProfileText('{"from": "a@b.example"}', 'p.json')[0]?.ips).toEqual([]);
    expect(parseProfileText('{"from": "a@b.example", "ips": null}', 'p.json')[0]?.ips).toEqual([]);
  });

  it('invalid JSON: the place of the syntax error', () => {
    expect(problemsOf(() => parseProfileText('{\n  "profiles": [,]\n}', 'bad.json'))[0]).toMatch(/^bad\.json:2:16: invalid JSON: /);
  });

  it('a missing file is named, and is a usage error (exit 2)', async () => {
    const err = await readProfileFile('fixtures/predict/nope.json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe('fixtures/predict/nope.json: cannot read the profile file: no such file');
  });
});

describe('the command-line profile', () => {
  it('builds one stream from the options', () => {
    expect(profileFromOptions({ from: 'news@shop.example', mailFrom: 'bounce.esp.example', dkim: ['shop.example:s1'], ip: ['192.0.2.10'], volume: '20000' })).toMatchObject({
      name: 'default',
      fromDomain: 'shop.example',
      mailFromDomain: 'bounce.esp.example',
      dkim: [{ domain: 'shop.example', selector: 's1' }],
      ips: ['192.0.2.10'],
      volume: { gmail: 20000, outlook: 20000, yahoo: 20000 },
    });
  });

  it('names the option in every problem', () => {
    expect(problemsOf(() => profileFromOptions({ from: 'a@b.example', ip: ['192.0.2.1', 'x'], dkim: ['nocolon'], volume: 'lots', mailFrom: '<>' }))).toEqual([
      "--volume 'lots': must be a whole number of messages a day, or gmail=N,outlook=N,yahoo=N (also icloud=, gmx=, laposte=)",
      '--helo: is required with a null sender: SPF then checks the HELO name (RFC 7208 §2.4)',
      "--dkim 'nocolon': 'nocolon' is not domain:selector (e.g. shop.example:s1)",
      "--ip 'x': 'x' is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address",
    ]);
  });

  it('takes the volume per provider', () => {
    expect(profileFromOptions({ from: 'a@b.example', ip: ['192.0.2.1'], volume: 'gmail=20000, yahoo=300' }).volume).toEqual({ gmail: 20000, outlook: null, yahoo: 300, icloud: null, gmx: null, laposte: null });
  });

  it.each([
    ['hotmail=5', "--volume 'hotmail=5': 'hotmail' is not a provider (gmail, outlook, yahoo, icloud, gmx, laposte)"],
    ['gmail=lots', "--volume 'gmail=lots': 'gmail=lots': gmail= takes a whole number of messages a day"],
    ['gmail=1,gmail=2', "--volume 'gmail=1,gmail=2': gmail is given twice"],
  ])('a bad per-provider volume: %s', (volume, problem) => {
    expect(problemsOf(() => profileFromOptions({ from: 'a@b.example', ip: ['192.0.2.1'], volume }))).toEqual([problem]);
  });

  it('needs no sending address: without --ip the profile has none, and predict samples the SPF', () => {
    expect(profileFromOptions({ from: 'a@b.example' }).ips).toEqual([]);
    expect(profileFromOptions({ from: 'a@b.example', ip: [] }).ips).toEqual([]);
    expect(profileFromOptions({ from: 'a@b.example', ip: ['2001:DB8::25'] }).ips).toEqual(['2001:db8::25']);
  });
});
