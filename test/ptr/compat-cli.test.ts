// Every address argument of the CLI goes through one strict reader (src/net/read-address.ts readAddress, the
// parser SPF uses), through the BUILT command (`npm test` builds first), offline on test/ptr/zones:
// - ::1.2.3.4 is an IPv4-compatible IPv6 address (RFC 4291 §2.5.5.1, deprecated): the IPv6 address
//   ::102:304, whose PTR is under ip6.arpa (v6host), never the IPv4 address 1.2.3.4 (v4host);
// - ::ffff:1.2.3.4 is IPv4-mapped (RFC 4291 §2.5.5.2): the IPv4 address 1.2.3.4, as SPF evaluates it
//   (RFC 7208 §5);
// - a bad address is exit 2 with one line naming it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltCli } from '../helpers/run-cli.js';
import { reportValidator } from '../report/schemas.js';

const ZONE = ['--zone', 'test/ptr/zones'];
const V6_REVERSE = `4.0.3.0.2.0.1.0.${'0.'.repeat(24)}ip6.arpa`;

async function json(args: string[], code = 0): Promise<Record<string, unknown>> {
  const run = await runBuiltCli([...ZONE, ...args, '--format', 'json']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(code);
  const doc = JSON.parse(run.stdout) as Record<string, unknown>;
  const validate = reportValidator();
  expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  return doc;
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authaudit-compat-'));
  await writeFile(join(dir, 'profile.json'), JSON.stringify({ profiles: [{ name: 'compat', from: 'news@example.net', ips: ['::1.2.3.4', '::ffff:1.2.3.4'] }] }));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('ptr', () => {
  it('::1.2.3.4 asks for the ip6.arpa name of ::102:304', async () => {
    const doc = await json(['ptr', '::1.2.3.4']);
    const [report] = doc['addresses'] as Array<Record<string, unknown>>;
    expect(report).toMatchObject({ input: '::1.2.3.4', address: '::102:304', family: 6, mappedFrom: null, reverseName: V6_REVERSE, result: 'pass', confirmedName: 'v6host.example.net' });
  });

  it('::1.2.3.4 in text: the IPv6 address and its AAAA confirmation', async () => {
    const run = await runBuiltCli([...ZONE, 'ptr', '::1.2.3.4']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('::102:304  FCrDNS pass');
    expect(run.stdout).toContain(`${V6_REVERSE}: 1 PTR name`);
    expect(run.stdout).toContain('= v6host.example.net  AAAA ::102:304');
  });

  it('::ffff:1.2.3.4 is the IPv4 address 1.2.3.4, as SPF treats it', async () => {
    const doc = await json(['ptr', '::ffff:1.2.3.4']);
    const [report] = doc['addresses'] as Array<Record<string, unknown>>;
    expect(report).toMatchObject({ input: '::ffff:1.2.3.4', address: '1.2.3.4', family: 4, mappedFrom: '::ffff:1.2.3.4', reverseName: '4.3.2.1.in-addr.arpa', confirmedName: 'v4host.example.net' });
  });
});

describe('--ip and profile ips', () => {
  it('audit --ip ::1.2.3.4 checks the reverse DNS of ::102:304', async () => {
    const doc = await json(['example.net', '--ip', '::1.2.3.4', '--ip', '::ffff:1.2.3.4']);
    const [domain] = doc['domains'] as Array<{ ptr: Array<Record<string, unknown>> }>;
    expect(domain?.ptr).toEqual([
      { address: '::102:304', result: 'pass', ptrNames: ['v6host.example.net'], confirmedName: 'v6host.example.net', roles: [] },
      { address: '1.2.3.4', result: 'pass', ptrNames: ['v4host.example.net'], confirmedName: 'v4host.example.net', roles: [] },
    ]);
  });

  it('spf --ip: ::1.2.3.4 is the IPv6 address the record authorizes; ::ffff:1.2.3.4 is IPv4 (RFC 7208 §5) and fails', async () => {
    expect((await json(['spf', 'example.net', '--ip', '::1.2.3.4']))['result']).toBe('pass');
    expect((await json(['spf', 'example.net', '--ip', '::ffff:1.2.3.4']))['result']).toBe('fail');
  });

  it('predict --ip and the ips of a profile file are read the same way', async () => {
    const fromOption = await json(['predict', '--from', 'news@example.net', '--ip', '::1.2.3.4', '--fail-on', 'never']);
    expect((fromOption['streams'] as Array<{ ips: string[] }>)[0]?.ips).toEqual(['::102:304']);
    const fromFile = await json(['predict', '--profile', join(dir, 'profile.json'), '--fail-on', 'never']);
    expect((fromFile['streams'] as Array<{ ips: string[] }>)[0]?.ips).toEqual(['::102:304', '1.2.3.4']);
    const addresses = (fromFile['predictions'] as Array<{ address: string }>).map((p) => p.address);
    expect(new Set(addresses)).toEqual(new Set(['::102:304', '1.2.3.4']));
  });
});

describe('a bad address is exit 2 with one line naming it', () => {
  it.each([
    [['ptr', '1.2.3'], "authaudit: '1.2.3' is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address"],
    [['ptr', '::1.2.3.04'], "authaudit: '::1.2.3.04' has an embedded IPv4 part '1.2.3.04' that is not four decimal numbers"],
    [['ptr', 'fe80::1%eth0'], "authaudit: 'fe80::1%eth0' has a zone index (%...), which is not part of an address"],
    [['ptr', '2001:db8::1\u001b[2J'], "authaudit: '2001:db8::1\\x1b[2J' is not an IPv6 address (RFC 4291 §2.2)"],
    [['example.net', '--ip', '::1.2.3'], "authaudit: --ip '::1.2.3' has an embedded IPv4 part '1.2.3' that is not four decimal numbers"],
    [['spf', 'example.net', '--ip', '1.2.3.4\u0007'], "authaudit: spf: --ip '1.2.3.4\\x07' is not an IPv4 address (four decimal numbers 0-255 without leading zeros) or an IPv6 address"],
    [['predict', '--from', 'news@example.net', '--ip', '010.0.0.1'], "--ip '010.0.0.1': '010.0.0.1' is not an IPv4 address"],
  ])('%j', async (args, message) => {
    const run = await runBuiltCli([...ZONE, ...args]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr.split('\n')).toHaveLength(2); // one line and its newline
  });
});
