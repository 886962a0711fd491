// `authaudit scan`, driven through the built CLI (`npm run build` first) over a generated world:
// offline from its zone files, and live from a loopback DNS server serving the same zones.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateWorld, writeWorld } from '../../bench/lib/world.mjs';
import { loadZoneResolver } from '../../src/dns/zone-resolver.js';
import { startDnsServer, type TestDnsServer } from '../helpers/dns-server.js';
import { REPO_ROOT, runBuiltCli, type CliRun } from '../helpers/run-cli.js';
import { burstOf } from '../../src/dns/server-pacer.js';
import { reportValidator } from '../report/schemas.js';

const world = generateWorld({ seed: 21, senders: 24 });
const domains = world.senders.map((s) => s.domain);
let dir: string;
let zones: string;
let server: TestDnsServer;
const resolverArg = (): string => `${server.ipv4.address}:${server.ipv4.port}`;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'authaudit-scan-'));
  zones = path.join(dir, 'zones');
  mkdirSync(zones);
  await writeWorld(world, zones);
  server = await startDnsServer(await loadZoneResolver([zones]));
});

afterAll(async () => {
  await server.stop();
  await rm(dir, { recursive: true, force: true });
});

function inputFile(name: string, lines: readonly string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

type Doc = Record<string, unknown> & { domains: Array<Record<string, unknown> & { domain: string }>; line: number };
const parseLines = (text: string): Doc[] => text.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Doc);
const withoutScanFields = (doc: Doc): Record<string, unknown> => {
  const { stats: _stats, line: _line, dnsFailures: _failures, ...rest } = doc;
  return rest;
};

/** The built CLI as a child process whose standard input is `stdin`. */
function runWithStdin(args: string[], stdin: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'authaudit.js'), ...args], { cwd: REPO_ROOT, env: { PATH: process.env['PATH'] ?? '', NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** The resumed output holds every domain once, each line equal to one uninterrupted scan's (`stats` aside). */
async function expectEveryDomainOnceAsOneScan(out: string, input: string, domains: readonly string[]): Promise<void> {
  const after = parseLines(readFileSync(out, 'utf8'));
  const names = after.map((l) => l.domains[0]!.domain);
  expect(names.length).toBe(domains.length);
  expect(new Set(names).size).toBe(domains.length);
  const whole = await runBuiltCli(['scan', '--input', input, '--resolver', resolverArg(), '--selector', 'none']);
  const key = (l: Doc) => l.domains[0]!.domain;
  const sorted = (docs: Doc[]) => [...docs].sort((a, b) => key(a).localeCompare(key(b))).map(withoutScanFields);
  expect(sorted(after)).toEqual(sorted(parseLines(whole.stdout)));
}

describe('scan: NDJSON lines are the per-domain audit reports', () => {
  it('writes one line per domain, each the document `audit DOMAIN --format json` prints, plus its input line number', async () => {
    const input = inputFile('all.txt', ['# the generated world', ...domains]);
    const scan = await runBuiltCli(['scan', '--input', input, '--zone', zones]);
    expect(scan.code, scan.stderr).toBe(0);
    const lines = parseLines(scan.stdout);
    expect(lines.map((l) => l.domains[0]?.domain).sort()).toEqual([...domains].sort());
    for (const l of lines) expect(l.line).toBe(domains.indexOf(l.domains[0]!.domain) + 2);
    // a few domains one by one: the very document
    for (const domain of domains.slice(0, 4)) {
      const one = await runBuiltCli(['audit', domain, '--zone', zones, '--format', 'json', '--fail-on', 'never']);
      const line = lines.find((l) => l.domains[0]?.domain === domain) as Doc;
      expect(withoutScanFields(line)).toEqual(withoutScanFields(JSON.parse(one.stdout) as Doc));
      expect(line.stats).toBeNull();
      expect(line.dnsFailures).toBe(0);
    }
    // every domain: its entry equals the one of an audit of all of them
    const all = JSON.parse((await runBuiltCli(['audit', ...domains, '--zone', zones, '--format', 'json', '--fail-on', 'never'])).stdout) as Doc;
    for (const entry of all.domains) expect(lines.find((l) => l.domains[0]?.domain === entry.domain)?.domains[0]).toEqual(entry);
    expect(scan.stderr).toMatch(new RegExp(`^scan: ${domains.length} domains audited in `, 'm'));
    const validate = reportValidator();
    for (const l of lines) expect(validate(l), JSON.stringify(validate.errors)).toBe(true);
  });

  it('reads CSV with a domain column from standard input and writes the CSV contract', async () => {
    const csv = ['owner,domain,notes', `ops,${domains[0]},"a, quoted note"`, `ops,"${domains[1]}",`].join('\n');
    const run = await runWithStdin(['scan', '--input', '-', '--zone', zones, '--format', 'csv'], csv);
    expect(run.code, run.stderr).toBe(0);
    const rows = run.stdout.trimEnd().split('\n');
    expect(rows[0]).toBe('domain,verdict,errors,warnings,info,spf_lookups,spf_void,dmarc_policy,dkim_selectors,mx,dns_failures');
    expect(rows.slice(1).map((r) => r.split(',')[0]).sort()).toEqual([domains[0], domains[1]].sort());
    for (const row of rows.slice(1)) expect(row.split(',')).toHaveLength(11);
  });
});

describe('scan: bad input', () => {
  it('audits a duplicate once, passes over blank lines and reports a line that is not a domain with its number, then goes on', async () => {
    const input = inputFile('bad.txt', [domains[0]!, '', `  ${domains[1]!.toUpperCase()}  # a comment`, 'news@shop.example', domains[0]!, 'not a domain']);
    const run = await runBuiltCli(['scan', '--input', input, '--zone', zones]);
    expect(run.code, run.stderr).toBe(0);
    const lines = parseLines(run.stdout);
    expect(lines.map((l) => [l.domains[0]?.domain, l.line]).sort()).toEqual([[domains[0], 1], [domains[1], 3]].sort());
    expect(run.stderr).toContain(`${input}:4: domain 'news@shop.example' is an email address`);
    expect(run.stderr).toMatch(new RegExp(`${input.replace(/[.]/g, '\\.')}:6: domain 'not a domain' `));
    expect(run.stderr).toMatch(/5 lines read, 1 duplicates, 0 already in the output, 2 not a domain/);
  });

  it('refuses an unreadable input, an output in a missing folder, --resume without --output and a report format, each before any question (exit 2)', async () => {
    const input = inputFile('one.txt', [domains[0]!]);
    const cases: Array<[string[], RegExp]> = [
      [['--input', path.join(dir, 'missing.txt')], /^authaudit: --input: cannot read '.*missing\.txt': no such file$/m],
      [['--input', dir], /cannot read '.*': is a folder, not a file/],
      [['--input', input, '--output', path.join(dir, 'nowhere', 'out.ndjson')], /^authaudit: --output '.*out\.ndjson': cannot write into '.*nowhere': no such folder$/m],
      [['--input', input, '--resume'], /--resume needs exactly one --output file/],
      [['--input', input, '--format', 'sarif'], /--format must be one of ndjson, csv for this command \(got 'sarif'\)/],
      [['--input', input, '--concurrency', '0'], /--concurrency must be a whole number from 1 to 1024 \(got '0'\)/],
      [['--input', input, '--workers', '0'], /^authaudit: --workers must be a whole number from 1 to 64 \(got '0'\)$/m],
      [['--input', input, '--workers', '1.5'], /--workers must be a whole number from 1 to 64 \(got '1\.5'\)/],
      [['--input', input, '--workers', '65'], /--workers must be a whole number from 1 to 64 \(got '65'\)/],
      [['--input', input, '--summary', path.join(dir, 'nowhere', 's.json')], /--output 'json=.*s\.json': cannot write into/],
    ];
    for (const [args, message] of cases) {
      const run = await runBuiltCli(['scan', ...args, '--resolver', '127.0.0.1:9', '--timeout', '50']);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.stdout).toBe('');
    }
    expect(existsSync(path.join(dir, 'nowhere'))).toBe(false);
  });
});

describe('scan: exit codes and the summary', () => {
  it('exits 0 whatever it finds, 1 only with an explicit --fail-on, 3 when every domain\'s DNS failed', async () => {
    const input = inputFile('codes.txt', domains.slice(0, 6));
    const plain = await runBuiltCli(['scan', '--input', input, '--zone', zones, '--quiet']);
    expect(plain.code).toBe(0);
    expect(parseLines(plain.stdout).some((l) => (l['summary'] as { error: number }).error > 0)).toBe(true);
    expect((await runBuiltCli(['scan', '--input', input, '--zone', zones, '--fail-on', 'error'])).code).toBe(1);
    const dead = await runBuiltCli(['scan', '--input', input, '--resolver', '127.0.0.1:9', '--timeout', '50', '--deadline', '2000']);
    expect(dead.code, dead.stderr).toBe(3);
    expect(parseLines(dead.stdout).every((l) => (l['dnsFailures'] as number) > 0)).toBe(true);
    expect(dead.stderr).toContain('DNS unusable');
  });

  it('writes the summary as JSON with --summary: counts by verdict, finding id, DMARC policy and SPF lookups', async () => {
    const input = inputFile('summary.txt', [...domains.slice(0, 10), domains[0]!, 'x']);
    const file = path.join(dir, 'summary.json');
    const run = await runBuiltCli(['scan', '--input', input, '--zone', zones, '--summary', file, '--format', 'csv']);
    expect(run.code, run.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown> & { byVerdict: Record<string, number>; spfLookups: Record<string, number>; byDmarcPolicy: Record<string, number> };
    expect(summary).toMatchObject({ lines: 12, audited: 10, duplicates: 1, badLines: 1, resumed: 0, dnsFailed: 0 });
    const sum = (counts: Record<string, number>): number => Object.values(counts).reduce((a, b) => a + b, 0);
    expect(sum(summary.byVerdict)).toBe(10);
    expect(sum(summary.spfLookups)).toBe(10);
    expect(sum(summary.byDmarcPolicy)).toBe(10);
    expect(run.stderr).not.toContain('scan: 10 domains');
  });
});

describe('scan --resume', () => {
  it('after the process is killed mid-run (and a torn last line), carries on: every domain once, the same lines as one whole run', async () => {
    const input = inputFile('resume.txt', domains);
    const out = path.join(dir, 'resume.ndjson');
    // slow answers, one domain at a time: the run is still going when it is killed
    server.fault({ kind: 'delay', ms: 15 });
    try {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'authaudit.js'), 'scan', '--input', input, '--resolver', resolverArg(), '--output', out, '--quiet', '--concurrency', '1', '--selector', 'none'], { cwd: REPO_ROOT, env: { PATH: process.env['PATH'] ?? '' } });
      const exited = new Promise((resolve) => child.on('exit', resolve));
      for (let i = 0; i < 600 && (!existsSync(out) || readFileSync(out, 'utf8').split('\n').length < 4); i++) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGKILL');
      await exited;
    } finally {
      server.clearFaults();
    }
    const before = parseLines(readFileSync(out, 'utf8'));
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(domains.length);
    appendFileSync(out, '{"schemaVersion":1,"tool":{"na'); // what a crash in mid-write would leave
    const resumed = await runBuiltCli(['scan', '--input', input, '--resolver', resolverArg(), '--output', out, '--resume', '--quiet', '--selector', 'none']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/cut a torn last line \(\d+ bytes\)/);
    await expectEveryDomainOnceAsOneScan(out, input, domains);
  });
});

describe('scan --qps', () => {
  it('sends a loopback server at most N queries (plus the bucket\'s burst) in each of its seconds, with one thread or two workers sharing the rate', async () => {
    const qps = 40;
    const input = inputFile('qps.txt', domains.slice(0, 8));
    for (const workers of ['1', '2']) {
      const start = server.received.length;
      const run = await runBuiltCli(['scan', '--input', input, '--resolver', resolverArg(), '--qps', String(qps), '--workers', workers, '--selector', 'none', '--quiet']);
      expect(run.code, run.stderr).toBe(0);
      const seen = server.received.slice(start);
      const perSecond = new Map<number, number>();
      for (const q of seen) perSecond.set(Math.floor(q.receivedAt / 1000), (perSecond.get(Math.floor(q.receivedAt / 1000)) ?? 0) + 1);
      // the run is long enough to be paced at all
      expect(seen.length).toBeGreaterThan(qps + burstOf(qps));
      for (const [, n] of perSecond) expect(n, `--workers ${workers}`).toBeLessThanOrEqual(qps + burstOf(qps));
    }
  });
});

describe('scan --workers', () => {
  const sortedLines = (text: string): string[] => text.split('\n').filter((l) => l !== '').sort();

  it('writes the same lines (NDJSON and CSV) and the same summary with 2 worker threads as with one', async () => {
    const input = inputFile('workers.txt', ['# the generated world, a duplicate and a bad line', ...domains, domains[3]!, 'not a domain']);
    const runs = [];
    for (const workers of ['1', '2']) {
      const csv = path.join(dir, `workers-${workers}.csv`);
      const summary = path.join(dir, `workers-${workers}.summary.json`);
      const run = await runBuiltCli(['scan', '--input', input, '--resolver', resolverArg(), '--workers', workers, '--output', `csv=${csv}`, '--summary', summary]);
      expect(run.code, run.stderr).toBe(0);
      const { seconds: _seconds, ...counts } = JSON.parse(readFileSync(summary, 'utf8')) as Record<string, unknown>;
      runs.push({ ndjson: sortedLines(run.stdout), csv: readFileSync(csv, 'utf8').split('\n'), counts, stderr: run.stderr });
    }
    const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(one.ndjson).toHaveLength(domains.length);
    expect(two.ndjson).toEqual(one.ndjson);
    expect(two.csv[0]).toBe(one.csv[0]); // the header, once
    expect(two.csv.slice(1).sort()).toEqual(one.csv.slice(1).sort());
    expect(two.counts).toEqual(one.counts);
    expect(two.counts).toMatchObject({ audited: domains.length, duplicates: 1, badLines: 1 });
    // the bad line is told once, by the thread that reads the input
    expect(two.stderr.match(/:\d+: domain 'not a domain' /g)).toHaveLength(1);
  });

  it('a run stopped by SIGTERM leaves whole lines, and --resume carries on with workers: every domain once, the same lines', async () => {
    const input = inputFile('workers-resume.txt', domains);
    const out = path.join(dir, 'workers-resume.ndjson');
    server.fault({ kind: 'delay', ms: 15 });
    let signal: NodeJS.Signals | null = null;
    try {
      const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'authaudit.js'), 'scan', '--input', input, '--resolver', resolverArg(), '--output', out, '--quiet', '--workers', '2', '--concurrency', '1', '--selector', 'none'], { cwd: REPO_ROOT, env: { PATH: process.env['PATH'] ?? '' } });
      const exited = new Promise<void>((resolve) => child.on('exit', (_code, s) => ((signal = s), resolve())));
      for (let i = 0; i < 600 && (!existsSync(out) || readFileSync(out, 'utf8').split('\n').length < 4); i++) await new Promise((r) => setTimeout(r, 50));
      child.kill('SIGTERM');
      await exited;
    } finally {
      server.clearFaults();
    }
    expect(signal).toBe('SIGTERM');
    const text = readFileSync(out, 'utf8');
    expect(text.endsWith('\n')).toBe(true);
    const before = parseLines(text);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.length).toBeLessThan(domains.length);
    const resumed = await runBuiltCli(['scan', '--input', input, '--resolver', resolverArg(), '--output', out, '--resume', '--workers', '2', '--selector', 'none', '--summary', path.join(dir, 'workers-resume.summary.json')]);
    expect(resumed.code, resumed.stderr).toBe(0);
    const summary = JSON.parse(readFileSync(path.join(dir, 'workers-resume.summary.json'), 'utf8')) as { resumed: number; audited: number };
    expect(summary).toMatchObject({ resumed: before.length, audited: domains.length - before.length });
    await expectEveryDomainOnceAsOneScan(out, input, domains);
  });
});
