// DNS as code through the built command: an octoDNS folder audited, a Terraform plan diffed
// offline, dnscontrol IR as --zone, and inputs that cannot be read: one line naming the file and
// line (or the resource), exit 2.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { gitSandbox } from '../helpers/git-fixture.js';
import { runBuiltCli } from '../helpers/run-cli.js';

const temp = mkdtempSync(join(tmpdir(), 'authaudit-dns-as-code-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const write = (name: string, text: string): string => {
  const path = join(temp, name);
  writeFileSync(path, text);
  return path;
};

interface Report {
  domains: { domain: string; verdict: string; findings: { id: string; evidence: { file: string | null; line: number | null } }[] }[];
  findings: { id: string; evidence: { path: string[] | null; file: string | null; line: number | null } }[];
}

describe('DNS as code, through the built command', () => {
  it('audits an octoDNS folder (a zone file and a split-zone folder), findings placed at the YAML line', async () => {
    const run = await runBuiltCli(['--zone', 'fixtures/dns-as-code/octodns', '--format', 'json', 'octo.example', 'split.example']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    expect(report.domains.map((d) => [d.domain, d.verdict])).toEqual([
      ['octo.example', 'pass'],
      ['split.example', 'at-risk'],
    ]);
    const dmarc = report.domains[1]?.findings.find((f) => f.id === 'dmarc-policy-none');
    expect(dmarc?.evidence).toMatchObject({ file: 'fixtures/dns-as-code/octodns/split.example./_dmarc.yaml', line: 4 });
    expect(run.code).toBe(0);
  });

  it('--verbose names each zone and counts the records passed over', async () => {
    const run = await runBuiltCli(['lookup', 'octo.example', 'MX', '--zone', 'fixtures/dns-as-code/octodns', '--verbose']);
    expect(run.code).toBe(0);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('zone: '))).toEqual([
      'zone: octo.example from fixtures/dns-as-code/octodns/octo.example.yaml (named after the file)',
      'zone: split.example from fixtures/dns-as-code/octodns/split.example. (named after the file)',
      'zone: fixtures/dns-as-code/octodns/octo.example.yaml: 2 records of types authaudit does not use passed over: ALIAS, NAPTR',
    ]);
  });

  it('diff --plan: what the plan introduces, the unknown value named by its resource, exit 1', async () => {
    const run = await runBuiltCli(['diff', '--plan', 'fixtures/dns-as-code/terraform/plan.json', '--offline', '--format', 'json']);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Report;
    const unknown = report.findings.find((f) => f.id === 'input-value-unknown');
    expect(unknown?.evidence).toMatchObject({ path: ['cloudflare_record.spf'], file: 'fixtures/dns-as-code/terraform/plan.json' });
    expect(report.findings.map((f) => f.id)).toContain('dmarc-policy-none');
    expect(report.findings.map((f) => f.id)).not.toContain('spf-none');
    expect(run.code).toBe(1);
  });

  it('diff --plan in text names the unknown value and the domains the plan touches', async () => {
    const run = await runBuiltCli(['diff', '--plan', 'fixtures/dns-as-code/terraform/plan.json', '--offline', '--fail-on', 'never']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  cloudflare_record.spf: cf.example (fixtures/dns-as-code/terraform/plan.json:');
    expect(run.stdout).toMatch(/^ {2}tf\.example {2}AT RISK -> AT RISK {2}2 introduced/m);
  });

  it('reads dnscontrol IR as --zone', async () => {
    const run = await runBuiltCli(['--zone', 'fixtures/dns-as-code/dnscontrol/ir-v3.json', 'dkim', 'control.example', '--selector', 'mail', '--format', 'json']);
    expect(run.stdout).toContain('"selector": "mail"');
    expect(run.code).toBe(0);
  });

  it('bad input: one line with the file and line, exit 2', async () => {
    const yaml = write('bad.example.yaml', "'':\n  type: TXT\n  value: v=spf1 -all; oops\n");
    const cases: [string[], string][] = [
      [['--zone', yaml, 'bad.example'], `authaudit: ${yaml}:3:10: unescaped ';' at character 12 of this TXT value: octoDNS rejects it; write '\\;' (or mark the record 'octodns: {lenient: true}')`],
      [['--zone', write('syntax.example.yaml', "'':\n  type: [A\n"), 'syntax.example'], `authaudit: ${join(temp, 'syntax.example.yaml')}:3:1: YAML:`],
      [['--zone', write('v2.json', '{"format_version": "2.0", "resource_changes": []}'), 'x.example'], `authaudit: ${join(temp, 'v2.json')}:1:20: $.format_version: format_version 2.0: authaudit reads plans of format 1.x`],
      [['--zone', write('other.json', '{"hello": "world"}'), 'x.example'], `authaudit: ${join(temp, 'other.json')}:1:1: not a zone input authaudit reads: JSON zone inputs are a Terraform/OpenTofu plan`],
      [['diff', '--plan', join(temp, 'missing.json')], `authaudit: --plan: cannot read '${join(temp, 'missing.json')}': no such file`],
    ];
    for (const [args, start] of cases) {
      const run = await runBuiltCli(args);
      expect(run.stderr.startsWith(start), `${args.join(' ')}\n${run.stderr}`).toBe(true);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
      expect(run.code).toBe(2);
    }
  });
});

describe('a plan over the live DNS (a loopback server)', () => {
  let server: TestDnsServer;
  let live: string[];
  let planPath: string;
  beforeAll(async () => {
    const zone = ZoneResolver.fromText(
      ['$TTL 300', '@ SOA ns h 1 7200 3600 1209600 300', '@ NS ns', 'ns A 192.0.2.53', '@ MX 10 mx', 'mx A 192.0.2.25', '@ TXT "v=spf1 ip4:192.0.2.25 -all"', '@ TXT "verify=unmanaged"', '_dmarc TXT "v=DMARC1; p=reject"'].join('\n'),
      { origin: 'live.example' },
    );
    server = await startDnsServer(zone, { ipv6: false });
    live = ['--resolver', `127.0.0.1:${server.ipv4.port}`];
    const cf = (content: string) => ({ zone_id: 'z1', name: '@', type: 'TXT', content, ttl: 1 });
    planPath = write(
      'live-plan.json',
      JSON.stringify({
        format_version: '1.2',
        resource_changes: [{ address: 'cloudflare_record.spf', mode: 'managed', type: 'cloudflare_record', name: 'spf', change: { actions: ['update'], before: cf('v=spf1 ip4:192.0.2.25 -all'), after: cf('v=spf1 ip4:192.0.2.25 +all'), after_unknown: {} } }],
        prior_state: { values: { root_module: { resources: [{ type: 'cloudflare_zone', values: { id: 'z1', zone: 'live.example' } }] } } },
      }),
    );
  });
  afterAll(async () => server.stop());

  it('--overlay plan.json changes the one record the resource owns and keeps the unmanaged ones', async () => {
    const run = await runBuiltCli(['lookup', 'live.example', 'TXT', '--overlay', planPath, ...live]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('"verify=unmanaged"');
    expect(run.stdout).toContain('"v=spf1 ip4:192.0.2.25 +all"');
    expect(run.stdout).not.toContain('-all');
    const mx = await runBuiltCli(['lookup', 'live.example', 'MX', '--overlay', planPath, ...live]);
    expect(mx.stdout).toContain('10 mx.live.example.');
  });

  it('diff --plan over the live DNS: the domain the plan touches, what it introduces', async () => {
    const run = await runBuiltCli(['diff', '--plan', planPath, '--format', 'json', ...live]);
    const report = JSON.parse(run.stdout) as { domains: { domain: string }[]; base: { paths: string[] }; findings: { id: string }[] };
    expect(report.domains.map((d) => d.domain)).toEqual(['live.example']);
    expect(report.base.paths).toEqual(['the live DNS']);
    expect(report.findings.map((f) => f.id)).toContain('spf-plus-all');
    expect(run.code).toBe(1);
  });
});

describe('octoDNS zones in git: diff --base-ref', () => {
  it('reads the zone file and the split-zone folder at the ref and in the working tree', async () => {
    const box = gitSandbox();
    try {
      const repo = join(box.root, 'dns');
      box.git(box.root, ['init', '-q', repo]);
      box.write(repo, {
        'zones/a.example.yaml': "'':\n  type: TXT\n  value: v=spf1 -all\n_dmarc:\n  type: TXT\n  value: v=DMARC1\\; p=reject\n",
        'zones/b.example./$b.example.yaml': "'':\n  type: TXT\n  value: v=spf1 -all\n",
        'zones/b.example./_dmarc.yaml': "_dmarc:\n  type: TXT\n  value: v=DMARC1\\; p=none\n",
      });
      box.commit(repo, 'zones', '2026-12-01T00:00:00Z');
      box.write(repo, { 'zones/a.example.yaml': "'':\n  type: TXT\n  value: v=spf1 -all\n_dmarc:\n  type: TXT\n  value: v=DMARC1\\; p=none\n", 'zones/b.example./_dmarc.yaml': "_dmarc:\n  type: TXT\n  value: v=DMARC1\\; p=reject\n" });
      const run = await runBuiltCli(['diff', '--base-ref', 'HEAD', '--head', 'zones', '--offline', '--format', 'json'], { cwd: repo, env: box.env });
      const report = JSON.parse(run.stdout) as { domains: { domain: string; introduced: { id: string }[]; resolved: { id: string }[] }[] };
      const by = new Map(report.domains.map((d) => [d.domain, d]));
      expect(by.get('a.example')?.introduced.map((f) => f.id)).toContain('dmarc-policy-none');
      expect(by.get('b.example')?.resolved.map((f) => f.id)).toContain('dmarc-policy-none');
    } finally {
      box.remove();
    }
  });
});
