// Domains the user names that the zone files of the run do not hold, through the BUILT command
// (`node bin/authaudit.js`; `npm test` builds first). Offline (--zone) such a domain is not checked:
// zone-not-covered (error) and a short report. With --overlay it is checked from the live DNS (here
// a loopback server) and overlay-not-covering (info) says so. Covered domains, and the names the
// checks visit on their own, are untouched (the demo snapshots in snapshot-audit.test.ts hold).
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { reportValidator } from '../report/schemas.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function authaudit(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['bin/authaudit.js', ...args], { cwd: ROOT, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } }, (err, stdout, stderr) => {
      resolve({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : -1, stdout, stderr });
    });
  });
}

interface JsonFinding {
  id: string;
  severity: string;
  message: string;
  evidence: { domain: string | null };
  fix: string | null;
}
interface Report {
  command: string;
  findings: JsonFinding[];
  [key: string]: unknown;
}

/** A JSON run: nothing on stderr, valid against the report schema. */
async function json(args: string[]): Promise<{ code: number; report: Report }> {
  const run = await authaudit([...args, '--format', 'json']);
  expect(run.stderr).toBe('');
  const report = JSON.parse(run.stdout) as Report;
  const validate = reportValidator();
  expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  return { code: run.code, report };
}

const ids = (r: Report): string[] => r.findings.map((f) => f.id);
const DEMO = ['--zone', 'fixtures/demo'];

describe('offline (--zone): a named domain outside every zone', () => {
  it('audit, text: exit 1, a short report holding the one finding', async () => {
    const run = await authaudit([...DEMO, 'nowhere.example']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(run.stdout.match(/zone-not-covered/g)).toHaveLength(1);
    expect(run.stdout).toContain('FAIL     nowhere.example  1 error, 0 warnings, 0 info');
    expect(run.stdout).not.toMatch(/spf-none|dmarc-no-record|mx-domain-nxdomain|dkim-none-found/);
    await expect(run.stdout).toMatchFileSnapshot('./snapshots/audit-not-covered.txt');
  });

  it('audit, JSON: schema-valid, every field of the domain present, the checks null', async () => {
    const { code, report } = await json([...DEMO, 'nowhere.example', 'northwind.example']);
    expect(code).toBe(1);
    // northwind.example publishes no MTA-STS and no BIMI: info findings of its own
    expect(ids(report)).toEqual(['zone-not-covered', 'mta-sts-not-published', 'bimi-none']);
    const domains = report['domains'] as Array<Record<string, unknown>>;
    expect(domains.map((d) => d['domain'])).toEqual(['nowhere.example', 'northwind.example']);
    expect(domains[0]).toEqual({
      domain: 'nowhere.example',
      verdict: 'fail',
      summary: { error: 1, warning: 0, info: 0 },
      findings: report.findings.slice(0, 1),
      changes: [],
      changesElsewhere: [],
      spf: null,
      dmarc: null,
      dkim: null,
      mx: null,
      ptr: [],
      mtaSts: null,
      tlsRpt: null,
      smtp: null,
      bimi: null,
      dnssec: null,
      profiles: null,
      predictions: null,
    });
    // the covered domain is audited in full, untouched
    expect(domains[1]?.['verdict']).toBe('pass');
    expect(domains[1]?.['spf']).not.toBeNull();
    expect(report.findings[0]?.message).toContain('zones read with --zone (');
    expect(report.findings[0]?.fix).toContain('--overlay');
  });

  it('audit, Markdown: the domain is a row marked not audited', async () => {
    const run = await authaudit([...DEMO, 'nowhere.example', '--format', 'markdown']);
    expect(run.stdout).toContain('| `nowhere.example` | **FAIL** | 1 | 0 | 0 | not audited | not audited |');
  });

  it('exit code follows --fail-on, and --ignore drops the finding', async () => {
    expect((await authaudit([...DEMO, 'nowhere.example', '--fail-on', 'never'])).code).toBe(0);
    const ignored = await json([...DEMO, 'nowhere.example', '--ignore', 'zone-not-covered']);
    expect(ignored.code).toBe(0);
    expect(ids(ignored.report)).toEqual([]);
  });

  it('a domain of the config file that the zones do not hold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'authaudit-coverage-'));
    try {
      const config = join(dir, 'authaudit.config.json');
      writeFileSync(config, JSON.stringify({ domains: ['northwind.example', 'elsewhere.test'], zone: [join(ROOT, 'fixtures/demo')] }));
      const { code, report } = await json(['--config', config]);
      expect(code).toBe(1);
      expect(report.findings.map((f) => [f.id, f.evidence.domain])).toEqual([
        ['mta-sts-not-published', '_mta-sts.northwind.example'],
        ['bimi-none', 'default._bimi.northwind.example'],
        ['zone-not-covered', 'elsewhere.test'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names reached through includes are not judged: megacorp alone, its includes outside the files', async () => {
    const { report } = await json(['--zone', 'fixtures/demo/megacorp.example.zone', 'megacorp.example']);
    expect(ids(report)).not.toContain('zone-not-covered');
    // the includes and MX hosts lie outside the one file: the checks say so in their own findings
    expect(ids(report)).toEqual(expect.arrayContaining(['spf-include-without-spf', 'mx-host-unresolvable']));
  });

  it.each([
    ['spf', ['spf', 'nowhere.example']],
    ['spf --ip', ['spf', 'nowhere.example', '--ip', '192.0.2.1']],
    ['dmarc', ['dmarc', 'nowhere.example']],
    ['dkim', ['dkim', 'nowhere.example', '--selector', 's1']],
    ['mx', ['mx', 'nowhere.example']],
    ['flatten', ['flatten', 'nowhere.example']],
  ])('%s: not checked, one finding, exit 1 (0 with --fail-on never)', async (_name, args) => {
    const { code, report } = await json([...args, ...DEMO]);
    expect(code).toBe(1);
    expect(ids(report)).toEqual(['zone-not-covered']);
    expect(report['domain']).toBe('nowhere.example');
    expect(report['covered']).toBe(false);
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'command', 'domain', 'covered', 'findings', 'summary', 'stats']);
    const text = await authaudit([...args, ...DEMO, '--fail-on', 'never']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^nowhere\.example: not checked/);
    expect(text.stdout).not.toMatch(/NXDOMAIN|spf-none|dmarc-no-record|mx-domain-nxdomain|dkim-/);
  });

  it('spf of a covered domain keeps its full report', async () => {
    const { report } = await json(['spf', 'shop.example', ...DEMO]);
    expect(report['covered']).toBeUndefined();
    expect(report['record']).toBe('v=spf1 include:sendwave.example -all');
    expect(ids(report)).not.toContain('zone-not-covered');
  });

  it('predict: a stream naming a domain outside the files (here its DKIM d=) is not predicted', async () => {
    const args = ['predict', ...DEMO, '--from', 'news@shop.example', '--dkim', 'elsewhere.test:s1', '--ip', '198.51.100.131'];
    const { code, report } = await json(args);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.id, f.evidence.domain])).toEqual([['zone-not-covered', 'elsewhere.test']]);
    expect(report['predictions']).toEqual([]);
    const text = await authaudit(args);
    expect(text.stdout).toMatch(/^Stream default: not predicted/);
    expect(text.stdout).toContain('zone-not-covered');
    // the same stream signed with a covered domain is predicted as before
    const covered = await json(['predict', ...DEMO, '--from', 'news@shop.example', '--dkim', 'sendwave.example:smtpapi', '--ip', '198.51.100.131']);
    expect(ids(covered.report)).not.toContain('zone-not-covered');
    expect((covered.report['predictions'] as unknown[]).length).toBeGreaterThan(0);
  });

  it('diff --offline: a named domain in neither the base nor the head zones', async () => {
    const same = ['diff', '--base', 'fixtures/diff/head', '--head', 'fixtures/diff/head', '--offline'];
    expect((await authaudit([...same, 'acme.example'])).code).toBe(0);
    const { code, report } = await json([...same, 'acme.example', 'nowhere.example']);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.id, f.evidence.domain])).toEqual([['zone-not-covered', 'nowhere.example']]);
    expect(report.findings[0]?.fix).toContain('leave out --offline');
    const text = await authaudit([...same, 'acme.example', 'nowhere.example']);
    expect(text.stdout).toMatch(/^Errors \(1\)\n {2}error {3}zone-not-covered/);
    const markdown = await authaudit([...same, 'acme.example', 'nowhere.example', '--format', 'markdown']);
    expect(markdown.stdout).toContain('### Named domains outside the zone files (1)');
  });
});

describe('--overlay over a loopback server: a named domain outside the overlay', () => {
  let server: TestDnsServer;
  let overlay: string[];
  beforeAll(async () => {
    server = await startDnsServer(await loadZoneResolver(['fixtures/demo']), { ipv6: false });
    overlay = ['--overlay', 'fixtures/demo/shop.example.zone', '--resolver', `127.0.0.1:${server.ipv4.port}`];
  });
  afterAll(async () => {
    await server.stop();
  });

  it('audit: checked live in full, with overlay-not-covering; the overlay domain has none', async () => {
    const { code, report } = await json([...overlay, 'northwind.example', 'shop.example']);
    const domains = report['domains'] as Array<{ domain: string; verdict: string; findings: JsonFinding[]; spf: unknown }>;
    expect(domains[0]?.findings.map((f) => f.id)).toEqual(['overlay-not-covering', 'mta-sts-not-published', 'bimi-none']);
    expect(domains[0]?.findings[0]?.severity).toBe('info');
    expect(domains[0]?.findings[0]?.message).toContain('came from the live DNS');
    expect(domains[0]?.verdict).toBe('pass');
    expect(domains[0]?.spf).not.toBeNull();
    expect(domains[1]?.findings.map((f) => f.id)).not.toContain('overlay-not-covering');
    expect(server.received.some((q) => q.name === 'northwind.example')).toBe(true);
    expect(code).toBe(0); // an info does not fail the run …
    expect((await authaudit([...overlay, 'northwind.example', '--fail-on', 'info'])).code).toBe(1); // … unless asked
  });

  it('--ignore overlay-not-covering works', async () => {
    const { code, report } = await json([...overlay, 'northwind.example', '--ignore', 'overlay-not-covering']);
    expect(code).toBe(0);
    expect(ids(report)).toEqual(['mta-sts-not-published', 'bimi-none']);
  });

  it('spf: the full tree, with the info finding', async () => {
    const { code, report } = await json(['spf', 'northwind.example', ...overlay]);
    expect(code).toBe(0);
    expect(ids(report)).toEqual(['overlay-not-covering']);
    expect(report['record']).not.toBeNull();
  });

  it('diff over the live DNS: a named domain in neither side is an info', async () => {
    const { report } = await json(['diff', '--base', 'fixtures/diff/head', '--head', 'fixtures/diff/head', '--resolver', `127.0.0.1:${server.ipv4.port}`, 'northwind.example']);
    expect(report.findings.map((f) => [f.id, f.evidence.domain])).toEqual([['overlay-not-covering', 'northwind.example']]);
  });
});
